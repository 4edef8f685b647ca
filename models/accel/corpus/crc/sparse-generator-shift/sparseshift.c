/* Table-free byte steps for generators whose part below x^w is short.
 * When the low part of G has degree d <= w - 9, the eight single-bit steps
 * of one byte never feed back into the bits they still have to examine, so
 * the byte's whole contribution is just the carry-less product of the
 * outgoing byte with the low part of G: a handful of shifts and xors, no
 * table and no inner bit loop.  The shift amounts are spelled out per model:
 *   CRC-64/GO-ISO  G = x^64 + x^4 + x^3 + x + 1   (reflected, preset and
 *                  final xor all ones),
 *   CRC-40/GSM     G = x^40 + x^26 + x^23 + x^17 + x^3 + 1  (MSB first,
 *                  zero preset, final xor all ones),
 *   CRC-24/BLE     G = x^24 + x^10 + x^9 + x^6 + x^4 + x^3 + x + 1
 *                  (reflected, preset 0x555555, no final xor). */
#include <stddef.h>
#include <stdint.h>

#define GSM40_MASK 0xFFFFFFFFFFull

/* reflected G's low part is 0xD8 << 56: bits 63, 62, 60, 59 */
#define GOISO_MIX(l) (((l) << 56) ^ ((l) << 55) ^ ((l) << 53) ^ ((l) << 52))

/* MSB-first low part 0x4820009: x^26, x^23, x^17, x^3, 1 */
#define GSM40_MIX(t) (((t) << 26) ^ ((t) << 23) ^ ((t) << 17) ^ ((t) << 3) ^ (t))

uint64_t goiso_update(uint64_t reg, const unsigned char *p, const unsigned char *end)
{
    uint64_t low;
    while (p != end) {
        reg ^= *p++;
        low = reg & 0xFFu;
        reg = (reg >> 8) ^ GOISO_MIX(low);
    }
    return reg;
}

uint64_t crc64_goiso(const void *buf, size_t len)
{
    const unsigned char *p = (const unsigned char *)buf;
    return ~goiso_update(~(uint64_t)0, p, p + len);
}

/* Register kept left at bit 39; four bytes per trip, then the tail. */
uint64_t gsm40_update(uint64_t reg, const uint8_t *msg, size_t len)
{
    uint64_t top;
    size_t quads = len >> 2;

#define GSM40_STEP(b)                                   \
    do {                                                \
        top = ((reg >> 32) ^ (uint64_t)(b)) & 0xFFu;    \
        reg = ((reg << 8) & GSM40_MASK) ^ GSM40_MIX(top); \
    } while (0)

    for (; quads != 0; quads--, msg += 4) {
        GSM40_STEP(msg[0]);
        GSM40_STEP(msg[1]);
        GSM40_STEP(msg[2]);
        GSM40_STEP(msg[3]);
    }
    switch (len & 3) {
    case 3: GSM40_STEP(*msg++); /* fall through */
    case 2: GSM40_STEP(*msg++); /* fall through */
    case 1: GSM40_STEP(*msg++); /* fall through */
    default: break;
    }
#undef GSM40_STEP
    return reg;
}

uint64_t crc40_gsm(const uint8_t *msg, size_t len)
{
    return gsm40_update(0, msg, len) ^ GSM40_MASK;
}

/* 24-bit reflected register in a uint32_t (the preset in register order:
 * the catalogue's 0x555555 is 0xAAAAAA here); G reflected has its bits at
 * 23, 22, 20, 19, 17, 14 and 13, so byte l contributes l shifted by
 * 16, 15, 13, 12, 10, 7 and 6. */
uint32_t crc24_ble(uint32_t preset, const uint8_t *pdu, unsigned n)
{
    uint32_t r = preset & 0xFFFFFFu;
    unsigned i;
    for (i = 0; i < n; i++) {
        uint32_t l = (r ^ pdu[i]) & 0xFFu;
        r = (r >> 8) ^ (l << 16) ^ (l << 15) ^ (l << 13) ^ (l << 12) ^
            (l << 10) ^ (l << 7) ^ (l << 6);
    }
    return r;
}

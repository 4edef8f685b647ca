/* ATM cell delineation by Header Error Control (ITU-T I.432.1).
 * HEC = CRC-8 of the four header octets with generator x^8+x^2+x+1,
 * MSB first, plus the coset 01010101.
 *
 * The byte step is split into two 16-entry tables, one for the high nibble
 * and one for the low nibble of (register XOR octet); the byte table entry
 * is their XOR because the CRC is linear.  A received header+HEC is checked
 * without comparing fields: feeding all five octets leaves the register at
 * the image of the coset, a constant.
 *
 * Delineation: HUNT examines every octet offset; a correct HEC moves to
 * PRESYNC, where DELTA consecutive correct HECs one cell apart give SYNC;
 * ALPHA consecutive incorrect HECs in SYNC fall back to HUNT. */
#include <stddef.h>
#include <stdint.h>

#define ATM_CELL 53
#define HEC_COSET 0x55u

/* (x << 8) mod G for x = n<<4 and x = n, n = 0..15 */
static const uint8_t hec_high_nib[16] = {
    0x00, 0x70, 0xE0, 0x90, 0xC7, 0xB7, 0x27, 0x57,
    0x89, 0xF9, 0x69, 0x19, 0x4E, 0x3E, 0xAE, 0xDE};
static const uint8_t hec_low_nib[16] = {
    0x00, 0x07, 0x0E, 0x09, 0x1C, 0x1B, 0x12, 0x15,
    0x38, 0x3F, 0x36, 0x31, 0x24, 0x23, 0x2A, 0x2D};

uint8_t hec_crc8(uint8_t reg, const uint8_t *octets, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++) {
        uint8_t x = (uint8_t)(reg ^ octets[i]);
        reg = (uint8_t)(hec_high_nib[x >> 4] ^ hec_low_nib[x & 0x0F]);
    }
    return reg;
}

uint8_t atm_header_hec(const uint8_t header[4])
{
    return (uint8_t)(hec_crc8(0, header, 4) ^ HEC_COSET);
}

/* Register value left by a header followed by its correct HEC. */
static uint8_t hec_good_remainder(void)
{
    return (uint8_t)(hec_high_nib[HEC_COSET >> 4] ^ hec_low_nib[HEC_COSET & 0x0F]);
}

int atm_header_ok(const uint8_t five[5])
{
    return hec_crc8(0, five, 5) == hec_good_remainder();
}

enum atm_state { ATM_HUNT, ATM_PRESYNC, ATM_SYNC };

struct atm_aligner {
    enum atm_state state;
    unsigned alpha; /* misses tolerated before losing sync */
    unsigned delta; /* hits required to declare sync */
    unsigned run;   /* consecutive hits (PRESYNC) or misses (SYNC) */
    unsigned long lost, found;
};

void atm_aligner_init(struct atm_aligner *a, unsigned alpha, unsigned delta)
{
    a->state = ATM_HUNT;
    a->alpha = alpha;
    a->delta = delta;
    a->run = 0;
    a->lost = a->found = 0;
}

/* Scan a buffer of octets; offsets of cells accepted in SYNC state are
 * written to cells[] (at most max).  Returns the number written. */
size_t atm_aligner_scan(struct atm_aligner *a, const uint8_t *s, size_t len,
                        size_t *cells, size_t max)
{
    size_t pos = 0, out = 0;
    while (pos + 5 <= len) {
        int hit = atm_header_ok(s + pos);
        switch (a->state) {
        case ATM_HUNT:
            if (hit) {
                a->state = ATM_PRESYNC;
                a->run = 0;
                pos += ATM_CELL;
            } else {
                pos++;
            }
            break;
        case ATM_PRESYNC:
            if (!hit) {
                a->state = ATM_HUNT;
                pos = pos - ATM_CELL + 1; /* resume just after the false start */
            } else {
                if (++a->run >= a->delta) {
                    a->state = ATM_SYNC;
                    a->run = 0;
                    a->found++;
                }
                pos += ATM_CELL;
            }
            break;
        case ATM_SYNC:
            if (hit) {
                a->run = 0;
                if (pos + ATM_CELL <= len && out < max)
                    cells[out++] = pos;
            } else if (++a->run >= a->alpha) {
                a->state = ATM_HUNT;
                a->lost++;
                pos++;
                break;
            }
            pos += ATM_CELL;
            break;
        }
    }
    return out;
}

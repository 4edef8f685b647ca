/* KATAN32: 32-bit block, 80-bit key, 254 rounds of two coupled NLFSRs.
 * State is bit-packed: reg1 holds 13 bits, reg2 holds 19 bits. */
#include <stdint.h>
#include <string.h>

#define NR 254
#define BIT(w, i) (((w) >> (i)) & 1u)

struct ktn_sched {
    uint8_t kb[2 * NR];   /* one subkey bit per byte */
    uint8_t ir[NR];       /* round-dependent constant */
};

/* Unroll the 80-bit key register and the 8-bit constant LFSR. */
void ktn_prepare(struct ktn_sched *s, const uint8_t key[10])
{
    uint64_t lo = 0;
    uint32_t hi = 0;
    unsigned c = 0xFFu;
    int i;

    for (i = 0; i < 8; i++)
        lo |= (uint64_t)key[i] << (8 * i);
    hi = (uint32_t)key[8] | ((uint32_t)key[9] << 8);

    for (i = 0; i < 2 * NR; i++) {
        unsigned fb = (unsigned)((lo ^ (lo >> 19) ^ (lo >> 30)) & 1u) ^ BIT(hi, 3);
        s->kb[i] = (uint8_t)(lo & 1u);
        lo = (lo >> 1) | ((uint64_t)(hi & 1u) << 63);
        hi = (hi >> 1) | (fb << 15);
    }
    for (i = 0; i < NR; i++) {
        unsigned f = BIT(c, 0) ^ BIT(c, 1) ^ BIT(c, 3) ^ BIT(c, 5);
        s->ir[i] = (uint8_t)BIT(c, 1);
        c = (c >> 1) | (f << 7);
    }
}

uint32_t ktn_enc(const struct ktn_sched *s, uint32_t pt)
{
    uint32_t r2 = pt & 0x7FFFFu;        /* bits 0..18  */
    uint32_t r1 = (pt >> 19) & 0x1FFFu; /* bits 19..31 */
    int i;
    for (i = 0; i < NR; i++) {
        uint32_t fa = BIT(r1, 12) ^ BIT(r1, 7) ^ (BIT(r1, 8) & BIT(r1, 5)) ^
                      (BIT(r1, 3) & s->ir[i]) ^ s->kb[2 * i];
        uint32_t fb = BIT(r2, 18) ^ BIT(r2, 7) ^ (BIT(r2, 12) & BIT(r2, 10)) ^
                      (BIT(r2, 8) & BIT(r2, 3)) ^ s->kb[2 * i + 1];
        r1 = ((r1 << 1) | fb) & 0x1FFFu;
        r2 = ((r2 << 1) | fa) & 0x7FFFFu;
    }
    return r2 | (r1 << 19);
}

uint32_t ktn_dec(const struct ktn_sched *s, uint32_t ct)
{
    uint32_t r2 = ct & 0x7FFFFu;
    uint32_t r1 = (ct >> 19) & 0x1FFFu;
    int i;
    for (i = NR - 1; i >= 0; i--) {
        uint32_t fb = r1 & 1u, fa = r2 & 1u;
        uint32_t top1, top2;
        r1 >>= 1;
        r2 >>= 1;
        /* recover the bits that were shifted out at the top */
        top1 = fa ^ BIT(r1, 7) ^ (BIT(r1, 8) & BIT(r1, 5)) ^
               (BIT(r1, 3) & s->ir[i]) ^ s->kb[2 * i];
        top2 = fb ^ BIT(r2, 7) ^ (BIT(r2, 12) & BIT(r2, 10)) ^
               (BIT(r2, 8) & BIT(r2, 3)) ^ s->kb[2 * i + 1];
        r1 |= top1 << 12;
        r2 |= top2 << 18;
    }
    return r2 | (r1 << 19);
}

/* ECB over a buffer of little-endian 32-bit words */
void ktn_ecb(const uint8_t key[10], uint8_t *buf, size_t n, int decrypt)
{
    struct ktn_sched s;
    size_t off;
    ktn_prepare(&s, key);
    for (off = 0; off + 4 <= n; off += 4) {
        uint32_t w;
        memcpy(&w, buf + off, 4);
        w = decrypt ? ktn_dec(&s, w) : ktn_enc(&s, w);
        memcpy(buf + off, &w, 4);
    }
}

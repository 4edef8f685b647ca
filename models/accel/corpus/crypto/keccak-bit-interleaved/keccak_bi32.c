/*
 * Keccak-f[1600] for 32-bit machines in the bit-interleaved representation
 * (Keccak team, "Keccak implementation overview", section 2.1): every
 * 64-bit lane is held as two 32-bit words, one with the lane's even bits and
 * one with its odd bits, so that a 64-bit rotation becomes two 32-bit
 * rotations (and a swap of the halves when the amount is odd).
 *
 * The rho offsets, the pi lane order and the iota round constants are not
 * written out: they are generated once from their definitions (the (x,y)
 * walk of rho and the degree-8 LFSR of iota) and the constants are stored
 * already interleaved.  On top: the FIPS 202 sponge with SHA3-256 and
 * SHAKE128.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

typedef struct {
    uint32_t ev[25];   /* even-numbered bits of each lane */
    uint32_t od[25];   /* odd-numbered bits of each lane */
    uint8_t pending[168];
    unsigned rate;     /* bytes */
    unsigned used;     /* bytes pending in the current block */
    uint8_t dsbyte;    /* domain separation + first pad bit */
} kbi_sponge;

static uint8_t kbi_rot[25];      /* rho offset of lane x+5y */
static uint8_t kbi_dest[25];     /* pi: lane x+5y moves to lane y+5(2x+3y) */
static uint32_t kbi_rc_ev[24];
static uint32_t kbi_rc_od[24];
static int kbi_ready;

static inline uint32_t rotl32(uint32_t v, unsigned n)
{
    n &= 31;
    return n ? (v << n) | (v >> (32 - n)) : v;
}

/* split a 64-bit lane into its even and odd bits */
static void kbi_spread(uint64_t lane, uint32_t *ev, uint32_t *od)
{
    uint32_t e = 0, o = 0;
    int i;
    for (i = 0; i < 32; i++) {
        e |= (uint32_t)((lane >> (2 * i)) & 1) << i;
        o |= (uint32_t)((lane >> (2 * i + 1)) & 1) << i;
    }
    *ev = e;
    *od = o;
}

/* inverse of kbi_spread */
static uint64_t kbi_gather(uint32_t ev, uint32_t od)
{
    uint64_t lane = 0;
    int i;
    for (i = 0; i < 32; i++) {
        lane |= (uint64_t)((ev >> i) & 1) << (2 * i);
        lane |= (uint64_t)((od >> i) & 1) << (2 * i + 1);
    }
    return lane;
}

void kbi_tables(void)
{
    int x = 1, y = 0, t, i, j;
    uint8_t lfsr = 1;

    if (kbi_ready)
        return;
    kbi_rot[0] = 0;
    for (t = 0; t < 24; t++) {
        int nx = y, ny = (2 * x + 3 * y) % 5;
        kbi_rot[x + 5 * y] = (uint8_t)(((t + 1) * (t + 2) / 2) % 64);
        x = nx;
        y = ny;
    }
    for (x = 0; x < 5; x++)
        for (y = 0; y < 5; y++)
            kbi_dest[x + 5 * y] = (uint8_t)(y + 5 * ((2 * x + 3 * y) % 5));
    /* rc[t] is bit t of the LFSR x^8+x^6+x^5+x^4+1 output; round i uses
     * bits 7i+j at lane positions 2^j - 1 */
    for (i = 0; i < 24; i++) {
        uint64_t rc = 0;
        for (j = 0; j < 7; j++) {
            if (lfsr & 1)
                rc |= (uint64_t)1 << ((1u << j) - 1);
            lfsr = (uint8_t)((lfsr & 0x80) ? (lfsr << 1) ^ 0x71 : lfsr << 1);
        }
        kbi_spread(rc, &kbi_rc_ev[i], &kbi_rc_od[i]);
    }
    kbi_ready = 1;
}

static void kbi_permute(uint32_t *ev, uint32_t *od)
{
    uint32_t ce[5], co[5], de[5], dd[5], be[25], bo[25];
    int round, x, y, l;

    for (round = 0; round < 24; round++) {
        /* theta */
        for (x = 0; x < 5; x++) {
            ce[x] = ev[x] ^ ev[x + 5] ^ ev[x + 10] ^ ev[x + 15] ^ ev[x + 20];
            co[x] = od[x] ^ od[x + 5] ^ od[x + 10] ^ od[x + 15] ^ od[x + 20];
        }
        for (x = 0; x < 5; x++) {
            int xm = (x + 4) % 5, xp = (x + 1) % 5;
            de[x] = ce[xm] ^ rotl32(co[xp], 1);  /* rot64 by 1 swaps halves */
            dd[x] = co[xm] ^ ce[xp];
        }
        for (l = 0; l < 25; l++) {
            ev[l] ^= de[l % 5];
            od[l] ^= dd[l % 5];
        }
        /* rho and pi */
        for (l = 0; l < 25; l++) {
            unsigned r = kbi_rot[l], d = kbi_dest[l];
            if (r & 1) {
                be[d] = rotl32(od[l], (r + 1) >> 1);
                bo[d] = rotl32(ev[l], r >> 1);
            } else {
                be[d] = rotl32(ev[l], r >> 1);
                bo[d] = rotl32(od[l], r >> 1);
            }
        }
        /* chi, on each half independently */
        for (y = 0; y < 25; y += 5) {
            for (x = 0; x < 5; x++) {
                int x1 = y + (x + 1) % 5, x2 = y + (x + 2) % 5;
                ev[y + x] = be[y + x] ^ (~be[x1] & be[x2]);
                od[y + x] = bo[y + x] ^ (~bo[x1] & bo[x2]);
            }
        }
        /* iota */
        ev[0] ^= kbi_rc_ev[round];
        od[0] ^= kbi_rc_od[round];
    }
}

static void kbi_xor_block(kbi_sponge *s, const uint8_t *blk)
{
    unsigned lane;
    for (lane = 0; lane < s->rate / 8; lane++) {
        uint64_t v = 0;
        uint32_t e, o;
        int k;
        for (k = 7; k >= 0; k--)
            v = (v << 8) | blk[8 * lane + k];
        kbi_spread(v, &e, &o);
        s->ev[lane] ^= e;
        s->od[lane] ^= o;
    }
    kbi_permute(s->ev, s->od);
}

void kbi_begin(kbi_sponge *s, unsigned rate_bytes, uint8_t dsbyte)
{
    kbi_tables();
    memset(s, 0, sizeof *s);
    s->rate = rate_bytes;
    s->dsbyte = dsbyte;
}

void kbi_absorb(kbi_sponge *s, const uint8_t *in, size_t len)
{
    while (len > 0) {
        if (s->used == 0 && len >= s->rate) {
            kbi_xor_block(s, in);
            in += s->rate;
            len -= s->rate;
            continue;
        }
        {
            size_t n = s->rate - s->used;
            if (n > len)
                n = len;
            memcpy(s->pending + s->used, in, n);
            s->used += (unsigned)n;
            in += n;
            len -= n;
            if (s->used == s->rate) {
                kbi_xor_block(s, s->pending);
                s->used = 0;
            }
        }
    }
}

/* pad10*1 with the domain bits, then squeeze outlen bytes */
void kbi_squeeze(kbi_sponge *s, uint8_t *out, size_t outlen)
{
    unsigned lane, k;

    memset(s->pending + s->used, 0, s->rate - s->used);
    s->pending[s->used] ^= s->dsbyte;
    s->pending[s->rate - 1] ^= 0x80;
    kbi_xor_block(s, s->pending);

    for (;;) {
        for (lane = 0; lane < s->rate / 8; lane++) {
            uint64_t v = kbi_gather(s->ev[lane], s->od[lane]);
            for (k = 0; k < 8; k++) {
                if (outlen == 0)
                    return;
                *out++ = (uint8_t)(v >> (8 * k));
                outlen--;
            }
        }
        if (outlen == 0)
            return;
        kbi_permute(s->ev, s->od);
    }
}

void sha3_256_bi(const uint8_t *msg, size_t len, uint8_t digest[32])
{
    kbi_sponge s;
    kbi_begin(&s, 136, 0x06);
    kbi_absorb(&s, msg, len);
    kbi_squeeze(&s, digest, 32);
}

void shake128_bi(const uint8_t *msg, size_t len, uint8_t *out, size_t outlen)
{
    kbi_sponge s;
    kbi_begin(&s, 168, 0x1f);
    kbi_absorb(&s, msg, len);
    kbi_squeeze(&s, out, outlen);
}

/*
 * RECTANGLE-80: bit-slice SPN, 64-bit state as four 16-bit rows,
 * 25 rounds, 80-bit key held as five 16-bit rows.
 */
#include <stdint.h>
#include <stddef.h>

static const uint8_t RS[16] = {
    0x6, 0x5, 0xC, 0xA, 0x1, 0xE, 0x7, 0x9,
    0xB, 0x0, 0x3, 0xD, 0x8, 0xF, 0x4, 0x2
};
static const uint8_t RSI[16] = {
    0x9, 0x4, 0xF, 0xA, 0xE, 0x1, 0x0, 0x6,
    0xC, 0x7, 0x3, 0x8, 0x2, 0xB, 0x5, 0xD
};

struct rect_rk {
    uint16_t w[26][4];
};

static inline uint16_t rl16(uint16_t v, unsigned n)
{
    return (uint16_t)((v << n) | (v >> (16 - n)));
}

static void columns(uint16_t r[4], int ncols, const uint8_t *box)
{
    for (int j = 0; j < ncols; j++) {
        unsigned in = ((r[0] >> j) & 1u) | (((r[1] >> j) & 1u) << 1) |
                      (((r[2] >> j) & 1u) << 2) | (((r[3] >> j) & 1u) << 3);
        unsigned o = box[in];
        uint16_t m = (uint16_t)~(1u << j);
        r[0] = (uint16_t)((r[0] & m) | ((o & 1u) << j));
        r[1] = (uint16_t)((r[1] & m) | (((o >> 1) & 1u) << j));
        r[2] = (uint16_t)((r[2] & m) | (((o >> 2) & 1u) << j));
        r[3] = (uint16_t)((r[3] & m) | (((o >> 3) & 1u) << j));
    }
}

/* key rows: k[0] = key bits 15..0, ..., k[4] = key bits 79..64 */
void rect_prepare(struct rect_rk *rk, const uint16_t key[5])
{
    uint16_t k[5];
    uint8_t rc = 0x01;
    for (int i = 0; i < 5; i++)
        k[i] = key[i];
    for (int r = 0; r <= 25; r++) {
        for (int i = 0; i < 4; i++)
            rk->w[r][i] = k[i];
        if (r == 25)
            break;
        columns(k, 4, RS);
        uint16_t r0 = k[0];
        k[0] = (uint16_t)(rl16(k[0], 8) ^ k[1]);
        k[1] = k[2];
        k[2] = k[3];
        k[3] = (uint16_t)(rl16(k[3], 12) ^ k[4]);
        k[4] = r0;
        k[0] ^= rc;
        rc = (uint8_t)(((rc << 1) | (((rc >> 4) ^ (rc >> 2)) & 1u)) & 0x1F);
    }
}

void rect_encrypt(const struct rect_rk *rk, uint16_t st[4])
{
    for (int r = 0; r < 25; r++) {
        for (int i = 0; i < 4; i++)
            st[i] ^= rk->w[r][i];
        columns(st, 16, RS);
        st[1] = rl16(st[1], 1);
        st[2] = rl16(st[2], 12);
        st[3] = rl16(st[3], 13);
    }
    for (int i = 0; i < 4; i++)
        st[i] ^= rk->w[25][i];
}

void rect_decrypt(const struct rect_rk *rk, uint16_t st[4])
{
    for (int i = 0; i < 4; i++)
        st[i] ^= rk->w[25][i];
    for (int r = 24; r >= 0; r--) {
        st[1] = rl16(st[1], 15);
        st[2] = rl16(st[2], 4);
        st[3] = rl16(st[3], 3);
        columns(st, 16, RSI);
        for (int i = 0; i < 4; i++)
            st[i] ^= rk->w[r][i];
    }
}

/* CBC-MAC over a message padded with 0x80 0x00.. ; writes 8-byte tag */
void rect_cbcmac(const struct rect_rk *rk, const uint8_t *msg, size_t len,
                 uint8_t tag[8])
{
    uint16_t st[4] = {0, 0, 0, 0};
    uint8_t blk[8];
    size_t off = 0;
    int last = 0;
    while (!last) {
        for (int j = 0; j < 8; j++) {
            if (off + j < len)
                blk[j] = msg[off + j];
            else if (off + j == len)
                blk[j] = 0x80;
            else
                blk[j] = 0;
        }
        if (off + 8 > len)
            last = 1;
        for (int i = 0; i < 4; i++)
            st[i] ^= (uint16_t)(blk[2 * i] | (blk[2 * i + 1] << 8));
        rect_encrypt(rk, st);
        off += 8;
    }
    for (int i = 0; i < 4; i++) {
        tag[2 * i] = (uint8_t)st[i];
        tag[2 * i + 1] = (uint8_t)(st[i] >> 8);
    }
}

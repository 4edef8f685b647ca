/*
 * OpenPGP ASCII-armour checksum (RFC 4880 section 6.1; RevEng
 * CRC-24/OPENPGP): generator 0x864CFB, preset 0xB704CE, MSB first, no
 * final XOR.
 *
 * Armour is base64, which cuts every three octets into four 6-bit groups,
 * so this version advances the 24-bit register six message bits at a
 * time.  sextet_residue[s] = s(x) * x^24 mod G for a 6-bit s; a step over
 * k <= 6 bits XORs the k bits leaving the top of the register with the k
 * message bits and looks the result up in the same table.
 */
#include <stddef.h>
#include <stdint.h>

#define ARMOR_PRESET 0xB704CEul
#define REG_MASK     0xFFFFFFul

static const unsigned long sextet_residue[64] = {
    0x000000, 0x864CFB, 0x8AD50D, 0x0C99F6, 0x93E6E1, 0x15AA1A, 0x1933EC, 0x9F7F17,
    0xA18139, 0x27CDC2, 0x2B5434, 0xAD18CF, 0x3267D8, 0xB42B23, 0xB8B2D5, 0x3EFE2E,
    0xC54E89, 0x430272, 0x4F9B84, 0xC9D77F, 0x56A868, 0xD0E493, 0xDC7D65, 0x5A319E,
    0x64CFB0, 0xE2834B, 0xEE1ABD, 0x685646, 0xF72951, 0x7165AA, 0x7DFC5C, 0xFBB0A7,
    0x0CD1E9, 0x8A9D12, 0x8604E4, 0x00481F, 0x9F3708, 0x197BF3, 0x15E205, 0x93AEFE,
    0xAD50D0, 0x2B1C2B, 0x2785DD, 0xA1C926, 0x3EB631, 0xB8FACA, 0xB4633C, 0x322FC7,
    0xC99F60, 0x4FD39B, 0x434A6D, 0xC50696, 0x5A7981, 0xDC357A, 0xD0AC8C, 0x56E077,
    0x681E59, 0xEE52A2, 0xE2CB54, 0x6487AF, 0xFBF8B8, 0x7DB443, 0x712DB5, 0xF7614E,
};

struct armor_sum {
    unsigned long reg;     /* 24-bit remainder register      */
    unsigned carry;        /* message bits not yet absorbed  */
    unsigned carry_bits;   /* how many (0, 2 or 4)           */
};

static unsigned long sextet_step(unsigned long reg, unsigned group, unsigned nbits)
{
    unsigned idx = (unsigned)(reg >> (24u - nbits)) ^ group;
    idx &= (1u << nbits) - 1u;
    return ((reg << nbits) & REG_MASK) ^ sextet_residue[idx];
}

void armor_sum_start(struct armor_sum *s)
{
    s->reg = ARMOR_PRESET;
    s->carry = 0;
    s->carry_bits = 0;
}

void armor_sum_feed(struct armor_sum *s, const unsigned char *p, size_t n)
{
    unsigned long reg = s->reg;
    unsigned carry = s->carry, have = s->carry_bits;

    /* top up a partial sextet left from the previous call */
    while (have != 0 && n != 0) {
        unsigned v = (carry << 8) | *p++;
        unsigned total = have + 8u;           /* 10 or 12 bits */
        n--;
        reg = sextet_step(reg, (v >> (total - 6u)) & 0x3Fu, 6u);
        total -= 6u;
        if (total >= 6u) {                    /* 12 -> two whole sextets */
            reg = sextet_step(reg, v & 0x3Fu, 6u);
            total -= 6u;
        }
        carry = v & ((1u << total) - 1u);
        have = total;
    }

    /* aligned: three octets = four sextets */
    while (n >= 3) {
        unsigned a = p[0], b = p[1], c = p[2];
        reg = sextet_step(reg, a >> 2, 6u);
        reg = sextet_step(reg, ((a & 0x03u) << 4) | (b >> 4), 6u);
        reg = sextet_step(reg, ((b & 0x0Fu) << 2) | (c >> 6), 6u);
        reg = sextet_step(reg, c & 0x3Fu, 6u);
        p += 3;
        n -= 3;
    }

    if (n == 2) {
        reg = sextet_step(reg, p[0] >> 2, 6u);
        reg = sextet_step(reg, ((p[0] & 0x03u) << 4) | (p[1] >> 4), 6u);
        carry = p[1] & 0x0Fu;
        have = 4;
    } else if (n == 1) {
        reg = sextet_step(reg, p[0] >> 2, 6u);
        carry = p[0] & 0x03u;
        have = 2;
    }
    s->reg = reg;
    s->carry = carry;
    s->carry_bits = have;
}

unsigned long armor_sum_finish(const struct armor_sum *s)
{
    unsigned long reg = s->reg;
    if (s->carry_bits != 0)
        reg = sextet_step(reg, s->carry, s->carry_bits);
    return reg & REG_MASK;
}

unsigned long armor_sum_oneshot(const unsigned char *p, size_t n)
{
    struct armor_sum s;
    armor_sum_start(&s);
    armor_sum_feed(&s, p, n);
    return armor_sum_finish(&s);
}

/* The armour tail line: '=' followed by the checksum's three octets in
 * base64 (always exactly four characters), NUL terminated.              */
void armor_tail_line(unsigned long sum, char out[6])
{
    static const char alphabet[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    int i;
    out[0] = '=';
    for (i = 0; i < 4; i++)
        out[1 + i] = alphabet[(sum >> (18 - 6 * i)) & 0x3Fu];
    out[5] = '\0';
}

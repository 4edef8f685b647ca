/*
 * CRC-32/AUTOSAR (the "P4" polynomial 0xF4ACFB13, reflected, preset and final
 * inversion) with the receive side done the HDLC way: the receiver does not
 * extract and compare the FCS, it runs the register over the data *and* the
 * little-endian FCS and checks that the register ends up at the code's fixed
 * residue. For this code that residue is 0x904CDDBF (reflected register,
 * before the final inversion).
 *
 * The remainder table is built on first use from the bit-reversed generator
 * 0xC8DF352F; the main loop consumes four bytes per iteration.
 */
#include <stddef.h>
#include <stdint.h>

#define P4_REVERSED 0xC8DF352Fu
#define P4_PRESET 0xFFFFFFFFu
#define P4_RESIDUE 0x904CDDBFu

static uint32_t p4_table[256];
static int p4_ready;

static void p4_build(void)
{
    uint32_t n;
    for (n = 0; n < 256; n++) {
        uint32_t r = n;
        int k = 8;
        while (k--)
            r = (r >> 1) ^ (P4_REVERSED & (0u - (r & 1u)));
        p4_table[n] = r;
    }
    p4_ready = 1;
}

/* Advance the raw (uninverted) register over len bytes. */
uint32_t p4_run(uint32_t reg, const uint8_t *buf, size_t len)
{
    if (!p4_ready)
        p4_build();
    while (len >= 4) {
        reg = (reg >> 8) ^ p4_table[(reg ^ buf[0]) & 0xFF];
        reg = (reg >> 8) ^ p4_table[(reg ^ buf[1]) & 0xFF];
        reg = (reg >> 8) ^ p4_table[(reg ^ buf[2]) & 0xFF];
        reg = (reg >> 8) ^ p4_table[(reg ^ buf[3]) & 0xFF];
        buf += 4;
        len -= 4;
    }
    while (len--)
        reg = (reg >> 8) ^ p4_table[(reg ^ *buf++) & 0xFF];
    return reg;
}

/* The transmitted check value of a block. */
uint32_t p4_checksum(const uint8_t *buf, size_t len)
{
    return ~p4_run(P4_PRESET, buf, len);
}

/* Sender: frame[0..len) is the payload; four FCS bytes are written behind it,
 * least significant first (the order in which a reflected code sends them).
 * Returns the framed length. */
size_t p4_seal(uint8_t *frame, size_t len)
{
    uint32_t fcs = ~p4_run(P4_PRESET, frame, len);
    frame[len + 0] = (uint8_t)fcs;
    frame[len + 1] = (uint8_t)(fcs >> 8);
    frame[len + 2] = (uint8_t)(fcs >> 16);
    frame[len + 3] = (uint8_t)(fcs >> 24);
    return len + 4;
}

/* Receiver: frame holds payload followed by its FCS (framed_len >= 4).
 * Returns 1 when the frame is intact, without ever isolating the FCS. */
int p4_frame_ok(const uint8_t *frame, size_t framed_len)
{
    if (framed_len < 4)
        return 0;
    return p4_run(P4_PRESET, frame, framed_len) == P4_RESIDUE;
}

/* Receiver over a frame that arrives in pieces: the register is simply
 * carried from one piece to the next, the last piece ending with the FCS. */
int p4_pieces_ok(const uint8_t *const *piece, const size_t *piece_len,
                 size_t npieces)
{
    uint32_t reg = P4_PRESET;
    size_t i, total = 0;
    for (i = 0; i < npieces; i++) {
        reg = p4_run(reg, piece[i], piece_len[i]);
        total += piece_len[i];
    }
    return total >= 4 && reg == P4_RESIDUE;
}

/* MPEG-2 transport-stream PSI section check (ISO/IEC 13818-1 Annex A):
 * 32-bit generator 0x04C11DB7, MSB first, all-ones preset, no reflection,
 * no final xor.  The 256 remainders are kept as a 16x16 grid addressed by
 * the high and low nibble of the index byte. */
#include <stddef.h>
#include <stdint.h>

static uint32_t psi_grid[16][16];
static unsigned char psi_grid_ok;

void psi_grid_build(void)
{
    int hi, lo, step;
    for (hi = 0; hi < 16; hi++) {
        for (lo = 0; lo < 16; lo++) {
            uint32_t rem = (uint32_t)((hi << 4) | lo) << 24;
            for (step = 0; step < 8; step++) {
                uint32_t carry = rem & 0x80000000u;
                rem <<= 1;
                if (carry)
                    rem ^= 0x04C11DB7u;
            }
            psi_grid[hi][lo] = rem;
        }
    }
    psi_grid_ok = 1;
}

uint32_t psi_accumulate(uint32_t rem, const uint8_t *sec, size_t len)
{
    size_t at;
    if (!psi_grid_ok)
        psi_grid_build();
    for (at = 0; at < len; at++) {
        unsigned ix = (unsigned)(rem >> 24) ^ sec[at];
        rem = psi_grid[ix >> 4][ix & 15u] ^ (rem << 8);
    }
    return rem;
}

/* A section is valid when running the register over the whole section,
 * including its trailing four check bytes, leaves zero.  section_length
 * is the 12-bit field in bytes 1..2; the section spans 3 + that many. */
int psi_section_valid(const uint8_t *sec, size_t avail)
{
    size_t total, at;
    uint32_t rem = 0xFFFFFFFFu;
    if (avail < 3)
        return 0;
    total = 3 + ((((size_t)sec[1] & 0x0Fu) << 8) | sec[2]);
    if (total > avail || total < 3 + 4)
        return 0;
    if (!psi_grid_ok)
        psi_grid_build();
    for (at = 0; at < total; at++) {
        unsigned ix = (unsigned)(rem >> 24) ^ sec[at];
        rem = psi_grid[ix >> 4][ix & 15u] ^ (rem << 8);
    }
    return rem == 0;
}

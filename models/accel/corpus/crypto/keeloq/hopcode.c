/*
 * Rolling-code transmitter/receiver core built on the KeeLoq NLFSR
 * block transform (32-bit block, 64-bit key, 528 clockings).
 */
#include <stdint.h>
#include <stddef.h>

#define KL_NLF 0x3A5C742Eu
#define KL_CLOCKS 528

struct hop_keyring {
    uint64_t mfr_key;      /* manufacturer key */
    uint64_t dev_key;      /* learned per-device key */
    uint32_t serial;       /* 28-bit serial number */
    uint16_t counter;      /* synchronisation counter */
};

uint32_t kl_forward(uint32_t block, uint64_t key)
{
    uint32_t x = block;
    for (unsigned r = 0; r < KL_CLOCKS; r++) {
        uint32_t idx = ((x >> 1) & 1u) | (((x >> 9) & 1u) << 1) |
                       (((x >> 20) & 1u) << 2) | (((x >> 26) & 1u) << 3) |
                       (((x >> 31) & 1u) << 4);
        uint32_t fb = (x ^ (x >> 16) ^ (uint32_t)(key >> (r & 63)) ^
                       (KL_NLF >> idx)) & 1u;
        x = (x >> 1) | (fb << 31);
    }
    return x;
}

uint32_t kl_backward(uint32_t block, uint64_t key)
{
    uint32_t x = block;
    for (unsigned r = 0; r < KL_CLOCKS; r++) {
        uint32_t idx = (x & 1u) | (((x >> 8) & 1u) << 1) |
                       (((x >> 19) & 1u) << 2) | (((x >> 25) & 1u) << 3) |
                       (((x >> 30) & 1u) << 4);
        uint32_t fb = ((x >> 31) ^ (x >> 15) ^
                       (uint32_t)(key >> ((15u - r) & 63)) ^
                       (KL_NLF >> idx)) & 1u;
        x = (x << 1) | fb;
    }
    return x;
}

/* Normal learning: the device key is two decryptions of the serial. */
uint64_t derive_device_key(uint64_t mfr_key, uint32_t serial)
{
    uint32_t lo = kl_backward((serial & 0x0FFFFFFFu) | 0x20000000u, mfr_key);
    uint32_t hi = kl_backward((serial & 0x0FFFFFFFu) | 0x60000000u, mfr_key);
    return ((uint64_t)hi << 32) | lo;
}

/* Builds the 66-bit transmission: hopping part, fixed part, status. */
void build_frame(struct hop_keyring *kr, uint8_t buttons, uint8_t frame[9])
{
    uint32_t plain = ((uint32_t)(buttons & 0x0F) << 28) |
                     ((kr->serial & 0x3FFu) << 16) | kr->counter;
    uint32_t hop = kl_forward(plain, kr->dev_key);
    uint32_t fixed = ((uint32_t)(buttons & 0x0F) << 28) |
                     (kr->serial & 0x0FFFFFFFu);
    for (int i = 0; i < 4; i++) {
        frame[i] = (uint8_t)(hop >> (8 * i));
        frame[4 + i] = (uint8_t)(fixed >> (8 * i));
    }
    frame[8] = 0x02;
    kr->counter++;
}

/* Receiver side: returns 1 when the hop word decrypts to a fresh counter. */
int accept_frame(struct hop_keyring *kr, const uint8_t frame[9], unsigned window)
{
    uint32_t hop = 0, fixed = 0;
    for (int i = 3; i >= 0; i--) {
        hop = (hop << 8) | frame[i];
        fixed = (fixed << 8) | frame[4 + i];
    }
    uint32_t plain = kl_backward(hop, kr->dev_key);
    if ((plain >> 28) != (fixed >> 28))
        return 0;
    if (((plain >> 16) & 0x3FFu) != (fixed & 0x3FFu))
        return 0;
    uint16_t cnt = (uint16_t)(plain & 0xFFFFu);
    uint16_t delta = (uint16_t)(cnt - kr->counter);
    if (delta == 0 || delta > window)
        return 0;
    kr->counter = cnt;
    return 1;
}

/* ITU-T G.711 companding: 16-bit linear PCM <-> 8-bit mu-law / A-law,
 * as done by an RTP media gateway transcoding voice payloads.
 *
 * Encoders are computed bit by bit (sign, 3-bit segment, 4-bit step);
 * decoders and the mu-law <-> A-law cross tables are filled once by
 * g711_tables_init() from the expansion formulas.
 */
#include <stddef.h>
#include <stdint.h>

#define ULAW_BIAS 33     /* 0x84 >> 2: bias on the 14-bit magnitude */
#define ULAW_CLIP 8159   /* largest 14-bit magnitude before biasing */

static int16_t ulaw_expand_tab[256];
static int16_t alaw_expand_tab[256];
static uint8_t ulaw_to_alaw_tab[256];
static uint8_t alaw_to_ulaw_tab[256];
static int g711_ready;

/* Floor division of a signed sample by 2^k without relying on the
 * implementation-defined right shift of negative numbers. */
static int floor_shift(int x, int k)
{
    if (x >= 0)
        return x >> k;
    return ~((~x) >> k);
}

/* Number of significant bits of v, at most `cap`. */
static int seg_of(unsigned v, int cap)
{
    int s = 0;
    while (v != 0 && s < cap) {
        v >>= 1;
        s++;
    }
    return v != 0 ? cap : s;
}

uint8_t g711_linear_to_ulaw(int16_t sample)
{
    int x = floor_shift(sample, 2); /* 14-bit domain */
    unsigned mag;
    uint8_t mask;

    if (x < 0) {
        mag = (unsigned)(-x);
        mask = 0x7F;
    } else {
        mag = (unsigned)x;
        mask = 0xFF;
    }
    if (mag > ULAW_CLIP)
        mag = ULAW_CLIP;
    mag += ULAW_BIAS;

    int seg = seg_of(mag >> 6, 8);
    if (seg >= 8)
        return (uint8_t)(0x7F ^ mask);
    unsigned step = (mag >> (seg + 1)) & 0x0F;
    return (uint8_t)((((unsigned)seg << 4) | step) ^ mask);
}

uint8_t g711_linear_to_alaw(int16_t sample)
{
    int x = floor_shift(sample, 3); /* 13-bit domain */
    unsigned mag;
    uint8_t mask;

    if (x >= 0) {
        mag = (unsigned)x;
        mask = 0xD5;
    } else {
        mag = (unsigned)(-x - 1);
        mask = 0x55;
    }

    int seg = seg_of(mag >> 5, 8);
    if (seg >= 8)
        return (uint8_t)(0x7F ^ mask);
    unsigned step = (seg < 2 ? (mag >> 1) : (mag >> seg)) & 0x0F;
    return (uint8_t)((((unsigned)seg << 4) | step) ^ mask);
}

static int16_t ulaw_expand(uint8_t code)
{
    unsigned u = (uint8_t)~code;
    int t = (int)(((u & 0x0F) << 3) + 0x84);
    t <<= (u & 0x70) >> 4;
    return (int16_t)((u & 0x80) ? (0x84 - t) : (t - 0x84));
}

static int16_t alaw_expand(uint8_t code)
{
    unsigned a = code ^ 0x55u;
    int t = (int)((a & 0x0F) << 4);
    int seg = (int)((a & 0x70) >> 4);
    switch (seg) {
    case 0:
        t += 8;
        break;
    case 1:
        t += 0x108;
        break;
    default:
        t += 0x108;
        t <<= seg - 1;
        break;
    }
    return (int16_t)((a & 0x80) ? t : -t);
}

void g711_tables_init(void)
{
    for (int c = 0; c < 256; c++) {
        ulaw_expand_tab[c] = ulaw_expand((uint8_t)c);
        alaw_expand_tab[c] = alaw_expand((uint8_t)c);
    }
    for (int c = 0; c < 256; c++) {
        ulaw_to_alaw_tab[c] = g711_linear_to_alaw(ulaw_expand_tab[c]);
        alaw_to_ulaw_tab[c] = g711_linear_to_ulaw(alaw_expand_tab[c]);
    }
    g711_ready = 1;
}

int16_t g711_ulaw_to_linear(uint8_t code)
{
    if (!g711_ready)
        g711_tables_init();
    return ulaw_expand_tab[code];
}

int16_t g711_alaw_to_linear(uint8_t code)
{
    if (!g711_ready)
        g711_tables_init();
    return alaw_expand_tab[code];
}

/* Re-encode an RTP payload in place between the two laws (PT 0 <-> PT 8). */
void g711_transcode_payload(uint8_t *payload, size_t n, int ulaw_in)
{
    if (!g711_ready)
        g711_tables_init();
    const uint8_t *map = ulaw_in ? ulaw_to_alaw_tab : alaw_to_ulaw_tab;
    for (size_t i = 0; i < n; i++)
        payload[i] = map[payload[i]];
}

/* Compress a block of linear samples (e.g. 160 samples = 20 ms @ 8 kHz). */
void g711_compress_block(const int16_t *pcm, size_t n, uint8_t *out,
                         int use_ulaw)
{
    size_t i = 0;
    if (use_ulaw) {
        for (; i < n; i++)
            out[i] = g711_linear_to_ulaw(pcm[i]);
    } else {
        for (; i < n; i++)
            out[i] = g711_linear_to_alaw(pcm[i]);
    }
}

/* Expand a block of codes back to linear PCM. */
void g711_expand_block(const uint8_t *in, size_t n, int16_t *pcm, int use_ulaw)
{
    if (!g711_ready)
        g711_tables_init();
    const int16_t *tab = use_ulaw ? ulaw_expand_tab : alaw_expand_tab;
    for (size_t i = 0; i < n; i++)
        pcm[i] = tab[in[i]];
}

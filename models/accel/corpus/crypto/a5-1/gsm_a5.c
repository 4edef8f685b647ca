/* A5/1 GSM stream cipher: three LFSRs of 19, 22 and 23 bits with
 * majority-rule stop/go clocking, loaded with the 64-bit session key and the
 * 22-bit frame number, 100 mixing clocks, then two 114-bit bursts
 * (downlink and uplink) packed MSB first. Label: crypto. */
#include <stdint.h>

typedef struct {
  uint32_t r[3];
} gsm_lfsr3;

static const uint32_t reg_mask[3] = {0x07FFFFu, 0x3FFFFFu, 0x7FFFFFu};
static const uint32_t reg_taps[3] = {0x072000u, 0x300000u, 0x700080u};
static const uint32_t reg_ctl[3] = {0x000100u, 0x000400u, 0x000400u};
static const uint32_t reg_top[3] = {0x040000u, 0x200000u, 0x400000u};

/* Parity of a 32-bit word. */
int odd_bits(uint32_t x) {
  x ^= x >> 16;
  x ^= x >> 8;
  x ^= x >> 4;
  x ^= x >> 2;
  x ^= x >> 1;
  return (int)(x & 1u);
}

/* One clock: every register when `all`, otherwise those agreeing with the
 * majority of the clocking bits. Returns the output bit after the clock. */
int tick(gsm_lfsr3 *s, int all) {
  int votes = 0;
  for (int i = 0; i < 3; i++)
    votes += (s->r[i] & reg_ctl[i]) != 0;
  int maj = votes >= 2;
  int out = 0;
  for (int i = 0; i < 3; i++) {
    int c = (s->r[i] & reg_ctl[i]) != 0;
    if (all || c == maj) {
      uint32_t fb = (uint32_t)odd_bits(s->r[i] & reg_taps[i]);
      s->r[i] = ((s->r[i] << 1) & reg_mask[i]) | fb;
    }
    out ^= (s->r[i] & reg_top[i]) != 0;
  }
  return out;
}

void load_session(gsm_lfsr3 *s, const uint8_t kc[8], uint32_t fn) {
  s->r[0] = s->r[1] = s->r[2] = 0;
  for (int i = 0; i < 64; i++) {
    tick(s, 1);
    uint32_t bit = (kc[i >> 3] >> (i & 7)) & 1u;
    s->r[0] ^= bit;
    s->r[1] ^= bit;
    s->r[2] ^= bit;
  }
  for (int i = 0; i < 22; i++) {
    tick(s, 1);
    uint32_t bit = (fn >> i) & 1u;
    s->r[0] ^= bit;
    s->r[1] ^= bit;
    s->r[2] ^= bit;
  }
  for (int i = 0; i < 100; i++)
    tick(s, 0);
}

void gen_bursts(gsm_lfsr3 *s, uint8_t down[15], uint8_t up[15]) {
  for (int i = 0; i < 15; i++)
    down[i] = up[i] = 0;
  for (int i = 0; i < 114; i++)
    down[i >> 3] |= (uint8_t)(tick(s, 0) << (7 - (i & 7)));
  for (int i = 0; i < 114; i++)
    up[i >> 3] |= (uint8_t)(tick(s, 0) << (7 - (i & 7)));
}

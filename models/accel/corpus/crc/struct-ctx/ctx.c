/* A CRC engine whose polynomial, initial value and final xor live in a
 * context structure (so no polynomial constant appears in the code).
 * Label: crc. */
#include <stddef.h>
#include <stdint.h>

struct crc_engine {
  uint32_t poly_reflected;
  uint32_t init;
  uint32_t xorout;
  uint32_t state;
};

void engine_start(struct crc_engine *e) { e->state = e->init; }

void engine_feed(struct crc_engine *e, const uint8_t *buf, size_t len) {
  uint32_t s = e->state;
  for (size_t i = 0; i < len; ++i) {
    s ^= buf[i];
    for (int b = 0; b < 8; ++b) {
      uint32_t lsb = s & 1u;
      s >>= 1;
      if (lsb)
        s ^= e->poly_reflected;
    }
  }
  e->state = s;
}

uint32_t engine_finish(const struct crc_engine *e) {
  return e->state ^ e->xorout;
}

/* The same engine MSB-first over 16-bit state. */
struct crc16_engine {
  uint16_t poly, state;
};

void engine16_feed(struct crc16_engine *e, const uint8_t *buf, unsigned len) {
  unsigned i = 0;
  while (i < len) {
    e->state ^= (uint16_t)buf[i++] << 8;
    unsigned b = 0;
    do {
      uint16_t top = e->state & 0x8000u;
      e->state = (uint16_t)(e->state << 1);
      if (top)
        e->state ^= e->poly;
    } while (++b < 8);
  }
}

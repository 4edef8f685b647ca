/* Sarwate CRCs whose table is computed at start-up. Label: crc. */
#include <stddef.h>
#include <stdint.h>

static uint32_t table[256];
static int ready;

void make_table(void) {
  for (uint32_t i = 0; i < 256; i++) {
    uint32_t c = i;
    for (int k = 0; k < 8; k++)
      c = c & 1 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
    table[i] = c;
  }
  ready = 1;
}

uint32_t compute(const uint8_t *buf, int len) {
  uint32_t c = 0xFFFFFFFFu;
  if (!ready)
    make_table();
  for (int n = 0; n < len; n++)
    c = table[(c ^ buf[n]) & 0xff] ^ (c >> 8);
  return c ^ 0xFFFFFFFFu;
}

/* CRC-16/CCITT, MSB-first table built at start-up. */
static unsigned short t[256];

void init16(void) {
  for (int i = 0; i < 256; i++) {
    unsigned short r = (unsigned short)(i << 8);
    for (int j = 0; j < 8; j++)
      r = (r & 0x8000) ? (unsigned short)((r << 1) ^ 0x1021)
                       : (unsigned short)(r << 1);
    t[i] = r;
  }
}

unsigned short run16(const unsigned char *d, int n) {
  unsigned short r = 0xFFFF;
  for (int i = 0; i < n; i++)
    r = (unsigned short)(t[(r >> 8) ^ d[i]] ^ (r << 8));
  return r;
}

/* CRC-64 reflected, table in a caller-provided context. */
struct c64 { uint64_t tab[256]; };

void c64_init(struct c64 *c) {
  for (unsigned i = 0; i < 256; i++) {
    uint64_t v = i;
    for (unsigned k = 0; k < 8; k++)
      v = (v >> 1) ^ (0xC96C5795D7870F42ull & (0 - (v & 1)));
    c->tab[i] = v;
  }
}

uint64_t c64_run(const struct c64 *c, uint64_t v, const uint8_t *p, size_t n) {
  v = ~v;
  for (size_t i = 0; i < n; i++)
    v = c->tab[(v ^ p[i]) & 0xff] ^ (v >> 8);
  return ~v;
}

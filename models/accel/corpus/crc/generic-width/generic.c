/* Parameterised CRC (the "Rocksoft model"): width, polynomial, reflection
 * chosen at run time; MSB-first register of up to 64 bits. Label: crc. */
#include <stddef.h>
#include <stdint.h>

typedef struct {
  int width;
  uint64_t poly, init, xorout;
  int refin, refout;
} crc_model;

static uint64_t reflect_bits(uint64_t v, int n) {
  uint64_t r = 0;
  for (int i = 0; i < n; i++) {
    r = (r << 1) | (v & 1);
    v >>= 1;
  }
  return r;
}

uint64_t model_compute(const crc_model *m, const uint8_t *p, size_t n) {
  uint64_t top = (uint64_t)1 << (m->width - 1);
  uint64_t mask = (top << 1) - 1;
  uint64_t reg = m->init;
  for (size_t i = 0; i < n; i++) {
    uint64_t byte = m->refin ? reflect_bits(p[i], 8) : p[i];
    reg ^= byte << (m->width - 8);
    for (int k = 0; k < 8; k++) {
      if (reg & top)
        reg = (reg << 1) ^ m->poly;
      else
        reg <<= 1;
    }
    reg &= mask;
  }
  if (m->refout)
    reg = reflect_bits(reg, m->width);
  return (reg ^ m->xorout) & mask;
}

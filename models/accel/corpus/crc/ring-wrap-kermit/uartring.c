/* A serial-line receive ring (power-of-two size, free-running head and
 * tail counters masked on access) whose frames are checked in place with
 * CRC-16/KERMIT (the CCITT generator reflected, 0x8408, zero seed, the
 * check sent low byte first), without copying a frame that wraps past the
 * end of the storage: the CRC walks the ring by masked index, or as two
 * linear runs split at the wrap point. Frame: length byte, body, CRC.
 * Label: crc. */
#include <stdint.h>

#define RING_SIZE 512u
#define RING_MASK (RING_SIZE - 1u)

struct rx_ring {
  uint8_t store[RING_SIZE];
  uint32_t head; /* next byte to write */
  uint32_t tail; /* next byte to read */
};

static uint16_t kermit_tab[256];

void kermit_tab_init(void) {
  unsigned i = 0;
  do {
    uint16_t c = (uint16_t)i;
    for (int b = 0; b < 8; b++)
      c = (c & 1) ? (uint16_t)((c >> 1) ^ 0x8408) : (uint16_t)(c >> 1);
    kermit_tab[i] = c;
  } while (++i < 256);
}

/* CRC of count bytes starting at counter position from, index masked. */
uint16_t ring_kermit(const struct rx_ring *r, uint32_t from, uint32_t count) {
  uint16_t c = 0;
  while (count-- > 0) {
    uint8_t v = r->store[from++ & RING_MASK];
    c = (uint16_t)((c >> 8) ^ kermit_tab[(c ^ v) & 0xFF]);
  }
  return c;
}

static uint16_t run(uint16_t c, const uint8_t *p, uint32_t n) {
  while (n--)
    c = (uint16_t)((c >> 8) ^ kermit_tab[(uint8_t)(c ^ *p++)]);
  return c;
}

/* Same result, as the linear run up to the end of the storage and the
 * rest from its start. */
uint16_t ring_kermit_split(const struct rx_ring *r, uint32_t from,
                           uint32_t count) {
  uint32_t at = from & RING_MASK;
  uint32_t first = RING_SIZE - at;
  if (first >= count)
    return run(0, r->store + at, count);
  uint16_t c = run(0, r->store + at, first);
  return run(c, r->store, count - first);
}

/* Pop one complete frame if there is one: returns its body length, -1 on a
 * CRC error (frame dropped), 0 if not complete yet. */
int ring_take_frame(struct rx_ring *r, uint32_t *body_at) {
  uint32_t have = r->head - r->tail;
  if (have < 1)
    return 0;
  uint32_t blen = r->store[r->tail & RING_MASK];
  if (have < 1 + blen + 2)
    return 0;
  uint32_t crc_at = r->tail + 1 + blen;
  uint16_t sent = (uint16_t)(r->store[crc_at & RING_MASK] |
                             r->store[(crc_at + 1) & RING_MASK] << 8);
  uint16_t got = ring_kermit_split(r, r->tail + 1, blen);
  *body_at = r->tail + 1;
  r->tail += 1 + blen + 2;
  return got == sent ? (int)blen : -1;
}

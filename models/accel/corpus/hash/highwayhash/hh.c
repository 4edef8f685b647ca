/* HighwayHash-64 (Alakuijarvi, Cox, Wassenberg), portable scalar form:
 * four lanes each of v0, v1, mul0, mul1; every 32-byte packet is added to
 * v1, mixed by 32x32->64 multiplies into mul0/mul1 and by the byte-wise
 * "zipper merge" permutation between lane pairs; the tail is rotated in
 * by its length and packed into one last packet; finalisation runs four
 * permute-and-update rounds and sums the first lanes. Label: hash. */
#include <stddef.h>
#include <stdint.h>

struct hh_state {
  uint64_t v0[4], v1[4], mul0[4], mul1[4];
};

/* Adds the zipper-merged bytes of (v1, v0) to (*add1, *add0). */
#define ZIPPER_ADD(v1, v0, add1, add0)                                         \
  do {                                                                         \
    (add0) +=                                                                  \
        ((((v0) & 0xff000000ULL) | ((v1) & 0xff00000000ULL)) >> 24) |          \
        ((((v0) & 0xff0000000000ULL) | ((v1) & 0xff000000000000ULL)) >> 16) |  \
        ((v0) & 0xff0000ULL) | (((v0) & 0xff00ULL) << 32) |                    \
        (((v1) & 0xff00000000000000ULL) >> 8) | ((v0) << 56);                  \
    (add1) += ((((v1) & 0xff000000ULL) | ((v0) & 0xff00000000ULL)) >> 24) |    \
              ((v1) & 0xff0000ULL) | (((v1) & 0xff0000000000ULL) >> 16) |      \
              (((v1) & 0xff00ULL) << 24) |                                     \
              (((v0) & 0xff000000000000ULL) >> 8) | (((v1) & 0xffULL) << 48) | \
              ((v0) & 0xff00000000000000ULL);                                  \
  } while (0)

void hh_update(struct hh_state *s, const uint64_t lanes[4]) {
  for (int i = 0; i < 4; ++i) {
    s->v1[i] += s->mul0[i] + lanes[i];
    s->mul0[i] ^= (s->v1[i] & 0xffffffffULL) * (s->v0[i] >> 32);
    s->v0[i] += s->mul1[i];
    s->mul1[i] ^= (s->v0[i] & 0xffffffffULL) * (s->v1[i] >> 32);
  }
  ZIPPER_ADD(s->v1[1], s->v1[0], s->v0[1], s->v0[0]);
  ZIPPER_ADD(s->v1[3], s->v1[2], s->v0[3], s->v0[2]);
  ZIPPER_ADD(s->v0[1], s->v0[0], s->v1[1], s->v1[0]);
  ZIPPER_ADD(s->v0[3], s->v0[2], s->v1[3], s->v1[2]);
}

static void load_packet(const unsigned char *p, uint64_t lanes[4]) {
  for (int i = 0; i < 4; i++) {
    uint64_t w = 0;
    for (int b = 7; b >= 0; b--)
      w = (w << 8) | p[8 * i + b];
    lanes[i] = w;
  }
}

/* The last size (< 32) bytes. */
void hh_tail(struct hh_state *s, const unsigned char *bytes, size_t size) {
  size_t mod4 = size & 3;
  const unsigned char *rem = bytes + (size & ~(size_t)3);
  unsigned char packet[32] = {0};
  uint64_t lanes[4];
  for (int i = 0; i < 4; i++) {
    s->v0[i] += ((uint64_t)size << 32) + size;
    uint32_t lo = (uint32_t)s->v1[i], hi = (uint32_t)(s->v1[i] >> 32);
    if (size & 31) {
      lo = (lo << (size & 31)) | (lo >> (32 - (size & 31)));
      hi = (hi << (size & 31)) | (hi >> (32 - (size & 31)));
    }
    s->v1[i] = (uint64_t)hi << 32 | lo;
  }
  for (size_t i = 0; i < (size_t)(rem - bytes); i++)
    packet[i] = bytes[i];
  if (size & 16) {
    const unsigned char *last4 = bytes + size - 4;
    for (int i = 0; i < 4; i++)
      packet[28 + i] = last4[i];
  } else if (mod4) {
    packet[16] = rem[0];
    packet[17] = rem[mod4 >> 1];
    packet[18] = rem[mod4 - 1];
  }
  load_packet(packet, lanes);
  hh_update(s, lanes);
}

uint64_t hh_finish(struct hh_state *s) {
  for (int round = 0; round < 4; round++) {
    uint64_t perm[4];
    perm[0] = (s->v0[2] >> 32) | (s->v0[2] << 32);
    perm[1] = (s->v0[3] >> 32) | (s->v0[3] << 32);
    perm[2] = (s->v0[0] >> 32) | (s->v0[0] << 32);
    perm[3] = (s->v0[1] >> 32) | (s->v0[1] << 32);
    hh_update(s, perm);
  }
  return s->v0[0] + s->v1[0] + s->mul0[0] + s->mul1[0];
}

uint64_t hh64(const uint64_t key[4], const unsigned char *data, size_t len) {
  static const uint64_t init0[4] = {
      0xdbe6d5d5fe4cce2fULL, 0xa4093822299f31d0ULL, 0x13198a2e03707344ULL,
      0x243f6a8885a308d3ULL};
  static const uint64_t init1[4] = {
      0x3bd39e10cb0ef593ULL, 0xc0acf169b5f18a8cULL, 0xbe5466cf34e90c6cULL,
      0x452821e638d01377ULL};
  struct hh_state s;
  for (int i = 0; i < 4; i++) {
    s.mul0[i] = init0[i];
    s.mul1[i] = init1[i];
    s.v0[i] = init0[i] ^ key[i];
    s.v1[i] = init1[i] ^ ((key[i] >> 32) | (key[i] << 32));
  }
  size_t done = 0;
  uint64_t lanes[4];
  while (len - done >= 32) {
    load_packet(data + done, lanes);
    hh_update(&s, lanes);
    done += 32;
  }
  if (len - done)
    hh_tail(&s, data + done, len - done);
  return hh_finish(&s);
}

/* sdbm: the string hash of Ozan Yigit's public-domain ndbm clone, also the
 * multiplier-65599 hash of old compilers and of gawk/Berkeley DB folklore:
 *     h = c + (h << 6) + (h << 16) - h      ( = h * 65599 + c )
 * Here as a streaming context that can be fed a packet in pieces
 * (sdbm_ctx_*), a 64-bit variant with the explicit multiplier that runs a
 * length counter down, a NUL-terminated variant, and a steering function that
 * serialises a 5-tuple in network order and reduces the digest onto a
 * power-of-two queue set with an xor-fold.  Written from the definition.
 * Label: hash. */
#include <stddef.h>
#include <stdint.h>

struct sdbm_ctx {
  uint32_t state;
  uint32_t fed;   /* bytes consumed so far */
  uint8_t  carry; /* non-zero: the previous chunk ended inside a pair */
  uint8_t  pending;
};

void sdbm_ctx_init(struct sdbm_ctx *c, uint32_t seed) {
  c->state = seed;
  c->fed = 0;
  c->carry = 0;
  c->pending = 0;
}

/* Chunks are consumed two bytes per step; an odd byte waits for the next
 * call so that the inner loop never tests for an odd tail. */
void sdbm_ctx_update(struct sdbm_ctx *c, const uint8_t *data, size_t len) {
  uint32_t h = c->state;
  size_t i = 0;
  if (c->carry && len > 0) {
    h = c->pending + (h << 6) + (h << 16) - h;
    h = data[0] + (h << 6) + (h << 16) - h;
    c->carry = 0;
    i = 1;
  } else if (c->carry) {
    return;
  }
  for (; i + 1 < len; i += 2) {
    h = data[i] + (h << 6) + (h << 16) - h;
    h = data[i + 1] + (h << 6) + (h << 16) - h;
  }
  if (i < len) {
    c->pending = data[i];
    c->carry = 1;
  }
  c->fed += (uint32_t)len;
  c->state = h;
}

uint32_t sdbm_ctx_final(struct sdbm_ctx *c) {
  uint32_t h = c->state;
  if (c->carry) {
    h = c->pending + (h << 6) + (h << 16) - h;
    c->carry = 0;
  }
  c->state = h;
  return h;
}

unsigned long long sdbm64(const void *buf, unsigned long len) {
  const unsigned char *p = (const unsigned char *)buf;
  unsigned long long h = 0;
  while (len--)
    h = h * 65599ull + *p++;
  return h;
}

uint32_t sdbm_cstr(const char *s) {
  uint32_t h = 0;
  int c;
  while ((c = (unsigned char)*s++) != 0)
    h = (uint32_t)c + (h << 6) + (h << 16) - h;
  return h;
}

struct five_tuple {
  uint32_t saddr, daddr; /* host order */
  uint16_t sport, dport;
  uint8_t proto;
};

unsigned sdbm_steer(const struct five_tuple *t, unsigned queue_bits) {
  uint8_t key[13];
  uint32_t h = 0;
  int k;
  for (k = 0; k < 4; k++) {
    key[k] = (uint8_t)(t->saddr >> (24 - 8 * k));
    key[4 + k] = (uint8_t)(t->daddr >> (24 - 8 * k));
  }
  key[8] = (uint8_t)(t->sport >> 8);
  key[9] = (uint8_t)t->sport;
  key[10] = (uint8_t)(t->dport >> 8);
  key[11] = (uint8_t)t->dport;
  key[12] = t->proto;
  for (k = 0; k < 13; k++)
    h = key[k] + (h << 6) + (h << 16) - h;
  h ^= h >> 16;
  h ^= h >> 8;
  return h & ((1u << queue_bits) - 1u);
}

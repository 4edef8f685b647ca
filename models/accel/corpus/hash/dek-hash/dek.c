/* Knuth's rotate-xor string hash (TAOCP vol. 3, 6.4, "DEK" hash): the state
 * starts at the key length and for each character becomes
 * ((h << 5) ^ (h >> 27)) ^ c. A macro step, a loop unrolled by four with a
 * switch for the rest, and a NUL-terminated identifier reduced to a slot.
 * Label: hash. */

#define STEP(h, c) ((h) = (((h) << 5) ^ ((h) >> 27)) ^ (unsigned)(c))

unsigned symhash(const unsigned char *key, unsigned len) {
  unsigned h = len;
  unsigned i;
  for (i = 0; i < len; i++)
    STEP(h, key[i]);
  return h;
}

unsigned symhash_unrolled(const unsigned char *key, unsigned len) {
  unsigned h = len;
  const unsigned char *p = key;
  unsigned blocks = len >> 2;
  while (blocks--) {
    STEP(h, p[0]);
    STEP(h, p[1]);
    STEP(h, p[2]);
    STEP(h, p[3]);
    p += 4;
  }
  switch (len & 3) {
  case 3:
    STEP(h, *p++);
    /* fall through */
  case 2:
    STEP(h, *p++);
    /* fall through */
  case 1:
    STEP(h, *p);
  }
  return h;
}

/* NUL-terminated identifier: one pass for the length (the initial state),
 * a second pass for the hash, reduced to a table of 2^bits slots. */
unsigned ident_slot(const char *name, unsigned bits) {
  const char *end = name;
  while (*end)
    end++;
  unsigned h = (unsigned)(end - name);
  for (const char *q = name; q < end; ++q)
    STEP(h, (unsigned char)*q);
  return h & ((1u << bits) - 1u);
}

/* The MySQL/MariaDB "nr1/nr2" hash of binary and simple collations, used for
 * HEAP/MEMORY table keys and for PARTITION BY KEY: two running words, nr1
 * (the hash) and nr2 (a step that grows by 3 per byte),
 *     nr1 ^= (((nr1 & 63) + nr2) * byte) + (nr1 << 8);   nr2 += 3;
 * started at nr1 = 1, nr2 = 4 for a key.  A NULL column perturbs nr1 with
 * nr1 ^= (nr1 << 1) | 1.  The case-insensitive variant drops trailing
 * spaces (PAD SPACE) and feeds the upper-cased byte.  A row's columns chain
 * into the same pair; KEY partitioning takes nr1 modulo the partition count,
 * LINEAR KEY masks with the next power of two and halves the mask when the
 * result is past the last partition.  Written from that description.
 * Label: hash. */
#include <stddef.h>
#include <stdint.h>

typedef unsigned long ulong_t;

#define NR_ADD(n1, n2, ch)                                                     \
  do {                                                                         \
    (n1) ^= (ulong_t)((((unsigned)(n1)&63u) + (n2)) * (ulong_t)(ch)) +         \
            ((n1) << 8);                                                       \
    (n2) += 3;                                                                 \
  } while (0)

void nr_hash_bin(const unsigned char *key, size_t len, ulong_t *nr1,
                 ulong_t *nr2) {
  const unsigned char *end = key + len;
  ulong_t a = *nr1, b = *nr2;
  for (; key < end; key++)
    NR_ADD(a, b, *key);
  *nr1 = a;
  *nr2 = b;
}

void nr_hash_ci_pad(const unsigned char *key, size_t len, ulong_t *nr1,
                    ulong_t *nr2) {
  const unsigned char *end = key + len;
  ulong_t a = *nr1, b = *nr2;
  while (end > key && end[-1] == ' ')
    end--;
  while (key != end) {
    unsigned ch = *key++;
    if (ch >= 'a' && ch <= 'z')
      ch -= 'a' - 'A';
    NR_ADD(a, b, ch);
  }
  *nr1 = a;
  *nr2 = b;
}

enum col_kind { COL_BINARY, COL_CI_STRING };

struct key_column {
  const unsigned char *ptr; /* NULL pointer = SQL NULL */
  uint32_t len;
  enum col_kind kind;
};

ulong_t nr_hash_row(const struct key_column *cols, unsigned ncols) {
  ulong_t n1 = 1, n2 = 4;
  unsigned i = 0;
  if (ncols == 0)
    return n1;
  do {
    const struct key_column *c = &cols[i];
    if (c->ptr == NULL) {
      n1 ^= (n1 << 1) | 1;
      continue;
    }
    switch (c->kind) {
    case COL_BINARY:
      nr_hash_bin(c->ptr, c->len, &n1, &n2);
      break;
    case COL_CI_STRING:
      nr_hash_ci_pad(c->ptr, c->len, &n1, &n2);
      break;
    }
  } while (++i < ncols);
  return n1;
}

unsigned nr_key_partition(const struct key_column *cols, unsigned ncols,
                          unsigned nparts, int linear) {
  ulong_t h = nr_hash_row(cols, ncols);
  if (!linear)
    return (unsigned)(h % nparts);
  {
    ulong_t mask = 1;
    ulong_t part;
    while (mask < nparts)
      mask <<= 1;
    mask -= 1;
    part = h & mask;
    if (part >= nparts)
      part = h & (mask >> 1);
    return (unsigned)part;
  }
}

/* 32-bit lane version for a flow table: the same recurrence on uint32_t,
 * over the address pair and the port word, unrolled one byte per line */
uint32_t nr_flow32(uint32_t saddr, uint32_t daddr, uint32_t ports) {
  uint32_t a = 1, b = 4;
  uint32_t w[3];
  int i;
  w[0] = saddr;
  w[1] = daddr;
  w[2] = ports;
  for (i = 0; i < 3; i++) {
    uint32_t v = w[i];
    a ^= (((a & 63u) + b) * (v & 0xffu)) + (a << 8); b += 3;
    a ^= (((a & 63u) + b) * ((v >> 8) & 0xffu)) + (a << 8); b += 3;
    a ^= (((a & 63u) + b) * ((v >> 16) & 0xffu)) + (a << 8); b += 3;
    a ^= (((a & 63u) + b) * (v >> 24)) + (a << 8); b += 3;
  }
  return a;
}

/* A four-level direct table with 8-bit strides (DIR-8-8-8-8). Every level
 * is an array of 256 packed 32-bit words: bit 31 says the word names a
 * group (the next 256-word array, indexed by the next address byte),
 * bits 24..29 hold the prefix length that wrote the word, and the low 24
 * bits hold the next hop plus one (0: no route) or the group number. A
 * route is expanded over the slots it covers in the level where it ends;
 * a slot that must be split pushes its route into all 256 words of a new
 * group, and a shorter route never overwrites a longer one, so routes may
 * be added in any order. The lookup is unrolled: at most four loads.
 * Label: lpm. */
#include <stdint.h>

#define GRP_BIT 0x80000000u
#define LEN_OF(w) (((w) >> 24) & 0x3Fu)
#define LOW24(w) ((w) & 0x00FFFFFFu)
#define PACK(len, v) ((((uint32_t)(len)) << 24) | ((v) & 0x00FFFFFFu))
#define MAX_GRP 2048

typedef struct {
  uint32_t top[256];
  uint32_t grp[MAX_GRP][256];
  uint32_t used;
} quad_tbl;

/* Writes route (len, val) into word *w unless a longer route owns it;
 * descends into a group so every covered word is reached. */
static void spread(quad_tbl *t, uint32_t *w, unsigned len, uint32_t val) {
  if (*w & GRP_BIT) {
    uint32_t *g = t->grp[LOW24(*w)];
    for (int i = 0; i < 256; i++)
      spread(t, &g[i], len, val);
    return;
  }
  if (*w == 0 || LEN_OF(*w) <= len)
    *w = PACK(len, val);
}

/* Adds net/len -> hop. Returns 0, or -1 when out of groups or bad args. */
int tbl_add(quad_tbl *t, uint32_t net, unsigned len, uint32_t hop) {
  if (len > 32 || hop >= 0x00FFFFFEu)
    return -1;
  if (len < 32)
    net &= len ? ~(0xFFFFFFFFu >> len) : 0u;
  uint32_t *lvl = t->top;
  unsigned end = 8; /* address bits consumed once this level is indexed */
  while (len > end) {
    uint32_t *slot = &lvl[(net >> (32 - end)) & 0xFFu];
    if (!(*slot & GRP_BIT)) {
      if (t->used == MAX_GRP)
        return -1;
      uint32_t g = t->used++;
      uint32_t old = *slot;
      for (int i = 0; i < 256; i++)
        t->grp[g][i] = old;
      *slot = GRP_BIT | g;
    }
    lvl = t->grp[LOW24(*slot)];
    end += 8;
  }
  unsigned first = (net >> (32 - end)) & 0xFFu;
  unsigned span = 1u << (end - len);
  for (unsigned k = first; k < first + span; k++)
    spread(t, &lvl[k], len, hop + 1);
  return 0;
}

#define DESCEND(w, sh)                                                         \
  if ((w) & GRP_BIT)                                                           \
  (w) = t->grp[LOW24(w)][(dst >> (sh)) & 0xFFu]

/* Next hop for dst, or -1. */
int32_t tbl_get(const quad_tbl *t, uint32_t dst) {
  uint32_t w = t->top[dst >> 24];
  DESCEND(w, 16);
  DESCEND(w, 8);
  DESCEND(w, 0);
  return (int32_t)LOW24(w) - 1;
}

/* Looks up a burst of destinations given in network byte order. */
void tbl_get_burst(const quad_tbl *t, const uint8_t *be_addrs, int n,
                   int32_t *hops) {
  for (int i = 0; i < n; i++) {
    const uint8_t *a = be_addrs + 4 * i;
    uint32_t w = t->top[a[0]];
    if (w & GRP_BIT) {
      w = t->grp[LOW24(w)][a[1]];
      if (w & GRP_BIT) {
        w = t->grp[LOW24(w)][a[2]];
        if (w & GRP_BIT)
          w = t->grp[LOW24(w)][a[3]];
      }
    }
    hops[i] = (int32_t)LOW24(w) - 1;
  }
}

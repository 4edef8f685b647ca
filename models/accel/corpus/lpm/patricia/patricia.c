/* Path-compressed (Patricia) tries. Label: lpm. */
#include <stdint.h>

struct pnode {
  uint32_t key;
  uint8_t bit;     /* bit tested at this node */
  uint8_t plen;    /* prefix length stored here (0xff: none) */
  int value;
  struct pnode *l, *r;
};

static uint32_t mask_of(int len) { return len ? ~0u << (32 - len) : 0; }

int pat_lookup(struct pnode *x, uint32_t addr) {
  int found = -1;
  while (x) {
    if (x->plen != 0xff) {
      uint32_t m = x->plen ? 0xFFFFFFFFu << (32 - x->plen) : 0;
      if (((addr ^ x->key) & m) == 0)
        found = x->value;
      else
        break;
    }
    if (x->bit >= 32)
      break;
    x = ((addr << x->bit) & 0x80000000u) ? x->r : x->l;
  }
  return found;
}

/* Index-based patricia with a stack of candidate matches, checked at the
 * end (longest first). */
struct slot { uint32_t pfx; int len; int left, right; int skip; int res; };

int pat_lookup_idx(const struct slot *s, uint32_t a) {
  int cand[33];
  int nc = 0;
  int i = 0;
  while (i >= 0 && nc < 33) {
    if (s[i].res >= 0)
      cand[nc++] = i;
    if (s[i].skip >= 32)
      break;
    i = (a >> (31 - s[i].skip)) & 1 ? s[i].right : s[i].left;
  }
  while (nc > 0) {
    const struct slot *c = &s[cand[--nc]];
    if (((a ^ c->pfx) & mask_of(c->len)) == 0)
      return c->res;
  }
  return -1;
}

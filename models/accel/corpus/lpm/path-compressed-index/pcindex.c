/* A path-compressed binary trie in an array of nodes addressed by index:
 * each node stores the bit position to test next and the full prefix with
 * its length; the search records matches on the way down, checking them
 * with an xor against the key. Label: lpm. */
#include <stdint.h>

struct pcnode {
  uint32_t prefix;
  uint8_t plen;
  uint8_t bit;     /* bit index tested at this node (0 = MSB) */
  int16_t hop;     /* -1: no route here */
  int32_t next[2]; /* -1: none */
};

int pc_lookup(const struct pcnode *t, uint32_t key) {
  int32_t i = 0;
  int best = -1;
  while (i >= 0) {
    const struct pcnode *n = &t[i];
    if (n->plen && ((key ^ n->prefix) >> (32 - n->plen)) != 0)
      break;
    if (n->hop >= 0)
      best = n->hop;
    if (n->bit >= 32)
      break;
    i = n->next[(key >> (31 - n->bit)) & 1];
  }
  return best;
}

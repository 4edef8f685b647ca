/* A C source for label-c-source.test: valid C, not valid C++ (calloc's
 * void * converts implicitly only in C). */
#include <stdlib.h>
struct ent {
  unsigned key;
  struct ent *next;
};
unsigned table_sum(unsigned n) {
  struct ent **slots = calloc(n, sizeof *slots);
  unsigned s = 0;
  for (unsigned i = 0; i < n; ++i)
    s += slots[i] ? slots[i]->key : i;
  free(slots);
  return s;
}

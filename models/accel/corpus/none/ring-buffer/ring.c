/* A single-producer single-consumer ring of packet pointers with
 * power-of-two size and free-running indices. Label: none. */
#include <stdint.h>

struct ring {
  void *slot[1024];
  uint32_t head, tail;
  uint32_t drops;
};

int ring_push_burst(struct ring *r, void **pkts, int n) {
  int done = 0;
  for (int i = 0; i < n; i++) {
    if (r->head - r->tail == 1024) {
      r->drops += (uint32_t)(n - i);
      break;
    }
    r->slot[r->head & 1023] = pkts[i];
    r->head++;
    done++;
  }
  return done;
}

int ring_pop_burst(struct ring *r, void **out, int max) {
  int n = 0;
  while (n < max && r->tail != r->head) {
    out[n++] = r->slot[r->tail & 1023];
    r->tail++;
  }
  return n;
}

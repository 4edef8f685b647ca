/* Element-style packet handling code (queues, TTL, classification).
 * Label: none. */
#include <stdint.h>
#include <string.h>

struct packet { uint8_t *data; int len; int port; uint32_t anno; };
struct ring { struct packet *slot[256]; unsigned head, tail; unsigned drops; };

int enqueue(struct ring *r, struct packet *p) {
  unsigned next = (r->tail + 1) & 255;
  if (next == r->head) {
    r->drops++;
    return -1;
  }
  r->slot[r->tail] = p;
  r->tail = next;
  return 0;
}

struct packet *dequeue(struct ring *r) {
  if (r->head == r->tail)
    return 0;
  struct packet *p = r->slot[r->head];
  r->head = (r->head + 1) & 255;
  return p;
}

/* Decrement the TTL with the checksum fix-up of RFC 1141. */
int dec_ttl(struct packet *p) {
  uint8_t *ip = p->data + 14;
  if (ip[8] <= 1)
    return -1;
  ip[8]--;
  uint32_t sum = (uint32_t)(ip[10] << 8 | ip[11]) + 0x0100;
  sum = (sum & 0xffff) + (sum >> 16);
  ip[10] = (uint8_t)(sum >> 8);
  ip[11] = (uint8_t)sum;
  return 0;
}

/* A small classifier: match on protocol and port ranges. */
struct rule { uint8_t proto; uint16_t lo, hi; int out; };

int classify(const struct rule *r, int n, const struct packet *p) {
  const uint8_t *ip = p->data + 14;
  int hl = (ip[0] & 15) * 4;
  uint16_t dport = (uint16_t)(ip[hl + 2] << 8 | ip[hl + 3]);
  for (int i = 0; i < n; i++)
    if ((r[i].proto == 0 || r[i].proto == ip[9]) && dport >= r[i].lo &&
        dport <= r[i].hi)
      return r[i].out;
  return -1;
}

/* Strip an encapsulation header and set an annotation. */
void strip_encap(struct packet *p, int hdr) {
  memmove(p->data, p->data + hdr, (size_t)(p->len - hdr));
  p->len -= hdr;
  p->anno = (uint32_t)p->data[12] << 24 | (uint32_t)p->data[13] << 16 |
            (uint32_t)p->data[14] << 8 | p->data[15];
}

/* Round-robin scheduler over input queues. */
int rr_pick(struct ring **in, int n, int *last) {
  for (int k = 1; k <= n; k++) {
    int i = (*last + k) % n;
    if (in[i]->head != in[i]->tail) {
      *last = i;
      return i;
    }
  }
  return -1;
}

/* Self-clocked fair queueing (Golestani's SCFQ, a WFQ approximation).
 * Each packet gets a virtual finish tag
 *     F = max(V, F_prev(flow)) + len * SCALE / weight
 * where V is the tag of the packet most recently sent; the scheduler sends
 * the head-of-line packet with the smallest tag (ties: lowest flow index).
 * Tags are 64-bit fixed point, per-flow queues are fixed-size rings. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define SCFQ_MAX_FLOWS 16
#define SCFQ_QLEN 64
#define SCFQ_SCALE 1024u

struct scfq_pkt {
  uint32_t id;
  uint32_t len;
  uint64_t tag;
};

struct scfq_flow {
  uint32_t weight;
  uint64_t last_tag;
  unsigned head, count;
  struct scfq_pkt q[SCFQ_QLEN];
};

struct scfq {
  unsigned nflows;
  uint64_t vtime;
  uint64_t backlog_bytes;
  uint32_t drops;
  struct scfq_flow flow[SCFQ_MAX_FLOWS];
};

int scfq_init(struct scfq *s, unsigned nflows, const uint32_t *weights) {
  if (nflows == 0 || nflows > SCFQ_MAX_FLOWS)
    return -1;
  memset(s, 0, sizeof(*s));
  s->nflows = nflows;
  for (unsigned i = 0; i < nflows; i++) {
    if (weights[i] == 0)
      return -1;
    s->flow[i].weight = weights[i];
  }
  return 0;
}

static uint64_t scfq_cost(uint32_t len, uint32_t weight) {
  /* round up so that a nonzero packet always advances the tag */
  return ((uint64_t)len * SCFQ_SCALE + weight - 1) / weight;
}

/* Queue packet id of len bytes on flow f. 0, or -1 if dropped. */
int scfq_enqueue(struct scfq *s, unsigned f, uint32_t id, uint32_t len) {
  if (f >= s->nflows)
    return -1;
  struct scfq_flow *fl = &s->flow[f];
  if (fl->count == SCFQ_QLEN) {
    s->drops++;
    return -1;
  }
  uint64_t start = fl->last_tag > s->vtime ? fl->last_tag : s->vtime;
  uint64_t tag = start + scfq_cost(len, fl->weight);
  unsigned slot = (fl->head + fl->count) % SCFQ_QLEN;
  fl->q[slot].id = id;
  fl->q[slot].len = len;
  fl->q[slot].tag = tag;
  fl->count++;
  fl->last_tag = tag;
  s->backlog_bytes += len;
  return 0;
}

/* Flow whose head packet has the smallest tag, or -1 when idle. */
int scfq_pick(const struct scfq *s) {
  int best = -1;
  uint64_t best_tag = 0;
  for (unsigned i = 0; i < s->nflows; i++) {
    const struct scfq_flow *fl = &s->flow[i];
    if (fl->count == 0)
      continue;
    uint64_t t = fl->q[fl->head].tag;
    if (best < 0 || t < best_tag) {
      best = (int)i;
      best_tag = t;
    }
  }
  return best;
}

/* Send the next packet; returns its flow or -1. */
int scfq_dequeue(struct scfq *s, uint32_t *id, uint32_t *len) {
  int f = scfq_pick(s);
  if (f < 0) {
    return -1;
  }
  struct scfq_flow *fl = &s->flow[f];
  struct scfq_pkt *p = &fl->q[fl->head];
  *id = p->id;
  *len = p->len;
  s->vtime = p->tag;
  fl->head = (fl->head + 1) % SCFQ_QLEN;
  fl->count--;
  s->backlog_bytes -= p->len;
  if (s->backlog_bytes == 0) {
    /* system idle: restart virtual time so tags stay small */
    s->vtime = 0;
    for (unsigned i = 0; i < s->nflows; i++)
      s->flow[i].last_tag = 0;
  }
  return f;
}

/* Change a flow's weight; affects packets queued from now on. */
int scfq_set_weight(struct scfq *s, unsigned f, uint32_t weight) {
  if (f >= s->nflows || weight == 0)
    return -1;
  s->flow[f].weight = weight;
  return 0;
}

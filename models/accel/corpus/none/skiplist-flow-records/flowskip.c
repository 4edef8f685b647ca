/* Skip list of flow records keyed exactly by the IPv4 5-tuple.
 * Records are kept in key order, so a monitor can also dump them sorted or
 * walk a range of sources.  Levels come from a small xorshift generator. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define FSK_MAXLVL 14

struct fsk_key {
    uint32_t src, dst;
    uint16_t sport, dport;
    uint8_t proto;
};

struct fsk_node {
    struct fsk_key key;
    uint64_t pkts, bytes;
    uint32_t first_seen, last_seen;
    int height;
    struct fsk_node *fwd[FSK_MAXLVL];
};

struct fsk_list {
    struct fsk_node head;
    int level;
    unsigned count;
    uint32_t rng;
};

static uint32_t fsk_rand(struct fsk_list *l)
{
    uint32_t x = l->rng;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    l->rng = x;
    return x;
}

static int fsk_pick_height(struct fsk_list *l)
{
    uint32_t r = fsk_rand(l);
    int h = 1;
    while (h < FSK_MAXLVL && (r & 3u) == 0) { /* p = 1/4 */
        h++;
        r >>= 2;
    }
    return h;
}

static int fsk_cmp(const struct fsk_key *a, const struct fsk_key *b)
{
    if (a->src != b->src) return a->src < b->src ? -1 : 1;
    if (a->dst != b->dst) return a->dst < b->dst ? -1 : 1;
    if (a->sport != b->sport) return a->sport < b->sport ? -1 : 1;
    if (a->dport != b->dport) return a->dport < b->dport ? -1 : 1;
    if (a->proto != b->proto) return a->proto < b->proto ? -1 : 1;
    return 0;
}

void fsk_init(struct fsk_list *l, uint32_t seed)
{
    memset(l, 0, sizeof *l);
    l->level = 1;
    l->head.height = FSK_MAXLVL;
    l->rng = seed ? seed : 0x9e3779b9u;
}

/* Find the predecessors of key on every level; returns the candidate node. */
static struct fsk_node *fsk_search(struct fsk_list *l, const struct fsk_key *k,
                                   struct fsk_node **pred)
{
    struct fsk_node *x = &l->head;
    for (int i = l->level - 1; i >= 0; i--) {
        while (x->fwd[i] && fsk_cmp(&x->fwd[i]->key, k) < 0)
            x = x->fwd[i];
        if (pred) pred[i] = x;
    }
    return x->fwd[0];
}

struct fsk_node *fsk_lookup(struct fsk_list *l, const struct fsk_key *k)
{
    struct fsk_node *x = &l->head;
    int i = l->level;
    while (i-- > 0) {
        struct fsk_node *n;
        while ((n = x->fwd[i]) != NULL) {
            int c = fsk_cmp(&n->key, k);
            if (c == 0) return n;
            if (c > 0) break;
            x = n;
        }
    }
    return NULL;
}

/* Account a packet to its flow, creating the record when new. */
struct fsk_node *fsk_account(struct fsk_list *l, const struct fsk_key *k,
                             uint32_t len, uint32_t now)
{
    struct fsk_node *pred[FSK_MAXLVL];
    struct fsk_node *n = fsk_search(l, k, pred);
    if (n && fsk_cmp(&n->key, k) == 0) {
        n->pkts++;
        n->bytes += len;
        n->last_seen = now;
        return n;
    }
    int h = fsk_pick_height(l);
    if (h > l->level) {
        for (int i = l->level; i < h; i++) pred[i] = &l->head;
        l->level = h;
    }
    n = (struct fsk_node *)calloc(1, sizeof *n);
    if (!n) return NULL;
    n->key = *k;
    n->height = h;
    n->pkts = 1;
    n->bytes = len;
    n->first_seen = n->last_seen = now;
    for (int i = 0; i < h; i++) {
        n->fwd[i] = pred[i]->fwd[i];
        pred[i]->fwd[i] = n;
    }
    l->count++;
    return n;
}

int fsk_remove(struct fsk_list *l, const struct fsk_key *k)
{
    struct fsk_node *pred[FSK_MAXLVL];
    struct fsk_node *n = fsk_search(l, k, pred);
    if (!n || fsk_cmp(&n->key, k) != 0) return 0;
    for (int i = 0; i < n->height; i++)
        if (pred[i]->fwd[i] == n) pred[i]->fwd[i] = n->fwd[i];
    while (l->level > 1 && l->head.fwd[l->level - 1] == NULL) l->level--;
    free(n);
    l->count--;
    return 1;
}

/* Remove every flow idle since before 'cutoff'; a single pass on level 0
 * with per-level trailing pointers kept up to date. */
unsigned fsk_expire(struct fsk_list *l, uint32_t cutoff)
{
    struct fsk_node *last[FSK_MAXLVL];
    unsigned gone = 0;
    for (int i = 0; i < FSK_MAXLVL; i++) last[i] = &l->head;
    struct fsk_node *n = l->head.fwd[0];
    while (n) {
        struct fsk_node *next = n->fwd[0];
        if ((int32_t)(n->last_seen - cutoff) < 0) {
            for (int i = 0; i < n->height; i++) last[i]->fwd[i] = n->fwd[i];
            free(n);
            gone++;
        } else {
            for (int i = 0; i < n->height; i++) last[i] = n;
        }
        n = next;
    }
    while (l->level > 1 && l->head.fwd[l->level - 1] == NULL) l->level--;
    l->count -= gone;
    return gone;
}

/* Copy up to max records with src in [lo, hi] into out, in key order. */
unsigned fsk_range_by_src(struct fsk_list *l, uint32_t lo, uint32_t hi,
                          struct fsk_node **out, unsigned max)
{
    struct fsk_key probe;
    memset(&probe, 0, sizeof probe);
    probe.src = lo;
    struct fsk_node *n = fsk_search(l, &probe, NULL);
    unsigned k = 0;
    while (n && n->key.src <= hi && k < max) {
        out[k++] = n;
        n = n->fwd[0];
    }
    return k;
}

void fsk_destroy(struct fsk_list *l)
{
    struct fsk_node *n = l->head.fwd[0];
    while (n) {
        struct fsk_node *nx = n->fwd[0];
        free(n);
        n = nx;
    }
    memset(l->head.fwd, 0, sizeof l->head.fwd);
    l->level = 1;
    l->count = 0;
}

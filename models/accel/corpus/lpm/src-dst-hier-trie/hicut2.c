/* Two-field (destination, source) prefix classifier as a hierarchical
 * trie: a binary trie on the destination prefix whose nodes each own a
 * binary trie on the source prefix. A packet walks the destination trie
 * along its destination address and, at every destination node that owns
 * a source trie, walks that trie along its source address. The rule with
 * the lowest priority value among all matches is returned. */
#include <stdint.h>
#include <stdlib.h>

#define HB(a, i) (((a) >> (31 - (i))) & 1u)

struct s_node {
    struct s_node *kid[2];
    int rule;          /* -1 if no rule ends here */
    uint32_t prio;
};

struct d_node {
    struct d_node *kid[2];
    struct s_node *src;
};

struct hclass {
    struct d_node root;
};

static void *hz(size_t n)
{
    return calloc(1, n);
}

int hc_add(struct hclass *c, uint32_t dst, unsigned dlen, uint32_t src,
           unsigned slen, uint32_t prio, int rule)
{
    struct d_node *d = &c->root;
    for (unsigned i = 0; i < dlen; i++) {
        struct d_node **k = &d->kid[HB(dst, i)];
        if (!*k && !(*k = hz(sizeof(struct d_node))))
            return -1;
        d = *k;
    }
    struct s_node **sl = &d->src;
    if (!*sl) {
        if (!(*sl = hz(sizeof(struct s_node))))
            return -1;
        (*sl)->rule = -1;
    }
    struct s_node *s = *sl;
    for (unsigned i = 0; i < slen; i++) {
        struct s_node **k = &s->kid[HB(src, i)];
        if (!*k) {
            if (!(*k = hz(sizeof(struct s_node))))
                return -1;
            (*k)->rule = -1;
        }
        s = *k;
    }
    s->rule = rule;
    s->prio = prio;
    return 0;
}

int hc_classify(const struct hclass *c, uint32_t dst, uint32_t src)
{
    int best = -1;
    uint32_t best_prio = UINT32_MAX;
    const struct d_node *d = &c->root;
    for (unsigned i = 0; d; i++) {
        const struct s_node *s = d->src;
        for (unsigned j = 0; s; j++) {
            if (s->rule >= 0 && (best < 0 || s->prio < best_prio)) {
                best = s->rule;
                best_prio = s->prio;
            }
            s = j < 32 ? s->kid[HB(src, j)] : NULL;
        }
        d = i < 32 ? d->kid[HB(dst, i)] : NULL;
    }
    return best;
}

int hc_del(struct hclass *c, uint32_t dst, unsigned dlen, uint32_t src,
           unsigned slen)
{
    struct d_node *dpath[33];
    struct s_node *spath[33];
    struct d_node *d = &c->root;
    dpath[0] = d;
    for (unsigned i = 0; i < dlen; i++) {
        d = d->kid[HB(dst, i)];
        if (!d)
            return -1;
        dpath[i + 1] = d;
    }
    struct s_node *s = d->src;
    if (!s)
        return -1;
    spath[0] = s;
    for (unsigned i = 0; i < slen; i++) {
        s = s->kid[HB(src, i)];
        if (!s)
            return -1;
        spath[i + 1] = s;
    }
    if (s->rule < 0)
        return -1;
    s->rule = -1;
    unsigned k = slen;
    for (;;) {
        struct s_node *n = spath[k];
        if (n->rule >= 0 || n->kid[0] || n->kid[1])
            return 0;
        free(n);
        if (k == 0) {
            d->src = NULL;
            break;
        }
        k--;
        spath[k]->kid[HB(src, k)] = NULL;
    }
    for (k = dlen; k > 0; k--) {
        struct d_node *n = dpath[k];
        if (n->src || n->kid[0] || n->kid[1])
            break;
        free(n);
        dpath[k - 1]->kid[HB(dst, k - 1)] = NULL;
    }
    return 0;
}

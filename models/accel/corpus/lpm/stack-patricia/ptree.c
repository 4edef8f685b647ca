/* Path-compressed binary radix tree for IPv4 forwarding.
 * Every node carries a (key, len) prefix; a node branches on bit `len`.
 * The lookup descends on branch bits only and remembers candidate nodes
 * on an explicit stack; candidates are verified bottom-up afterwards.
 * Deletion records the ancestor link chain on an explicit stack too. */
#include <stdint.h>
#include <stdlib.h>

#define PT_MASK(l) ((l) == 0 ? 0u : (0xffffffffu << (32 - (l))))
#define PT_BIT(k, i) (((k) >> (31 - (i))) & 1u)
#define PT_NONE (-1)

struct pt_node {
    uint32_t key;
    uint8_t len;
    int32_t hop;
    struct pt_node *kid[2];
};

struct pt_tree {
    struct pt_node *root;
    unsigned count;
};

static struct pt_node *pt_new(uint32_t key, unsigned len, int32_t hop)
{
    struct pt_node *n = calloc(1, sizeof(*n));
    if (!n)
        return NULL;
    n->key = key & PT_MASK(len);
    n->len = (uint8_t)len;
    n->hop = hop;
    return n;
}

int pt_insert(struct pt_tree *t, uint32_t key, unsigned len, int32_t hop)
{
    struct pt_node **link = &t->root;
    key &= PT_MASK(len);
    for (;;) {
        struct pt_node *n = *link;
        if (n == NULL) {
            *link = pt_new(key, len, hop);
            if (!*link)
                return -1;
            t->count++;
            return 0;
        }
        uint32_t diff = key ^ n->key;
        unsigned common = diff ? (unsigned)__builtin_clz(diff) : 32;
        if (common > len)
            common = len;
        if (common > n->len)
            common = n->len;
        if (common == n->len) {
            if (len == n->len) {
                if (n->hop == PT_NONE)
                    t->count++;
                n->hop = hop;
                return 0;
            }
            link = &n->kid[PT_BIT(key, n->len)];
            continue;
        }
        if (common == len) {
            struct pt_node *m = pt_new(key, len, hop);
            if (!m)
                return -1;
            m->kid[PT_BIT(n->key, len)] = n;
            *link = m;
            t->count++;
            return 0;
        }
        struct pt_node *fork = pt_new(key, common, PT_NONE);
        struct pt_node *leaf = pt_new(key, len, hop);
        if (!fork || !leaf) {
            free(fork);
            free(leaf);
            return -1;
        }
        fork->kid[PT_BIT(key, common)] = leaf;
        fork->kid[PT_BIT(n->key, common)] = n;
        *link = fork;
        t->count++;
        return 0;
    }
}

int32_t pt_match(const struct pt_tree *t, uint32_t addr)
{
    const struct pt_node *cand[34];
    int sp = 0;
    const struct pt_node *n = t->root;
    while (n) {
        if (n->hop != PT_NONE)
            cand[sp++] = n;
        if (n->len >= 32)
            break;
        n = n->kid[PT_BIT(addr, n->len)];
    }
    while (sp > 0) {
        const struct pt_node *c = cand[--sp];
        if (((addr ^ c->key) & PT_MASK(c->len)) == 0)
            return c->hop;
    }
    return PT_NONE;
}

int pt_remove(struct pt_tree *t, uint32_t key, unsigned len)
{
    struct pt_node **trail[34];
    int depth = 0;
    struct pt_node **link = &t->root;
    key &= PT_MASK(len);
    while (*link) {
        struct pt_node *n = *link;
        if (n->len > len || ((key ^ n->key) & PT_MASK(n->len)) != 0)
            return -1;
        trail[depth++] = link;
        if (n->len == len)
            break;
        link = &n->kid[PT_BIT(key, n->len)];
    }
    if (depth == 0 || (*trail[depth - 1])->len != len ||
        (*trail[depth - 1])->hop == PT_NONE)
        return -1;
    (*trail[depth - 1])->hop = PT_NONE;
    t->count--;
    while (depth > 0) {
        struct pt_node **at = trail[--depth];
        struct pt_node *n = *at;
        if (n->hop != PT_NONE)
            break;
        if (n->kid[0] && n->kid[1])
            break;
        *at = n->kid[0] ? n->kid[0] : n->kid[1];
        free(n);
        if (*at)
            break;
    }
    return 0;
}

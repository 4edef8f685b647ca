/* Interval tree of timer windows: each timer is active over [start, end).
 * An AVL tree ordered by (start, id), every node augmented with the largest
 * end in its subtree, so "which timers cover instant t" and "which windows
 * overlap [a, b)" prune whole subtrees. Nodes live in a fixed pool and are
 * linked by 16-bit indices (0 = nil). */
#include <stdint.h>
#include <stddef.h>

#define IT_POOL 4096

typedef struct {
    uint32_t start, end, id, maxend;
    uint16_t left, right, freenext;
    int8_t height;
} it_node;

typedef struct {
    it_node n[IT_POOL + 1];
    uint16_t root, freehead;
    unsigned count;
} it_tree;

void it_init(it_tree *t)
{
    unsigned i;
    t->root = 0;
    t->count = 0;
    t->freehead = 1;
    for (i = 1; i <= IT_POOL; i++)
        t->n[i].freenext = (uint16_t)(i < IT_POOL ? i + 1 : 0);
    t->n[0].height = 0;
    t->n[0].maxend = 0;
}

static int it_h(const it_tree *t, uint16_t x) { return x ? t->n[x].height : 0; }

static void it_fix(it_tree *t, uint16_t x)
{
    it_node *nd = &t->n[x];
    int hl = it_h(t, nd->left), hr = it_h(t, nd->right);
    uint32_t m = nd->end;
    nd->height = (int8_t)(1 + (hl > hr ? hl : hr));
    if (nd->left && t->n[nd->left].maxend > m)
        m = t->n[nd->left].maxend;
    if (nd->right && t->n[nd->right].maxend > m)
        m = t->n[nd->right].maxend;
    nd->maxend = m;
}

static uint16_t it_rot_right(it_tree *t, uint16_t y)
{
    uint16_t x = t->n[y].left;
    t->n[y].left = t->n[x].right;
    t->n[x].right = y;
    it_fix(t, y);
    it_fix(t, x);
    return x;
}

static uint16_t it_rot_left(it_tree *t, uint16_t x)
{
    uint16_t y = t->n[x].right;
    t->n[x].right = t->n[y].left;
    t->n[y].left = x;
    it_fix(t, x);
    it_fix(t, y);
    return y;
}

static uint16_t it_balance(it_tree *t, uint16_t x)
{
    int bf;
    it_fix(t, x);
    bf = it_h(t, t->n[x].left) - it_h(t, t->n[x].right);
    if (bf > 1) {
        uint16_t l = t->n[x].left;
        if (it_h(t, t->n[l].left) < it_h(t, t->n[l].right))
            t->n[x].left = it_rot_left(t, l);
        return it_rot_right(t, x);
    }
    if (bf < -1) {
        uint16_t r = t->n[x].right;
        if (it_h(t, t->n[r].right) < it_h(t, t->n[r].left))
            t->n[x].right = it_rot_right(t, r);
        return it_rot_left(t, x);
    }
    return x;
}

static int it_cmp(uint32_t s1, uint32_t id1, uint32_t s2, uint32_t id2)
{
    if (s1 != s2)
        return s1 < s2 ? -1 : 1;
    if (id1 != id2)
        return id1 < id2 ? -1 : 1;
    return 0;
}

static uint16_t it_ins(it_tree *t, uint16_t x, uint16_t nw)
{
    if (!x)
        return nw;
    if (it_cmp(t->n[nw].start, t->n[nw].id, t->n[x].start, t->n[x].id) < 0)
        t->n[x].left = it_ins(t, t->n[x].left, nw);
    else
        t->n[x].right = it_ins(t, t->n[x].right, nw);
    return it_balance(t, x);
}

/* Arm a timer window; returns 0 when the pool is exhausted. */
int it_insert(it_tree *t, uint32_t start, uint32_t end, uint32_t id)
{
    uint16_t nw = t->freehead;
    if (!nw || end <= start)
        return 0;
    t->freehead = t->n[nw].freenext;
    t->n[nw].start = start;
    t->n[nw].end = end;
    t->n[nw].id = id;
    t->n[nw].left = t->n[nw].right = 0;
    it_fix(t, nw);
    t->root = it_ins(t, t->root, nw);
    t->count++;
    return 1;
}

static uint16_t it_detach_min(it_tree *t, uint16_t x, uint16_t *minp)
{
    if (!t->n[x].left) {
        *minp = x;
        return t->n[x].right;
    }
    t->n[x].left = it_detach_min(t, t->n[x].left, minp);
    return it_balance(t, x);
}

static uint16_t it_del(it_tree *t, uint16_t x, uint32_t start, uint32_t id,
                       int *done)
{
    int c;
    if (!x)
        return 0;
    c = it_cmp(start, id, t->n[x].start, t->n[x].id);
    if (c < 0) {
        t->n[x].left = it_del(t, t->n[x].left, start, id, done);
    } else if (c > 0) {
        t->n[x].right = it_del(t, t->n[x].right, start, id, done);
    } else {
        uint16_t l = t->n[x].left, r = t->n[x].right, m;
        t->n[x].freenext = t->freehead;
        t->freehead = x;
        *done = 1;
        if (!r)
            return l;
        r = it_detach_min(t, r, &m);
        t->n[m].left = l;
        t->n[m].right = r;
        return it_balance(t, m);
    }
    return it_balance(t, x);
}

/* Cancel a timer by its (start, id) key; returns 1 if it was armed. */
int it_cancel(it_tree *t, uint32_t start, uint32_t id)
{
    int done = 0;
    t->root = it_del(t, t->root, start, id, &done);
    if (done)
        t->count--;
    return done;
}

/* Collect ids of windows overlapping [a, b) in key order (a point query is
 * b = a + 1). Iterative in-order walk with an explicit stack. */
size_t it_overlap(const it_tree *t, uint32_t a, uint32_t b, uint32_t *ids,
                  size_t cap)
{
    uint16_t stack[64];
    int sp = 0;
    uint16_t x = t->root;
    size_t found = 0;
    for (;;) {
        while (x && t->n[x].maxend > a) {
            stack[sp++] = x;
            x = t->n[x].left;
        }
        if (!sp)
            break;
        x = stack[--sp];
        if (t->n[x].start >= b)
            break;                      /* everything to the right starts later */
        if (t->n[x].end > a) {
            if (found < cap)
                ids[found] = t->n[x].id;
            found++;
        }
        x = t->n[x].right;
    }
    return found;
}

/* Earliest-expiring active window among those covering t (UINT32_MAX if
 * none): descends only into subtrees whose maxend exceeds t. */
uint32_t it_next_expiry(const it_tree *t, uint32_t now)
{
    uint16_t stack[64];
    int sp = 0;
    uint32_t best = UINT32_MAX;
    if (t->root)
        stack[sp++] = t->root;
    while (sp) {
        uint16_t x = stack[--sp];
        const it_node *nd = &t->n[x];
        if (nd->maxend <= now)
            continue;
        if (nd->start <= now && nd->end > now && nd->end < best)
            best = nd->end;
        if (nd->left)
            stack[sp++] = nd->left;
        if (nd->right && nd->start <= now)
            stack[sp++] = nd->right;
    }
    return best;
}

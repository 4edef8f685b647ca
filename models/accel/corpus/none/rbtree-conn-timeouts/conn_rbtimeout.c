/* Connection-timeout queue as a red-black tree over a static node pool.
 * Nodes are addressed by 16-bit-ish indices; index 0 is the shared black
 * sentinel.  Ordering: (expiry, connection id), so equal expiries are kept
 * apart and a connection can be re-armed by delete + insert. */
#include <stdint.h>
#include <string.h>

#define CT_POOL 4096
#define CT_NIL 0u
enum { CT_BLACK = 0, CT_RED = 1 };

typedef struct {
    uint64_t expiry;
    uint32_t conn;
    uint32_t left, right, up;
    uint8_t colour;
} ct_node_t;

static ct_node_t ct_nodes[CT_POOL];
static uint32_t ct_root;
static uint32_t ct_freelist;
static uint32_t ct_where[CT_POOL]; /* conn id -> node index (0 = not armed) */
static unsigned ct_armed;

void ct_reset(void)
{
    memset(ct_nodes, 0, sizeof ct_nodes);
    memset(ct_where, 0, sizeof ct_where);
    ct_root = CT_NIL;
    ct_armed = 0;
    ct_freelist = CT_NIL;
    for (uint32_t i = CT_POOL - 1; i >= 1; i--) {
        ct_nodes[i].right = ct_freelist;
        ct_freelist = i;
    }
}

static int ct_before(uint32_t a, uint32_t b)
{
    const ct_node_t *x = &ct_nodes[a], *y = &ct_nodes[b];
    if (x->expiry != y->expiry) return x->expiry < y->expiry;
    return x->conn < y->conn;
}

static void ct_rotate_left(uint32_t x)
{
    uint32_t y = ct_nodes[x].right;
    ct_nodes[x].right = ct_nodes[y].left;
    if (ct_nodes[y].left != CT_NIL) ct_nodes[ct_nodes[y].left].up = x;
    ct_nodes[y].up = ct_nodes[x].up;
    if (ct_nodes[x].up == CT_NIL)
        ct_root = y;
    else if (ct_nodes[ct_nodes[x].up].left == x)
        ct_nodes[ct_nodes[x].up].left = y;
    else
        ct_nodes[ct_nodes[x].up].right = y;
    ct_nodes[y].left = x;
    ct_nodes[x].up = y;
}

static void ct_rotate_right(uint32_t x)
{
    uint32_t y = ct_nodes[x].left;
    ct_nodes[x].left = ct_nodes[y].right;
    if (ct_nodes[y].right != CT_NIL) ct_nodes[ct_nodes[y].right].up = x;
    ct_nodes[y].up = ct_nodes[x].up;
    if (ct_nodes[x].up == CT_NIL)
        ct_root = y;
    else if (ct_nodes[ct_nodes[x].up].right == x)
        ct_nodes[ct_nodes[x].up].right = y;
    else
        ct_nodes[ct_nodes[x].up].left = y;
    ct_nodes[y].right = x;
    ct_nodes[x].up = y;
}

static void ct_insert_fixup(uint32_t z)
{
    while (ct_nodes[ct_nodes[z].up].colour == CT_RED) {
        uint32_t p = ct_nodes[z].up, g = ct_nodes[p].up;
        if (p == ct_nodes[g].left) {
            uint32_t u = ct_nodes[g].right;
            if (ct_nodes[u].colour == CT_RED) {
                ct_nodes[p].colour = CT_BLACK;
                ct_nodes[u].colour = CT_BLACK;
                ct_nodes[g].colour = CT_RED;
                z = g;
            } else {
                if (z == ct_nodes[p].right) {
                    z = p;
                    ct_rotate_left(z);
                    p = ct_nodes[z].up;
                    g = ct_nodes[p].up;
                }
                ct_nodes[p].colour = CT_BLACK;
                ct_nodes[g].colour = CT_RED;
                ct_rotate_right(g);
            }
        } else {
            uint32_t u = ct_nodes[g].left;
            if (ct_nodes[u].colour == CT_RED) {
                ct_nodes[p].colour = CT_BLACK;
                ct_nodes[u].colour = CT_BLACK;
                ct_nodes[g].colour = CT_RED;
                z = g;
            } else {
                if (z == ct_nodes[p].left) {
                    z = p;
                    ct_rotate_right(z);
                    p = ct_nodes[z].up;
                    g = ct_nodes[p].up;
                }
                ct_nodes[p].colour = CT_BLACK;
                ct_nodes[g].colour = CT_RED;
                ct_rotate_left(g);
            }
        }
    }
    ct_nodes[ct_root].colour = CT_BLACK;
}

/* Arm (or re-arm) the timeout of conn. Returns 0, or -1 when out of nodes. */
int ct_arm(uint32_t conn, uint64_t expiry);
void ct_disarm(uint32_t conn);

static void ct_transplant(uint32_t u, uint32_t v)
{
    uint32_t pu = ct_nodes[u].up;
    if (pu == CT_NIL)
        ct_root = v;
    else if (u == ct_nodes[pu].left)
        ct_nodes[pu].left = v;
    else
        ct_nodes[pu].right = v;
    ct_nodes[v].up = pu; /* may write the sentinel's parent: used by fixup */
}

static void ct_delete_fixup(uint32_t x)
{
    while (x != ct_root && ct_nodes[x].colour == CT_BLACK) {
        uint32_t p = ct_nodes[x].up;
        if (x == ct_nodes[p].left) {
            uint32_t w = ct_nodes[p].right;
            if (ct_nodes[w].colour == CT_RED) {
                ct_nodes[w].colour = CT_BLACK;
                ct_nodes[p].colour = CT_RED;
                ct_rotate_left(p);
                w = ct_nodes[p].right;
            }
            if (ct_nodes[ct_nodes[w].left].colour == CT_BLACK &&
                ct_nodes[ct_nodes[w].right].colour == CT_BLACK) {
                ct_nodes[w].colour = CT_RED;
                x = p;
            } else {
                if (ct_nodes[ct_nodes[w].right].colour == CT_BLACK) {
                    ct_nodes[ct_nodes[w].left].colour = CT_BLACK;
                    ct_nodes[w].colour = CT_RED;
                    ct_rotate_right(w);
                    w = ct_nodes[p].right;
                }
                ct_nodes[w].colour = ct_nodes[p].colour;
                ct_nodes[p].colour = CT_BLACK;
                ct_nodes[ct_nodes[w].right].colour = CT_BLACK;
                ct_rotate_left(p);
                x = ct_root;
            }
        } else {
            uint32_t w = ct_nodes[p].left;
            if (ct_nodes[w].colour == CT_RED) {
                ct_nodes[w].colour = CT_BLACK;
                ct_nodes[p].colour = CT_RED;
                ct_rotate_right(p);
                w = ct_nodes[p].left;
            }
            if (ct_nodes[ct_nodes[w].right].colour == CT_BLACK &&
                ct_nodes[ct_nodes[w].left].colour == CT_BLACK) {
                ct_nodes[w].colour = CT_RED;
                x = p;
            } else {
                if (ct_nodes[ct_nodes[w].left].colour == CT_BLACK) {
                    ct_nodes[ct_nodes[w].right].colour = CT_BLACK;
                    ct_nodes[w].colour = CT_RED;
                    ct_rotate_left(w);
                    w = ct_nodes[p].left;
                }
                ct_nodes[w].colour = ct_nodes[p].colour;
                ct_nodes[p].colour = CT_BLACK;
                ct_nodes[ct_nodes[w].left].colour = CT_BLACK;
                ct_rotate_right(p);
                x = ct_root;
            }
        }
    }
    ct_nodes[x].colour = CT_BLACK;
}

static void ct_unlink(uint32_t z)
{
    uint32_t y = z, x;
    uint8_t ycol = ct_nodes[y].colour;
    if (ct_nodes[z].left == CT_NIL) {
        x = ct_nodes[z].right;
        ct_transplant(z, x);
    } else if (ct_nodes[z].right == CT_NIL) {
        x = ct_nodes[z].left;
        ct_transplant(z, x);
    } else {
        y = ct_nodes[z].right;
        while (ct_nodes[y].left != CT_NIL) y = ct_nodes[y].left;
        ycol = ct_nodes[y].colour;
        x = ct_nodes[y].right;
        if (ct_nodes[y].up == z) {
            ct_nodes[x].up = y;
        } else {
            ct_transplant(y, x);
            ct_nodes[y].right = ct_nodes[z].right;
            ct_nodes[ct_nodes[y].right].up = y;
        }
        ct_transplant(z, y);
        ct_nodes[y].left = ct_nodes[z].left;
        ct_nodes[ct_nodes[y].left].up = y;
        ct_nodes[y].colour = ct_nodes[z].colour;
    }
    if (ycol == CT_BLACK) ct_delete_fixup(x);
    ct_nodes[CT_NIL].up = CT_NIL;
    ct_nodes[CT_NIL].colour = CT_BLACK;
}

void ct_disarm(uint32_t conn)
{
    uint32_t z = ct_where[conn % CT_POOL];
    if (z == CT_NIL || ct_nodes[z].conn != conn) return;
    ct_unlink(z);
    ct_where[conn % CT_POOL] = CT_NIL;
    ct_nodes[z].right = ct_freelist;
    ct_nodes[z].left = ct_nodes[z].up = CT_NIL;
    ct_freelist = z;
    ct_armed--;
}

int ct_arm(uint32_t conn, uint64_t expiry)
{
    if (conn >= CT_POOL) return -1; /* ids are slot numbers of the conn table */
    ct_disarm(conn);
    uint32_t z = ct_freelist;
    if (z == CT_NIL) return -1;
    ct_freelist = ct_nodes[z].right;
    ct_nodes[z].expiry = expiry;
    ct_nodes[z].conn = conn;
    ct_nodes[z].left = ct_nodes[z].right = CT_NIL;
    ct_nodes[z].colour = CT_RED;

    uint32_t parent = CT_NIL, cur = ct_root;
    while (cur != CT_NIL) {
        parent = cur;
        cur = ct_before(z, cur) ? ct_nodes[cur].left : ct_nodes[cur].right;
    }
    ct_nodes[z].up = parent;
    if (parent == CT_NIL)
        ct_root = z;
    else if (ct_before(z, parent))
        ct_nodes[parent].left = z;
    else
        ct_nodes[parent].right = z;
    ct_insert_fixup(z);
    ct_where[conn] = z;
    ct_armed++;
    return 0;
}

/* Earliest armed expiry; returns 0 when nothing is armed. */
int ct_next_deadline(uint64_t *when, uint32_t *conn)
{
    uint32_t n = ct_root;
    if (n == CT_NIL) return 0;
    while (ct_nodes[n].left != CT_NIL) n = ct_nodes[n].left;
    *when = ct_nodes[n].expiry;
    *conn = ct_nodes[n].conn;
    return 1;
}

/* Pop every connection whose expiry is <= now, in order; returns how many
 * were written to out (at most max). */
unsigned ct_collect_expired(uint64_t now, uint32_t *out, unsigned max)
{
    unsigned k = 0;
    uint64_t when;
    uint32_t conn;
    while (k < max && ct_next_deadline(&when, &conn) && when <= now) {
        out[k++] = conn;
        ct_disarm(conn);
    }
    return k;
}

/* Number of armed connections expiring within (now, now + horizon]:
 * an in-order walk pruned on the left using parent links. */
unsigned ct_count_window(uint64_t now, uint64_t horizon)
{
    unsigned c = 0;
    uint32_t n = ct_root, last = CT_NIL;
    /* descend to the first node with expiry > now */
    uint32_t first = CT_NIL;
    while (n != CT_NIL) {
        if (ct_nodes[n].expiry > now) {
            first = n;
            n = ct_nodes[n].left;
        } else {
            n = ct_nodes[n].right;
        }
    }
    n = first;
    while (n != CT_NIL && ct_nodes[n].expiry <= now + horizon) {
        c++;
        if (ct_nodes[n].right != CT_NIL) {
            n = ct_nodes[n].right;
            while (ct_nodes[n].left != CT_NIL) n = ct_nodes[n].left;
        } else {
            last = n;
            n = ct_nodes[n].up;
            while (n != CT_NIL && ct_nodes[n].right == last) {
                last = n;
                n = ct_nodes[n].up;
            }
        }
    }
    return c;
}

/* Ternary search over elementary address segments.
 *
 * The route set is kept as a plain list.  After an insert or delete the
 * list is sorted by (first address, length) and swept once with a stack of
 * the prefixes that enclose the current position; every time a prefix opens
 * or an enclosing prefix closes, a new segment boundary is written with the
 * next hop of whatever is now on top of the stack.  A lookup is a ternary
 * search for the last boundary that is <= the address.
 */
#include <stdint.h>
#include <string.h>

#define TES_MAX_ROUTES 4096
#define TES_MAX_POINTS (2 * TES_MAX_ROUTES + 2)
#define TES_NONE (-1)

static uint32_t tes_first[TES_MAX_ROUTES];
static uint8_t tes_plen[TES_MAX_ROUTES];
static int32_t tes_hop[TES_MAX_ROUTES];
static int tes_count;

static uint32_t tes_point[TES_MAX_POINTS];
static int32_t tes_answer[TES_MAX_POINTS];
static int tes_npoints;
static int tes_stale = 1;

static uint32_t tes_netmask(int len)
{
    return len ? (uint32_t)(0xFFFFFFFFu << (32 - len)) : 0u;
}

/* Shell sort of the route list (Ciura gaps), in place, by (first address,
 * length): lower first address first, then shorter first. */
static void tes_sort_routes(void)
{
    static const int gaps[] = {1750, 701, 301, 132, 57, 23, 10, 4, 1};
    for (unsigned g = 0; g < sizeof gaps / sizeof gaps[0]; g++) {
        int gap = gaps[g];
        for (int i = gap; i < tes_count; i++) {
            uint32_t f = tes_first[i];
            uint8_t l = tes_plen[i];
            int32_t h = tes_hop[i];
            int j = i;
            while (j >= gap && (tes_first[j - gap] > f ||
                                (tes_first[j - gap] == f && tes_plen[j - gap] > l))) {
                tes_first[j] = tes_first[j - gap];
                tes_plen[j] = tes_plen[j - gap];
                tes_hop[j] = tes_hop[j - gap];
                j -= gap;
            }
            tes_first[j] = f;
            tes_plen[j] = l;
            tes_hop[j] = h;
        }
    }
}

static void tes_mark(uint32_t at, int32_t hop)
{
    if (tes_npoints > 0 && tes_point[tes_npoints - 1] == at) {
        tes_answer[tes_npoints - 1] = hop;
        return;
    }
    if (tes_npoints > 0 && tes_answer[tes_npoints - 1] == hop)
        return; /* same answer continues: no new boundary */
    tes_point[tes_npoints] = at;
    tes_answer[tes_npoints] = hop;
    tes_npoints++;
}

/* Sweep the sorted list with a stack of open (enclosing) prefixes. */
void tes_rebuild(void)
{
    static int open[34];
    int depth = 0;

    tes_sort_routes();
    tes_npoints = 0;
    tes_point[0] = 0;
    tes_answer[0] = TES_NONE;
    tes_npoints = 1;

    for (int i = 0; i < tes_count; i++) {
        uint32_t start = tes_first[i];
        while (depth > 0) {
            int top = open[depth - 1];
            uint32_t last = tes_first[top] | ~tes_netmask(tes_plen[top]);
            if (last >= start)
                break;
            depth--;
            tes_mark(last + 1u, depth ? tes_hop[open[depth - 1]] : TES_NONE);
        }
        tes_mark(start, tes_hop[i]);
        open[depth++] = i;
    }
    while (depth > 0) {
        int top = open[--depth];
        uint32_t last = tes_first[top] | ~tes_netmask(tes_plen[top]);
        if (last == 0xFFFFFFFFu)
            continue; /* closes at the very end of the space */
        tes_mark(last + 1u, depth ? tes_hop[open[depth - 1]] : TES_NONE);
    }
    tes_stale = 0;
}

static int tes_find(uint32_t first, int len)
{
    for (int i = 0; i < tes_count; i++)
        if (tes_first[i] == first && tes_plen[i] == len)
            return i;
    return -1;
}

int tes_insert(uint32_t addr, int len, int32_t hop)
{
    if (len < 0 || len > 32 || hop < 0)
        return -1;
    addr &= tes_netmask(len);
    int at = tes_find(addr, len);
    if (at < 0) {
        if (tes_count == TES_MAX_ROUTES)
            return -1;
        at = tes_count++;
        tes_first[at] = addr;
        tes_plen[at] = (uint8_t)len;
    }
    tes_hop[at] = hop;
    tes_stale = 1;
    return 0;
}

int tes_delete(uint32_t addr, int len)
{
    if (len < 0 || len > 32)
        return -1;
    int at = tes_find(addr & tes_netmask(len), len);
    if (at < 0)
        return -1;
    tes_count--;
    tes_first[at] = tes_first[tes_count];
    tes_plen[at] = tes_plen[tes_count];
    tes_hop[at] = tes_hop[tes_count];
    tes_stale = 1;
    return 0;
}

/* Last boundary <= key, found by cutting the range in three. */
int32_t tes_lookup(uint32_t key)
{
    if (tes_stale)
        tes_rebuild();
    int lo = 0, hi = tes_npoints - 1; /* tes_point[lo] <= key always holds */
    while (hi - lo > 2) {
        int third = (hi - lo) / 3;
        int m1 = lo + third;
        int m2 = hi - third;
        if (key < tes_point[m1]) {
            hi = m1 - 1;
        } else if (key < tes_point[m2]) {
            lo = m1;
            hi = m2 - 1;
        } else {
            lo = m2;
        }
    }
    while (hi > lo && tes_point[hi] > key)
        hi--;
    return tes_answer[hi];
}

void tes_clear(void)
{
    tes_count = 0;
    tes_npoints = 0;
    tes_stale = 1;
    memset(tes_point, 0, sizeof tes_point);
}

/*
 * cpe_levels.c
 *
 * Controlled prefix expansion onto four target lengths (8, 16, 24, 32).
 * Every route of length L is expanded to the next target T >= L, giving
 * 2^(T-L) keys.  Each target level keeps its expanded keys in one sorted
 * array, so a lookup is at most four binary searches, longest level first.
 *
 * Besides the expanded arrays every level remembers its original routes
 * (sorted by length then network) so that a withdrawn route's expanded
 * slots can be re-derived from the next-shorter route in the same group.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define CPE_NLEVELS 4

typedef struct {
    uint32_t key;      /* address bits, masked to the level's length */
    uint8_t srcLen;    /* length of the route that produced this slot */
    int32_t hop;
} CpeSlot;

typedef struct {
    uint32_t net;
    uint8_t len;
    int32_t hop;
} CpeRoute;

typedef struct {
    CpeSlot *slots;
    size_t nSlots, capSlots;
    CpeRoute *routes;
    size_t nRoutes, capRoutes;
} CpeLevel;

typedef struct {
    CpeLevel level[CPE_NLEVELS];
} CpeTable;

static const int kTargetLen[CPE_NLEVELS] = { 8, 16, 24, 32 };

static uint32_t cpeMask(int len)
{
    return len <= 0 ? 0u : (len >= 32 ? 0xffffffffu : ~(0xffffffffu >> len));
}

static int cpeLevelFor(int len)
{
    if (len <= 8) return 0;
    if (len <= 16) return 1;
    if (len <= 24) return 2;
    return 3;
}

/* ---- expanded slot array -------------------------------------------- */

/* index of first slot with key >= k */
static size_t slotLowerBound(const CpeLevel *lv, uint32_t k)
{
    size_t lo = 0, hi = lv->nSlots;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (lv->slots[mid].key < k)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static int slotPut(CpeLevel *lv, uint32_t k, uint8_t srcLen, int32_t hop)
{
    size_t at = slotLowerBound(lv, k);
    if (at < lv->nSlots && lv->slots[at].key == k) {
        if (lv->slots[at].srcLen <= srcLen) {
            lv->slots[at].srcLen = srcLen;
            lv->slots[at].hop = hop;
        }
        return 0;
    }
    if (lv->nSlots == lv->capSlots) {
        size_t nc = lv->capSlots ? lv->capSlots * 2 : 64;
        CpeSlot *ns = realloc(lv->slots, nc * sizeof(CpeSlot));
        if (!ns)
            return -1;
        lv->slots = ns;
        lv->capSlots = nc;
    }
    memmove(&lv->slots[at + 1], &lv->slots[at],
            (lv->nSlots - at) * sizeof(CpeSlot));
    lv->slots[at].key = k;
    lv->slots[at].srcLen = srcLen;
    lv->slots[at].hop = hop;
    lv->nSlots++;
    return 0;
}

static void slotErase(CpeLevel *lv, size_t at)
{
    memmove(&lv->slots[at], &lv->slots[at + 1],
            (lv->nSlots - at - 1) * sizeof(CpeSlot));
    lv->nSlots--;
}

/* ---- original route list -------------------------------------------- */

static int routeCmp(uint8_t la, uint32_t na, uint8_t lb, uint32_t nb)
{
    if (la != lb)
        return la < lb ? -1 : 1;
    if (na != nb)
        return na < nb ? -1 : 1;
    return 0;
}

static size_t routeLowerBound(const CpeLevel *lv, uint32_t net, uint8_t len)
{
    size_t lo = 0, hi = lv->nRoutes;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (routeCmp(lv->routes[mid].len, lv->routes[mid].net, len, net) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static CpeRoute *routeFind(CpeLevel *lv, uint32_t net, uint8_t len)
{
    size_t at = routeLowerBound(lv, net, len);
    if (at < lv->nRoutes && lv->routes[at].len == len && lv->routes[at].net == net)
        return &lv->routes[at];
    return NULL;
}

/* ---- public API ------------------------------------------------------- */

CpeTable *cpeNew(void)
{
    return calloc(1, sizeof(CpeTable));
}

void cpeFree(CpeTable *t)
{
    int i;
    if (!t)
        return;
    for (i = 0; i < CPE_NLEVELS; i++) {
        free(t->level[i].slots);
        free(t->level[i].routes);
    }
    free(t);
}

int cpeAdd(CpeTable *t, uint32_t net, int len, int32_t hop)
{
    CpeLevel *lv;
    CpeRoute *r;
    size_t at;
    int target;
    uint32_t first, count, i;

    if (len < 0 || len > 32)
        return -1;
    lv = &t->level[cpeLevelFor(len)];
    target = kTargetLen[cpeLevelFor(len)];
    net &= cpeMask(len);

    r = routeFind(lv, net, (uint8_t)len);
    if (r) {
        r->hop = hop;
    } else {
        if (lv->nRoutes == lv->capRoutes) {
            size_t nc = lv->capRoutes ? lv->capRoutes * 2 : 32;
            CpeRoute *nr = realloc(lv->routes, nc * sizeof(CpeRoute));
            if (!nr)
                return -1;
            lv->routes = nr;
            lv->capRoutes = nc;
        }
        at = routeLowerBound(lv, net, (uint8_t)len);
        memmove(&lv->routes[at + 1], &lv->routes[at],
                (lv->nRoutes - at) * sizeof(CpeRoute));
        lv->routes[at].net = net;
        lv->routes[at].len = (uint8_t)len;
        lv->routes[at].hop = hop;
        lv->nRoutes++;
    }

    /* expand into 2^(target-len) slots spaced 2^(32-target) apart */
    count = 1u << (target - len);
    first = net;
    for (i = 0; i < count; i++) {
        uint32_t k = first + (target == 32 ? i : (i << (32 - target)));
        if (slotPut(lv, k, (uint8_t)len, hop) < 0)
            return -1;
    }
    return 0;
}

int cpeRemove(CpeTable *t, uint32_t net, int len)
{
    CpeLevel *lv;
    CpeRoute *r;
    int lvl, target, lowLen;
    uint32_t count, i;

    if (len < 0 || len > 32)
        return -1;
    lvl = cpeLevelFor(len);
    lv = &t->level[lvl];
    target = kTargetLen[lvl];
    lowLen = lvl == 0 ? 0 : kTargetLen[lvl - 1] + 1;
    net &= cpeMask(len);

    r = routeFind(lv, net, (uint8_t)len);
    if (!r)
        return -1;
    {
        size_t at = (size_t)(r - lv->routes);
        memmove(&lv->routes[at], &lv->routes[at + 1],
                (lv->nRoutes - at - 1) * sizeof(CpeRoute));
        lv->nRoutes--;
    }

    count = 1u << (target - len);
    for (i = 0; i < count; i++) {
        uint32_t k = net + (target == 32 ? i : (i << (32 - target)));
        size_t at = slotLowerBound(lv, k);
        int l2;
        CpeRoute *cover = NULL;

        if (at >= lv->nSlots || lv->slots[at].key != k)
            continue;
        if (lv->slots[at].srcLen != len)
            continue;   /* a more specific route owns this slot */
        for (l2 = len - 1; l2 >= lowLen && !cover; l2--)
            cover = routeFind(lv, k & cpeMask(l2), (uint8_t)l2);
        if (cover) {
            lv->slots[at].srcLen = cover->len;
            lv->slots[at].hop = cover->hop;
        } else {
            slotErase(lv, at);
        }
    }
    return 0;
}

int32_t cpeLookup(const CpeTable *t, uint32_t addr)
{
    int lvl;
    for (lvl = CPE_NLEVELS - 1; lvl >= 0; lvl--) {
        const CpeLevel *lv = &t->level[lvl];
        uint32_t k = addr & cpeMask(kTargetLen[lvl]);
        size_t at;
        if (!lv->nSlots)
            continue;
        at = slotLowerBound(lv, k);
        if (at < lv->nSlots && lv->slots[at].key == k)
            return lv->slots[at].hop;
    }
    return -1;
}

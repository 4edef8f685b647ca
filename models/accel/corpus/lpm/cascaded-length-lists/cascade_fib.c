/*
 * Per-length sorted prefix lists searched with fractional cascading.
 *
 * For each length L the routes of that length are disjoint intervals, so
 * the only candidate at length L for an address A is the route with the
 * largest start <= A: a predecessor query with the same key A in 33 sorted
 * lists. Fractional cascading answers all of them with one binary search:
 * level L's catalogue is its own starts merged with every second entry of
 * level L+1's catalogue; each catalogue entry carries the nearest own route
 * at or before it and a bridge into the next level's catalogue. After the
 * single search at level 0 each further level costs a step or two.
 *
 * State lives in file-scope tables (one FIB per program). The catalogues are
 * rebuilt after each insert or delete.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define CF_LEVELS 33
#define CF_MAX_ROUTES 8192

struct cf_cell {
    uint32_t key;   /* an interval start */
    int32_t own;    /* index in cf_own[level] of the last own start <= key */
    int32_t bridge; /* last index in the next catalogue with key <= this key */
};

/* own routes of each length, sorted by start */
static uint32_t cf_own_start[CF_LEVELS][CF_MAX_ROUTES];
static int32_t cf_own_hop[CF_LEVELS][CF_MAX_ROUTES];
static int cf_own_n[CF_LEVELS];

/* cascaded catalogues */
static struct cf_cell cf_cat[CF_LEVELS][2 * CF_MAX_ROUTES];
static int cf_cat_n[CF_LEVELS];
static int cf_total;

static uint32_t cf_prefix_mask(int len)
{
    return len == 0 ? 0u : ~(uint32_t)0 << (32 - len);
}

static void cf_cascade(void)
{
    int lv = CF_LEVELS - 1;
    for (; lv >= 0; lv--) {
        const struct cf_cell *nxt = lv + 1 < CF_LEVELS ? cf_cat[lv + 1] : NULL;
        int nn = lv + 1 < CF_LEVELS ? cf_cat_n[lv + 1] : 0;
        struct cf_cell *out = cf_cat[lv];
        int a = 0, b = 1, k = 0, last_own = -1, j = -1;
        /* merge own starts with the odd-position entries of the next level */
        while (a < cf_own_n[lv] || b < nn) {
            uint32_t key;
            int from_own;
            if (b >= nn || (a < cf_own_n[lv] && cf_own_start[lv][a] <= nxt[b].key)) {
                key = cf_own_start[lv][a];
                from_own = 1;
            } else {
                key = nxt[b].key;
                from_own = 0;
            }
            if (from_own) {
                last_own = a;
                a++;
            } else {
                b += 2;
            }
            while (j + 1 < nn && nxt[j + 1].key <= key)
                j++;
            out[k].key = key;
            out[k].own = last_own;
            out[k].bridge = j;
            k++;
        }
        cf_cat_n[lv] = k;
    }
}

void cf_reset(void)
{
    memset(cf_own_n, 0, sizeof cf_own_n);
    memset(cf_cat_n, 0, sizeof cf_cat_n);
    cf_total = 0;
}

/* Adds or replaces START/LEN; 0 on success, -1 when full or bad. */
int cf_insert(uint32_t start, int len, int32_t hop)
{
    uint32_t *s;
    int n, pos, i;
    if (len < 0 || len > 32)
        return -1;
    start &= cf_prefix_mask(len);
    s = cf_own_start[len];
    n = cf_own_n[len];
    pos = 0;
    {
        int lo = 0, hi = n;
        while (lo < hi) {
            int mid = (lo + hi) / 2;
            if (s[mid] < start)
                lo = mid + 1;
            else
                hi = mid;
        }
        pos = lo;
    }
    if (pos < n && s[pos] == start) {
        cf_own_hop[len][pos] = hop;
        return 0; /* catalogue keys unchanged */
    }
    if (n == CF_MAX_ROUTES || cf_total == CF_MAX_ROUTES)
        return -1;
    for (i = n; i > pos; i--) {
        s[i] = s[i - 1];
        cf_own_hop[len][i] = cf_own_hop[len][i - 1];
    }
    s[pos] = start;
    cf_own_hop[len][pos] = hop;
    cf_own_n[len] = n + 1;
    cf_total++;
    cf_cascade();
    return 0;
}

int cf_delete(uint32_t start, int len)
{
    uint32_t *s;
    int n, lo, hi;
    if (len < 0 || len > 32)
        return -1;
    start &= cf_prefix_mask(len);
    s = cf_own_start[len];
    n = cf_own_n[len];
    lo = 0;
    hi = n - 1;
    while (lo <= hi) {
        int mid = (lo + hi) / 2;
        if (s[mid] == start) {
            memmove(&s[mid], &s[mid + 1], sizeof(uint32_t) * (size_t)(n - mid - 1));
            memmove(&cf_own_hop[len][mid], &cf_own_hop[len][mid + 1],
                    sizeof(int32_t) * (size_t)(n - mid - 1));
            cf_own_n[len] = n - 1;
            cf_total--;
            cf_cascade();
            return 0;
        }
        if (s[mid] < start)
            lo = mid + 1;
        else
            hi = mid - 1;
    }
    return -1;
}

/* Longest-prefix match for ADDR: next hop or -1. */
int32_t cf_lookup(uint32_t addr)
{
    int32_t result = -1;
    int lv, pos;
    int lo = 0, hi = cf_cat_n[0] - 1;
    pos = -1;
    while (lo <= hi) { /* the only full binary search */
        int mid = lo + ((hi - lo) >> 1);
        if (cf_cat[0][mid].key <= addr) {
            pos = mid;
            lo = mid + 1;
        } else {
            hi = mid - 1;
        }
    }
    for (lv = 0; lv < CF_LEVELS; lv++) {
        const struct cf_cell *cat = cf_cat[lv];
        if (pos >= 0) {
            int o = cat[pos].own;
            if (o >= 0 && ((cf_own_start[lv][o] ^ addr) & cf_prefix_mask(lv)) == 0)
                result = cf_own_hop[lv][o];
        }
        if (lv + 1 < CF_LEVELS) {
            const struct cf_cell *down = cf_cat[lv + 1];
            int nd = cf_cat_n[lv + 1];
            int j = pos >= 0 ? cat[pos].bridge : -1;
            while (j + 1 < nd && down[j + 1].key <= addr)
                j++;
            pos = j;
        }
    }
    return result;
}

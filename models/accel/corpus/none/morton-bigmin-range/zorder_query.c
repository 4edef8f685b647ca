/* Z-order (Morton) spatial index over 16-bit x/y points with a rectangle
 * query that skips out-of-box runs using the BIGMIN computation of
 * Tropf & Herzog (1981). Points are kept as a sorted array of 32-bit codes;
 * x occupies the even bit positions, y the odd ones. */
#include <stdint.h>
#include <stddef.h>

#define ZQ_EVEN 0x55555555u
#define ZQ_ODD  0xAAAAAAAAu

static uint32_t zq_spread16(uint32_t v)
{
    v &= 0xFFFFu;
    v = (v | (v << 8)) & 0x00FF00FFu;
    v = (v | (v << 4)) & 0x0F0F0F0Fu;
    v = (v | (v << 2)) & 0x33333333u;
    v = (v | (v << 1)) & 0x55555555u;
    return v;
}

static uint32_t zq_squash16(uint32_t v)
{
    v &= 0x55555555u;
    v = (v | (v >> 1)) & 0x33333333u;
    v = (v | (v >> 2)) & 0x0F0F0F0Fu;
    v = (v | (v >> 4)) & 0x00FF00FFu;
    v = (v | (v >> 8)) & 0x0000FFFFu;
    return v;
}

uint32_t zq_encode(uint16_t x, uint16_t y)
{
    return zq_spread16(x) | (zq_spread16(y) << 1);
}

void zq_decode(uint32_t z, uint16_t *x, uint16_t *y)
{
    *x = (uint16_t)zq_squash16(z);
    *y = (uint16_t)zq_squash16(z >> 1);
}

/* Is code z inside the box spanned by the codes lo and hi (per dimension)? */
int zq_in_box(uint32_t z, uint32_t lo, uint32_t hi)
{
    uint32_t zx = z & ZQ_EVEN, zy = z & ZQ_ODD;
    return zx >= (lo & ZQ_EVEN) && zx <= (hi & ZQ_EVEN) &&
           zy >= (lo & ZQ_ODD) && zy <= (hi & ZQ_ODD);
}

/* Smallest code greater than z that lies inside box [lo, hi]; z must be
 * outside the box and lo < z < hi. Walks the interleaved bits from the top
 * and narrows lo/hi the way the original decision table prescribes. */
uint32_t zq_bigmin(uint32_t z, uint32_t lo, uint32_t hi)
{
    uint32_t best = 0;
    int i;
    for (i = 31; i >= 0; i--) {
        uint32_t bit = 1u << i;
        uint32_t dim = (i & 1) ? ZQ_ODD : ZQ_EVEN;
        uint32_t below = dim & (bit - 1u);      /* same dimension, lower bits */
        unsigned sel = ((z & bit) ? 4u : 0u) | ((lo & bit) ? 2u : 0u) |
                       ((hi & bit) ? 1u : 0u);
        switch (sel) {
        case 0: case 7:
            break;
        case 1:                                 /* z=0 lo=0 hi=1 */
            best = (lo | bit) & ~below;         /* load 1000.. into lo copy */
            hi = (hi & ~bit) | below;           /* load 0111.. into hi */
            break;
        case 3:                                 /* z=0 lo=1 hi=1 */
            return lo;
        case 4:                                 /* z=1 lo=0 hi=0 */
            return best;
        case 5:                                 /* z=1 lo=0 hi=1 */
            lo = (lo | bit) & ~below;
            break;
        default:                                /* lo>hi in this dim: bad box */
            return best;
        }
    }
    return best;
}

static size_t zq_lower_bound(const uint32_t *codes, size_t from, size_t n,
                             uint32_t key)
{
    size_t a = from, b = n;
    while (a < b) {
        size_t m = a + ((b - a) >> 1);
        if (codes[m] < key)
            a = m + 1;
        else
            b = m;
    }
    return a;
}

/* Report (by index) every code in the sorted array that lies in the box
 * [x0,x1] x [y0,y1]; returns how many were found (at most cap stored). */
size_t zq_box_query(const uint32_t *codes, size_t n, uint16_t x0, uint16_t y0,
                    uint16_t x1, uint16_t y1, size_t *out, size_t cap)
{
    uint32_t lo = zq_encode(x0, y0), hi = zq_encode(x1, y1);
    size_t i = zq_lower_bound(codes, 0, n, lo), found = 0;
    while (i < n && codes[i] <= hi) {
        uint32_t c = codes[i];
        if (zq_in_box(c, lo, hi)) {
            if (found < cap)
                out[found] = i;
            found++;
            i++;
        } else {
            uint32_t next = zq_bigmin(c, lo, hi);
            if (next <= c)
                break;
            i = zq_lower_bound(codes, i + 1, n, next);
        }
    }
    return found;
}

/* Insertion into the sorted code array (array has room for one more). */
size_t zq_insert(uint32_t *codes, size_t n, uint16_t x, uint16_t y)
{
    uint32_t c = zq_encode(x, y);
    size_t pos = zq_lower_bound(codes, 0, n, c), k;
    for (k = n; k > pos; k--)
        codes[k] = codes[k - 1];
    codes[pos] = c;
    return n + 1;
}

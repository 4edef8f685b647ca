/* Bank of 64 saturating counters stored "vertically": plane[b] holds bit b of
 * all 64 counters, so one word operation updates every lane at once.  Used
 * e.g. for per-port event counters in a switch pipeline model where a single
 * event mask arrives per cycle. */
#include <stdint.h>
#include <string.h>

#define VC_BITS 12

typedef struct {
    uint64_t plane[VC_BITS];
} vcbank;

void vc_clear(vcbank *v) { memset(v, 0, sizeof *v); }

/* Lanes whose counter is all ones (saturated). */
static uint64_t vc_full(const vcbank *v)
{
    uint64_t f = ~(uint64_t)0;
    for (int b = 0; b < VC_BITS; b++) f &= v->plane[b];
    return f;
}

/* +1 on every lane in 'hit' (saturating). */
void vc_increment(vcbank *v, uint64_t hit)
{
    uint64_t carry = hit & ~vc_full(v);
    for (int b = 0; b < VC_BITS && carry; b++) {
        uint64_t old = v->plane[b];
        v->plane[b] = old ^ carry;
        carry &= old;
    }
}

/* Add the same amount to every lane in 'lanes', saturating at 2^VC_BITS-1:
 * a bit-serial ripple adder on each lane in parallel. */
void vc_add(vcbank *v, uint64_t lanes, uint32_t amount)
{
    uint64_t carry = 0;
    uint64_t sum[VC_BITS];
    for (int b = 0; b < VC_BITS; b++) {
        uint64_t k = ((amount >> b) & 1u) ? lanes : 0;
        uint64_t a = v->plane[b];
        sum[b] = a ^ k ^ carry;
        carry = (a & k) | (carry & (a ^ k));
    }
    if (amount >> VC_BITS) carry |= lanes; /* amount alone overflows */
    for (int b = 0; b < VC_BITS; b++) v->plane[b] = sum[b] | carry;
}

/* Subtract from the lanes, clamping at zero. */
void vc_sub(vcbank *v, uint64_t lanes, uint32_t amount)
{
    uint64_t borrow = 0;
    uint64_t diff[VC_BITS];
    for (int b = 0; b < VC_BITS; b++) {
        uint64_t k = ((amount >> b) & 1u) ? lanes : 0;
        uint64_t a = v->plane[b];
        diff[b] = a ^ k ^ borrow;
        borrow = (~a & k) | (~(a ^ k) & borrow);
    }
    if (amount >> VC_BITS) borrow |= lanes;
    for (int b = 0; b < VC_BITS; b++) v->plane[b] = diff[b] & ~borrow;
}

/* Mask of lanes whose counter >= threshold (MSB-first comparator). */
uint64_t vc_at_least(const vcbank *v, uint32_t threshold)
{
    if (threshold >> VC_BITS) return 0;
    uint64_t gt = 0, eq = ~(uint64_t)0;
    for (int b = VC_BITS - 1; b >= 0; b--) {
        uint64_t x = v->plane[b];
        if ((threshold >> b) & 1u) {
            eq &= x;
        } else {
            gt |= eq & x;
            eq &= ~x;
        }
    }
    return gt | eq;
}

/* Exponential ageing: every counter halves (rounding down). */
void vc_halve(vcbank *v)
{
    for (int b = 0; b + 1 < VC_BITS; b++) v->plane[b] = v->plane[b + 1];
    v->plane[VC_BITS - 1] = 0;
}

uint32_t vc_read(const vcbank *v, int lane)
{
    uint32_t r = 0;
    for (int b = VC_BITS - 1; b >= 0; b--) r = (r << 1) | (uint32_t)((v->plane[b] >> lane) & 1u);
    return r;
}

/* Lanes holding the maximum value: narrow the candidate set plane by plane. */
uint64_t vc_argmax(const vcbank *v)
{
    uint64_t cand = ~(uint64_t)0;
    for (int b = VC_BITS - 1; b >= 0; b--) {
        uint64_t w = cand & v->plane[b];
        if (w) cand = w;
    }
    return cand;
}

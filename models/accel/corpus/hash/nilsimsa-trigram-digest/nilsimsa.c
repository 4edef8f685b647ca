/* Nilsimsa locality-sensitive digest (cmeclax, 2001): every character forms
 * eight trigrams with the four characters before it; each trigram is hashed
 * into one of 256 counters through a 256-entry permutation-like table, and the
 * 256-bit digest sets bit i when counter i exceeds the mean count.
 * The table is generated at start-up from its defining recurrence. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

static unsigned char nil_tran[256];
static int nil_tran_ready;

struct nil_ctx {
    uint32_t acc[256];
    uint32_t count;   /* characters seen */
    int last[4];      /* last[0] = most recent character, -1 = none yet */
};

void nil_build_table(void)
{
    int i, j, k;
    j = 0;
    for (i = 0; i < 256; i++) {
        j = (j * 53 + 1) & 255;
        j += j;
        if (j > 255)
            j -= 255;
        for (k = 0; k < i; k++) {
            if (nil_tran[k] == j) {
                j = (j + 1) & 255;
                k = 0; /* rescan (the original restarts at index 1) */
            }
        }
        nil_tran[i] = (unsigned char)j;
    }
    nil_tran_ready = 1;
}

static unsigned nil_tri(int a, int b, int c, int n)
{
    return (unsigned)(((nil_tran[(a + n) & 255] ^ (nil_tran[b] * (n + n + 1))) +
                       nil_tran[c ^ nil_tran[n]]) & 255);
}

void nil_begin(struct nil_ctx *x)
{
    if (!nil_tran_ready)
        nil_build_table();
    memset(x->acc, 0, sizeof x->acc);
    x->count = 0;
    x->last[0] = x->last[1] = x->last[2] = x->last[3] = -1;
}

void nil_feed(struct nil_ctx *x, const unsigned char *s, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++) {
        int c = s[i];
        int w0 = x->last[0], w1 = x->last[1], w2 = x->last[2], w3 = x->last[3];
        x->count++;
        if (w1 >= 0) {
            x->acc[nil_tri(c, w0, w1, 0)]++;
            if (w2 >= 0) {
                x->acc[nil_tri(c, w0, w2, 1)]++;
                x->acc[nil_tri(c, w1, w2, 2)]++;
                if (w3 >= 0) {
                    x->acc[nil_tri(c, w0, w3, 3)]++;
                    x->acc[nil_tri(c, w1, w3, 4)]++;
                    x->acc[nil_tri(c, w2, w3, 5)]++;
                    x->acc[nil_tri(w3, w0, c, 6)]++;
                    x->acc[nil_tri(w3, w2, c, 7)]++;
                }
            }
        }
        x->last[3] = w2;
        x->last[2] = w1;
        x->last[1] = w0;
        x->last[0] = c;
    }
}

/* out[0..31]: the digest in its customary (byte-reversed) order. */
void nil_end(const struct nil_ctx *x, unsigned char out[32])
{
    uint32_t total, thresh;
    int i;
    if (x->count == 3)
        total = 1;
    else if (x->count == 4)
        total = 4;
    else if (x->count > 4)
        total = 8 * x->count - 28;
    else
        total = 0;
    thresh = total / 256;
    memset(out, 0, 32);
    for (i = 0; i < 256; i++)
        if (x->acc[i] > thresh)
            out[31 - (i >> 3)] |= (unsigned char)(1u << (i & 7));
}

/* Number of equal bits (-128..128 scale as customary: 128 - differing). */
int nil_compare(const unsigned char a[32], const unsigned char b[32])
{
    int i, diff = 0;
    for (i = 0; i < 32; i++) {
        unsigned v = (unsigned)(a[i] ^ b[i]);
        while (v) {
            diff += (int)(v & 1u);
            v >>= 1;
        }
    }
    return 128 - diff;
}

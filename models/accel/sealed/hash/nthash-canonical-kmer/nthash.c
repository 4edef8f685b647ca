/*
 * ntHash (Mohamadi, Chu, Warren, Birol 2016): recursive, strand-independent
 * hashing of DNA k-mers for Bloom filters and k-mer sketches.  Each base has
 * a 64-bit random seed; the forward hash of a k-mer is the XOR of the base
 * seeds rotated by their distance from the k-mer's end, the reverse-
 * complement hash uses the complementary bases rotated the other way, and
 * both are rolled in O(1) per step.  The canonical value is the smaller of
 * the two; extra hash values for Bloom filters come from a multiply-xorshift
 * of the canonical value.  Seed tables are built at start-up.
 */
#include <stddef.h>
#include <stdint.h>

#define NT_MULTI_SEED UINT64_C(0x90b45d39fb6da1fa)
#define NT_MULTI_SHIFT 27

static uint64_t nt_fwd_seed[256];  /* seed of the base itself */
static uint64_t nt_rc_seed[256];   /* seed of the complementary base */
static int nt_tables_ready;

typedef struct nt_roll {
    const unsigned char *seq;
    size_t len;
    unsigned k;
    size_t pos;   /* start of the current k-mer */
    uint64_t fwd;
    uint64_t rev;
} nt_roll;

static uint64_t nt_rol(uint64_t x, unsigned r) {
    r &= 63u;
    if (r == 0)
        return x;
    return (x << r) | (x >> (64u - r));
}

static uint64_t nt_ror(uint64_t x, unsigned r) {
    r &= 63u;
    if (r == 0)
        return x;
    return (x >> r) | (x << (64u - r));
}

/* fill both 256-entry tables; any other byte (N, IUPAC codes) has seed 0 */
void nthash_tables_init(void) {
    static const char bases[4] = {'A', 'C', 'G', 'T'};
    static const uint64_t seeds[4] = {
        UINT64_C(0x3c8bfbb395c60474), UINT64_C(0x3193c18562a02b4c),
        UINT64_C(0x20323ed082572324), UINT64_C(0x295549f54be24456)};
    int i;
    for (i = 0; i < 256; i++) {
        nt_fwd_seed[i] = 0;
        nt_rc_seed[i] = 0;
    }
    for (i = 0; i < 4; i++) {
        unsigned char up = (unsigned char)bases[i];
        unsigned char lo = (unsigned char)(up | 0x20);
        /* A<->T is index 0<->3, C<->G is 1<->2 */
        nt_fwd_seed[up] = nt_fwd_seed[lo] = seeds[i];
        nt_rc_seed[up] = nt_rc_seed[lo] = seeds[3 - i];
    }
    nt_tables_ready = 1;
}

/* forward-strand hash of s[0..k-1], computed from scratch */
uint64_t nthash_forward(const unsigned char *s, unsigned k) {
    uint64_t h = 0;
    unsigned i;
    for (i = 0; i < k; i++)
        h ^= nt_rol(nt_fwd_seed[s[i]], k - 1 - i);
    return h;
}

/* reverse-complement hash of s[0..k-1], computed from scratch */
uint64_t nthash_reverse(const unsigned char *s, unsigned k) {
    uint64_t h = 0;
    unsigned i;
    for (i = 0; i < k; i++)
        h ^= nt_rol(nt_rc_seed[s[i]], i);
    return h;
}

int nt_roll_start(nt_roll *r, const unsigned char *seq, size_t len, unsigned k) {
    if (!nt_tables_ready)
        nthash_tables_init();
    if (k == 0 || len < k)
        return 0;
    r->seq = seq;
    r->len = len;
    r->k = k;
    r->pos = 0;
    r->fwd = nthash_forward(seq, k);
    r->rev = nthash_reverse(seq, k);
    return 1;
}

/* slide the window one base to the right; 0 when the sequence is used up */
int nt_roll_step(nt_roll *r) {
    unsigned char out, in;
    if (r->pos + r->k >= r->len)
        return 0;
    out = r->seq[r->pos];
    in = r->seq[r->pos + r->k];
    r->fwd = nt_rol(r->fwd, 1) ^ nt_rol(nt_fwd_seed[out], r->k) ^ nt_fwd_seed[in];
    r->rev = nt_ror(r->rev, 1) ^ nt_ror(nt_rc_seed[out], 1) ^
             nt_rol(nt_rc_seed[in], r->k - 1);
    r->pos++;
    return 1;
}

uint64_t nt_canonical(const nt_roll *r) {
    return r->fwd < r->rev ? r->fwd : r->rev;
}

/* m hash values per k-mer for a Bloom filter: the canonical value first */
void nt_multi(uint64_t canon, unsigned k, unsigned m, uint64_t *out) {
    unsigned i;
    if (m == 0)
        return;
    out[0] = canon;
    for (i = 1; i < m; i++) {
        uint64_t t = canon * ((uint64_t)i ^ ((uint64_t)k * NT_MULTI_SEED));
        t ^= t >> NT_MULTI_SHIFT;
        out[i] = t;
    }
}

/* Reconstruct a wide event count from several narrow hardware counters that
 * wrap at pairwise coprime moduli (Chinese remainder theorem, Garner's
 * mixed-radix form).  Inverses are found with the extended Euclidean
 * algorithm once at set-up time. */
#include <stdint.h>
#include <string.h>

#define CRT_MAXM 4

struct crt_bank {
    int n;
    uint32_t mod[CRT_MAXM];          /* each < 2^16 */
    uint32_t inv[CRT_MAXM][CRT_MAXM]; /* inv[i][j] = mod[j]^-1 mod mod[i], j < i */
    uint64_t span;                    /* product of the moduli */
};

/* gcd of a and b, together with x such that a*x == gcd (mod b). */
uint32_t crt_ext_euclid(uint32_t a, uint32_t b, int64_t *xa)
{
    int64_t r0 = (int64_t)a, r1 = (int64_t)b;
    int64_t s0 = 1, s1 = 0;
    while (r1 != 0) {
        int64_t q = r0 / r1;
        int64_t t = r0 - q * r1;
        r0 = r1;
        r1 = t;
        t = s0 - q * s1;
        s0 = s1;
        s1 = t;
    }
    *xa = s0;
    return (uint32_t)r0;
}

/* a^-1 mod m, or 0 when a and m share a factor (or m < 2). */
uint32_t crt_inverse(uint32_t a, uint32_t m)
{
    int64_t x;
    if (m < 2) return 0;
    if (crt_ext_euclid(a % m, m, &x) != 1) return 0;
    x %= (int64_t)m;
    if (x < 0) x += m;
    return (uint32_t)x;
}

/* Returns 0, or -1 when the moduli are unusable (not coprime, too big). */
int crt_setup(struct crt_bank *b, const uint32_t *mods, int n)
{
    if (n < 1 || n > CRT_MAXM) return -1;
    memset(b, 0, sizeof *b);
    b->n = n;
    b->span = 1;
    for (int i = 0; i < n; i++) {
        if (mods[i] < 2 || mods[i] > 0xffffu) return -1;
        b->mod[i] = mods[i];
        b->span *= mods[i];
    }
    for (int i = 1; i < n; i++)
        for (int j = 0; j < i; j++) {
            uint32_t v = crt_inverse(b->mod[j], b->mod[i]);
            if (v == 0) return -1;
            b->inv[i][j] = v;
        }
    return 0;
}

/* The unique value in [0, span) with the given residues. */
uint64_t crt_reconstruct(const struct crt_bank *b, const uint32_t *res)
{
    uint32_t digit[CRT_MAXM];
    for (int i = 0; i < b->n; i++) {
        uint32_t m = b->mod[i];
        uint64_t t = res[i] % m;
        for (int j = 0; j < i; j++) {
            t = (t + m - digit[j] % m) % m;
            t = (t * b->inv[i][j]) % m;
        }
        digit[i] = (uint32_t)t;
    }
    uint64_t x = 0;
    for (int i = b->n - 1; i >= 0; i--) x = x * b->mod[i] + digit[i];
    return x;
}

void crt_split(const struct crt_bank *b, uint64_t x, uint32_t *res)
{
    for (int i = 0; i < b->n; i++) res[i] = (uint32_t)(x % b->mod[i]);
}

/* Advance every residue by delta events without reconstructing. */
void crt_advance(const struct crt_bank *b, uint32_t *res, uint64_t delta)
{
    for (int i = 0; i < b->n; i++) {
        uint32_t m = b->mod[i];
        res[i] = (uint32_t)((res[i] + delta % m) % m);
    }
}

/* Difference between two snapshots, modulo the span (the number of events
 * between them if fewer than span happened). */
uint64_t crt_elapsed(const struct crt_bank *b, const uint32_t *before,
                     const uint32_t *after)
{
    uint32_t d[CRT_MAXM];
    for (int i = 0; i < b->n; i++) {
        uint32_t m = b->mod[i];
        d[i] = (after[i] % m + m - before[i] % m) % m;
    }
    return crt_reconstruct(b, d);
}

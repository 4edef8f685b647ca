/* BGP AS_PATH regular expressions evaluated over AS numbers (not over the
 * path's text form). Pattern language:
 *   65001      one AS equal to 65001      .        any one AS
 *   [64512-65534]  one AS in the range    ( .. )   grouping
 *   a|b alternation, postfix * + ?, ^ start of path, $ end of path.
 * Whitespace separates numbers. A pattern is compiled by recursive descent
 * into a Thompson automaton and run over the AS sequence with state lists;
 * like router filters, the match is unanchored unless ^/$ are used. */
#include <stdint.h>
#include <stddef.h>

enum { AR_RANGE, AR_SPLIT, AR_EPS, AR_BOL, AR_EOL, AR_ACCEPT };

#define AR_MAXST 256

struct ar_state {
    uint8_t kind;
    uint32_t lo, hi;
    int out, out2;
};

struct ar_prog {
    struct ar_state st[AR_MAXST];
    int nst, start;
    const char *src;
    int pos, err;
};

/* A fragment: entry state and a chain of dangling exits threaded through
 * the out/out2 slots (encoded as state*2 + slot). */
struct ar_frag {
    int entry;
    int dangling;
};

static int ar_new(struct ar_prog *p, int kind, uint32_t lo, uint32_t hi)
{
    struct ar_state *s;
    if (p->nst >= AR_MAXST) {
        p->err = 1;
        return 0;
    }
    s = &p->st[p->nst];
    s->kind = (uint8_t)kind;
    s->lo = lo;
    s->hi = hi;
    s->out = -1;
    s->out2 = -1;
    return p->nst++;
}

static int *ar_slot(struct ar_prog *p, int ref)
{
    return (ref & 1) ? &p->st[ref >> 1].out2 : &p->st[ref >> 1].out;
}

static void ar_patch(struct ar_prog *p, int list, int target)
{
    while (list >= 0) {
        int *slot = ar_slot(p, list);
        int next = *slot;
        *slot = target;
        list = next;
    }
}

static int ar_join(struct ar_prog *p, int a, int b)
{
    int last = a;
    if (a < 0)
        return b;
    while (*ar_slot(p, last) >= 0)
        last = *ar_slot(p, last);
    *ar_slot(p, last) = b;
    return a;
}

static void ar_skipws(struct ar_prog *p)
{
    while (p->src[p->pos] == ' ' || p->src[p->pos] == '\t')
        p->pos++;
}

static uint32_t ar_number(struct ar_prog *p)
{
    uint32_t v = 0;
    int digits = 0;
    ar_skipws(p);
    while (p->src[p->pos] >= '0' && p->src[p->pos] <= '9') {
        v = v * 10u + (uint32_t)(p->src[p->pos] - '0');
        p->pos++;
        digits++;
    }
    if (!digits)
        p->err = 1;
    return v;
}

static struct ar_frag ar_alt(struct ar_prog *p);

static struct ar_frag ar_atom(struct ar_prog *p)
{
    struct ar_frag f = { 0, -1 };
    char c;
    int s;
    ar_skipws(p);
    c = p->src[p->pos];
    if (c == '(') {
        p->pos++;
        f = ar_alt(p);
        ar_skipws(p);
        if (p->src[p->pos] != ')')
            p->err = 1;
        else
            p->pos++;
        return f;
    }
    if (c == '.') {
        p->pos++;
        s = ar_new(p, AR_RANGE, 0, UINT32_MAX);
    } else if (c == '^' || c == '$') {
        p->pos++;
        s = ar_new(p, c == '^' ? AR_BOL : AR_EOL, 0, 0);
    } else if (c == '[') {
        uint32_t lo, hi;
        p->pos++;
        lo = ar_number(p);
        ar_skipws(p);
        if (p->src[p->pos] == '-') {
            p->pos++;
            hi = ar_number(p);
        } else {
            hi = lo;
        }
        ar_skipws(p);
        if (p->src[p->pos] != ']' || hi < lo)
            p->err = 1;
        else
            p->pos++;
        s = ar_new(p, AR_RANGE, lo, hi);
    } else {
        uint32_t v = ar_number(p);
        s = ar_new(p, AR_RANGE, v, v);
    }
    f.entry = s;
    f.dangling = s * 2;
    return f;
}

static struct ar_frag ar_repeat(struct ar_prog *p)
{
    struct ar_frag f = ar_atom(p);
    for (;;) {
        char c;
        int sp;
        ar_skipws(p);
        c = p->src[p->pos];
        if (c != '*' && c != '+' && c != '?')
            return f;
        p->pos++;
        sp = ar_new(p, AR_SPLIT, 0, 0);
        if (p->err)
            return f;
        p->st[sp].out = f.entry;
        if (c == '*') {
            ar_patch(p, f.dangling, sp);
            f.entry = sp;
            f.dangling = sp * 2 + 1;
        } else if (c == '+') {
            ar_patch(p, f.dangling, sp);
            f.dangling = sp * 2 + 1;
        } else {
            f.entry = sp;
            f.dangling = ar_join(p, f.dangling, sp * 2 + 1);
        }
    }
}

static struct ar_frag ar_concat(struct ar_prog *p)
{
    struct ar_frag f;
    int have = 0;
    for (;;) {
        struct ar_frag g;
        char c;
        ar_skipws(p);
        c = p->src[p->pos];
        if (c == '\0' || c == '|' || c == ')' || p->err)
            break;
        g = ar_repeat(p);
        if (!have) {
            f = g;
            have = 1;
        } else {
            ar_patch(p, f.dangling, g.entry);
            f.dangling = g.dangling;
        }
    }
    if (!have) {
        int e = ar_new(p, AR_EPS, 0, 0);
        f.entry = e;
        f.dangling = e * 2;
    }
    return f;
}

static struct ar_frag ar_alt(struct ar_prog *p)
{
    struct ar_frag f = ar_concat(p);
    while (!p->err && p->src[p->pos] == '|') {
        struct ar_frag g;
        int sp;
        p->pos++;
        g = ar_concat(p);
        sp = ar_new(p, AR_SPLIT, 0, 0);
        if (p->err)
            break;
        p->st[sp].out = f.entry;
        p->st[sp].out2 = g.entry;
        f.entry = sp;
        f.dangling = ar_join(p, f.dangling, g.dangling);
    }
    return f;
}

/* Compile; returns 0 on success, -1 on a syntax error or overflow. */
int ar_compile(struct ar_prog *p, const char *pattern)
{
    struct ar_frag f;
    int acc;
    p->nst = 0;
    p->src = pattern;
    p->pos = 0;
    p->err = 0;
    f = ar_alt(p);
    ar_skipws(p);
    if (p->src[p->pos] != '\0')
        p->err = 1;
    acc = ar_new(p, AR_ACCEPT, 0, 0);
    if (p->err)
        return -1;
    ar_patch(p, f.dangling, acc);
    p->start = f.entry;
    return 0;
}

struct ar_list {
    int n;
    int ids[AR_MAXST];
};

/* Epsilon closure insertion; mark[] holds the generation a state was added. */
static int ar_add(const struct ar_prog *p, struct ar_list *l, int s,
                  unsigned *mark, unsigned gen, size_t pos, size_t len)
{
    const struct ar_state *st;
    if (s < 0 || mark[s] == gen)
        return 0;
    mark[s] = gen;
    st = &p->st[s];
    switch (st->kind) {
    case AR_SPLIT:
        return ar_add(p, l, st->out, mark, gen, pos, len) |
               ar_add(p, l, st->out2, mark, gen, pos, len);
    case AR_EPS:
        return ar_add(p, l, st->out, mark, gen, pos, len);
    case AR_BOL:
        return pos == 0 ? ar_add(p, l, st->out, mark, gen, pos, len) : 0;
    case AR_EOL:
        return pos == len ? ar_add(p, l, st->out, mark, gen, pos, len) : 0;
    case AR_ACCEPT:
        return 1;
    default:
        l->ids[l->n++] = s;
        return 0;
    }
}

/* 1 if the AS sequence contains a match of the compiled pattern. */
int ar_match(const struct ar_prog *p, const uint32_t *path, size_t len)
{
    struct ar_list a, b;
    unsigned mark[AR_MAXST];
    struct ar_list *cur = &a, *nxt = &b, *tmp;
    unsigned gen = 1;
    size_t i;
    int k;
    for (k = 0; k < p->nst; k++)
        mark[k] = 0;
    cur->n = 0;
    if (ar_add(p, cur, p->start, mark, gen, 0, len))
        return 1;
    for (i = 0; i < len; i++) {
        uint32_t as = path[i];
        gen++;
        nxt->n = 0;
        for (k = 0; k < cur->n; k++) {
            const struct ar_state *st = &p->st[cur->ids[k]];
            if (as >= st->lo && as <= st->hi &&
                ar_add(p, nxt, st->out, mark, gen, i + 1, len))
                return 1;
        }
        /* unanchored: a new attempt may begin after every AS */
        if (ar_add(p, nxt, p->start, mark, gen, i + 1, len))
            return 1;
        tmp = cur;
        cur = nxt;
        nxt = tmp;
    }
    return 0;
}

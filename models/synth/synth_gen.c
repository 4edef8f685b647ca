/*===- models/synth/synth_gen.c - Click-style element generator --*- C -*-===*\
 *
 * A small grammar of Click per-packet code, written out as C++ against
 * runtime-profiler/include. Every choice is drawn with the weights of its
 * group (synth_gen.h); shapes (classes per NF, fields, helpers) use fixed
 * distributions shared by the guided and the unguided generator.
 *
 * Safety rules the grammar keeps, so that every element runs under
 * ASan/UBSan on any well-formed Ethernet/IPv4 packet of at least the checked
 * length, and would port to a NIC:
 *  - header pointers only after a length check covering them; payload bytes
 *    only below the checked minimum or inside loops bounded by length();
 *  - arithmetic in uint32_t (no signed overflow, no promotion of narrow
 *    types into int), shifts by constants below 16;
 *  - division and remainder only by non-zero constants;
 *  - array indices masked to the (power of two) array size;
 *  - loops bounded by constants; no recursion (helpers call nothing
 *    generated), no allocation, no floating point, no throw.
 *
\*===----------------------------------------------------------------------===*/
#include "synth_gen.h"
#include "synth_weights.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const choice_names[SYN_CHOICE_COUNT] = {
    "S_DECL",         "S_ASSIGN",     "S_FIELD",   "S_ARRAY",    "S_HDR_WRITE",
    "S_ANNO_WRITE",   "S_IF",         "S_IF_ELSE", "S_IF_CHAIN", "S_SWITCH",
    "S_LOOP_PAYLOAD", "S_LOOP_ARRAY", "S_HASH",    "S_VECTOR",   "S_HELPER",
    "S_CKSUM",        "S_DROP",       "S_ASSERT",  "S_GUARD",    "S_TIMESTAMP",
    "S_OUTPUT",       "E_LOCAL",      "E_CONST",   "E_FIELD",    "E_HEADER",
    "E_ANNO",         "E_PAYLOAD",    "E_LENGTH",  "E_ARRAY",    "E_BINARY",
    "O_ADD",          "O_SUB",        "O_MUL",     "O_AND",      "O_OR",
    "O_XOR",          "O_SHL",        "O_SHR",     "O_DIVC",     "O_REMC",
    "C_CMP",          "C_MASK",       "C_AND",     "C_OR",       "C_NOT"};

const char *syn_choice_name(syn_choice c) {
  return (unsigned)c < SYN_CHOICE_COUNT ? choice_names[c] : "?";
}

int syn_choice_group(syn_choice c) {
  if (c <= SYN_S_OUTPUT)
    return SYN_G_STMT;
  if (c <= SYN_E_BINARY)
    return SYN_G_EXPR;
  if (c <= SYN_O_REMC)
    return SYN_G_BINOP;
  return SYN_G_COND;
}

void syn_weights_uniform(syn_weights *out) {
  for (int i = 0; i < SYN_CHOICE_COUNT; i++)
    out->w[i] = 1.0;
  out->entry_stmts = SYN_GUIDED_ENTRY_STMTS;
  out->max_depth = SYN_GUIDED_MAX_DEPTH;
}

void syn_weights_guided(syn_weights *out) {
  static const struct {
    const char *name;
    double w;
  } table[] = {SYN_GUIDED_WEIGHTS};
  syn_weights_uniform(out);
  for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
    for (int c = 0; c < SYN_CHOICE_COUNT; c++)
      if (strcmp(table[i].name, choice_names[c]) == 0)
        out->w[c] = table[i].w;
}

/* ------------------------------------------------------------------------ */
/* Text and randomness                                                      */

static int text_reserve(syn_text *t, size_t extra) {
  if (t->len + extra + 1 <= t->cap)
    return 0;
  size_t cap = t->cap ? t->cap : 4096;
  while (cap < t->len + extra + 1)
    cap *= 2;
  char *b = realloc(t->buf, cap);
  if (!b)
    return -1;
  t->buf = b;
  t->cap = cap;
  return 0;
}

/* xoshiro256** seeded by splitmix64: small, fast, same on every platform. */
typedef struct {
  uint64_t s[4];
} rng_t;

static uint64_t splitmix(uint64_t *x) {
  uint64_t z = (*x += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

static uint64_t rng_next(rng_t *r) {
  uint64_t *s = r->s;
  uint64_t result = rotl(s[1] * 5, 7) * 9, t = s[1] << 17;
  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = rotl(s[3], 45);
  return result;
}

/* Uniform in [0, n). */
static unsigned rnd(rng_t *r, unsigned n) {
  return n ? (unsigned)((rng_next(r) >> 11) % n) : 0;
}
static unsigned rnd_range(rng_t *r, unsigned lo, unsigned hi) {
  return lo + rnd(r, hi - lo + 1);
}
static int chance(rng_t *r, unsigned percent) { return rnd(r, 100) < percent; }

/* ------------------------------------------------------------------------ */
/* Generation context                                                       */

#define MAX_LOCALS 256
#define MAX_FIELDS 16

typedef struct {
  char name[16];
  int is_int; /* loop index: read only, emitted as (uint32_t)name */
  int readonly;
  int used;
} local_t;

enum field_kind { F_U64, F_U32, F_U16, F_U8 };

typedef struct {
  char name[16];
  int kind;
} field_t;

typedef struct {
  char name[16];
  int kind; /* element type */
  unsigned len;
} array_t;

typedef struct {
  /* output */
  syn_text *out;
  int oom;
  int indent;
  rng_t rng;
  const syn_weights *w;
  syn_stats *st;
  const char *tag;
  /* class */
  char cls[64];
  field_t fields[MAX_FIELDS]; /* writable scalar state */
  int nfields;
  array_t arrays[4];
  int narrays;
  int has_hash, has_vec, has_offset;
  char hash_name[16], vec_name[16];
  unsigned vec_cap;
  int nhelpers;
  /* function */
  local_t locals[MAX_LOCALS];
  int nlocals;
  int next_var;
  int in_entry; /* packet pointer and headers available */
  int is_push;
  int writable;
  int tcp; /* th (click_tcp) or uh (click_udp) */
  unsigned minlen;
  const char *pk; /* "q" (writable) or "p" */
  int depth;
  int budget;
  int in_loop;
  int truncated; /* a text did not fit its buffer: the NF is unusable */
} gen_t;

static void emit(gen_t *g, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static void emit(gen_t *g, const char *fmt, ...) {
  char tmp[2048];
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
  va_end(ap);
  if (n < 0)
    return;
  if ((size_t)n >= sizeof tmp) {
    g->truncated = 1;
    n = sizeof tmp - 1;
  }
  size_t lines = 1;
  for (int i = 0; i < n; i++)
    lines += tmp[i] == '\n';
  if (text_reserve(g->out, (size_t)n + 2 * (size_t)g->indent * lines)) {
    g->oom = 1;
    return;
  }
  /* Indent every line that starts fresh (lines inside fmt too). */
  for (int i = 0; i < n; i++) {
    if (tmp[i] != '\n' &&
        (g->out->len == 0 || g->out->buf[g->out->len - 1] == '\n'))
      for (int k = 0; k < g->indent; k++) {
        g->out->buf[g->out->len++] = ' ';
        g->out->buf[g->out->len++] = ' ';
      }
    g->out->buf[g->out->len++] = tmp[i];
  }
  g->out->buf[g->out->len] = 0;
}

/* snprintf into an expression buffer. A text that does not fit marks the
 * NF unusable (syn_generate fails) instead of leaving it cut. */
static void put(gen_t *g, char *buf, size_t n, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void put(gen_t *g, char *buf, size_t n, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int len = vsnprintf(buf, n, fmt, ap);
  va_end(ap);
  if (len < 0 || (size_t)len >= n)
    g->truncated = 1;
}

/* Draws a choice of group `group` by weight; `allowed` filters. */
static syn_choice pick(gen_t *g, int group, const int *allowed) {
  double total = 0;
  for (int c = 0; c < SYN_CHOICE_COUNT; c++)
    if (syn_choice_group((syn_choice)c) == group && (!allowed || allowed[c]))
      total += g->w->w[c];
  double x = (double)(rng_next(&g->rng) >> 11) / 9007199254740992.0 * total;
  syn_choice last = SYN_CHOICE_COUNT;
  for (int c = 0; c < SYN_CHOICE_COUNT; c++) {
    if (syn_choice_group((syn_choice)c) != group || (allowed && !allowed[c]) ||
        g->w->w[c] <= 0)
      continue;
    last = (syn_choice)c;
    if (x < g->w->w[c])
      break;
    x -= g->w->w[c];
  }
  /* Tuning relates the entry points' opcodes to the choices made there. */
  if (last != SYN_CHOICE_COUNT && g->st && g->in_entry)
    g->st->choices[last]++;
  return last;
}

static const char *new_local(gen_t *g, int readonly) {
  if (g->nlocals >= MAX_LOCALS)
    g->nlocals = MAX_LOCALS - 1; /* never reached with the budgets used */
  local_t *l = &g->locals[g->nlocals++];
  snprintf(l->name, sizeof l->name, "v%d", g->next_var++);
  l->is_int = 0;
  l->readonly = readonly;
  l->used = 0;
  return l->name;
}

static const char *field_type(int kind) {
  switch (kind) {
  case F_U64:
    return "uint64_t";
  case F_U32:
    return "uint32_t";
  case F_U16:
    return "uint16_t";
  default:
    return "uint8_t";
  }
}

/* ------------------------------------------------------------------------ */
/* Expressions (all of type uint32_t)                                       */

static void gen_expr(gen_t *g, char *buf, size_t n, int depth);

static void gen_header_term(gen_t *g, char *buf, size_t n) {
  static const char *const ip_terms[] = {
      "(uint32_t)ntohs(iph->ip_len)", "(uint32_t)iph->ip_ttl",
      "(uint32_t)iph->ip_p",          "ntohl(iph->ip_src.s_addr)",
      "ntohl(iph->ip_dst.s_addr)",    "(uint32_t)iph->ip_tos",
      "(uint32_t)ntohs(iph->ip_id)",  "(uint32_t)ntohs(iph->ip_off)",
      "(uint32_t)iph->ip_hl",         "(uint32_t)iph->ip_v",
      "(uint32_t)iph->ip_sum"};
  static const char *const tcp_terms[] = {"(uint32_t)ntohs(th->th_sport)",
                                          "(uint32_t)ntohs(th->th_dport)",
                                          "ntohl(th->th_seq)",
                                          "ntohl(th->th_ack)",
                                          "(uint32_t)th->th_flags",
                                          "(uint32_t)ntohs(th->th_win)",
                                          "(uint32_t)th->th_off"};
  static const char *const udp_terms[] = {
      "(uint32_t)ntohs(uh->uh_sport)", "(uint32_t)ntohs(uh->uh_dport)",
      "(uint32_t)ntohs(uh->uh_ulen)", "(uint32_t)uh->uh_sum"};
  static const char *const eth_terms[] = {"(uint32_t)ntohs(eh->ether_type)",
                                          "(uint32_t)eh->ether_dhost[%u]",
                                          "(uint32_t)eh->ether_shost[%u]"};
  unsigned k = rnd(&g->rng, 10);
  if (k < 5)
    snprintf(buf, n, "%s", ip_terms[rnd(&g->rng, 11)]);
  else if (k < 8) {
    if (g->tcp)
      snprintf(buf, n, "%s", tcp_terms[rnd(&g->rng, 7)]);
    else
      snprintf(buf, n, "%s", udp_terms[rnd(&g->rng, 4)]);
  } else
    snprintf(buf, n, eth_terms[rnd(&g->rng, 3)], rnd(&g->rng, 6));
}

static const char *pick_local(gen_t *g, int writable) {
  int cand[MAX_LOCALS], nc = 0;
  for (int i = 0; i < g->nlocals; i++)
    if (!writable || !g->locals[i].readonly)
      cand[nc++] = i;
  if (!nc)
    return 0;
  local_t *l = &g->locals[cand[rnd(&g->rng, (unsigned)nc)]];
  l->used = 1;
  return l->name;
}

static int has_local(const gen_t *g, int writable) {
  for (int i = 0; i < g->nlocals; i++)
    if (!writable || !g->locals[i].readonly)
      return 1;
  return 0;
}

/* An assignment target: chosen without counting as a read. */
static const char *pick_target(gen_t *g) {
  int cand[MAX_LOCALS], nc = 0;
  for (int i = 0; i < g->nlocals; i++)
    if (!g->locals[i].readonly)
      cand[nc++] = i;
  return nc ? g->locals[cand[rnd(&g->rng, (unsigned)nc)]].name : 0;
}

static void gen_term(gen_t *g, char *buf, size_t n, int depth) {
  int allowed[SYN_CHOICE_COUNT] = {0};
  allowed[SYN_E_CONST] = 1;
  allowed[SYN_E_LOCAL] = g->nlocals > 0;
  allowed[SYN_E_FIELD] = g->nfields > 0;
  allowed[SYN_E_HEADER] = 1;
  allowed[SYN_E_ANNO] = 1;
  allowed[SYN_E_PAYLOAD] = g->in_entry;
  allowed[SYN_E_LENGTH] = 1;
  allowed[SYN_E_ARRAY] = g->narrays > 0 && depth < 2;
  allowed[SYN_E_BINARY] = depth < 2;
  syn_choice c = pick(g, SYN_G_EXPR, allowed);
  switch (c) {
  case SYN_E_LOCAL: {
    local_t *l = 0;
    const char *name = pick_local(g, 0);
    for (int i = 0; i < g->nlocals; i++)
      if (strcmp(g->locals[i].name, name) == 0)
        l = &g->locals[i];
    if (l && l->is_int)
      put(g, buf, n, "(uint32_t)%s", name);
    else
      put(g, buf, n, "%s", name);
    break;
  }
  case SYN_E_FIELD: {
    field_t *f = &g->fields[rnd(&g->rng, (unsigned)g->nfields)];
    if (f->kind == F_U32)
      put(g, buf, n, "%s", f->name);
    else
      put(g, buf, n, "(uint32_t)%s", f->name);
    break;
  }
  case SYN_E_HEADER:
    gen_header_term(g, buf, n);
    break;
  case SYN_E_ANNO: {
    const char *pk = g->in_entry ? g->pk : "p";
    unsigned k = rnd(&g->rng, 4);
    if (k == 0)
      put(g, buf, n, "(uint32_t)%s->anno_u8(%u)", pk, rnd(&g->rng, 48));
    else if (k == 1)
      put(g, buf, n, "(uint32_t)%s->anno_u16(%u)", pk, 2 * rnd(&g->rng, 24));
    else if (k == 2)
      put(g, buf, n, "%s->anno_u32(%u)", pk, 4 * rnd(&g->rng, 12));
    else
      put(g, buf, n, "(uint32_t)PAINT_ANNO(%s)", pk);
    break;
  }
  case SYN_E_PAYLOAD:
    put(g, buf, n, "(uint32_t)%s->data()[%u]", g->pk, rnd(&g->rng, g->minlen));
    break;
  case SYN_E_LENGTH: {
    const char *pk = g->in_entry ? g->pk : "p";
    unsigned k = rnd(&g->rng, 4);
    if (k == 0)
      put(g, buf, n, "%s->headroom()", pk);
    else if (k == 1)
      put(g, buf, n, "(%s->length() - %uu)", pk, g->minlen);
    else
      put(g, buf, n, "%s->length()", pk);
    break;
  }
  case SYN_E_ARRAY: {
    array_t *a = &g->arrays[rnd(&g->rng, (unsigned)g->narrays)];
    char idx[512];
    gen_expr(g, idx, sizeof idx, depth + 1);
    put(g, buf, n, "(uint32_t)%s[(%s) & %uu]", a->name, idx, a->len - 1);
    break;
  }
  case SYN_E_BINARY: {
    char a[512], b[512];
    gen_expr(g, a, sizeof a, depth + 1);
    syn_choice op = pick(g, SYN_G_BINOP, 0);
    switch (op) {
    case SYN_O_SHL:
      put(g, buf, n, "(%s << %u)", a, rnd_range(&g->rng, 1, 15));
      return;
    case SYN_O_SHR:
      put(g, buf, n, "(%s >> %u)", a, rnd_range(&g->rng, 1, 15));
      return;
    case SYN_O_DIVC:
      put(g, buf, n, "(%s / %uu)", a, rnd_range(&g->rng, 2, 100));
      return;
    case SYN_O_REMC:
      put(g, buf, n, "(%s %% %uu)", a, rnd_range(&g->rng, 3, 251));
      return;
    case SYN_O_AND:
      put(g, buf, n, "(%s & 0x%xu)", a, rnd_range(&g->rng, 1, 0xFFFF));
      return;
    default:
      break;
    }
    gen_expr(g, b, sizeof b, depth + 1);
    const char *o = op == SYN_O_ADD   ? "+"
                    : op == SYN_O_SUB ? "-"
                    : op == SYN_O_MUL ? "*"
                    : op == SYN_O_OR  ? "|"
                                      : "^";
    put(g, buf, n, "(%s %s %s)", a, o, b);
    break;
  }
  default:
    put(g, buf, n, "%uu",
        rnd(&g->rng, 4) ? rnd(&g->rng, 256) : rnd(&g->rng, 0x10000));
    break;
  }
}

static void gen_expr(gen_t *g, char *buf, size_t n, int depth) {
  gen_term(g, buf, n, depth);
}

/* Length of a comparison's left-hand side (up to its operator), or 0. */
static size_t lhs_len(const char *c) {
  static const char *const ops[] = {" < ",  " <= ", " > ",
                                    " >= ", " == ", " != "};
  size_t best = 0;
  for (int i = 0; i < 6; i++) {
    const char *p = strstr(c, ops[i]);
    if (p && (!best || (size_t)(p - c) < best))
      best = (size_t)(p - c);
  }
  return best;
}

/* 1 when two conditions compare the same left-hand side. */
static int same_lhs(const char *a, const char *b) {
  size_t la = lhs_len(a), lb = lhs_len(b);
  return la && la == lb && strncmp(a, b, la) == 0;
}

static void gen_cond(gen_t *g, char *buf, size_t n, int depth) {
  int allowed[SYN_CHOICE_COUNT] = {0};
  allowed[SYN_C_CMP] = allowed[SYN_C_MASK] = 1;
  allowed[SYN_C_AND] = allowed[SYN_C_OR] = allowed[SYN_C_NOT] = depth < 1;
  syn_choice c = pick(g, SYN_G_COND, allowed);
  char a[600], b[600];
  switch (c) {
  case SYN_C_MASK:
    /* A single non-constant term and a low bit: clang rejects masks it can
     * prove constant (bitfields are 4 bits wide). */
    for (int tries = 0; tries < 8; tries++) {
      gen_term(g, a, sizeof a, 2);
      if (a[0] < '0' || a[0] > '9')
        break;
      put(g, a, sizeof a, "%s->length()", g->in_entry ? g->pk : "p");
    }
    put(g, buf, n, "(%s & 0x%xu) %s 0", a, 1u << rnd(&g->rng, 4),
        chance(&g->rng, 50) ? "!=" : "==");
    break;
  case SYN_C_AND:
  case SYN_C_OR:
    gen_cond(g, a, sizeof a, depth + 1);
    /* Two comparisons of the same value with constants can be proved
     * always true or false by clang (-Wtautological-overlap-compare):
     * redraw the second, or keep the first alone. */
    {
      /* A redrawn condition must not leave its locals counted as read. */
      unsigned char used[MAX_LOCALS];
      for (int i = 0; i < g->nlocals; i++)
        used[i] = (unsigned char)g->locals[i].used;
      for (int tries = 0;; tries++) {
        gen_cond(g, b, sizeof b, depth + 1);
        if (!same_lhs(a, b))
          break;
        for (int i = 0; i < g->nlocals; i++)
          g->locals[i].used = used[i];
        if (tries == 7) {
          put(g, buf, n, "%s", a);
          return;
        }
      }
    }
    put(g, buf, n, "(%s) %s (%s)", a, c == SYN_C_AND ? "&&" : "||", b);
    break;
  case SYN_C_NOT:
    gen_cond(g, a, sizeof a, depth + 1);
    put(g, buf, n, "!(%s)", a);
    break;
  default: {
    static const char *const ops[] = {"<", "<=", ">", ">=", "==", "!="};
    gen_expr(g, a, sizeof a, 1);
    unsigned op = rnd(&g->rng, 6);
    /* clang proves (x & M) == C false when C has bits outside M. */
    if (op >= 4 && (strstr(a, " & ") || strstr(a, " | ")))
      op = rnd(&g->rng, 4);
    if (chance(&g->rng, 60))
      put(g, buf, n, "%s %s %uu", a, ops[op], rnd_range(&g->rng, 1, 200));
    else {
      gen_expr(g, b, sizeof b, 1);
      if (strcmp(a, b) == 0) /* never x < x */
        put(g, b, sizeof b, "%uu", rnd_range(&g->rng, 1, 200));
      if (op >= 4 && (strstr(b, " & ") || strstr(b, " | ")))
        op = rnd(&g->rng, 4);
      put(g, buf, n, "%s %s %s", a, ops[op], b);
    }
    break;
  }
  }
}

/* ------------------------------------------------------------------------ */
/* Statements                                                               */

static void gen_block(gen_t *g, int nstmts);
static void gen_stmt(gen_t *g);

/* Folds the locals declared since `mark` that nothing read into the
 * element's state, so that every computed value has an effect (and the
 * compiler sees no unused variable). */
static void close_scope(gen_t *g, int mark) {
  for (int i = mark; i < g->nlocals; i++)
    if (!g->locals[i].used && !g->locals[i].is_int) {
      if (g->nfields) {
        field_t *f = &g->fields[rnd(&g->rng, (unsigned)g->nfields)];
        if (f->kind == F_U32 || f->kind == F_U64)
          emit(g, "%s += %s;\n", f->name, g->locals[i].name);
        else
          emit(g, "%s = (%s)%s;\n", f->name, field_type(f->kind),
               g->locals[i].name);
      } else
        emit(g, "(void)%s;\n", g->locals[i].name);
    }
  g->nlocals = mark;
}

static void open_brace(gen_t *g) {
  emit(g, "{\n");
  g->indent++;
  g->depth++;
}

static void close_brace(gen_t *g, int mark) {
  close_scope(g, mark);
  g->indent--;
  g->depth--;
  emit(g, "}\n");
}

static void gen_body(gen_t *g, unsigned lo, unsigned hi) {
  int mark = g->nlocals;
  open_brace(g);
  gen_block(g, (int)rnd_range(&g->rng, lo, hi));
  close_brace(g, mark);
}

static void gen_hdr_write(gen_t *g) {
  char e[600];
  unsigned k = rnd(&g->rng, 7);
  /* Only the rewrites that store a computed value draw an expression (an
   * expression drawn and dropped would count its locals as read). */
  if (k != 1 && !(k == 3 && !g->tcp))
    gen_expr(g, e, sizeof e, 0);
  switch (k) {
  case 0: { /* rewrite a 16-bit field, checksum updated incrementally */
    char old[16];
    snprintf(old, sizeof old, "v%d", g->next_var++);
    emit(g, "uint16_t %s = iph->ip_id;\n", old);
    emit(g, "iph->ip_id = htons((uint16_t)(%s));\n", e);
    emit(g, "click_update_in_cksum(&iph->ip_sum, %s, iph->ip_id);\n", old);
    break;
  }
  case 1:
    emit(g, "if (iph->ip_ttl > 1) ");
    open_brace(g);
    emit(g, "iph->ip_ttl--;\n");
    emit(g, "click_update_in_cksum(&iph->ip_sum, htons(0x0100), 0);\n");
    g->indent--;
    g->depth--;
    emit(g, "}\n");
    break;
  case 2:
    emit(g, "iph->ip_tos = (uint8_t)((iph->ip_tos & 0x3u) | ((%s) << 2));\n",
         e);
    break;
  case 3:
    if (g->tcp)
      emit(g, "th->th_win = htons((uint16_t)(%s));\n", e);
    else
      emit(g, "uh->uh_sum = 0;\n");
    break;
  case 4:
    if (g->tcp)
      emit(g, "th->th_flags = (uint8_t)(th->th_flags | ((%s) & 0x%xu));\n", e,
           1u << rnd(&g->rng, 8));
    else
      emit(g, "uh->uh_sport = htons((uint16_t)(%s));\n", e);
    break;
  case 5:
    emit(g, "eh->ether_%s[%u] = (uint8_t)(%s);\n",
         chance(&g->rng, 50) ? "dhost" : "shost", rnd(&g->rng, 6), e);
    break;
  default:
    emit(g, "iph->ip_dst.s_addr = htonl(%s);\n", e);
    break;
  }
}

static void gen_hash(gen_t *g) {
  char key[600], e[600];
  gen_expr(g, key, sizeof key, 0);
  unsigned variant = rnd(&g->rng, 3);
  if (variant == 0)
    gen_expr(g, e, sizeof e, 1);
  char k[16];
  snprintf(k, sizeof k, "v%d", g->next_var++);
  emit(g, "uint32_t %s = %s;\n", k, key);
  if (variant == 0) {
    char r[16];
    snprintf(r, sizeof r, "v%d", g->next_var++);
    emit(g, "SynRec_%s *%s = %s.get_pointer(%s);\n", g->tag, r, g->hash_name,
         k);
    emit(g, "if (%s) ", r);
    int mark = g->nlocals;
    open_brace(g);
    emit(g, "%s->packets++;\n", r);
    emit(g, "%s->bytes += %s;\n", r, e);
    if (chance(&g->rng, 50))
      emit(g, "%s->last = %s;\n", r, k);
    if (g->budget > 0 && chance(&g->rng, 50))
      gen_block(g, 1);
    close_brace(g, mark);
    emit(g, "else ");
    open_brace(g);
    emit(g, "SynRec_%s rec;\n", g->tag);
    emit(g, "rec.packets = 1;\n");
    emit(g, "rec.bytes = %s;\n", e);
    emit(g, "rec.last = %s;\n", k);
    emit(g, "rec.flags = 0;\n");
    emit(g, "if (!%s.set(%s, rec))\n", g->hash_name, k);
    emit(g, "  _drops++;\n");
    close_brace(g, g->nlocals);
  } else if (variant == 1) {
    emit(g,
         "HashTable<uint32_t, SynRec_%s, 64, 4>::iterator it%d = "
         "%s.find(%s);\n",
         g->tag, g->next_var, g->hash_name, k);
    emit(g, "if (it%d.live() && it%d.value().packets > %uu)\n", g->next_var,
         g->next_var, rnd_range(&g->rng, 1, 100));
    emit(g, "  %s.erase(it%d);\n", g->hash_name, g->next_var);
    g->next_var++;
  } else {
    emit(g, "if (%s.count(%s) == 0 && !%s.empty())\n", g->hash_name, k,
         g->hash_name);
    emit(g, "  _drops++;\n");
  }
}

static void gen_vector(gen_t *g) {
  char e[600];
  gen_expr(g, e, sizeof e, 0);
  unsigned variant = rnd(&g->rng, 3);
  if (variant == 0) {
    const char *hit = new_local(g, 0);
    emit(g, "uint32_t %s = 0;\n", hit);
    emit(g, "for (int i%d = 0; i%d < %s.size(); i%d++) ", g->next_var,
         g->next_var, g->vec_name, g->next_var);
    open_brace(g);
    emit(g, "if (%s[i%d] == %s) ", g->vec_name, g->next_var, e);
    open_brace(g);
    emit(g, "%s = (uint32_t)i%d + 1;\n", hit, g->next_var);
    emit(g, "break;\n");
    g->indent--;
    g->depth--;
    emit(g, "}\n");
    g->indent--;
    g->depth--;
    emit(g, "}\n");
    g->next_var++;
  } else if (variant == 1) {
    emit(g, "if (!%s.full())\n", g->vec_name);
    emit(g, "  %s.push_back(%s);\n", g->vec_name, e);
    emit(g, "else\n");
    emit(g, "  %s.clear();\n", g->vec_name);
  } else {
    emit(g, "if (!%s.empty() && %s.back() != %s)\n", g->vec_name, g->vec_name,
         e);
    emit(g, "  %s.pop_back();\n", g->vec_name);
  }
}

static void gen_stmt(gen_t *g) {
  g->budget--;
  int nested = g->depth < g->w->max_depth && g->budget > 0;
  int allowed[SYN_CHOICE_COUNT] = {0};
  allowed[SYN_S_DECL] = allowed[SYN_S_FIELD] = allowed[SYN_S_ANNO_WRITE] = 1;
  allowed[SYN_S_ASSIGN] = has_local(g, 1);
  allowed[SYN_S_ARRAY] = g->narrays > 0;
  allowed[SYN_S_HDR_WRITE] = g->in_entry && g->writable;
  allowed[SYN_S_IF] = allowed[SYN_S_IF_ELSE] = allowed[SYN_S_IF_CHAIN] = nested;
  allowed[SYN_S_SWITCH] = nested;
  allowed[SYN_S_LOOP_PAYLOAD] = g->in_entry && !g->in_loop;
  allowed[SYN_S_LOOP_ARRAY] = g->narrays > 0 && !g->in_loop && nested;
  allowed[SYN_S_HASH] = g->has_hash;
  allowed[SYN_S_VECTOR] = g->has_vec && !g->in_loop;
  allowed[SYN_S_HELPER] = g->in_entry && g->nhelpers > 0;
  allowed[SYN_S_CKSUM] = g->in_entry;
  allowed[SYN_S_DROP] = g->in_entry && !g->in_loop;
  allowed[SYN_S_ASSERT] = 1;
  allowed[SYN_S_GUARD] = g->in_entry && nested && !g->in_loop;
  allowed[SYN_S_TIMESTAMP] = 1;
  allowed[SYN_S_OUTPUT] = g->in_entry && g->is_push && !g->in_loop;
  /* Locals already read are fine to overwrite; keep the pool bounded. */
  if (g->nlocals > 40)
    allowed[SYN_S_DECL] = allowed[SYN_S_TIMESTAMP] = 0;
  syn_choice c = pick(g, SYN_G_STMT, allowed);
  char e[600], f[600], cond[1400];
  switch (c) {
  case SYN_S_DECL:
    gen_expr(g, e, sizeof e, 0);
    emit(g, "uint32_t %s = %s;\n", new_local(g, 0), e);
    break;
  case SYN_S_ASSIGN: {
    gen_expr(g, e, sizeof e, 0);
    static const char *const ops[] = {"=", "+=", "^=", "|=", "&=", "-="};
    const char *t = pick_target(g);
    const char *op = ops[rnd(&g->rng, 6)];
    if (strcmp(t, e) == 0)
      op = "+="; /* never x = x, x &= x */
    emit(g, "%s %s %s;\n", t, op, e);
    break;
  }
  case SYN_S_FIELD: {
    field_t *fl = &g->fields[rnd(&g->rng, (unsigned)g->nfields)];
    unsigned k = rnd(&g->rng, 3);
    if (k == 0 && (fl->kind == F_U64 || fl->kind == F_U32))
      emit(g, "%s++;\n", fl->name);
    else {
      gen_expr(g, e, sizeof e, 0);
      if (fl->kind == F_U64 || fl->kind == F_U32)
        emit(g, "%s %s %s;\n", fl->name,
             k == 1 || strstr(e, fl->name) ? "+=" : "=", e);
      else
        emit(g, "%s = (%s)(%s);\n", fl->name, field_type(fl->kind), e);
    }
    break;
  }
  case SYN_S_ARRAY: {
    array_t *a = &g->arrays[rnd(&g->rng, (unsigned)g->narrays)];
    gen_expr(g, e, sizeof e, 1);
    gen_expr(g, f, sizeof f, 1);
    if (a->kind == F_U32 || a->kind == F_U64)
      emit(g, "%s[(%s) & %uu] %s %s;\n", a->name, e, a->len - 1,
           chance(&g->rng, 60) ? "+=" : "=", f);
    else
      emit(g, "%s[(%s) & %uu] = (%s)(%s);\n", a->name, e, a->len - 1,
           field_type(a->kind), f);
    break;
  }
  case SYN_S_HDR_WRITE:
    gen_hdr_write(g);
    break;
  case SYN_S_ANNO_WRITE: {
    const char *pk = g->in_entry ? g->pk : "p";
    gen_expr(g, e, sizeof e, 0);
    unsigned k = rnd(&g->rng, 3);
    if (k == 0)
      emit(g, "%s->set_anno_u32(%u, %s);\n", pk, 4 * rnd(&g->rng, 12), e);
    else if (k == 1)
      emit(g, "%s->set_anno_u16(%u, (uint16_t)(%s));\n", pk,
           2 * rnd(&g->rng, 24), e);
    else
      emit(g, "SET_PAINT_ANNO(%s, (uint8_t)(%s));\n", pk, e);
    break;
  }
  case SYN_S_IF:
  case SYN_S_IF_ELSE:
    gen_cond(g, cond, sizeof cond, 0);
    emit(g, "if (%s) ", cond);
    gen_body(g, 1, 3);
    if (c == SYN_S_IF_ELSE) {
      emit(g, "else ");
      gen_body(g, 1, 2);
    }
    break;
  case SYN_S_IF_CHAIN: {
    unsigned arms = rnd_range(&g->rng, 2, 3);
    for (unsigned i = 0; i < arms; i++) {
      gen_cond(g, cond, sizeof cond, 0);
      emit(g, "%sif (%s) ", i ? "else " : "", cond);
      gen_body(g, 1, 2);
    }
    emit(g, "else ");
    gen_body(g, 1, 1);
    break;
  }
  case SYN_S_SWITCH: {
    unsigned cases = rnd_range(&g->rng, 2, 4);
    if (g->in_entry && chance(&g->rng, 50)) {
      static const char *const protos[] = {"IP_PROTO_TCP", "IP_PROTO_UDP",
                                           "IP_PROTO_ICMP", "IP_PROTO_GRE"};
      emit(g, "switch (iph->ip_p) ");
      open_brace(g);
      for (unsigned i = 0; i < cases; i++) {
        emit(g, "case %s: ", protos[i]);
        gen_body(g, 1, 2);
        emit(g, "break;\n");
      }
    } else {
      gen_expr(g, e, sizeof e, 1);
      emit(g, "switch ((%s) & 7u) ", e);
      open_brace(g);
      for (unsigned i = 0; i < cases; i++) {
        emit(g, "case %u: ", i * 2 + rnd(&g->rng, 2));
        gen_body(g, 1, 2);
        emit(g, "break;\n");
      }
    }
    emit(g, "default: ");
    gen_body(g, 1, 1);
    emit(g, "break;\n");
    g->indent--;
    g->depth--;
    emit(g, "}\n");
    break;
  }
  case SYN_S_LOOP_PAYLOAD: {
    gen_expr(g, e, sizeof e, 1);
    const char *acc = new_local(g, 0);
    emit(g, "uint32_t %s = %s;\n", acc, e);
    int iv = g->next_var++;
    unsigned start = g->minlen - rnd(&g->rng, 8), span = 8u << rnd(&g->rng, 4);
    emit(g,
         "for (uint32_t i%d = %uu; i%d < %s->length() && i%d < %uu; "
         "i%d++) ",
         iv, start, iv, g->pk, iv, start + span, iv);
    int mark = g->nlocals;
    open_brace(g);
    g->in_loop = 1;
    unsigned k = rnd(&g->rng, 3);
    if (k == 0)
      emit(g, "%s = %s * 31u + %s->data()[i%d];\n", acc, acc, g->pk, iv);
    else if (k == 1)
      emit(g, "%s ^= (uint32_t)%s->data()[i%d] << (i%d & 7u);\n", acc, g->pk,
           iv, iv);
    else {
      emit(g, "if (%s->data()[i%d] == %uu) ", g->pk, iv, rnd(&g->rng, 256));
      open_brace(g);
      emit(g, "%s = i%d;\n", acc, iv);
      emit(g, "break;\n");
      g->indent--;
      g->depth--;
      emit(g, "}\n");
    }
    if (g->budget > 0 && chance(&g->rng, 40))
      gen_block(g, 1);
    g->in_loop = 0;
    close_brace(g, mark);
    break;
  }
  case SYN_S_LOOP_ARRAY: {
    array_t *a = &g->arrays[rnd(&g->rng, (unsigned)g->narrays)];
    int iv = g->next_var++;
    emit(g, "for (int i%d = 0; i%d < %u; i%d++) ", iv, iv, a->len, iv);
    int mark = g->nlocals;
    open_brace(g);
    g->in_loop = 1;
    local_t *l = &g->locals[g->nlocals++];
    snprintf(l->name, sizeof l->name, "i%d", iv);
    l->is_int = l->readonly = 1;
    l->used = 1;
    unsigned k = rnd(&g->rng, 3);
    gen_expr(g, e, sizeof e, 1);
    if (k == 0)
      emit(g, "if (%s[i%d] > %s) %s[i%d] = %s[i%d] >> 1;\n", a->name, iv, e,
           a->name, iv, a->name, iv);
    else if (k == 1) {
      if (a->kind == F_U32 || a->kind == F_U64)
        emit(g, "%s[i%d] ^= %s;\n", a->name, iv, e);
      else
        emit(g, "%s[i%d] = (%s)(%s[i%d] ^ %s);\n", a->name, iv,
             field_type(a->kind), a->name, iv, e);
    } else {
      emit(g, "if (%s[i%d] == %s) ", a->name, iv, e);
      open_brace(g);
      emit(g, "_drops++;\n");
      emit(g, "break;\n");
      g->indent--;
      g->depth--;
      emit(g, "}\n");
    }
    if (g->budget > 0 && chance(&g->rng, 50))
      gen_block(g, (int)rnd_range(&g->rng, 1, 2));
    g->in_loop = 0;
    close_brace(g, mark);
    break;
  }
  case SYN_S_HASH:
    gen_hash(g);
    break;
  case SYN_S_VECTOR:
    gen_vector(g);
    break;
  case SYN_S_HELPER: {
    gen_expr(g, e, sizeof e, 1);
    gen_expr(g, f, sizeof f, 1);
    unsigned h = rnd(&g->rng, (unsigned)g->nhelpers);
    if (chance(&g->rng, 50) && has_local(g, 1))
      emit(g, "%s = h%u_%s(%s, %s, %s);\n", pick_target(g), h, g->cls, g->pk, e,
           f);
    else
      emit(g, "uint32_t %s = h%u_%s(%s, %s, %s);\n", new_local(g, 0), h, g->cls,
           g->pk, e, f);
    break;
  }
  case SYN_S_CKSUM: {
    unsigned k = rnd(&g->rng, 3);
    if (k == 0 && g->writable) {
      emit(g, "iph->ip_sum = 0;\n");
      emit(g, "iph->ip_sum = click_in_cksum(reinterpret_cast<const unsigned "
              "char *>(iph), sizeof(click_ip));\n");
    } else if (k == 1 || !g->writable) {
      emit(g, "if (click_in_cksum(reinterpret_cast<const unsigned char "
              "*>(iph), sizeof(click_ip)) != 0)\n");
      emit(g, "  _drops++;\n");
    } else {
      const char *v = new_local(g, 0);
      emit(g, "uint32_t %s = %s->length() - 34u;\n", v, g->pk);
      emit(g,
           "%s = click_in_cksum_pseudohdr(click_in_cksum(%s->data() + "
           "34, (int)%s), iph, (int)%s);\n",
           v, g->pk, v, v);
    }
    break;
  }
  case SYN_S_DROP:
    gen_cond(g, cond, sizeof cond, 0);
    emit(g, "if (%s) ", cond);
    open_brace(g);
    emit(g, "_drops++;\n");
    emit(g, "%s->kill();\n", g->pk);
    emit(g, g->is_push ? "return;\n" : "return 0;\n");
    g->indent--;
    g->depth--;
    emit(g, "}\n");
    break;
  case SYN_S_ASSERT: {
    unsigned k = rnd(&g->rng, 4);
    if (k == 0 && g->has_vec)
      emit(g, "assert(%s.size() <= %s.capacity());\n", g->vec_name,
           g->vec_name);
    else if (k == 1 && g->has_hash)
      emit(g, "assert(%s.size() <= %s.capacity());\n", g->hash_name,
           g->hash_name);
    else if (g->in_entry)
      emit(g, "assert(%s->length() >= %uu);\n", g->pk, g->minlen);
    else
      emit(g, "assert(p->length() >= %uu);\n", g->minlen);
    break;
  }
  case SYN_S_GUARD: {
    const char *cnt = 0;
    for (int i = 0; i < g->nfields; i++)
      if (g->fields[i].kind == F_U64)
        cnt = g->fields[i].name;
    int mark = g->nlocals;
    open_brace(g);
    emit(g, "SynScope_%s scope(%s);\n", g->tag, cnt ? cnt : "_drops");
    gen_block(g, (int)rnd_range(&g->rng, 1, 3));
    close_brace(g, mark);
    break;
  }
  case SYN_S_TIMESTAMP:
    emit(g, "uint32_t %s = (uint32_t)%s->timestamp_anno().sec();\n",
         new_local(g, 0), g->in_entry ? g->pk : "p");
    break;
  case SYN_S_OUTPUT:
    gen_cond(g, cond, sizeof cond, 0);
    emit(g, "if (%s) ", cond);
    open_brace(g);
    emit(g, "checked_output_push(1, %s);\n", g->pk);
    emit(g, "return;\n");
    g->indent--;
    g->depth--;
    emit(g, "}\n");
    break;
  default:
    emit(g, "_drops++;\n");
    break;
  }
}

static void gen_block(gen_t *g, int nstmts) {
  for (int i = 0; i < nstmts && !g->oom; i++)
    gen_stmt(g);
}

/* ------------------------------------------------------------------------ */
/* Classes                                                                  */

/* Function bodies are generated into a scratch buffer first, so that the
 * header pointers are declared only when the body uses them. */
static syn_text *begin_body(gen_t *g) {
  syn_text *saved = g->out;
  g->out = calloc(1, sizeof *g->out);
  if (!g->out) {
    g->out = saved;
    g->oom = 1;
    return 0;
  }
  return saved;
}

static int uses(const char *body, const char *what) {
  return body && strstr(body, what) != 0;
}

/* sig, if not null, is the function's first line with %s for the packet
 * parameter's name (left out when the function never uses the packet). */
static void end_body(gen_t *g, syn_text *saved, const char *pk, int ro,
                     const char *sig) {
  if (!saved)
    return;
  syn_text *body = g->out;
  g->out = saved;
  const char *c = ro ? "const " : "";
  const char *b = body->buf;
  if (sig) {
    int used = uses(b, "p->") || uses(b, "eh->") || uses(b, "iph") ||
               uses(b, "th->") || uses(b, "uh->") || uses(b, "(p)") ||
               uses(b, "(p,");
    g->indent--;
    emit(g, sig, used ? "p" : "");
    g->indent++;
  }
  if (uses(b, "eh->"))
    emit(g,
         "%sclick_ether *eh = reinterpret_cast<%sclick_ether *>(%s->data());\n",
         c, c, pk);
  if (uses(b, "iph"))
    emit(g,
         "%sclick_ip *iph = reinterpret_cast<%sclick_ip *>(%s->data() + "
         "14);\n",
         c, c, pk);
  if (uses(b, "th->"))
    emit(g,
         "%sclick_tcp *th = reinterpret_cast<%sclick_tcp *>(%s->data() + "
         "34);\n",
         c, c, pk);
  if (uses(b, "uh->"))
    emit(g,
         "%sclick_udp *uh = reinterpret_cast<%sclick_udp *>(%s->data() + "
         "34);\n",
         c, c, pk);
  if (body->buf) {
    if (text_reserve(g->out, body->len))
      g->oom = 1;
    else {
      memcpy(g->out->buf + g->out->len, body->buf, body->len + 1);
      g->out->len += body->len;
    }
  }
  free(body->buf);
  free(body);
}

static void gen_class(gen_t *g, int ci, int *is_push_out) {
  snprintf(g->cls, sizeof g->cls, "Syn%s_%c", g->tag, 'A' + ci);
  const char *C = g->cls;
  g->nfields = 0;
  g->narrays = 0;
  int nscalar = (int)rnd_range(&g->rng, 2, 6);
  for (int i = 0; i < nscalar; i++) {
    field_t *f = &g->fields[g->nfields++];
    snprintf(f->name, sizeof f->name, "_f%d", i);
    unsigned k = rnd(&g->rng, 10);
    f->kind = k < 4 ? F_U64 : k < 8 ? F_U32 : k < 9 ? F_U16 : F_U8;
  }
  g->narrays = (int)rnd(&g->rng, 3);
  for (int i = 0; i < g->narrays; i++) {
    array_t *a = &g->arrays[i];
    snprintf(a->name, sizeof a->name, "_a%d", i);
    unsigned k = rnd(&g->rng, 4);
    a->kind = k == 0 ? F_U64 : k == 1 ? F_U16 : F_U32;
    a->len = 8u << rnd(&g->rng, 4);
  }
  g->has_hash = chance(&g->rng, 45);
  g->has_vec = chance(&g->rng, 35);
  g->has_offset = 0;
  snprintf(g->hash_name, sizeof g->hash_name, "_flows");
  snprintf(g->vec_name, sizeof g->vec_name, "_recent");
  g->vec_cap = 8u << rnd(&g->rng, 3);
  g->nhelpers = (int)rnd(&g->rng, 3);
  g->is_push = chance(&g->rng, 35);
  g->writable = chance(&g->rng, 70);
  g->tcp = chance(&g->rng, 60);
  g->minlen = g->tcp ? 54 : 42;
  g->pk = g->writable ? "q" : "p";
  *is_push_out = g->is_push;
  if (g->st) {
    g->st->entries++;
    g->st->push_entries += (unsigned)g->is_push;
    g->st->writable_entries += (unsigned)g->writable;
  }

  /* Declaration. */
  emit(g, "class %s : public Element {\n", C);
  emit(g, "public:\n");
  g->indent++;
  emit(g, "%s();\n", C);
  emit(g, "const char *class_name() const override { return \"%s\"; }\n", C);
  if (g->is_push) {
    emit(g, "const char *port_count() const override { return \"1/2\"; }\n");
    emit(g, "const char *processing() const override { return PUSH; }\n");
    emit(g, "void push(int port, Packet *p) override;\n");
  } else {
    emit(g, "const char *port_count() const override { return PORTS_1_1; }\n");
    emit(g, "Packet *simple_action(Packet *p) override;\n");
  }
  g->indent--;
  emit(g, "\nprotected:\n");
  g->indent++;
  emit(g, "uint64_t _drops;\n");
  for (int i = 0; i < g->nfields; i++)
    emit(g, "%s %s;\n", field_type(g->fields[i].kind), g->fields[i].name);
  for (int i = 0; i < g->narrays; i++)
    emit(g, "%s %s[%u];\n", field_type(g->arrays[i].kind), g->arrays[i].name,
         g->arrays[i].len);
  if (g->has_hash)
    emit(g, "HashTable<uint32_t, SynRec_%s, 64, 4> %s;\n", g->tag,
         g->hash_name);
  if (g->has_vec)
    emit(g, "Vector<uint32_t, %u> %s;\n", g->vec_cap, g->vec_name);
  for (int h = 0; h < g->nhelpers; h++)
    emit(g, "uint32_t h%d_%s(Packet *p, uint32_t a, uint32_t b);\n", h, C);
  g->indent--;
  emit(g, "};\n\n");

  /* Constructor: configuration-time code, not per-packet. */
  emit(g, "%s::%s() : _drops(0)", C, C);
  for (int i = 0; i < g->nfields; i++)
    emit(g, ", %s(%u)", g->fields[i].name, rnd(&g->rng, 16));
  emit(g, " {\n");
  g->indent++;
  for (int i = 0; i < g->narrays; i++)
    emit(g, "memset(%s, 0, sizeof(%s));\n", g->arrays[i].name,
         g->arrays[i].name);
  g->indent--;
  emit(g, "}\n\n");

  /* Helpers: per-packet code reached from the entry point, read-only
   * headers, no calls to generated code (so no recursion). */
  for (int h = 0; h < g->nhelpers; h++) {
    char sig[256];
    snprintf(sig, sizeof sig,
             "uint32_t %s::h%d_%s(Packet *%%s, uint32_t a, "
             "uint32_t b) {\n",
             C, h, C);
    g->indent++;
    g->nlocals = 0;
    g->in_entry = 0;
    g->depth = 0;
    g->in_loop = 0;
    int saved_writable = g->writable;
    g->writable = 0;
    local_t *la = &g->locals[g->nlocals++];
    snprintf(la->name, sizeof la->name, "a");
    la->is_int = la->readonly = la->used = 0;
    local_t *lb = &g->locals[g->nlocals++];
    snprintf(lb->name, sizeof lb->name, "b");
    lb->is_int = lb->readonly = lb->used = 0;
    syn_text *saved = begin_body(g);
    g->budget = (int)rnd_range(&g->rng, 3, 10);
    gen_block(g, (int)rnd_range(&g->rng, 2, 5));
    /* The result combines the values computed. */
    char ret[1024] = "a";
    int n = 0;
    for (int i = 1; i < g->nlocals && n < 3; i++)
      if (!g->locals[i].is_int && (!g->locals[i].used || i == 1)) {
        size_t len = strlen(ret);
        snprintf(ret + len, sizeof ret - len, " ^ %s", g->locals[i].name);
        g->locals[i].used = 1;
        n++;
      }
    close_scope(g, 0);
    emit(g, "return %s;\n", ret);
    end_body(g, saved, "p", 1, sig);
    g->indent--;
    emit(g, "}\n\n");
    g->writable = saved_writable;
  }

  /* The entry point. */
  g->nlocals = 0;
  g->in_entry = 1;
  g->depth = 0;
  g->in_loop = 0;
  if (g->is_push)
    emit(g, "void %s::push(int, Packet *p) {\n", C);
  else
    emit(g, "Packet *%s::simple_action(Packet *p) {\n", C);
  g->indent++;
  emit(g, "if (p->length() < %uu) {\n", g->minlen);
  emit(g, "  _drops++;\n");
  emit(g, "  p->kill();\n");
  emit(g, g->is_push ? "  return;\n" : "  return 0;\n");
  emit(g, "}\n");
  if (g->writable) {
    emit(g, "WritablePacket *q = p->uniqueify();\n");
    emit(g, g->is_push ? "if (!q)\n  return;\n" : "if (!q)\n  return 0;\n");
  }
  syn_text *saved = begin_body(g);
  double mean = g->w->entry_stmts;
  int top =
      (int)rnd_range(&g->rng, (unsigned)(mean * 0.5), (unsigned)(mean * 1.5));
  if (top < 2)
    top = 2;
  g->budget = top * 2;
  gen_block(g, top);
  close_scope(g, 0);
  if (g->is_push)
    emit(g, "output(0).push(%s);\n", g->pk);
  else
    emit(g, "return %s;\n", g->pk);
  end_body(g, saved, g->pk, !g->writable, 0);
  g->indent--;
  emit(g, "}\n\n");
  g->in_entry = 0;
}

int syn_generate(uint64_t seed, uint64_t index, const syn_weights *w,
                 const char *tag, syn_text *out, syn_stats *stats) {
  gen_t *g = calloc(1, sizeof *g);
  if (!g)
    return -1;
  uint64_t x =
      seed * 0x9E3779B97F4A7C15ULL ^ (index + 1) * 0xD1B54A32D192ED03ULL;
  for (int i = 0; i < 4; i++)
    g->rng.s[i] = splitmix(&x);
  g->out = out;
  g->w = w;
  g->st = stats;
  g->tag = tag;
  if (stats)
    memset(stats, 0, sizeof *stats);

  int nclasses = (int)rnd_range(&g->rng, 2, 5);
  emit(g,
       "// Synthesised by clara-synth (seed %llu, index %llu): %d Click "
       "element%s.\n",
       (unsigned long long)seed, (unsigned long long)index, nclasses,
       nclasses > 1 ? "s" : "");
  emit(g, "#include <click/config.h>\n#include <click/element.hh>\n"
          "#include <click/hashtable.hh>\n#include <click/packet.hh>\n"
          "#include <click/packet_anno.hh>\n#include <click/timestamp.hh>\n"
          "#include <click/vector.hh>\n#include <clicknet/ether.h>\n"
          "#include <clicknet/ip.h>\n#include <clicknet/tcp.h>\n"
          "#include <clicknet/udp.h>\n\n");
  emit(g,
       "struct SynRec_%s {\n  uint64_t packets;\n  uint64_t bytes;\n"
       "  uint32_t last;\n  uint32_t flags;\n};\n\n",
       tag);
  emit(g,
       "// Counts completed stages when it goes out of scope.\n"
       "struct SynScope_%s {\n  uint64_t &count;\n"
       "  explicit SynScope_%s(uint64_t &c) : count(c) {}\n"
       "  ~SynScope_%s() { count++; }\n};\n\n",
       tag, tag, tag);
  int is_push[8];
  for (int c = 0; c < nclasses; c++)
    gen_class(g, c, &is_push[c]);
  if (stats) {
    stats->classes = (unsigned)nclasses;
  }

  emit(g, "#include <click/clara.hh>\n\n");
  emit(g, "extern \"C\" Element *clara_nf_create(const char *config) {\n");
  g->indent++;
  emit(g, "Element *e[%d];\n", nclasses);
  for (int c = 0; c < nclasses; c++)
    emit(g, "e[%d] = new Syn%s_%c;\n", c, tag, 'A' + c);
  emit(g, "String conf = config ? String(config) : String();\n");
  emit(g, "bool ok = true;\n");
  for (int c = 0; c < nclasses; c++)
    emit(g, "ok = ok && clara_element_setup(e[%d], %s, 1, %d) >= 0;\n", c,
         c == 0 ? "conf" : "String()", is_push[c] ? 2 : 1);
  for (int c = 0; c + 1 < nclasses; c++)
    emit(g, "ok = ok && clara_connect(e[%d], 0, e[%d], 0) >= 0;\n", c, c + 1);
  emit(g, "if (!ok) {\n");
  emit(g, "  for (int i = 0; i < %d; i++)\n    delete e[i];\n", nclasses);
  emit(g, "  return 0;\n}\n");
  emit(g, "return e[0];\n");
  g->indent--;
  emit(g, "}\n");
  int status = g->oom ? -1 : g->truncated ? -2 : 0;
  free(g);
  return status;
}

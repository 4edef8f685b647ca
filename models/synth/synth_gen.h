/*===- models/synth/synth_gen.h - Click-style element generator -*- C -*-===*\
 *
 * The generator behind clara-synth: it writes one random but representative
 * Click-style network function (a C++ source against Clara's
 * Click-compatible headers) per call, choosing among grammar constructs with
 * probabilities from a weight table. The guided table (synth_weights.h) was
 * fitted offline so that the -O0 IR opcode mix of the per-packet functions
 * matches real Click (see README.md); the unguided baseline picks uniformly.
 *
\*===----------------------------------------------------------------------===*/
#ifndef CLARA_SYNTH_GEN_H
#define CLARA_SYNTH_GEN_H

#include <stddef.h>
#include <stdint.h>

/* Every choice point of the grammar. Choices are grouped: one weight table
 * row per group, and a choice is drawn among the members of its group. */
typedef enum {
  /* group STMT: statements */
  SYN_S_DECL,         /* uint32_t v = expr;                          */
  SYN_S_ASSIGN,       /* v op= expr;                                  */
  SYN_S_FIELD,        /* _counter += expr; _f = expr;                 */
  SYN_S_ARRAY,        /* _table[expr & mask] += expr;                 */
  SYN_S_HDR_WRITE,    /* header field rewrite + incremental checksum  */
  SYN_S_ANNO_WRITE,   /* p->set_anno_u32(off, expr)                   */
  SYN_S_IF,           /* if (cond) {...}                              */
  SYN_S_IF_ELSE,      /* if (cond) {...} else {...}                   */
  SYN_S_IF_CHAIN,     /* if / else if / else                          */
  SYN_S_SWITCH,       /* switch on a masked value                     */
  SYN_S_LOOP_PAYLOAD, /* bounded loop over payload bytes              */
  SYN_S_LOOP_ARRAY,   /* bounded loop over an array field             */
  SYN_S_HASH,         /* HashTable lookup / insert / update           */
  SYN_S_VECTOR,       /* Vector scan or push_back                     */
  SYN_S_HELPER,       /* v = helper(p, expr)                          */
  SYN_S_CKSUM,        /* full IP header checksum recompute            */
  SYN_S_DROP,         /* if (cond) { count; drop; return; }           */
  SYN_S_ASSERT,       /* assert(invariant)                            */
  SYN_S_GUARD,        /* RAII scope object around calls               */
  SYN_S_TIMESTAMP,    /* uint32_t v = p->timestamp_anno().sec();      */
  SYN_S_OUTPUT,       /* choose output port by cond (push only)       */
  /* group EXPR: expression terms */
  SYN_E_LOCAL,
  SYN_E_CONST,
  SYN_E_FIELD,
  SYN_E_HEADER,
  SYN_E_ANNO,
  SYN_E_PAYLOAD,
  SYN_E_LENGTH,
  SYN_E_ARRAY,
  SYN_E_BINARY, /* recurse: expr op expr */
  /* group BINOP: arithmetic and bit operators */
  SYN_O_ADD,
  SYN_O_SUB,
  SYN_O_MUL,
  SYN_O_AND,
  SYN_O_OR,
  SYN_O_XOR,
  SYN_O_SHL,
  SYN_O_SHR,
  SYN_O_DIVC, /* division by a non-zero constant */
  SYN_O_REMC, /* remainder by a non-zero constant */
  /* group COND: condition shapes */
  SYN_C_CMP,
  SYN_C_MASK,
  SYN_C_AND,
  SYN_C_OR,
  SYN_C_NOT,
  SYN_CHOICE_COUNT
} syn_choice;

enum { SYN_G_STMT, SYN_G_EXPR, SYN_G_BINOP, SYN_G_COND, SYN_GROUP_COUNT };

/* Name of a choice as used in the weight table ("S_DECL", "O_ADD", ...). */
const char *syn_choice_name(syn_choice c);
/* The group a choice belongs to. */
int syn_choice_group(syn_choice c);

/* Weights for every choice (non-negative; at least one positive per
 * group) plus the shape parameters. */
typedef struct {
  double w[SYN_CHOICE_COUNT];
  /* Mean number of top-level statements in an entry point, and the maximum
   * statement nesting depth. */
  double entry_stmts;
  int max_depth;
} syn_weights;

/* The committed guided table (synth_weights.h). */
void syn_weights_guided(syn_weights *out);
/* The baseline: every choice of a group equally likely. */
void syn_weights_uniform(syn_weights *out);

/* A growable text buffer; the caller frees buf with free(). */
typedef struct {
  char *buf;
  size_t len, cap;
} syn_text;

/* Statistics of one generated NF (for progress output and tuning). */
typedef struct {
  unsigned classes;
  unsigned entries, push_entries, writable_entries;
  /* Choices made inside entry points (not helpers). */
  unsigned choices[SYN_CHOICE_COUNT];
} syn_stats;

/* Writes the C++ source of one network function into *out (appending).
 * The NF is a function of (seed, index, weights) only. `tag` makes class
 * names unique across files (e.g. "S1_42"). Returns 0, -1 when out of
 * memory, or -2 when a generated expression or line outgrew its buffer (a
 * generator bug: the text would have been cut, so nothing is usable). */
int syn_generate(uint64_t seed, uint64_t index, const syn_weights *w,
                 const char *tag, syn_text *out, syn_stats *stats);

#endif /* CLARA_SYNTH_GEN_H */

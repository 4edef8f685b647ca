/*===- core/vocab.h - Compact vocabulary: one word per IR instruction -----===*
 *
 * The paper's vocabulary compaction (§3.2): every LLVM instruction becomes
 * one word made of its opcode, its type and the *kinds* of its operands
 * (`add i32 reg const`), never value names or constants, except the field
 * names of Click's packet header structs (`getelementptr click_ip.ip_dst`)
 * and the clara-annotate kind of memory accesses and calls (`load i16
 * packet`, `call api.state a2`). A block is the sentence of its words.
 * The rules are listed in models/README.md ("Vocabulary").
 *
 * Also how blocks are named in pairs files and remarks (DESIGN.md,
 * Contracts): the IR name, or `%N` (LLVM's slot number) when unnamed.
 *
 *===----------------------------------------------------------------------===*/
#ifndef CLARA_CORE_VOCAB_H
#define CLARA_CORE_VOCAB_H

#include "annotate.h"
#include "nic.h"

#include <llvm-c/Core.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The separator between the words of a block in a token string. */
#define CLARA_VOCAB_SEPARATOR " ; "

/* Writes the word of instruction `inst` into buf (at most `size` bytes,
 * NUL-terminated, truncated if needed). `kind` is the clara-annotate kind
 * (CLARA_KIND_NONE outside the NF's own code). Returns 0 for instructions
 * that produce no word (debug intrinsics), else 1. */
int clara_vocab_word(LLVMValueRef inst, clara_kind kind, char *buf,
                     size_t size);

/* The words of block `block` joined by CLARA_VOCAB_SEPARATOR, malloc'd (the
 * caller frees it with free()), or NULL when out of memory. `annotation` may
 * be NULL (every kind is then CLARA_KIND_NONE). */
char *clara_vocab_block_tokens(LLVMBasicBlockRef block,
                               const clara_annotation *annotation);

/* Like clara_vocab_block_tokens, with each instruction's kind from
 * kind_of(context, inst): for IR derived from annotated IR (e.g. after the
 * porting pipeline), whose kinds are carried over from the original. */
char *clara_vocab_block_tokens_with(LLVMBasicBlockRef block,
                                    clara_kind (*kind_of)(void *context,
                                                          LLVMValueRef inst),
                                    void *context);

/* The ported words (the model's `p:` words) of every block of `function`
 * (IR after the porting pipeline, which keeps the CFG: `num_blocks` blocks,
 * in the host's order). Each instruction's word counts in the block it came
 * from, as the pair labeller attributes target code: origin_of(context,
 * inst, &order) is the index of the host block of `inst` (by the debug line
 * it was given before the pipeline) and sets order to its host position, or
 * returns -1 for code the pipeline made (it stays where it is, after the
 * instruction before it). A block's words are in host order: an
 * instruction instcombine sank into a successor stays with its block, whose
 * label counts it. Code that llc's MachineSink will move (core/sink.h) is
 * the exception: the backend gives it line 0, so it counts at the top of the
 * block it lands in, as its label does. Integer constant operands are
 * `zero`, `const` (a 12-bit signed immediate), `bigconst` (32 bits) or
 * `hugeconst` (wider) in ported words (host words say `const`). A branch
 * to the next block in function order (on one of its edges) is `br next` /
 * `br cond next`: the backend needs no jump for that edge. Accesses the backend
 * merges with an earlier one of their block under backend->access_merging
 * (core/merge.h) get the note ` [merged]` and are not counted by
 * clara_vocab_count_memory; an access the backend splits
 * (backend->misaligned_accesses) gets ` [accesses=K]` and counts K times.
 * `backend` may be NULL (neither). Kinds come from kind_of, as in
 * clara_vocab_block_tokens_with; a load or store without a memory kind (code
 * the pipeline made, such as instcombine's merge of two stores into their
 * successor) takes that of another access of the same address in the function.
 * Each block's words end with one word `phiin TYPE KIND` for each phi of each
 * successor block (each successor once) that takes a value from it, KIND as for
 * operands (reg, const, null, undef, global, ...): the backend materialises
 * those values in this block or on the edge out of it (models/README.md,
 * "Vocabulary"), then with the block's loop context words (loops.h: `cfg.loop 1
 * ; cfg.latch`, none outside loops). Fills out[num_blocks] with malloc'd
 * strings; returns 0 when out of memory (out[] then all NULL). */
int clara_vocab_function_ported_tokens(
    LLVMValueRef function, size_t num_blocks, const clara_nic_backend *backend,
    clara_kind (*kind_of)(void *context, LLVMValueRef inst),
    long (*origin_of)(void *context, LLVMValueRef inst, unsigned long *order),
    void *context, char **out);

/* Writes the Contracts' name of `block` into buf: its IR name, or `%N` with
 * N its slot number as LLVM's printer numbers it. */
void clara_vocab_block_name(LLVMBasicBlockRef block, char *buf, size_t size);

/* Target accesses one side (source or destination) of a fixed-length
 * memory intrinsic becomes: `op` is "memcpy", "memmove" or "memset",
 * `bytes` its length, `align` the smaller alignment of its sides. 0 when
 * unknown. */
typedef unsigned (*clara_vocab_expansion)(void *context, const char *op,
                                          unsigned long long bytes,
                                          unsigned align);

/* Counts the state and packet memory accesses among a token string's words
 * into *state and *packet (set, not added to): load/store/atomicrmw/cmpxchg
 * words whose location is `state` or `packet` (once, none with the note
 * ` [merged]`, K times with ` [accesses=K]`), and the memcpy/memmove/memset
 * calls that carry an expansion note (fixed length, touching state or
 * packet memory): expand() accesses for each side that is not the stack,
 * as state or packet by the call's kind. `expand` NULL counts those 0. */
void clara_vocab_count_memory(const char *tokens, clara_vocab_expansion expand,
                              void *context, unsigned *state, unsigned *packet);

/* The length of a word without its expansion note (` [...]` at its end,
 * which mem intrinsic words of state or packet memory carry: not part of
 * the vocabulary). */
size_t clara_vocab_word_length(const char *word, size_t len);

/* The number of words in a token string (separators + 1; 0 for ""). */
size_t clara_vocab_count_words(const char *tokens);

#ifdef __cplusplus
}
#endif

#endif

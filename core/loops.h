/*===- core/loops.h - Loop context of each block --------------------------===*
 *
 * llc moves code between blocks by the loops of the function, which a
 * block's own words do not show: MachineLICM hoists loop-invariant code into
 * the preheader, loop strength reduction rewrites a loop's address
 * arithmetic into the induction variables' increments. The ported words of
 * a block (vocab.h) end with its context words, so that the instruction
 * model can learn these moves:
 *
 *   cfg.loop D     in D natural loops (1..3; 3 also for deeper nests)
 *   cfg.header     the header of a natural loop
 *   cfg.latch      has a back edge (to a header that dominates it)
 *   cfg.exiting    in a loop, with a successor outside its innermost loop
 *   cfg.preheader  its single successor is a loop header whose loop does
 *                  not hold it
 *
 * Natural loops are found from dominators (cfg.h): irreducible cycles have
 * no back edge and count as no loop. (A word for the arm of a triangle or
 * diamond, for AArch64's early if-conversion, was tried with these and
 * left out: bench/predict/README.md.)
 *
 *===----------------------------------------------------------------------===*/
#ifndef CLARA_CORE_LOOPS_H
#define CLARA_CORE_LOOPS_H

#include "cfg.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The largest loop depth the context words tell apart. */
#define CLARA_LOOPS_MAX_DEPTH 3

typedef struct {
  unsigned depth; /* natural loops holding the block (not capped) */
  unsigned char header, latch, exiting, preheader;
} clara_block_context;

/* Fills out[cfg->num_blocks] with each block's context. Returns CLARA_OK,
 * or CLARA_ERROR when out of memory. */
int clara_loops_block_contexts(const clara_cfg *cfg, clara_block_context *out);

/* Writes block context `c` as context words (" ; "-separated, no leading
 * separator; "" for a block with none) into buf (at most `size` bytes,
 * NUL-terminated, truncated if needed). */
void clara_loops_context_words(const clara_block_context *c, char *buf,
                               size_t size);

#ifdef __cplusplus
}
#endif

#endif

/*===- core/cfg.h - A function's control-flow graph and dominators --------===*
 *
 * Blocks numbered in function order (0 = the entry), distinct predecessors
 * and successors, and immediate dominators (Cooper, Harvey and Kennedy's
 * iterative algorithm over reverse postorder). Shared by the models of
 * what llc does across blocks (sink.h, loops.h).
 *
 *===----------------------------------------------------------------------===*/
#ifndef CLARA_CORE_CFG_H
#define CLARA_CORE_CFG_H

#include "ptrmap.h"

#include <llvm-c/Core.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
  size_t num_blocks;
  LLVMBasicBlockRef *blocks; /* function order */
  clara_ptrmap block_index;  /* block -> index */
  /* Distinct predecessors of block b: preds[pred_start[b]] up to
   * preds[pred_start[b + 1]] (unreachable ones included). */
  size_t *pred_start, *preds;
  size_t *num_succs; /* distinct successors */
  size_t *succs;     /* num_blocks x max_succs: distinct successors */
  size_t max_succs;
  size_t *idom; /* immediate dominator (the entry's is 0); SIZE_MAX:
                   unreachable */
} clara_cfg;

/* Builds the graph of `function`. Returns CLARA_OK, or CLARA_ERROR when out
 * of memory; clara_cfg_free must be called either way. */
int clara_cfg_init(clara_cfg *cfg, LLVMValueRef function);

void clara_cfg_free(clara_cfg *cfg);

/* The index of block `bb`, or SIZE_MAX when it is not in the function. */
size_t clara_cfg_index(const clara_cfg *cfg, LLVMBasicBlockRef bb);

/* The k-th distinct successor of block b (k < num_succs[b]). */
static inline size_t clara_cfg_succ(const clara_cfg *cfg, size_t b, size_t k) {
  return cfg->succs[b * cfg->max_succs + k];
}

/* The number of distinct predecessors of block b. */
static inline size_t clara_cfg_num_preds(const clara_cfg *cfg, size_t b) {
  return cfg->pred_start[b + 1] - cfg->pred_start[b];
}

/* Whether block a dominates block x (every reachable block dominates
 * itself; unreachable blocks dominate and are dominated by nothing). */
int clara_cfg_dominates(const clara_cfg *cfg, size_t a, size_t x);

#ifdef __cplusplus
}
#endif

#endif

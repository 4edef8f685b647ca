/*===- core/cfg.c - A function's control-flow graph and dominators --------===*
 *
 * See cfg.h.
 *
 *===----------------------------------------------------------------------===*/
#include "cfg.h"

#include "error.h"
#include "ir.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

void clara_cfg_free(clara_cfg *cfg) {
  free(cfg->blocks);
  free(cfg->pred_start);
  free(cfg->preds);
  free(cfg->num_succs);
  free(cfg->succs);
  free(cfg->idom);
  clara_ptrmap_clear(&cfg->block_index);
  memset(cfg, 0, sizeof *cfg);
}

size_t clara_cfg_index(const clara_cfg *cfg, LLVMBasicBlockRef bb) {
  size_t i;
  return clara_ptrmap_get(&cfg->block_index, bb, &i) ? i : SIZE_MAX;
}

/* Immediate dominators over reverse postorder, block 0 being the entry. */
static int dominators(clara_cfg *s) {
  size_t B = s->num_blocks;
  size_t *rpo = malloc((B + 1) * sizeof *rpo);
  size_t *number = malloc((B + 1) * sizeof *number); /* RPO position */
  size_t *stack = malloc((B + 1) * sizeof *stack);
  size_t *next = calloc(B + 1, sizeof *next); /* successor cursor */
  if (!rpo || !number || !stack || !next) {
    free(rpo);
    free(number);
    free(stack);
    free(next);
    return CLARA_ERROR;
  }
  for (size_t b = 0; b < B; ++b) {
    number[b] = SIZE_MAX;
    s->idom[b] = SIZE_MAX;
  }
  /* Postorder by an explicit DFS; number[] marks visited blocks. */
  size_t depth = 0, post = 0;
  if (B) {
    stack[depth++] = 0;
    number[0] = 0;
  }
  while (depth) {
    size_t b = stack[depth - 1];
    if (next[b] < s->num_succs[b]) {
      size_t t = clara_cfg_succ(s, b, next[b]++);
      if (number[t] == SIZE_MAX) {
        number[t] = 0;
        stack[depth++] = t;
      }
    } else {
      rpo[post++] = b;
      --depth;
    }
  }
  /* rpo[] holds the postorder; reverse it and number the blocks. */
  for (size_t i = 0; i < post / 2; ++i) {
    size_t x = rpo[i];
    rpo[i] = rpo[post - 1 - i];
    rpo[post - 1 - i] = x;
  }
  for (size_t i = 0; i < post; ++i)
    number[rpo[i]] = i;
  if (post)
    s->idom[0] = 0;
  for (int changed = 1; changed;) {
    changed = 0;
    for (size_t i = 1; i < post; ++i) {
      size_t b = rpo[i], best = SIZE_MAX;
      for (size_t e = s->pred_start[b]; e < s->pred_start[b + 1]; ++e) {
        size_t p = s->preds[e];
        if (s->idom[p] == SIZE_MAX)
          continue;
        if (best == SIZE_MAX) {
          best = p;
          continue;
        }
        size_t x = p, y = best;
        while (x != y) {
          while (number[x] > number[y])
            x = s->idom[x];
          while (number[y] > number[x])
            y = s->idom[y];
        }
        best = x;
      }
      if (best != SIZE_MAX && s->idom[b] != best) {
        s->idom[b] = best;
        changed = 1;
      }
    }
  }
  free(rpo);
  free(number);
  free(stack);
  free(next);
  return CLARA_OK;
}

int clara_cfg_dominates(const clara_cfg *s, size_t a, size_t x) {
  if (s->idom[x] == SIZE_MAX || s->idom[a] == SIZE_MAX)
    return 0;
  for (size_t steps = 0; steps <= s->num_blocks; ++steps) {
    if (x == a)
      return 1;
    if (x == 0)
      return 0;
    x = s->idom[x];
  }
  return 0;
}

int clara_cfg_init(clara_cfg *s, LLVMValueRef function) {
  memset(s, 0, sizeof *s);
  clara_ptrmap_init(&s->block_index);
  size_t B = LLVMCountBasicBlocks(function);
  s->num_blocks = B;
  s->blocks = malloc((B + 1) * sizeof *s->blocks);
  s->pred_start = calloc(B + 2, sizeof *s->pred_start);
  s->num_succs = calloc(B + 1, sizeof *s->num_succs);
  if (!s->blocks || !s->pred_start || !s->num_succs)
    return CLARA_ERROR;
  size_t b = 0;
  for (LLVMBasicBlockRef bb = LLVMGetFirstBasicBlock(function); bb;
       bb = LLVMGetNextBasicBlock(bb), ++b) {
    s->blocks[b] = bb;
    if (clara_ptrmap_put(&s->block_index, bb, b))
      return CLARA_ERROR;
  }
  for (b = 0; b < B; ++b) {
    LLVMValueRef term = LLVMGetBasicBlockTerminator(s->blocks[b]);
    unsigned n = term ? LLVMGetNumSuccessors(term) : 0;
    if (n > s->max_succs)
      s->max_succs = n;
  }
  s->succs = malloc((B * s->max_succs + 1) * sizeof *s->succs);
  s->idom = malloc((B + 1) * sizeof *s->idom);
  if (!s->succs || !s->idom)
    return CLARA_ERROR;
  for (b = 0; b < B; ++b) {
    LLVMValueRef term = LLVMGetBasicBlockTerminator(s->blocks[b]);
    unsigned n = term ? LLVMGetNumSuccessors(term) : 0;
    for (unsigned k = 0; k < n; ++k) {
      size_t t = clara_cfg_index(s, LLVMGetSuccessor(term, k));
      if (clara_ir_repeats_successor(term, k) || t == SIZE_MAX)
        continue;
      s->succs[b * s->max_succs + s->num_succs[b]++] = t;
      ++s->pred_start[t + 2]; /* shifted by one more: filled below */
    }
  }
  for (b = 0; b < B; ++b)
    s->pred_start[b + 2] += s->pred_start[b + 1];
  s->preds = malloc((s->pred_start[B + 1] + 1) * sizeof *s->preds);
  if (!s->preds)
    return CLARA_ERROR;
  for (b = 0; b < B; ++b) /* pred_start[t + 1] counts up to t's end */
    for (size_t k = 0; k < s->num_succs[b]; ++k) {
      size_t t = clara_cfg_succ(s, b, k);
      s->preds[s->pred_start[t + 1]++] = b;
    }
  return dominators(s);
}

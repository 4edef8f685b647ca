/*===- core/loops.c - Loop context of each block --------------------------===*
 *
 * See loops.h.
 *
 *===----------------------------------------------------------------------===*/
#include "loops.h"

#include "error.h"
#include "vocab.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Adds to `in` (one flag per block) the natural loop of back edge
 * latch -> header: the header and every block that reaches the latch
 * without passing through the header. `stack` has room for every block. */
static void natural_loop(const clara_cfg *cfg, size_t header, size_t latch,
                         unsigned char *in, size_t *stack) {
  size_t depth = 0;
  in[header] = 1;
  if (!in[latch]) {
    in[latch] = 1;
    stack[depth++] = latch;
  }
  while (depth) {
    size_t b = stack[--depth];
    for (size_t e = cfg->pred_start[b]; e < cfg->pred_start[b + 1]; ++e) {
      size_t p = cfg->preds[e];
      if (!in[p] && cfg->idom[p] != SIZE_MAX) {
        in[p] = 1;
        stack[depth++] = p;
      }
    }
  }
}

int clara_loops_block_contexts(const clara_cfg *cfg, clara_block_context *out) {
  size_t B = cfg->num_blocks;
  memset(out, 0, B * sizeof *out);
  /* One membership row per loop header (back edges to the same header
   * make one loop). */
  size_t *headers = malloc((B + 1) * sizeof *headers);
  size_t *loop_of = malloc((B + 1) * sizeof *loop_of); /* header -> row */
  size_t *stack = malloc((B + 1) * sizeof *stack);
  if (!headers || !loop_of || !stack) {
    free(headers);
    free(loop_of);
    free(stack);
    return CLARA_ERROR;
  }
  size_t num_loops = 0;
  for (size_t b = 0; b < B; ++b)
    loop_of[b] = SIZE_MAX;
  for (size_t b = 0; b < B; ++b)
    for (size_t k = 0; k < cfg->num_succs[b]; ++k) {
      size_t h = clara_cfg_succ(cfg, b, k);
      if (clara_cfg_dominates(cfg, h, b)) {
        out[b].latch = 1;
        if (loop_of[h] == SIZE_MAX) {
          loop_of[h] = num_loops;
          headers[num_loops++] = h;
        }
      }
    }
  unsigned char *in = calloc(num_loops * B + 1, 1);
  size_t *size = calloc(num_loops + 1, sizeof *size);
  if (!in || !size) {
    free(headers);
    free(loop_of);
    free(stack);
    free(in);
    free(size);
    return CLARA_ERROR;
  }
  for (size_t b = 0; b < B; ++b)
    for (size_t k = 0; k < cfg->num_succs[b]; ++k) {
      size_t h = clara_cfg_succ(cfg, b, k);
      if (clara_cfg_dominates(cfg, h, b))
        natural_loop(cfg, h, b, in + loop_of[h] * B, stack);
    }
  for (size_t l = 0; l < num_loops; ++l) {
    out[headers[l]].header = 1;
    for (size_t b = 0; b < B; ++b)
      if (in[l * B + b]) {
        ++out[b].depth;
        ++size[l];
      }
  }
  for (size_t b = 0; b < B; ++b) {
    /* the innermost loop holding b: the smallest */
    size_t inner = SIZE_MAX;
    for (size_t l = 0; l < num_loops; ++l)
      if (in[l * B + b] && (inner == SIZE_MAX || size[l] < size[inner]))
        inner = l;
    for (size_t k = 0; inner != SIZE_MAX && k < cfg->num_succs[b]; ++k)
      if (!in[inner * B + clara_cfg_succ(cfg, b, k)])
        out[b].exiting = 1;
    if (cfg->num_succs[b] == 1) {
      size_t h = clara_cfg_succ(cfg, b, 0);
      out[b].preheader = loop_of[h] != SIZE_MAX && !in[loop_of[h] * B + b];
    }
  }
  free(headers);
  free(loop_of);
  free(stack);
  free(in);
  free(size);
  return CLARA_OK;
}

void clara_loops_context_words(const clara_block_context *c, char *buf,
                               size_t size) {
  if (!size)
    return;
  buf[0] = 0;
  size_t used = 0;
#define PUT(...)                                                               \
  do {                                                                         \
    if (used < size) {                                                         \
      int n = snprintf(buf + used, size - used, "%s",                          \
                       used ? CLARA_VOCAB_SEPARATOR : "");                     \
      used += n > 0 ? (size_t)n : 0;                                           \
    }                                                                          \
    if (used < size) {                                                         \
      int n = snprintf(buf + used, size - used, __VA_ARGS__);                  \
      used += n > 0 ? (size_t)n : 0;                                           \
    }                                                                          \
  } while (0)
  if (c->depth)
    PUT("cfg.loop %u", c->depth < CLARA_LOOPS_MAX_DEPTH
                           ? c->depth
                           : (unsigned)CLARA_LOOPS_MAX_DEPTH);
  if (c->header)
    PUT("cfg.header");
  if (c->latch)
    PUT("cfg.latch");
  if (c->exiting)
    PUT("cfg.exiting");
  if (c->preheader)
    PUT("cfg.preheader");
#undef PUT
}

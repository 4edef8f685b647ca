/*===- core/frequency.c - How often each block runs per packet ------------===*/
#include "frequency.h"

#include "error.h"
#include "ptrmap.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define MAX_CALLS_PER_PACKET 1e6
#define MAX_TARGETS 32

struct clara_frequency {
  clara_ptrmap function_index; /* NF function -> index */
  double *calls;               /* per NF function: calls per packet */
  clara_ptrmap block_weight;   /* block -> index into weights */
  double *weights;             /* relative to the function's entry */
  size_t num_blocks;
};

typedef struct {
  size_t caller;
  size_t block; /* index into weights */
  size_t callee;
  double share; /* a virtual call with n targets reaches each 1/n times */
} call_edge;

double clara_frequency_block(const clara_frequency *f, LLVMBasicBlockRef b) {
  size_t index;
  if (!clara_ptrmap_get(&f->block_weight, b, &index))
    return 0;
  LLVMValueRef fn = LLVMGetBasicBlockParent(b);
  size_t fi;
  if (!clara_ptrmap_get(&f->function_index, fn, &fi))
    return 0;
  return f->calls[fi] * f->weights[index];
}

double clara_frequency_function(const clara_frequency *f, LLVMValueRef fn) {
  size_t fi;
  return clara_ptrmap_get(&f->function_index, fn, &fi) ? f->calls[fi] : 0;
}

void clara_frequency_dispose(clara_frequency *f) {
  if (!f)
    return;
  clara_ptrmap_clear(&f->function_index);
  clara_ptrmap_clear(&f->block_weight);
  free(f->calls);
  free(f->weights);
  free(f);
}

int clara_frequency_estimate(const clara_annotation *a,
                             clara_block_weight_fn weight, void *context,
                             clara_frequency **out, char **out_message) {
  *out = NULL;
  clara_frequency *f = calloc(1, sizeof *f);
  size_t num_fns = clara_annotation_num_functions(a);
  call_edge *edges = NULL;
  size_t num_edges = 0, cap_edges = 0, cap_blocks = 0;
  double *next = NULL;
  if (!f)
    return clara_error(out_message, "out of memory");
  f->calls = calloc(num_fns + 1, sizeof *f->calls);
  next = calloc(num_fns + 1, sizeof *next);
  if (!f->calls || !next)
    goto oom;
  for (size_t i = 0; i < num_fns; ++i)
    if (clara_ptrmap_put(&f->function_index, clara_annotation_function(a, i),
                         i) != CLARA_OK)
      goto oom;
  for (size_t i = 0; i < num_fns; ++i) {
    LLVMValueRef fn = clara_annotation_function(a, i);
    for (LLVMBasicBlockRef b = LLVMGetFirstBasicBlock(fn); b;
         b = LLVMGetNextBasicBlock(b)) {
      if (f->num_blocks == cap_blocks) {
        cap_blocks = cap_blocks ? cap_blocks * 2 : 256;
        double *grown = realloc(f->weights, cap_blocks * sizeof *grown);
        if (!grown)
          goto oom;
        f->weights = grown;
      }
      double w = weight(context, b);
      f->weights[f->num_blocks] = isfinite(w) && w > 0 ? w : 0;
      if (clara_ptrmap_put(&f->block_weight, b, f->num_blocks) != CLARA_OK)
        goto oom;
      for (LLVMValueRef inst = LLVMGetFirstInstruction(b); inst;
           inst = LLVMGetNextInstruction(inst)) {
        LLVMValueRef targets[MAX_TARGETS];
        size_t n = clara_annotation_call_targets(a, inst, targets, MAX_TARGETS);
        for (size_t t = 0; t < n && t < MAX_TARGETS; ++t) {
          size_t callee;
          if (!clara_ptrmap_get(&f->function_index, targets[t], &callee))
            continue;
          if (num_edges == cap_edges) {
            cap_edges = cap_edges ? cap_edges * 2 : 64;
            call_edge *grown = realloc(edges, cap_edges * sizeof *grown);
            if (!grown)
              goto oom;
            edges = grown;
          }
          edges[num_edges++] =
              (call_edge){i, f->num_blocks, callee, 1.0 / (double)n};
        }
      }
      ++f->num_blocks;
    }
  }
  /* calls(g) = [g is an entry point] + sum over call sites of
   * calls(caller) * weight(site block) * share; Jacobi iteration. */
  for (int round = 0; round < 1000; ++round) {
    for (size_t i = 0; i < num_fns; ++i)
      next[i] = 0;
    for (size_t e = 0; e < clara_annotation_num_entry_points(a); ++e) {
      size_t fi;
      if (clara_ptrmap_get(&f->function_index,
                           clara_annotation_entry_point(a, e), &fi))
        next[fi] += 1;
    }
    for (size_t k = 0; k < num_edges; ++k)
      next[edges[k].callee] += f->calls[edges[k].caller] *
                               f->weights[edges[k].block] * edges[k].share;
    double change = 0;
    for (size_t i = 0; i < num_fns; ++i) {
      if (next[i] > MAX_CALLS_PER_PACKET)
        next[i] = MAX_CALLS_PER_PACKET;
      change = fmax(change, fabs(next[i] - f->calls[i]));
      f->calls[i] = next[i];
    }
    if (change < 1e-12)
      break;
  }
  free(edges);
  free(next);
  *out = f;
  return CLARA_OK;
oom:
  free(edges);
  free(next);
  clara_frequency_dispose(f);
  return clara_error(out_message, "out of memory");
}

int clara_frequency_from_profile(const clara_annotation *a,
                                 const clara_profile *profile,
                                 clara_frequency **out, char **out_message) {
  *out = NULL;
  if (!profile->packets)
    return clara_error(out_message,
                       "the profile counts no packets (was the NF run through "
                       "clara-replay?)");
  clara_frequency *f = calloc(1, sizeof *f);
  size_t num_fns = clara_annotation_num_functions(a), cap_blocks = 0;
  size_t *first_block = calloc(num_fns + 1, sizeof *first_block);
  double *counts = NULL;
  if (!f || !first_block || !(f->calls = calloc(num_fns + 1, sizeof *f->calls)))
    goto oom;
  /* Lay out the NF's blocks function by function: function i's blocks are
   * weights[first_block[i] .. first_block[i + 1]). */
  for (size_t i = 0; i < num_fns; ++i) {
    LLVMValueRef fn = clara_annotation_function(a, i);
    if (clara_ptrmap_put(&f->function_index, fn, i) != CLARA_OK)
      goto oom;
    first_block[i] = f->num_blocks;
    for (LLVMBasicBlockRef b = LLVMGetFirstBasicBlock(fn); b;
         b = LLVMGetNextBasicBlock(b)) {
      if (f->num_blocks == cap_blocks) {
        cap_blocks = cap_blocks ? cap_blocks * 2 : 256;
        double *grown = realloc(f->weights, cap_blocks * sizeof *grown);
        if (!grown)
          goto oom;
        f->weights = grown;
      }
      if (clara_ptrmap_put(&f->block_weight, b, f->num_blocks) != CLARA_OK)
        goto oom;
      ++f->num_blocks;
    }
  }
  first_block[num_fns] = f->num_blocks;
  /* One pass over the profile's records (the reader rejects a block listed
   * twice); records of functions that are not the NF's are ignored. */
  if (!(counts = calloc(f->num_blocks + 1, sizeof *counts)))
    goto oom;
  LLVMModuleRef module =
      num_fns ? LLVMGetGlobalParent(clara_annotation_function(a, 0)) : NULL;
  for (size_t k = 0; module && k < profile->num_blocks; ++k) {
    const clara_profile_block *r = &profile->blocks[k];
    size_t i;
    LLVMValueRef fn = LLVMGetNamedFunction(module, r->function);
    if (!fn || !clara_ptrmap_get(&f->function_index, fn, &i) ||
        r->index >= first_block[i + 1] - first_block[i])
      continue;
    counts[first_block[i] + r->index] = (double)r->count;
  }
  double packets = (double)profile->packets;
  for (size_t i = 0; i < num_fns; ++i) {
    double entry =
        first_block[i] < first_block[i + 1] ? counts[first_block[i]] : 0;
    f->calls[i] = entry / packets;
    for (size_t b = first_block[i]; b < first_block[i + 1]; ++b)
      f->weights[b] = entry > 0 ? counts[b] / entry : 0;
  }
  free(first_block);
  free(counts);
  *out = f;
  return CLARA_OK;
oom:
  free(first_block);
  free(counts);
  clara_frequency_dispose(f);
  return clara_error(out_message, "out of memory");
}

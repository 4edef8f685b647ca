/*===- core/sink.c - Where llc's MachineSink moves IR instructions --------===*
 *
 * See sink.h for the model.
 *
 *===----------------------------------------------------------------------===*/
#include "sink.h"

#include "error.h"
#include "ir.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* What an instruction is to the sinking model. */
typedef enum {
  SINK_MOVABLE, /* may move */
  SINK_LOAD,    /* may move unless a barrier follows it in its block */
  SINK_BARRIER, /* never moves, and loads above it stay */
  SINK_FIXED    /* never moves (phi, terminator, alloca, debug intrinsic) */
} sink_class;

/* Intrinsics that become plain instructions: no memory, no side effects. */
static int is_pure_intrinsic(const char *name) {
  static const char *const pure[] = {
      "llvm.bswap.",    "llvm.bitreverse.", "llvm.ctpop.", "llvm.ctlz.",
      "llvm.cttz.",     "llvm.fshl.",       "llvm.fshr.",  "llvm.umin.",
      "llvm.umax.",     "llvm.smin.",       "llvm.smax.",  "llvm.abs.",
      "llvm.uadd.sat.", "llvm.usub.sat.",   "llvm.sadd.",  "llvm.uadd.",
      "llvm.ssub.",     "llvm.usub.",       "llvm.umul.",  "llvm.smul.",
      "llvm.sadd.sat.", "llvm.ssub.sat.",   "llvm.fabs.",  "llvm.copysign.",
      "llvm.minnum.",   "llvm.maxnum.",     "llvm.sqrt.",  "llvm.fma.",
      "llvm.fmuladd."};
  for (size_t i = 0; i < sizeof pure / sizeof *pure; ++i)
    if (strncmp(name, pure[i], strlen(pure[i])) == 0)
      return 1;
  return 0;
}

static sink_class classify(LLVMValueRef inst) {
  switch (LLVMGetInstructionOpcode(inst)) {
  case LLVMStore:
  case LLVMAtomicRMW:
  case LLVMAtomicCmpXchg:
  case LLVMFence:
    return SINK_BARRIER;
  case LLVMLoad:
    return LLVMGetVolatile(inst) ||
                   LLVMGetOrdering(inst) != LLVMAtomicOrderingNotAtomic
               ? SINK_BARRIER
               : SINK_LOAD;
  case LLVMCall:
  case LLVMInvoke:
  case LLVMCallBr: {
    const char *name = clara_ir_callee_name(inst);
    if (clara_ir_is_debug_call(inst))
      return SINK_FIXED;
    if (name && LLVMGetInstructionOpcode(inst) == LLVMCall &&
        is_pure_intrinsic(name))
      return SINK_MOVABLE;
    return SINK_BARRIER;
  }
  case LLVMPHI:
  case LLVMAlloca:
  case LLVMLandingPad:
  case LLVMVAArg:
  case LLVMCatchPad:
  case LLVMCleanupPad:
    return SINK_FIXED;
  default:
    break;
  }
  if (LLVMIsATerminatorInst(inst) ||
      LLVMGetTypeKind(LLVMTypeOf(inst)) == LLVMVoidTypeKind)
    return SINK_FIXED;
  return SINK_MOVABLE;
}

typedef struct {
  size_t num_blocks;
  LLVMBasicBlockRef *blocks;
  clara_ptrmap block_index; /* block value -> index */
  /* Distinct predecessors of block b: preds[pred_start[b]] up to
   * preds[pred_start[b + 1]]. */
  size_t *pred_start, *preds;
  size_t *num_succs; /* distinct successors */
  size_t *succs;     /* num_blocks x max_succs: distinct successors */
  size_t max_succs;
  size_t *idom; /* immediate dominator; SIZE_MAX: unreachable */
  size_t num_insts;
  LLVMValueRef *insts;     /* function order */
  size_t *home, *cur;      /* block of each instruction: original, now */
  clara_ptrmap inst_index; /* instruction -> index */
} sink_state;

static void state_free(sink_state *s) {
  free(s->blocks);
  free(s->pred_start);
  free(s->preds);
  free(s->num_succs);
  free(s->succs);
  free(s->idom);
  free(s->insts);
  free(s->home);
  free(s->cur);
  clara_ptrmap_clear(&s->block_index);
  clara_ptrmap_clear(&s->inst_index);
}

static size_t index_of_block(const sink_state *s, LLVMBasicBlockRef bb) {
  size_t i;
  return clara_ptrmap_get(&s->block_index, bb, &i) ? i : SIZE_MAX;
}

/* Immediate dominators (Cooper, Harvey and Kennedy's iterative algorithm
 * over reverse postorder), block 0 being the entry. */
static int dominators(sink_state *s) {
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
      size_t t = s->succs[b * s->max_succs + next[b]++];
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

/* Whether block a dominates block x (every block dominates itself). */
static int dominates(const sink_state *s, size_t a, size_t x) {
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

static int state_init(sink_state *s, LLVMValueRef function) {
  memset(s, 0, sizeof *s);
  clara_ptrmap_init(&s->block_index);
  clara_ptrmap_init(&s->inst_index);
  size_t B = LLVMCountBasicBlocks(function), I = 0;
  for (LLVMBasicBlockRef bb = LLVMGetFirstBasicBlock(function); bb;
       bb = LLVMGetNextBasicBlock(bb))
    for (LLVMValueRef inst = LLVMGetFirstInstruction(bb); inst;
         inst = LLVMGetNextInstruction(inst))
      ++I;
  s->num_blocks = B;
  s->num_insts = I;
  s->blocks = malloc((B + 1) * sizeof *s->blocks);
  s->pred_start = calloc(B + 2, sizeof *s->pred_start);
  s->num_succs = calloc(B + 1, sizeof *s->num_succs);
  s->insts = malloc((I + 1) * sizeof *s->insts);
  s->home = malloc((I + 1) * sizeof *s->home);
  s->cur = malloc((I + 1) * sizeof *s->cur);
  if (!s->blocks || !s->pred_start || !s->num_succs || !s->insts || !s->home ||
      !s->cur)
    return CLARA_ERROR;
  size_t b = 0, i = 0;
  for (LLVMBasicBlockRef bb = LLVMGetFirstBasicBlock(function); bb;
       bb = LLVMGetNextBasicBlock(bb), ++b) {
    s->blocks[b] = bb;
    if (clara_ptrmap_put(&s->block_index, bb, b))
      return CLARA_ERROR;
    for (LLVMValueRef inst = LLVMGetFirstInstruction(bb); inst;
         inst = LLVMGetNextInstruction(inst), ++i) {
      s->insts[i] = inst;
      s->home[i] = s->cur[i] = b;
      if (clara_ptrmap_put(&s->inst_index, inst, i))
        return CLARA_ERROR;
    }
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
      size_t t = index_of_block(s, LLVMGetSuccessor(term, k));
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
      size_t t = s->succs[b * s->max_succs + k];
      s->preds[s->pred_start[t + 1]++] = b;
    }
  return dominators(s);
}

/* The successor of `from` whose only predecessor is `from` and that
 * dominates `to`, or SIZE_MAX. */
static size_t successor_toward(const sink_state *s, size_t from, size_t to) {
  for (size_t k = 0; k < s->num_succs[from]; ++k) {
    size_t t = s->succs[from * s->max_succs + k];
    if (s->pred_start[t + 1] - s->pred_start[t] == 1 && dominates(s, t, to))
      return t;
  }
  return SIZE_MAX;
}

/* Adds a use of the value in block `where` to the destination found so
 * far for code leaving block b; 0 when the code cannot move. */
static int add_use(const sink_state *s, size_t b, size_t where, size_t *dest) {
  if (where == b || where == SIZE_MAX)
    return 0;
  size_t succ = successor_toward(s, b, where);
  if (succ == SIZE_MAX || (*dest != SIZE_MAX && succ != *dest))
    return 0;
  *dest = succ;
  return 1;
}

/* Where instruction i could move from block b (SIZE_MAX: nowhere). */
static size_t destination(const sink_state *s, size_t i, size_t b) {
  size_t dest = SIZE_MAX;
  for (LLVMUseRef use = LLVMGetFirstUse(s->insts[i]); use;
       use = LLVMGetNextUse(use)) {
    LLVMValueRef user = LLVMGetUser(use);
    size_t u;
    if (!clara_ptrmap_get(&s->inst_index, user, &u))
      return SIZE_MAX; /* a constant expression or metadata: stay */
    if (!LLVMIsAPHINode(user)) {
      if (!add_use(s, b, s->cur[u], &dest))
        return SIZE_MAX;
      continue;
    }
    unsigned n = LLVMCountIncoming(user);
    for (unsigned k = 0; k < n; ++k)
      if (LLVMGetIncomingValue(user, k) == s->insts[i] &&
          !add_use(s, b, index_of_block(s, LLVMGetIncomingBlock(user, k)),
                   &dest))
        return SIZE_MAX;
  }
  return dest; /* SIZE_MAX when unused */
}

/* One bottom-up scan of block b: the instructions that sank into it (at its
 * top, in function order), then its own. Returns whether anything moved. */
static int scan_block(sink_state *s, size_t b, size_t *list) {
  size_t count = 0;
  for (size_t i = 0; i < s->num_insts; ++i)
    if (s->cur[i] == b && s->home[i] != b)
      list[count++] = i;
  for (size_t i = 0; i < s->num_insts; ++i)
    if (s->cur[i] == b && s->home[i] == b)
      list[count++] = i;
  int saw_barrier = 0, moved = 0;
  for (size_t k = count; k-- > 0;) {
    size_t i = list[k];
    sink_class c = classify(s->insts[i]);
    if (c == SINK_BARRIER)
      saw_barrier = 1;
    if (c == SINK_BARRIER || c == SINK_FIXED || (c == SINK_LOAD && saw_barrier))
      continue;
    size_t dest = destination(s, i, b);
    if (dest != SIZE_MAX) {
      s->cur[i] = dest;
      moved = 1;
    }
  }
  return moved;
}

int clara_sink_predict(LLVMValueRef function, clara_ptrmap *moved) {
  sink_state s;
  size_t *list = NULL;
  int status = state_init(&s, function);
  if (status == CLARA_OK) {
    list = malloc((s.num_insts + 1) * sizeof *list);
    status = list ? CLARA_OK : CLARA_ERROR;
  }
  /* Each round moves code at least one block further; a chain of blocks
   * bounds the rounds. */
  for (size_t round = 0; status == CLARA_OK && round < s.num_blocks; ++round) {
    int changed = 0;
    for (size_t b = 0; b < s.num_blocks; ++b)
      if (s.num_succs[b] >= 2)
        changed |= scan_block(&s, b, list);
    if (!changed)
      break;
  }
  for (size_t i = 0; status == CLARA_OK && i < s.num_insts; ++i)
    if (s.cur[i] != s.home[i])
      status = clara_ptrmap_put(moved, s.insts[i], s.cur[i]);
  free(list);
  state_free(&s);
  return status;
}

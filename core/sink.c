/*===- core/sink.c - Where llc's MachineSink moves IR instructions --------===*
 *
 * See sink.h for the model.
 *
 *===----------------------------------------------------------------------===*/
#include "sink.h"

#include "cfg.h"
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
  const clara_cfg *cfg; /* the caller's */
  size_t num_insts;
  LLVMValueRef *insts;     /* function order */
  size_t *home, *cur;      /* block of each instruction: original, now */
  clara_ptrmap inst_index; /* instruction -> index */
} sink_state;

static void state_free(sink_state *s) {
  free(s->insts);
  free(s->home);
  free(s->cur);
  clara_ptrmap_clear(&s->inst_index);
}

static int state_init(sink_state *s, const clara_cfg *cfg) {
  memset(s, 0, sizeof *s);
  clara_ptrmap_init(&s->inst_index);
  s->cfg = cfg;
  size_t I = 0;
  for (size_t b = 0; b < s->cfg->num_blocks; ++b)
    for (LLVMValueRef inst = LLVMGetFirstInstruction(s->cfg->blocks[b]); inst;
         inst = LLVMGetNextInstruction(inst))
      ++I;
  s->num_insts = I;
  s->insts = malloc((I + 1) * sizeof *s->insts);
  s->home = malloc((I + 1) * sizeof *s->home);
  s->cur = malloc((I + 1) * sizeof *s->cur);
  if (!s->insts || !s->home || !s->cur)
    return CLARA_ERROR;
  size_t i = 0;
  for (size_t b = 0; b < s->cfg->num_blocks; ++b)
    for (LLVMValueRef inst = LLVMGetFirstInstruction(s->cfg->blocks[b]); inst;
         inst = LLVMGetNextInstruction(inst), ++i) {
      s->insts[i] = inst;
      s->home[i] = s->cur[i] = b;
      if (clara_ptrmap_put(&s->inst_index, inst, i))
        return CLARA_ERROR;
    }
  return CLARA_OK;
}

/* The successor of `from` whose only predecessor is `from` and that
 * dominates `to`, or SIZE_MAX. */
static size_t successor_toward(const sink_state *s, size_t from, size_t to) {
  for (size_t k = 0; k < s->cfg->num_succs[from]; ++k) {
    size_t t = clara_cfg_succ(s->cfg, from, k);
    if (clara_cfg_num_preds(s->cfg, t) == 1 &&
        clara_cfg_dominates(s->cfg, t, to))
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
          !add_use(s, b, clara_cfg_index(s->cfg, LLVMGetIncomingBlock(user, k)),
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

int clara_sink_predict(const clara_cfg *cfg, clara_ptrmap *moved) {
  sink_state s;
  size_t *list = NULL;
  int status = state_init(&s, cfg);
  if (status == CLARA_OK) {
    list = malloc((s.num_insts + 1) * sizeof *list);
    status = list ? CLARA_OK : CLARA_ERROR;
  }
  /* Each round moves code at least one block further; a chain of blocks
   * bounds the rounds. */
  for (size_t round = 0; status == CLARA_OK && round < s.cfg->num_blocks;
       ++round) {
    int changed = 0;
    for (size_t b = 0; b < s.cfg->num_blocks; ++b)
      if (s.cfg->num_succs[b] >= 2)
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

/*===- core/accel_features.c - Features for accelerator detection ---------===*
 *
 * Turns a function into the structural features and instruction n-grams
 * that core/accel_model.c classifies (the paper's §4.1). Works on -O0 IR as
 * clang emits it: every local variable lives in an alloca, so loads and
 * stores of allocas are data moves, not work, and a value's "source" is the
 * stack slot it was reloaded from. Nothing here reads a name.
 *
 *===----------------------------------------------------------------------===*/
#include "accel.h"

#include "error.h"
#include "ir.h"
#include "ptrmap.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char *const FeatureNames[CLARA_ACCEL_NUM_STATIC] = {
    "fn.log_instructions",
    "fn.loops",
    "fn.max_depth",
    "fn.xor",
    "fn.and",
    "fn.or",
    "fn.shl",
    "fn.shr",
    "fn.mul",
    "fn.addsub",
    "fn.icmp",
    "fn.load",
    "fn.store",
    "fn.call",
    "loop.share",
    "loop.xor",
    "loop.andor",
    "loop.shift",
    "loop.mul",
    "loop.addsub",
    "loop.icmp",
    "loop.load",
    "inner.bitops",
    "loop.shift1",
    "and1",
    "bit_test_select",
    "xor_bigconst",
    "table_lookup",
    "loop.table_lookup",
    "table_lookup_global",
    "loop.chase",
    "loop.chase_choice",
    "mul_bigconst",
    "rotate",
    "distinct_bigconst",
    "log_max_trip",
    "bound_small_pow2",
    "bound_large",
    "loop.ordered_cmp",
    "loop.exits",
    "byte_ops",
    "loop.mem_to_mem",
    "select",
    "divrem",
    "loop.xor_with_load",
    "shift_add_self",
    "loop.state_slots",
    "blocks_per_inst",
    "shift_8n",
    "shift_var",
    "and_ff",
    "mask_from_len",
    "bit_extract_var",
    "masked_eq",
    "table_by_shift",
    "table_by_xor",
    "table_chain",
    "table_self",
    "swap_same_base",
    "rotate_amounts",
    "midpoint",
    "recursive",
    "inlined_helpers",
    "hot.share",
    "hot.bitops",
    "hot.table",
    "hot.mul",
    "hot.rotate",
    "hot.ordered_cmp",
    "hot.load",
    "hot.log_trip",
    "hot.has_inner",
    "loop8",
    "loop.load_ptr",
    "arx",
    "loop.bit_extract_var",
    "chase_with_prefix_mask",
    "hot.log_xor_rotate",
    "const_rounds",
    "lcg_step"};

/* The names of clara_accel_call_context()'s features. */
static const char *const ContextNames[CLARA_ACCEL_NUM_CONTEXT] = {
    "ctx.mask_from_len", "ctx.chase_with_prefix_mask",
    "ctx.xor_bigconst",  "ctx.table_by_shift",
    "ctx.arx",           "ctx.mul_bigconst",
    "ctx.const_rounds",  "ctx.probe.affine",
    "ctx.probe.aval"};

const char *clara_accel_feature_name(size_t i) {
  if (i >= CLARA_ACCEL_FIRST_CONTEXT && i < CLARA_ACCEL_NUM_STRUCTURAL)
    return ContextNames[i - CLARA_ACCEL_FIRST_CONTEXT];
  if (i >= CLARA_ACCEL_NUM_STATIC && i < CLARA_ACCEL_FIRST_CONTEXT)
    return clara_accel_probe_feature_name(i - CLARA_ACCEL_NUM_STATIC);
  return i < CLARA_ACCEL_NUM_STATIC ? FeatureNames[i] : "?";
}

static const char *const ClassNames[CLARA_ACCEL_NUM_CLASSES] = {
    "crc", "lpm", "hash", "crypto", "none"};

const char *clara_accel_class_name(clara_accel_class c) {
  return c < CLARA_ACCEL_NUM_CLASSES ? ClassNames[c] : "?";
}

clara_accel_class clara_accel_class_from_name(const char *name) {
  for (int c = 0; c < CLARA_ACCEL_NUM_CLASSES; ++c)
    if (strcmp(name, ClassNames[c]) == 0)
      return (clara_accel_class)c;
  return CLARA_ACCEL_NUM_CLASSES;
}

/* --- Helpers over -O0 IR ---------------------------------------------------*/

static int is_alloca(LLVMValueRef v) {
  return v && LLVMIsAAllocaInst(v) != NULL;
}

static int is_stack_access(LLVMValueRef inst) {
  LLVMOpcode op = LLVMGetInstructionOpcode(inst);
  if (op == LLVMLoad)
    return is_alloca(LLVMGetOperand(inst, 0));
  if (op == LLVMStore)
    return is_alloca(LLVMGetOperand(inst, 1));
  return 0;
}

static int is_debug_or_marker(LLVMValueRef inst) {
  return LLVMGetInstructionOpcode(inst) == LLVMCall &&
         clara_ir_is_marker_call(inst);
}

/* Counted instructions: not debug markers, not allocas, not -O0 stack
 * loads/stores. */
static int counts(LLVMValueRef inst) {
  LLVMOpcode op = LLVMGetInstructionOpcode(inst);
  return op != LLVMAlloca && !is_debug_or_marker(inst) &&
         !is_stack_access(inst);
}

static int const_int(LLVMValueRef v, uint64_t *out) {
  if (!v || !LLVMIsAConstantInt(v))
    return 0;
  *out = LLVMConstIntGetZExtValue(v);
  return 1;
}

/* The constant operand of a commutative operation (either side: -O0 IR keeps
 * the source's operand order). */
static int const_operand(LLVMValueRef inst, uint64_t *out) {
  return const_int(LLVMGetOperand(inst, 1), out) ||
         const_int(LLVMGetOperand(inst, 0), out);
}

static unsigned int_width(LLVMValueRef v) {
  LLVMTypeRef t = LLVMTypeOf(v);
  return LLVMGetTypeKind(t) == LLVMIntegerTypeKind ? LLVMGetIntTypeWidth(t) : 0;
}

static int is_cast(LLVMOpcode op) {
  return op == LLVMZExt || op == LLVMSExt || op == LLVMTrunc ||
         op == LLVMBitCast;
}

static LLVMValueRef strip_casts(LLVMValueRef v) {
  while (v && LLVMIsAInstruction(v) && is_cast(LLVMGetInstructionOpcode(v)))
    v = LLVMGetOperand(v, 0);
  return v;
}

/* The stack slot a value was reloaded from, else the value itself. */
static LLVMValueRef source(LLVMValueRef v) {
  v = strip_casts(v);
  if (v && LLVMIsALoadInst(v) && is_alloca(LLVMGetOperand(v, 0)))
    return LLVMGetOperand(v, 0);
  return v;
}

static int is_big_const(uint64_t c, unsigned width) {
  if (width && width < 64)
    c &= (1ull << width) - 1;
  return c >= 0x10000 && c != 0xFFFFFFFFull && c != 0xFFFFFFFFFFFFFFFFull &&
         c != 0xFFFF0000ull && c != 0xFFFFFFFF00000000ull;
}

static int is_pow2(uint64_t c) { return c && !(c & (c - 1)); }

static LLVMValueRef address_base(LLVMValueRef p, LLVMValueRef *var_index);

/* --- Tokens ----------------------------------------------------------------*/

static const char *shift_token(LLVMOpcode op, LLVMValueRef amount) {
  uint64_t c;
  int k = const_int(amount, &c);
  if (op == LLVMShl)
    return !k ? "shl.v" : c == 1 ? "shl.1" : c % 8 == 0 ? "shl.8n" : "shl.c";
  if (op == LLVMLShr)
    return !k           ? "lshr.v"
           : c == 1     ? "lshr.1"
           : c % 8 == 0 ? "lshr.8n"
                        : "lshr.c";
  return !k ? "ashr.v" : "ashr.c";
}

/* The token of one counted instruction (a static string). */
static const char *token(LLVMValueRef inst) {
  LLVMOpcode op = LLVMGetInstructionOpcode(inst);
  uint64_t c;
  unsigned w = int_width(inst);
  switch (op) {
  case LLVMXor:
    if (const_operand(inst, &c))
      return (w && c == (w >= 64 ? ~0ull : (1ull << w) - 1)) ? "not"
             : is_big_const(c, w)                            ? "xor.K"
                                                             : "xor.c";
    return "xor";
  case LLVMAnd:
    if (const_operand(inst, &c))
      return c == 1       ? "and.1"
             : c == 0xFF  ? "and.ff"
             : is_pow2(c) ? "and.bit"
                          : "and.c";
    return "and";
  case LLVMOr:
    return const_operand(inst, &c) ? "or.c" : "or";
  case LLVMShl:
  case LLVMLShr:
  case LLVMAShr:
    return shift_token(op, LLVMGetOperand(inst, 1));
  case LLVMMul:
    if (const_operand(inst, &c))
      return is_big_const(c, w) ? "mul.K" : "mul.c";
    return "mul";
  case LLVMAdd:
    return const_operand(inst, &c) ? "add.c" : "add";
  case LLVMSub:
    if (const_int(LLVMGetOperand(inst, 0), &c) && c == 0)
      return "neg";
    return const_int(LLVMGetOperand(inst, 1), &c) ? "sub.c" : "sub";
  case LLVMUDiv:
  case LLVMSDiv:
  case LLVMURem:
  case LLVMSRem:
    return "divrem";
  case LLVMICmp: {
    LLVMIntPredicate p = LLVMGetICmpPredicate(inst);
    return p == LLVMIntEQ || p == LLVMIntNE ? "cmp.eq" : "cmp.ord";
  }
  case LLVMLoad: {
    LLVMValueRef idx;
    LLVMValueRef base = address_base(LLVMGetOperand(inst, 0), &idx);
    if (LLVMGetTypeKind(LLVMTypeOf(inst)) == LLVMPointerTypeKind)
      return "ld.ptr";
    if (LLVMIsAGlobalVariable(base))
      return idx ? "ld.g.idx" : "ld.g";
    return idx ? "ld.idx" : "ld";
  }
  case LLVMStore:
    return "st";
  case LLVMGetElementPtr:
    return "gep";
  case LLVMZExt:
  case LLVMSExt:
    return "ext";
  case LLVMTrunc:
    return "trunc";
  case LLVMSelect:
    return "select";
  case LLVMPHI:
    return "phi";
  case LLVMBr:
    return LLVMIsConditional(inst) ? "br.c" : "br";
  case LLVMSwitch:
    return "switch";
  case LLVMRet:
    return "ret";
  case LLVMCall:
    return clara_ir_intrinsic_id(inst) ? "call.intrinsic" : "call";
  default:
    return "other";
  }
}

/* --- N-gram set ------------------------------------------------------------*/

typedef struct {
  char **items;
  size_t count, cap;
} strset;

static int strset_add(strset *s, const char *text) {
  if (s->count == s->cap) {
    size_t cap = s->cap ? 2 * s->cap : 64;
    char **items = realloc(s->items, cap * sizeof *items);
    if (!items)
      return CLARA_ERROR;
    s->items = items;
    s->cap = cap;
  }
  if (!(s->items[s->count] = strdup(text)))
    return CLARA_ERROR;
  s->count++;
  return CLARA_OK;
}

static int cmp_str(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static void strset_sort_unique(strset *s) {
  if (!s->count)
    return;
  qsort(s->items, s->count, sizeof *s->items, cmp_str);
  size_t out = 1;
  for (size_t i = 1; i < s->count; ++i) {
    if (strcmp(s->items[i], s->items[out - 1]) == 0)
      free(s->items[i]);
    else
      s->items[out++] = s->items[i];
  }
  s->count = out;
}

/* --- Small helpers, analysed as if inlined --------------------------------*/

static int is_intrinsic_call(LLVMValueRef inst) {
  return clara_ir_intrinsic_id(inst) != 0;
}

int clara_accel_is_inline_helper(LLVMValueRef fn) {
  if (!fn || !LLVMIsAFunction(fn) || LLVMIsDeclaration(fn) ||
      LLVMGetIntrinsicID(fn))
    return 0;
  size_t counted = 0, index = 0;
  clara_ptrmap order;
  clara_ptrmap_init(&order);
  for (LLVMBasicBlockRef bb = LLVMGetFirstBasicBlock(fn); bb;
       bb = LLVMGetNextBasicBlock(bb))
    clara_ptrmap_put(&order, bb, index++);
  int ok = 1;
  index = 0;
  for (LLVMBasicBlockRef bb = LLVMGetFirstBasicBlock(fn); bb && ok;
       bb = LLVMGetNextBasicBlock(bb), ++index) {
    for (LLVMValueRef i = LLVMGetFirstInstruction(bb); i && ok;
         i = LLVMGetNextInstruction(i)) {
      if (counts(i))
        counted++;
      LLVMOpcode op = LLVMGetInstructionOpcode(i);
      if (op == LLVMInvoke || (op == LLVMCall && !is_intrinsic_call(i)))
        ok = 0; /* not a leaf */
    }
    /* A branch back to an earlier (or the same) block: a loop. */
    LLVMValueRef term = LLVMGetBasicBlockTerminator(bb);
    unsigned ns = term ? LLVMGetNumSuccessors(term) : 0;
    for (unsigned s = 0; s < ns && ok; ++s) {
      size_t target;
      if (clara_ptrmap_get(&order, LLVMGetSuccessor(term, s), &target) &&
          target <= index)
        ok = 0;
    }
  }
  clara_ptrmap_clear(&order);
  return ok && counted < CLARA_ACCEL_MIN_INSTRUCTIONS;
}

/* Does `f` allow `callee` to be inlined (own code, a small leaf helper)? */
static int inlinable(const clara_accel_function *f, LLVMValueRef callee) {
  if (!callee || callee == f->function || !LLVMIsAFunction(callee))
    return 0;
  if (f->own_functions) {
    int own = 0;
    for (size_t k = 0; k < f->num_own_functions && !own; ++k)
      own = f->own_functions[k] == callee;
    if (!own)
      return 0;
  }
  return clara_accel_is_inline_helper(callee);
}

/* --- Extraction ------------------------------------------------------------*/

enum {
  F_LOG_INST,
  F_LOOPS,
  F_MAX_DEPTH,
  F_XOR,
  F_AND,
  F_OR,
  F_SHL,
  F_SHR,
  F_MUL,
  F_ADDSUB,
  F_ICMP,
  F_LOAD,
  F_STORE,
  F_CALL,
  L_SHARE,
  L_XOR,
  L_ANDOR,
  L_SHIFT,
  L_MUL,
  L_ADDSUB,
  L_ICMP,
  L_LOAD,
  INNER_BITOPS,
  L_SHIFT1,
  AND1,
  BIT_TEST_SELECT,
  XOR_BIGCONST,
  TABLE,
  L_TABLE,
  TABLE_GLOBAL,
  L_CHASE,
  L_CHASE_CHOICE,
  MUL_BIGCONST,
  ROTATE,
  DISTINCT_BIGCONST,
  LOG_MAX_TRIP,
  BOUND_SMALL_POW2,
  BOUND_LARGE,
  L_ORDERED_CMP,
  L_EXITS,
  BYTE_OPS,
  L_MEM_TO_MEM,
  SELECT,
  DIVREM,
  L_XOR_WITH_LOAD,
  SHIFT_ADD_SELF,
  L_STATE_SLOTS,
  BLOCKS_PER_INST,
  SHIFT_8N,
  SHIFT_VAR,
  AND_FF,
  MASK_FROM_LEN,
  BIT_EXTRACT_VAR,
  MASKED_EQ,
  TABLE_BY_SHIFT,
  TABLE_BY_XOR,
  TABLE_CHAIN,
  TABLE_SELF,
  SWAP_SAME_BASE,
  ROTATE_AMOUNTS,
  MIDPOINT,
  RECURSIVE,
  INLINED_HELPERS,
  HOT_SHARE,
  HOT_BITOPS,
  HOT_TABLE,
  HOT_MUL,
  HOT_ROTATE,
  HOT_ORDERED_CMP,
  HOT_LOAD,
  HOT_LOG_TRIP,
  HOT_HAS_INNER,
  LOOP8,
  L_LOAD_PTR,
  ARX,
  L_BIT_EXTRACT_VAR,
  CHASE_PREFIX_MASK,
  HOT_LOG_XOR_ROTATE,
  CONST_ROUNDS,
  LCG_STEP
};

_Static_assert(LCG_STEP + 1 == CLARA_ACCEL_NUM_STATIC,
               "feature enum and CLARA_ACCEL_NUM_STATIC disagree");

/* The features clara_accel_call_context() summarises (ContextNames). */
static const int ContextSources[CLARA_ACCEL_NUM_CONTEXT] = {
    MASK_FROM_LEN,
    CHASE_PREFIX_MASK,
    XOR_BIGCONST,
    TABLE_BY_SHIFT,
    ARX,
    MUL_BIGCONST,
    CONST_ROUNDS,
    CLARA_ACCEL_NUM_STATIC + 1, /* probe.affine */
    CLARA_ACCEL_NUM_STATIC + 2 /* probe.aval */};

int clara_accel_call_context(clara_accel_features *const *rows,
                             const LLVMValueRef *functions, size_t n,
                             char **out_message) {
  clara_ptrmap index;
  clara_ptrmap_init(&index);
  unsigned char *adjacent = calloc(n ? n * n : 1, 1);
  int failed = !adjacent;
  for (size_t i = 0; !failed && i < n; ++i)
    failed = clara_ptrmap_put(&index, functions[i], i) != CLARA_OK;
  for (size_t i = 0; !failed && i < n; ++i)
    for (LLVMBasicBlockRef bb = LLVMGetFirstBasicBlock(functions[i]); bb;
         bb = LLVMGetNextBasicBlock(bb))
      for (LLVMValueRef inst = LLVMGetFirstInstruction(bb); inst;
           inst = LLVMGetNextInstruction(inst)) {
        LLVMValueRef callee = clara_ir_called_function(inst);
        size_t j;
        if (callee && clara_ptrmap_get(&index, callee, &j) && j != i)
          adjacent[i * n + j] = adjacent[j * n + i] = 1;
      }
  for (size_t i = 0; !failed && i < n; ++i)
    for (size_t c = 0; c < CLARA_ACCEL_NUM_CONTEXT; ++c) {
      double best = NAN;
      int any = 0, measured = 0;
      for (size_t j = 0; j < n; ++j) {
        if (!adjacent[i * n + j])
          continue;
        any = 1;
        double v = rows[j]->structural[ContextSources[c]];
        if (!isnan(v) && (!measured || v > best)) {
          best = v;
          measured = 1;
        }
      }
      if (!any)
        best = 0;
      rows[i]->structural[CLARA_ACCEL_FIRST_CONTEXT + c] = best;
    }
  free(adjacent);
  clara_ptrmap_clear(&index);
  return failed ? clara_error(out_message, "accel: out of memory") : CLARA_OK;
}

typedef struct {
  double xor_, and_, or_, shl, shr, mul, addsub, icmp, load, store, call, total;
} op_counts;

static void count_op(op_counts *c, LLVMValueRef inst) {
  c->total += 1;
  switch (LLVMGetInstructionOpcode(inst)) {
  case LLVMXor:
    c->xor_ += 1;
    break;
  case LLVMAnd:
    c->and_ += 1;
    break;
  case LLVMOr:
    c->or_ += 1;
    break;
  case LLVMShl:
    c->shl += 1;
    break;
  case LLVMLShr:
  case LLVMAShr:
    c->shr += 1;
    break;
  case LLVMMul:
    c->mul += 1;
    break;
  case LLVMAdd:
  case LLVMSub:
    c->addsub += 1;
    break;
  case LLVMICmp:
    c->icmp += 1;
    break;
  case LLVMLoad:
    c->load += 1;
    break;
  case LLVMStore:
    c->store += 1;
    break;
  case LLVMCall:
    c->call += 1;
    break;
  default:
    break;
  }
}

static double share(double n, double total) {
  return total > 0 ? n / total : 0;
}

static int is_bitop(LLVMOpcode op) {
  return op == LLVMXor || op == LLVMAnd || op == LLVMOr || op == LLVMShl ||
         op == LLVMLShr || op == LLVMAShr;
}

/* Is `inst` a rotate: or(shl x a, lshr x b) on the same source (also as add
 * or xor), or a funnel-shift intrinsic? Stores the left-rotate amount in
 * *amount when it is constant (else 0). */
static int is_rotate(LLVMValueRef inst, uint64_t *amount) {
  *amount = 0;
  LLVMOpcode op = LLVMGetInstructionOpcode(inst);
  if (op == LLVMCall) {
    unsigned id = clara_ir_intrinsic_id(inst);
    if (!id)
      return 0;
    size_t len;
    const char *n = LLVMIntrinsicGetName(id, &len);
    if (!(len >= 9 &&
          (strncmp(n, "llvm.fshl", 9) == 0 || strncmp(n, "llvm.fshr", 9) == 0)))
      return 0;
    if (LLVMGetNumArgOperands(inst) >= 3)
      const_int(LLVMGetOperand(inst, 2), amount);
    return 1;
  }
  if (op != LLVMOr && op != LLVMAdd && op != LLVMXor)
    return 0;
  LLVMValueRef a = strip_casts(LLVMGetOperand(inst, 0));
  LLVMValueRef b = strip_casts(LLVMGetOperand(inst, 1));
  if (!LLVMIsAInstruction(a) || !LLVMIsAInstruction(b))
    return 0;
  LLVMOpcode oa = LLVMGetInstructionOpcode(a), ob = LLVMGetInstructionOpcode(b);
  if (!((oa == LLVMShl && ob == LLVMLShr) || (oa == LLVMLShr && ob == LLVMShl)))
    return 0;
  if (source(LLVMGetOperand(a, 0)) != source(LLVMGetOperand(b, 0)))
    return 0;
  LLVMValueRef left = oa == LLVMShl ? a : b;
  const_int(LLVMGetOperand(left, 1), amount);
  return 1;
}

/* The loop-exit compare bound: the constant operand of the icmp that
 * decides a conditional branch of an exiting block. */
static int exit_bound(LLVMBasicBlockRef bb, uint64_t *out) {
  LLVMValueRef term = LLVMGetBasicBlockTerminator(bb);
  if (!term || LLVMGetInstructionOpcode(term) != LLVMBr ||
      !LLVMIsConditional(term))
    return 0;
  LLVMValueRef cond = LLVMGetCondition(term);
  if (!LLVMIsAICmpInst(cond))
    return 0;
  return const_int(LLVMGetOperand(cond, 1), out) ||
         const_int(LLVMGetOperand(cond, 0), out);
}

/* One instruction to analyse and the function block it counts in (an
 * inlined helper's instructions count in the block of their call). */
typedef struct {
  LLVMValueRef inst;
  unsigned block;
} visit;

typedef struct {
  visit *items;
  size_t count, cap;
} visit_list;

static int visit_add(visit_list *l, LLVMValueRef inst, unsigned block) {
  if (l->count == l->cap) {
    size_t cap = l->cap ? 2 * l->cap : 256;
    visit *v = realloc(l->items, cap * sizeof *v);
    if (!v)
      return CLARA_ERROR;
    l->items = v;
    l->cap = cap;
  }
  l->items[l->count].inst = inst;
  l->items[l->count].block = block;
  l->count++;
  return CLARA_OK;
}

/* Stores to stack slots, chained per slot, for reloaded-value tracing. */
typedef struct {
  clara_ptrmap head;    /* alloca -> index+1 of its last store */
  LLVMValueRef *stores; /* stores to allocas */
  size_t *next;         /* index+1 of the slot's previous store, 0 = none */
  size_t count, cap;
} slot_index;

static int slot_add(slot_index *s, LLVMValueRef store) {
  if (s->count == s->cap) {
    size_t cap = s->cap ? 2 * s->cap : 64;
    LLVMValueRef *st = realloc(s->stores, cap * sizeof *st);
    if (!st)
      return CLARA_ERROR;
    s->stores = st;
    size_t *nx = realloc(s->next, cap * sizeof *nx);
    if (!nx)
      return CLARA_ERROR;
    s->next = nx;
    s->cap = cap;
  }
  LLVMValueRef slot = LLVMGetOperand(store, 1);
  size_t prev = 0;
  clara_ptrmap_get(&s->head, slot, &prev);
  s->stores[s->count] = store;
  s->next[s->count] = prev;
  s->count++;
  return clara_ptrmap_put(&s->head, slot, s->count);
}

/* Where a value comes from, as a set of origin bits. */
enum {
  O_BIT = 1,       /* and/or/xor/shift */
  O_SHR = 2,       /* right shift by >= 8 or by a variable */
  O_XOR = 4,       /* xor */
  O_TABLE = 8,     /* a memory load whose index has bit arithmetic */
  O_SAME_BASE = 16 /* a memory load from the object `base` */
};

/* Origins of `v` through casts, arithmetic, and stack reloads of slots whose
 * stored values qualify, up to `depth` steps. `base` (may be NULL) is the
 * source of the object whose loads count as O_SAME_BASE. A call result is an
 * index computed by a helper: O_BIT. */
static unsigned origins(const slot_index *slots, LLVMValueRef v, int depth,
                        LLVMValueRef base) {
  if (depth <= 0 || !v)
    return 0;
  v = strip_casts(v);
  if (!LLVMIsAInstruction(v))
    return 0;
  LLVMOpcode op = LLVMGetInstructionOpcode(v);
  unsigned o = 0;
  uint64_t c;
  switch (op) {
  case LLVMXor:
    o |= O_XOR;
    /* fall through */
  case LLVMAnd:
  case LLVMOr:
  case LLVMShl:
    o |= O_BIT;
    return o | origins(slots, LLVMGetOperand(v, 0), depth - 1, base) |
           origins(slots, LLVMGetOperand(v, 1), depth - 1, base);
  case LLVMLShr:
  case LLVMAShr:
    o |= O_BIT;
    if (!const_int(LLVMGetOperand(v, 1), &c) || c >= 8)
      o |= O_SHR;
    return o | origins(slots, LLVMGetOperand(v, 0), depth - 1, base);
  case LLVMCall:
    return is_debug_or_marker(v) ? 0 : O_BIT;
  case LLVMAdd:
  case LLVMSub:
  case LLVMMul:
    return origins(slots, LLVMGetOperand(v, 0), depth - 1, base) |
           origins(slots, LLVMGetOperand(v, 1), depth - 1, base);
  case LLVMLoad: {
    LLVMValueRef p = LLVMGetOperand(v, 0);
    if (is_alloca(p)) {
      size_t k = 0;
      clara_ptrmap_get(&slots->head, p, &k);
      for (int guard = 0; k && guard < 16; ++guard) {
        o |= origins(slots, LLVMGetOperand(slots->stores[k - 1], 0), depth - 1,
                     base);
        k = slots->next[k - 1];
      }
      return o;
    }
    LLVMValueRef idx;
    LLVMValueRef b = address_base(p, &idx);
    if (base && source(b) == base)
      o |= O_SAME_BASE;
    if (idx && (origins(slots, idx, depth - 1, NULL) & O_BIT))
      o |= O_TABLE;
    return o;
  }
  default:
    return 0;
  }
}

/* Walks an address back through GEPs; returns the base and the first GEP
 * index that is not constant (NULL when all are). */
static LLVMValueRef address_base(LLVMValueRef p, LLVMValueRef *var_index) {
  *var_index = NULL;
  for (int guard = 0; guard < 8 && p; ++guard) {
    if (LLVMIsAGetElementPtrInst(p)) {
      unsigned n = (unsigned)LLVMGetNumOperands(p);
      for (unsigned i = 1; i < n; ++i)
        if (!LLVMIsAConstant(LLVMGetOperand(p, i)) && !*var_index)
          *var_index = LLVMGetOperand(p, i);
      p = LLVMGetOperand(p, 0);
    } else if (LLVMIsAInstruction(p) && is_cast(LLVMGetInstructionOpcode(p))) {
      p = LLVMGetOperand(p, 0);
    } else {
      break;
    }
  }
  return p;
}

/* Does `v` reach `target` through casts, GEPs, phis and selects? */
static int reaches(LLVMValueRef v, LLVMValueRef target, int depth,
                   int *through_choice) {
  if (!v || depth <= 0)
    return 0;
  if (v == target)
    return 1;
  if (!LLVMIsAInstruction(v))
    return 0;
  LLVMOpcode op = LLVMGetInstructionOpcode(v);
  if (is_cast(op) || op == LLVMGetElementPtr)
    return reaches(LLVMGetOperand(v, 0), target, depth - 1, through_choice);
  if (op == LLVMPHI || op == LLVMSelect) {
    unsigned n = (unsigned)LLVMGetNumOperands(v);
    for (unsigned i = op == LLVMSelect ? 1 : 0; i < n; ++i)
      if (reaches(LLVMGetOperand(v, i), target, depth - 1, through_choice)) {
        *through_choice = 1;
        return 1;
      }
  }
  return 0;
}

static int is_shift_by_var(LLVMValueRef v) {
  v = strip_casts(v);
  if (!LLVMIsAInstruction(v))
    return 0;
  LLVMOpcode op = LLVMGetInstructionOpcode(v);
  uint64_t c;
  return (op == LLVMShl || op == LLVMLShr || op == LLVMAShr) &&
         !const_int(LLVMGetOperand(v, 1), &c);
}

static int is_op(LLVMValueRef v, LLVMOpcode op) {
  v = strip_casts(v);
  return v && LLVMIsAInstruction(v) && LLVMGetInstructionOpcode(v) == op;
}

static int popcount64(uint64_t c) {
  int n = 0;
  for (; c; c &= c - 1)
    n++;
  return n;
}

/* The weight of an instruction in a loop's "work": bit operations,
 * multiplications and memory loads. */
static double work_of(LLVMOpcode op) {
  return (is_bitop(op) || op == LLVMMul || op == LLVMLoad) ? 1.0 : 0.1;
}

int clara_accel_extract(const clara_accel_function *f,
                        clara_accel_features **out, char **out_message) {
  *out = NULL;
  LLVMValueRef fn = f->function;
  size_t nblocks = LLVMCountBasicBlocks(fn);
  if (!nblocks)
    return clara_error(out_message, "accel: function has no body");
  clara_accel_features *ft = calloc(1, sizeof *ft);
  if (ft)
    for (size_t i = CLARA_ACCEL_NUM_STATIC; i < CLARA_ACCEL_NUM_STRUCTURAL; ++i)
      ft->structural[i] = NAN;
  LLVMBasicBlockRef *blocks = calloc(nblocks, sizeof *blocks);
  unsigned char *in_loop = calloc(nblocks, 1);
  unsigned char *innermost = calloc(nblocks, 1);
  int *top_loop = malloc(nblocks * sizeof *top_loop);
  strset grams = {0};
  visit_list visits = {0};
  slot_index slots = {0};
  clara_ptrmap_init(&slots.head);
  clara_ptrmap bigconsts, state_slots, rot_amounts;
  clara_ptrmap_init(&bigconsts);
  clara_ptrmap_init(&state_slots);
  clara_ptrmap_init(&rot_amounts);
  double *loop_work = calloc(f->num_loops + 1, sizeof *loop_work);
  int status = CLARA_ERROR;
  if (!ft || !blocks || !in_loop || !innermost || !top_loop || !loop_work) {
    clara_error(out_message, "accel: out of memory");
    goto done;
  }
  ft->dominant_loop = -1;
  {
    size_t i = 0;
    for (LLVMBasicBlockRef bb = LLVMGetFirstBasicBlock(fn); bb;
         bb = LLVMGetNextBasicBlock(bb))
      blocks[i++] = bb;
  }
  for (size_t b = 0; b < nblocks; ++b)
    top_loop[b] = -1;
  unsigned max_depth = 0;
  for (size_t l = 0; l < f->num_loops; ++l) {
    const clara_accel_loop *L = &f->loops[l];
    int has_child = 0;
    for (size_t k = 0; k < f->num_loops; ++k)
      if (f->loops[k].parent == (int)l)
        has_child = 1;
    if (L->depth > max_depth)
      max_depth = L->depth;
    for (size_t k = 0; k < L->num_blocks; ++k) {
      unsigned b = L->blocks[k];
      if (b >= nblocks)
        continue;
      in_loop[b] = 1;
      if (!has_child)
        innermost[b] = 1;
      if (L->parent < 0)
        top_loop[b] = (int)l;
    }
  }

  /* The instructions to analyse: the function's own, with small helpers'
   * bodies in place of their calls (the paper analyses the NF's own
   * subroutines as if inlined). */
  double inlined = 0, recursive = 0;
  for (size_t b = 0; b < nblocks; ++b)
    for (LLVMValueRef i = LLVMGetFirstInstruction(blocks[b]); i;
         i = LLVMGetNextInstruction(i)) {
      if (LLVMGetInstructionOpcode(i) == LLVMCall) {
        LLVMValueRef callee = LLVMGetCalledValue(i);
        if (callee == fn)
          recursive = 1;
        if (inlinable(f, callee)) {
          inlined += 1;
          for (LLVMBasicBlockRef hb = LLVMGetFirstBasicBlock(callee); hb;
               hb = LLVMGetNextBasicBlock(hb))
            for (LLVMValueRef h = LLVMGetFirstInstruction(hb); h;
                 h = LLVMGetNextInstruction(h))
              if (LLVMGetInstructionOpcode(h) != LLVMRet &&
                  visit_add(&visits, h, (unsigned)b) != CLARA_OK)
                goto oom;
          continue;
        }
      }
      if (visit_add(&visits, i, (unsigned)b) != CLARA_OK)
        goto oom;
    }
  for (size_t v = 0; v < visits.count; ++v) {
    LLVMValueRef i = visits.items[v].inst;
    if (LLVMGetInstructionOpcode(i) == LLVMStore &&
        is_alloca(LLVMGetOperand(i, 1)) && slot_add(&slots, i) != CLARA_OK)
      goto oom;
    unsigned b = visits.items[v].block;
    if (counts(i) && top_loop[b] >= 0)
      loop_work[top_loop[b]] += work_of(LLVMGetInstructionOpcode(i));
  }
  for (size_t l = 0; l < f->num_loops; ++l)
    if (f->loops[l].parent < 0 &&
        (ft->dominant_loop < 0 || loop_work[l] > loop_work[ft->dominant_loop]))
      ft->dominant_loop = (int)l;
  const int hot = ft->dominant_loop;

  op_counts fc = {0}, lc = {0}, ic = {0}, hc = {0};
  double *s = ft->structural;
  double hot_table = 0, hot_rotate = 0, hot_ordered = 0;
  size_t counted = 0;
  const char *window[3] = {NULL, NULL, NULL};
  unsigned prev_block = (unsigned)-1;
  for (size_t v = 0; v < visits.count; ++v) {
    LLVMValueRef i = visits.items[v].inst;
    unsigned b = visits.items[v].block;
    int is_hot = hot >= 0 && top_loop[b] == hot;
    if (b != prev_block) {
      window[0] = window[1] = window[2] = NULL;
      prev_block = b;
    }
    LLVMOpcode op = LLVMGetInstructionOpcode(i);
    if (op == LLVMStore && in_loop[b] && is_alloca(LLVMGetOperand(i, 1))) {
      /* A stack slot updated by bit arithmetic in a loop: a state word. */
      LLVMValueRef val = strip_casts(LLVMGetOperand(i, 0));
      if (LLVMIsAInstruction(val)) {
        LLVMOpcode vo = LLVMGetInstructionOpcode(val);
        if (vo == LLVMXor || vo == LLVMShl || vo == LLVMLShr || vo == LLVMOr ||
            vo == LLVMMul || vo == LLVMAdd)
          clara_ptrmap_put(&state_slots, LLVMGetOperand(i, 1), 1);
      }
    }
    if (!counts(i))
      continue;
    counted++;
    count_op(&fc, i);
    if (in_loop[b])
      count_op(&lc, i);
    if (innermost[b])
      count_op(&ic, i);
    if (is_hot)
      count_op(&hc, i);

    /* N-grams of tokens within a block (n = 1..3). */
    const char *t = token(i);
    window[0] = window[1];
    window[1] = window[2];
    window[2] = t;
    char buf[128];
    const char *pre = in_loop[b] ? "L:" : "";
    snprintf(buf, sizeof buf, "%s%s", pre, t);
    if (strset_add(&grams, buf) != CLARA_OK)
      goto oom;
    if (window[1]) {
      snprintf(buf, sizeof buf, "%s%s %s", pre, window[1], window[2]);
      if (strset_add(&grams, buf) != CLARA_OK)
        goto oom;
    }
    if (window[0]) {
      snprintf(buf, sizeof buf, "%s%s %s %s", pre, window[0], window[1],
               window[2]);
      if (strset_add(&grams, buf) != CLARA_OK)
        goto oom;
    }

    uint64_t c;
    unsigned w = int_width(i);
    switch (op) {
    case LLVMShl:
    case LLVMLShr:
    case LLVMAShr:
      if (const_int(LLVMGetOperand(i, 1), &c)) {
        if (in_loop[b] && c == 1)
          s[L_SHIFT1] += 1;
        if (c && c % 8 == 0)
          s[SHIFT_8N] += 1;
      } else {
        s[SHIFT_VAR] += 1;
        /* A prefix mask: all ones shifted by a length. */
        if (const_int(LLVMGetOperand(i, 0), &c) && popcount64(c) >= 8)
          s[MASK_FROM_LEN] += 1;
      }
      if (op == LLVMLShr && in_loop[b] && const_int(LLVMGetOperand(i, 1), &c) &&
          c + 1 == w && is_shift_by_var(LLVMGetOperand(i, 0)))
        s[L_BIT_EXTRACT_VAR] += 1; /* (x << v) >> (w - 1) */
      if (op != LLVMShl && const_int(LLVMGetOperand(i, 1), &c) && c == 1) {
        LLVMValueRef a = strip_casts(LLVMGetOperand(i, 0));
        if ((is_op(a, LLVMAdd) || is_op(a, LLVMSub)) &&
            !LLVMIsAConstant(LLVMGetOperand(a, 0)) &&
            !LLVMIsAConstant(LLVMGetOperand(a, 1)))
          s[MIDPOINT] += 1;
      }
      break;
    case LLVMUDiv:
    case LLVMSDiv:
      if (const_int(LLVMGetOperand(i, 1), &c) && c == 2) {
        LLVMValueRef a = strip_casts(LLVMGetOperand(i, 0));
        if ((is_op(a, LLVMAdd) || is_op(a, LLVMSub)) &&
            !LLVMIsAConstant(LLVMGetOperand(a, 0)) &&
            !LLVMIsAConstant(LLVMGetOperand(a, 1)))
          s[MIDPOINT] += 1;
      }
      s[DIVREM] += 1;
      break;
    case LLVMURem:
    case LLVMSRem:
      s[DIVREM] += 1;
      break;
    case LLVMAnd:
      if (const_operand(i, &c)) {
        if (c == 1) {
          s[AND1] += 1;
          if (is_shift_by_var(LLVMGetOperand(i, 0)) ||
              is_shift_by_var(LLVMGetOperand(i, 1))) {
            s[BIT_EXTRACT_VAR] += 1;
            if (in_loop[b])
              s[L_BIT_EXTRACT_VAR] += 1;
          }
        }
        if (c == 0xFF)
          s[AND_FF] += 1;
      } else if (is_shift_by_var(LLVMGetOperand(i, 0)) ||
                 is_shift_by_var(LLVMGetOperand(i, 1))) {
        s[BIT_EXTRACT_VAR] += 1;
        if (in_loop[b])
          s[L_BIT_EXTRACT_VAR] += 1;
      }
      break;
    case LLVMXor:
      if (const_operand(i, &c) && is_big_const(c, w))
        s[XOR_BIGCONST] += 1;
      if (in_loop[b]) {
        LLVMValueRef a = strip_casts(LLVMGetOperand(i, 0));
        LLVMValueRef d = strip_casts(LLVMGetOperand(i, 1));
        if ((LLVMIsALoadInst(a) && !is_alloca(LLVMGetOperand(a, 0))) ||
            (LLVMIsALoadInst(d) && !is_alloca(LLVMGetOperand(d, 0))))
          s[L_XOR_WITH_LOAD] += 1;
      }
      break;
    case LLVMMul:
      if (const_operand(i, &c) && is_big_const(c, w) && (c & 1))
        s[MUL_BIGCONST] += 1;
      break;
    case LLVMAdd:
      /* x * K + C: a linear congruential step. */
      if (const_operand(i, &c))
        for (unsigned k = 0; k < 2; ++k) {
          LLVMValueRef m = strip_casts(LLVMGetOperand(i, k));
          uint64_t mk;
          if (is_op(m, LLVMMul) && const_operand(m, &mk) && (mk & 1) &&
              mk > 1000)
            s[LCG_STEP] += 1;
        }
      break;
    case LLVMSelect:
      s[SELECT] += 1;
      break;
    case LLVMTrunc:
    case LLVMZExt:
      if (int_width(i) == 8 || int_width(LLVMGetOperand(i, 0)) == 8)
        s[BYTE_OPS] += 1;
      break;
    case LLVMICmp: {
      LLVMIntPredicate p = LLVMGetICmpPredicate(i);
      if (in_loop[b] && p != LLVMIntEQ && p != LLVMIntNE) {
        s[L_ORDERED_CMP] += 1;
        if (is_hot)
          hot_ordered += 1;
      }
      /* Bit test deciding a value: icmp (and x, single bit), 0. */
      LLVMValueRef a = strip_casts(LLVMGetOperand(i, 0));
      if (LLVMIsAInstruction(a) && LLVMGetInstructionOpcode(a) == LLVMAnd &&
          const_operand(a, &c) && is_pow2(c))
        s[BIT_TEST_SELECT] += 1;
      /* A masked compare: (x & m) == y with a variable mask. */
      if (p == LLVMIntEQ || p == LLVMIntNE)
        for (unsigned k = 0; k < 2; ++k) {
          LLVMValueRef side = strip_casts(LLVMGetOperand(i, k));
          if (is_op(side, LLVMAnd) &&
              !LLVMIsAConstant(LLVMGetOperand(side, 0)) &&
              !LLVMIsAConstant(LLVMGetOperand(side, 1))) {
            s[MASKED_EQ] += 1;
            break;
          }
        }
      break;
    }
    case LLVMSub:
      if (const_int(LLVMGetOperand(i, 0), &c) && c == 0) {
        /* -(x & 1): the branch-free CRC mask. */
        LLVMValueRef a = strip_casts(LLVMGetOperand(i, 1));
        if (LLVMIsAInstruction(a) && LLVMGetInstructionOpcode(a) == LLVMAnd)
          s[BIT_TEST_SELECT] += 1;
      }
      break;
    case LLVMLoad: {
      LLVMValueRef idx;
      LLVMValueRef base = address_base(LLVMGetOperand(i, 0), &idx);
      if (in_loop[b] && LLVMGetTypeKind(LLVMTypeOf(i)) == LLVMPointerTypeKind)
        s[L_LOAD_PTR] += 1;
      unsigned o = idx ? origins(&slots, idx, 4, source(base)) : 0;
      if (o & O_BIT) {
        s[TABLE] += 1;
        if (in_loop[b])
          s[L_TABLE] += 1;
        if (is_hot)
          hot_table += 1;
        if (LLVMIsAGlobalVariable(base))
          s[TABLE_GLOBAL] += 1;
        if (o & O_SHR)
          s[TABLE_BY_SHIFT] += 1;
        if (o & O_XOR)
          s[TABLE_BY_XOR] += 1;
        if (o & O_TABLE)
          s[TABLE_CHAIN] += 1;
      }
      if (o & O_SAME_BASE)
        s[TABLE_SELF] += 1;
      if (in_loop[b]) {
        /* Chasing: the loaded value (or an address computed from it) goes
         * back into the slot the address came from. */
        LLVMValueRef slot = NULL;
        LLVMValueRef bsrc = source(base);
        if (is_alloca(bsrc))
          slot = bsrc;
        else if (idx && is_alloca(source(idx)))
          slot = source(idx);
        size_t k = 0;
        if (slot)
          clara_ptrmap_get(&slots.head, slot, &k);
        for (; k; k = slots.next[k - 1]) {
          LLVMValueRef st = slots.stores[k - 1];
          LLVMBasicBlockRef sb = LLVMGetInstructionParent(st);
          int sb_in_loop = 0;
          for (size_t q = 0; q < nblocks; ++q)
            if (blocks[q] == sb)
              sb_in_loop = in_loop[q];
          int choice = 0;
          if (sb_in_loop && reaches(LLVMGetOperand(st, 0), i, 6, &choice)) {
            s[L_CHASE] += 1;
            if (choice || (idx && (origins(&slots, idx, 4, NULL) & O_BIT)))
              s[L_CHASE_CHOICE] += 1;
            break;
          }
        }
      }
      break;
    }
    case LLVMStore: {
      LLVMValueRef val = strip_casts(LLVMGetOperand(i, 0));
      if (LLVMIsALoadInst(val) && !is_alloca(LLVMGetOperand(val, 0))) {
        if (in_loop[b])
          s[L_MEM_TO_MEM] += 1;
        LLVMValueRef i1, i2;
        LLVMValueRef b1 = address_base(LLVMGetOperand(i, 1), &i1);
        LLVMValueRef b2 = address_base(LLVMGetOperand(val, 0), &i2);
        if (i1 && i2 && source(b1) == source(b2) && source(i1) != source(i2))
          s[SWAP_SAME_BASE] += 1;
      }
      break;
    }
    default:
      break;
    }
    uint64_t amount;
    if (is_rotate(i, &amount)) {
      s[ROTATE] += 1;
      if (is_hot)
        hot_rotate += 1;
      if (amount)
        clara_ptrmap_put(&rot_amounts, (const void *)(uintptr_t)amount, 1);
    }
    if (op == LLVMAdd || op == LLVMXor || op == LLVMSub) {
      uint64_t dummy;
      for (unsigned k = 0; k < 2; ++k) {
        /* h = (h << k) op h: shift-add mixing of a value with itself. */
        LLVMValueRef a = strip_casts(LLVMGetOperand(i, k));
        LLVMValueRef d = LLVMGetOperand(i, 1 - k);
        if (LLVMIsAInstruction(a) && LLVMGetInstructionOpcode(a) == LLVMShl &&
            source(LLVMGetOperand(a, 0)) == source(d))
          s[SHIFT_ADD_SELF] += 1;
        /* Add-rotate-xor: an operand is a rotate. */
        if (LLVMIsAInstruction(a) && is_rotate(a, &dummy))
          s[ARX] += 1;
      }
    }
    unsigned nops = (unsigned)LLVMGetNumOperands(i);
    for (unsigned k = 0; k < nops; ++k)
      if (op != LLVMGetElementPtr && const_int(LLVMGetOperand(i, k), &c) &&
          is_big_const(c, int_width(LLVMGetOperand(i, k))))
        clara_ptrmap_put(&bigconsts, (const void *)(uintptr_t)(c + 1), 1);
  }

  /* Loop shape. */
  uint64_t max_trip = 0, hot_trip = 0;
  for (size_t l = 0; l < f->num_loops; ++l) {
    const clara_accel_loop *L = &f->loops[l];
    uint64_t trip = L->max_trip_count;
    s[L_EXITS] += L->num_exits;
    for (size_t k = 0; k < L->num_blocks; ++k) {
      unsigned b = L->blocks[k];
      if (b >= nblocks)
        continue;
      uint64_t bound;
      if (!exit_bound(blocks[b], &bound))
        continue;
      if (bound > trip && bound < 100000)
        trip = bound;
      if (bound == 8 || bound == 16 || bound == 32 || bound == 64 ||
          bound == 7 || bound == 4 || bound == 0)
        s[BOUND_SMALL_POW2] += 1;
      if (bound >= 80)
        s[BOUND_LARGE] += 1;
      if (bound == 8 || bound == 7)
        s[LOOP8] = 1;
    }
    if (L->max_trip_count == 8)
      s[LOOP8] = 1;
    if (trip > max_trip)
      max_trip = trip;
    if ((int)l == hot)
      hot_trip = trip;
    if (hot >= 0 && L->parent == hot)
      s[HOT_HAS_INNER] = 1;
  }

  ft->instructions = counted;
  double n = counted ? (double)counted : 1.0;
  /* Counts become densities per instruction, so that a function's size
   * does not decide its class. */
  static const int PerInstruction[] = {L_SHIFT1,
                                       AND1,
                                       BIT_TEST_SELECT,
                                       XOR_BIGCONST,
                                       TABLE,
                                       L_TABLE,
                                       TABLE_GLOBAL,
                                       L_CHASE,
                                       L_CHASE_CHOICE,
                                       MUL_BIGCONST,
                                       ROTATE,
                                       L_ORDERED_CMP,
                                       BYTE_OPS,
                                       L_MEM_TO_MEM,
                                       SELECT,
                                       DIVREM,
                                       L_XOR_WITH_LOAD,
                                       SHIFT_ADD_SELF,
                                       SHIFT_8N,
                                       SHIFT_VAR,
                                       AND_FF,
                                       MASK_FROM_LEN,
                                       BIT_EXTRACT_VAR,
                                       MASKED_EQ,
                                       TABLE_BY_SHIFT,
                                       TABLE_BY_XOR,
                                       TABLE_CHAIN,
                                       TABLE_SELF,
                                       SWAP_SAME_BASE,
                                       MIDPOINT,
                                       L_LOAD_PTR,
                                       ARX,
                                       L_BIT_EXTRACT_VAR,
                                       LCG_STEP};
  for (size_t k = 0; k < sizeof PerInstruction / sizeof *PerInstruction; ++k)
    s[PerInstruction[k]] /= n;
  s[F_LOG_INST] = log2(1.0 + (double)counted);
  s[F_LOOPS] = (double)f->num_loops;
  s[F_MAX_DEPTH] = max_depth;
  s[F_XOR] = share(fc.xor_, fc.total);
  s[F_AND] = share(fc.and_, fc.total);
  s[F_OR] = share(fc.or_, fc.total);
  s[F_SHL] = share(fc.shl, fc.total);
  s[F_SHR] = share(fc.shr, fc.total);
  s[F_MUL] = share(fc.mul, fc.total);
  s[F_ADDSUB] = share(fc.addsub, fc.total);
  s[F_ICMP] = share(fc.icmp, fc.total);
  s[F_LOAD] = share(fc.load, fc.total);
  s[F_STORE] = share(fc.store, fc.total);
  s[F_CALL] = share(fc.call, fc.total);
  s[L_SHARE] = share(lc.total, fc.total);
  s[L_XOR] = share(lc.xor_, lc.total);
  s[L_ANDOR] = share(lc.and_ + lc.or_, lc.total);
  s[L_SHIFT] = share(lc.shl + lc.shr, lc.total);
  s[L_MUL] = share(lc.mul, lc.total);
  s[L_ADDSUB] = share(lc.addsub, lc.total);
  s[L_ICMP] = share(lc.icmp, lc.total);
  s[L_LOAD] = share(lc.load, lc.total);
  s[INNER_BITOPS] =
      share(ic.xor_ + ic.and_ + ic.or_ + ic.shl + ic.shr, ic.total);
  s[DISTINCT_BIGCONST] = log2(1.0 + (double)bigconsts.count);
  s[LOG_MAX_TRIP] = log2(1.0 + (double)max_trip);
  s[L_STATE_SLOTS] = (double)state_slots.count;
  s[BLOCKS_PER_INST] = (double)nblocks / n;
  s[ROTATE_AMOUNTS] = log2(1.0 + (double)rot_amounts.count);
  s[RECURSIVE] = recursive;
  s[INLINED_HELPERS] = log2(1.0 + inlined);
  s[HOT_SHARE] = share(hc.total, fc.total);
  s[HOT_BITOPS] = share(hc.xor_ + hc.and_ + hc.or_ + hc.shl + hc.shr, hc.total);
  s[HOT_TABLE] = share(hot_table, hc.total);
  s[HOT_MUL] = share(hc.mul, hc.total);
  s[HOT_ROTATE] = share(hot_rotate, hc.total);
  s[HOT_ORDERED_CMP] = share(hot_ordered, hc.total);
  s[HOT_LOAD] = share(hc.load, hc.total);
  s[HOT_LOG_TRIP] = log2(1.0 + (double)hot_trip);
  /* A walk that chases pointers or indices and compares prefixes under a
   * mask (trie) rather than whole keys (search tree, map). */
  s[CHASE_PREFIX_MASK] =
      s[L_CHASE] > 0 && (s[MASK_FROM_LEN] > 0 || s[MASKED_EQ] > 0) ? 1.0 : 0.0;
  /* Rounds: the absolute xor and rotate work of the hottest loop, and a
   * constant trip count of 4..128 around at least six of them. */
  s[HOT_LOG_XOR_ROTATE] = log2(1.0 + hc.xor_ + hot_rotate);
  s[CONST_ROUNDS] =
      hot_trip >= 4 && hot_trip <= 128 && hc.xor_ + hot_rotate + hc.addsub >= 6
          ? log2((double)hot_trip)
          : 0.0;

  strset_sort_unique(&grams);
  ft->ngrams = grams.items;
  ft->num_ngrams = grams.count;
  grams.items = NULL;
  grams.count = 0;
  *out = ft;
  ft = NULL;
  status = CLARA_OK;
  goto done;
oom:
  clara_error(out_message, "accel: out of memory");
done:
  for (size_t k = 0; k < grams.count; ++k)
    free(grams.items[k]);
  free(grams.items);
  clara_accel_features_dispose(ft);
  free(blocks);
  free(in_loop);
  free(innermost);
  free(top_loop);
  free(loop_work);
  free(visits.items);
  free(slots.stores);
  free(slots.next);
  clara_ptrmap_clear(&slots.head);
  clara_ptrmap_clear(&bigconsts);
  clara_ptrmap_clear(&state_slots);
  clara_ptrmap_clear(&rot_amounts);
  return status;
}

void clara_accel_features_dispose(clara_accel_features *ft) {
  if (!ft)
    return;
  for (size_t i = 0; i < ft->num_ngrams; ++i)
    free(ft->ngrams[i]);
  free(ft->ngrams);
  free(ft);
}

int clara_accel_features_write(const clara_accel_features *ft,
                               const char *label, FILE *out,
                               char **out_message) {
  fprintf(out, "%s\t%zu\t%d", label, ft->instructions, ft->dominant_loop);
  for (size_t i = 0; i < CLARA_ACCEL_NUM_STRUCTURAL; ++i)
    fprintf(out, "\t%.6g", ft->structural[i]);
  fputc('\t', out);
  for (size_t i = 0; i < ft->num_ngrams; ++i)
    fprintf(out, "%s%s", i ? "|" : "", ft->ngrams[i]);
  fputc('\n', out);
  if (ferror(out))
    return clara_error(out_message, "accel: write error");
  return CLARA_OK;
}

int clara_accel_features_parse(const char *line, char **out_label,
                               clara_accel_features **out, char **out_message) {
  *out = NULL;
  *out_label = NULL;
  char *copy = strdup(line);
  clara_accel_features *ft = calloc(1, sizeof *ft);
  strset grams = {0};
  if (!copy || !ft) {
    free(copy);
    free(ft);
    return clara_error(out_message, "accel: out of memory");
  }
  size_t len = strlen(copy);
  while (len && (copy[len - 1] == '\n' || copy[len - 1] == '\r'))
    copy[--len] = 0;
  char *fields[3 + CLARA_ACCEL_NUM_STRUCTURAL + 1];
  size_t nf = 0;
  char *p = copy;
  while (nf < sizeof fields / sizeof *fields) {
    fields[nf++] = p;
    char *tab = strchr(p, '\t');
    if (!tab)
      break;
    *tab = 0;
    p = tab + 1;
  }
  if (nf != sizeof fields / sizeof *fields) {
    free(copy);
    free(ft);
    return clara_error(out_message,
                       "accel: feature row has %zu fields, expected %zu", nf,
                       sizeof fields / sizeof *fields);
  }
  char *end;
  ft->instructions = strtoull(fields[1], &end, 10);
  int bad = *end != 0;
  ft->dominant_loop = (int)strtol(fields[2], &end, 10);
  bad |= *end != 0;
  for (size_t i = 0; i < CLARA_ACCEL_NUM_STRUCTURAL; ++i) {
    ft->structural[i] = strtod(fields[3 + i], &end);
    bad |= *end != 0 || fields[3 + i] == end;
  }
  char *g = fields[3 + CLARA_ACCEL_NUM_STRUCTURAL];
  while (!bad && *g) {
    char *bar = strchr(g, '|');
    if (bar)
      *bar = 0;
    if (strset_add(&grams, g) != CLARA_OK)
      bad = 1;
    if (!bar)
      break;
    g = bar + 1;
  }
  if (bad) {
    for (size_t k = 0; k < grams.count; ++k)
      free(grams.items[k]);
    free(grams.items);
    free(copy);
    free(ft);
    return clara_error(out_message, "accel: malformed feature row");
  }
  strset_sort_unique(&grams);
  ft->ngrams = grams.items;
  ft->num_ngrams = grams.count;
  *out_label = strdup(fields[0]);
  free(copy);
  *out = ft;
  return CLARA_OK;
}

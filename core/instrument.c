/*===- core/instrument.c - clara-instrument: counters for a profile -------===*
 *
 * See instrument.h. The descriptor handed to the runtime is text, one record
 * a line, fields separated by tabs (runtime-profiler/README.md):
 *
 *   clara-rt 1
 *   module <16 hex digits>
 *   B <function> <block name or %N> <block index>     one per counter
 *   O <object name> <bytes>                           one per state object
 *   A <counter> <object> <loads> <stores> <atomics>   static, per block run
 *
 *===----------------------------------------------------------------------===*/
#include "instrument.h"

#include "error.h"
#include "ir.h"
#include "ptrmap.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DESCRIPTOR_GLOBAL "__clara_rt_descriptor"

static int starts_with(const char *s, const char *prefix) {
  return strncmp(s, prefix, strlen(prefix)) == 0;
}

static const char *value_name(LLVMValueRef v) {
  size_t n;
  return LLVMGetValueName2(v, &n);
}

/* Calls that mark rather than compute: they differ between -O0 and -O2
 * builds (lifetime) or with -g (debug records), and do nothing. */
static int is_marker_call(LLVMValueRef inst) {
  if (LLVMGetInstructionOpcode(inst) != LLVMCall ||
      !clara_ir_intrinsic_id(inst))
    return 0;
  const char *name = value_name(LLVMGetCalledValue(inst));
  return starts_with(name, "llvm.dbg.") ||
         starts_with(name, "llvm.lifetime.") ||
         starts_with(name, "llvm.experimental.noalias.scope.decl") ||
         starts_with(name, "llvm.pseudoprobe") ||
         starts_with(name, "llvm.var.annotation");
}

/*--- The module id -------------------------------------------------------*/

typedef struct {
  uint64_t h;
  clara_ptrmap numbers; /* instruction, argument or block -> position */
} hasher;

static void mix_bytes(hasher *s, const void *data, size_t n) {
  const unsigned char *p = data;
  for (size_t i = 0; i < n; ++i) {
    s->h ^= p[i];
    s->h *= 0x100000001b3ULL;
  }
}

static void mix_str(hasher *s, const char *str) {
  mix_bytes(s, str, strlen(str) + 1);
}

static void mix_u64(hasher *s, uint64_t v) { mix_bytes(s, &v, sizeof v); }

static void mix_type(hasher *s, LLVMTypeRef t) {
  char *text = LLVMPrintTypeToString(t);
  mix_str(s, text);
  LLVMDisposeMessage(text);
}

static void mix_operand(hasher *s, LLVMValueRef v, int depth);

static void mix_constant(hasher *s, LLVMValueRef v, int depth) {
  if (LLVMIsAGlobalValue(v)) {
    mix_str(s, "G");
    mix_str(s, value_name(v));
    return;
  }
  mix_type(s, LLVMTypeOf(v));
  if (LLVMIsAConstantInt(v) && LLVMGetIntTypeWidth(LLVMTypeOf(v)) <= 64) {
    mix_str(s, "I");
    mix_u64(s, LLVMConstIntGetZExtValue(v));
    return;
  }
  if (LLVMIsAConstantExpr(v) && depth < 16) {
    mix_str(s, "E");
    mix_u64(s, (uint64_t)LLVMGetConstOpcode(v));
    int n = LLVMGetNumOperands(v);
    for (int i = 0; i < n; ++i)
      mix_operand(s, LLVMGetOperand(v, (unsigned)i), depth + 1);
    return;
  }
  /* Aggregates, floats, null, undef, poison: their printed form, which
   * names globals and carries no value names. */
  char *text = LLVMPrintValueToString(v);
  mix_str(s, text);
  LLVMDisposeMessage(text);
}

static void mix_operand(hasher *s, LLVMValueRef v, int depth) {
  size_t number;
  if (!v) {
    mix_str(s, "0");
  } else if (LLVMValueIsBasicBlock(v)) {
    mix_str(s, "B");
    mix_u64(s, clara_ptrmap_get(&s->numbers, LLVMValueAsBasicBlock(v), &number)
                   ? number
                   : UINT64_MAX);
  } else if (LLVMIsAInstruction(v) || LLVMIsAArgument(v)) {
    mix_str(s, LLVMIsAArgument(v) ? "A" : "V");
    mix_u64(s, clara_ptrmap_get(&s->numbers, v, &number) ? number : UINT64_MAX);
  } else if (LLVMIsAInlineAsm(v)) {
    char *text = LLVMPrintValueToString(v);
    mix_str(s, text);
    LLVMDisposeMessage(text);
  } else if (LLVMIsAConstant(v)) {
    mix_constant(s, v, depth);
  } else {
    mix_str(s, "M"); /* metadata operands: not code */
  }
}

static void mix_instruction(hasher *s, LLVMValueRef inst) {
  LLVMOpcode op = LLVMGetInstructionOpcode(inst);
  mix_u64(s, (uint64_t)op);
  mix_type(s, LLVMTypeOf(inst));
  switch (op) {
  case LLVMICmp:
    mix_u64(s, (uint64_t)LLVMGetICmpPredicate(inst));
    break;
  case LLVMFCmp:
    mix_u64(s, (uint64_t)LLVMGetFCmpPredicate(inst));
    break;
  case LLVMAlloca:
    mix_type(s, LLVMGetAllocatedType(inst));
    break;
  case LLVMGetElementPtr:
    mix_type(s, LLVMGetGEPSourceElementType(inst));
    break;
  case LLVMLoad:
  case LLVMStore:
    mix_u64(s, (uint64_t)LLVMGetVolatile(inst));
    mix_u64(s, (uint64_t)LLVMGetOrdering(inst));
    break;
  case LLVMAtomicRMW:
    mix_u64(s, (uint64_t)LLVMGetAtomicRMWBinOp(inst));
    mix_u64(s, (uint64_t)LLVMGetOrdering(inst));
    break;
  case LLVMCall:
  case LLVMInvoke:
  case LLVMCallBr:
    mix_type(s, LLVMGetCalledFunctionType(inst));
    break;
  default:
    break;
  }
  int n = LLVMGetNumOperands(inst);
  mix_u64(s, (uint64_t)n);
  for (int i = 0; i < n; ++i)
    mix_operand(s, LLVMGetOperand(inst, (unsigned)i), 0);
}

static int compare_names(const void *a, const void *b) {
  return strcmp(value_name(*(LLVMValueRef const *)a),
                value_name(*(LLVMValueRef const *)b));
}

int clara_module_id(const clara_annotation *a, char out[17],
                    char **out_message) {
  size_t n = clara_annotation_num_functions(a);
  LLVMValueRef *functions = malloc((n + 1) * sizeof *functions);
  if (!functions)
    return clara_error(out_message, "out of memory");
  for (size_t i = 0; i < n; ++i)
    functions[i] = clara_annotation_function(a, i);
  qsort(functions, n, sizeof *functions, compare_names);
  hasher s = {0xcbf29ce484222325ULL, {0}};
  clara_ptrmap_init(&s.numbers);
  mix_str(&s, "clara-module-id 1");
  int status = CLARA_OK;
  for (size_t i = 0; i < n && status == CLARA_OK; ++i) {
    LLVMValueRef f = functions[i];
    clara_ptrmap_clear(&s.numbers);
    size_t number = 0;
    for (unsigned k = 0, nargs = LLVMCountParams(f); k < nargs; ++k)
      if (clara_ptrmap_put(&s.numbers, LLVMGetParam(f, k), k) != CLARA_OK)
        status = clara_error(out_message, "out of memory");
    size_t block_number = 0;
    for (LLVMBasicBlockRef b = LLVMGetFirstBasicBlock(f); b;
         b = LLVMGetNextBasicBlock(b)) {
      if (clara_ptrmap_put(&s.numbers, b, block_number++) != CLARA_OK)
        status = clara_error(out_message, "out of memory");
      for (LLVMValueRef inst = LLVMGetFirstInstruction(b); inst;
           inst = LLVMGetNextInstruction(inst))
        if (!is_marker_call(inst) &&
            clara_ptrmap_put(&s.numbers, inst, number++) != CLARA_OK)
          status = clara_error(out_message, "out of memory");
    }
    mix_str(&s, "F");
    mix_str(&s, value_name(f));
    mix_type(&s, LLVMGlobalGetValueType(f));
    for (LLVMBasicBlockRef b = LLVMGetFirstBasicBlock(f); b;
         b = LLVMGetNextBasicBlock(b)) {
      mix_str(&s, "{");
      for (LLVMValueRef inst = LLVMGetFirstInstruction(b); inst;
           inst = LLVMGetNextInstruction(inst))
        if (!is_marker_call(inst))
          mix_instruction(&s, inst);
    }
  }
  clara_ptrmap_clear(&s.numbers);
  free(functions);
  if (status == CLARA_OK)
    snprintf(out, 17, "%016" PRIx64, s.h);
  return status;
}

/*--- The descriptor ------------------------------------------------------*/

typedef struct {
  char *data;
  size_t size, cap;
  int failed;
} text;

static void put(text *t, const char *format, ...)
    __attribute__((format(printf, 2, 3)));

static void put(text *t, const char *format, ...) {
  for (;;) {
    va_list args;
    va_start(args, format);
    size_t room = t->cap - t->size;
    int n = t->data ? vsnprintf(t->data + t->size, room, format, args) : -1;
    va_end(args);
    if (t->data && n >= 0 && (size_t)n < room) {
      t->size += (size_t)n;
      return;
    }
    size_t cap = t->cap ? t->cap * 2 : 4096;
    while (n >= 0 && cap < t->size + (size_t)n + 1)
      cap *= 2;
    char *d = realloc(t->data, cap);
    if (!d) {
      t->failed = 1;
      return;
    }
    t->data = d;
    t->cap = cap;
  }
}

/* Names go into tab-separated lines: no tabs or newlines in them. */
static void put_name(text *t, const char *name) {
  for (; *name; ++name)
    put(t, "%c",
        (*name == '\t' || *name == '\n' || *name == '\r') ? '?' : *name);
}

/* The slot number LLVM's printer gives each unnamed block (%N). */
static int block_slots(LLVMValueRef f, clara_ptrmap *slots) {
  size_t slot = 0;
  for (unsigned k = 0, n = LLVMCountParams(f); k < n; ++k)
    if (!*value_name(LLVMGetParam(f, k)))
      ++slot;
  for (LLVMBasicBlockRef b = LLVMGetFirstBasicBlock(f); b;
       b = LLVMGetNextBasicBlock(b)) {
    if (!*LLVMGetBasicBlockName(b) &&
        clara_ptrmap_put(slots, b, slot++) != CLARA_OK)
      return CLARA_ERROR;
    for (LLVMValueRef i = LLVMGetFirstInstruction(b); i;
         i = LLVMGetNextInstruction(i))
      if (LLVMGetTypeKind(LLVMTypeOf(i)) != LLVMVoidTypeKind && !*value_name(i))
        ++slot;
  }
  return CLARA_OK;
}

/* Where a block's counter goes: after phis and landing pads, and in the
 * entry block after the allocas (which must stay at the top to be promoted
 * at -O2). NULL when the block cannot hold code (a catchswitch). */
static LLVMValueRef insertion_point(LLVMBasicBlockRef b, int entry) {
  LLVMValueRef i = LLVMGetFirstInstruction(b);
  while (i && (LLVMGetInstructionOpcode(i) == LLVMPHI ||
               LLVMGetInstructionOpcode(i) == LLVMLandingPad ||
               LLVMGetInstructionOpcode(i) == LLVMCleanupPad ||
               LLVMGetInstructionOpcode(i) == LLVMCatchPad ||
               (entry && LLVMGetInstructionOpcode(i) == LLVMAlloca)))
    i = LLVMGetNextInstruction(i);
  if (i && LLVMGetInstructionOpcode(i) == LLVMCatchSwitch)
    return NULL;
  return i;
}

/* The `this` argument of a container call: the first argument that is not
 * the sret slot of a returned iterator or pair. */
static LLVMValueRef container_argument(LLVMValueRef call) {
  unsigned sret = LLVMGetEnumAttributeKindForName("sret", 4);
  unsigned n = LLVMGetNumArgOperands(call);
  for (unsigned k = 0; k < n; ++k) {
    LLVMValueRef arg = LLVMGetOperand(call, k);
    if (LLVMGetTypeKind(LLVMTypeOf(arg)) != LLVMPointerTypeKind)
      continue;
    if (LLVMGetCallSiteEnumAttribute(call, k + 1, sret))
      continue;
    LLVMValueRef callee = LLVMGetCalledValue(call);
    if (callee && LLVMIsAFunction(callee) && k < LLVMCountParams(callee) &&
        LLVMGetEnumAttributeAtIndex(callee, k + 1, sret))
      continue;
    return arg;
  }
  return NULL;
}

typedef struct {
  LLVMModuleRef module;
  LLVMContextRef ctx;
  LLVMBuilderRef builder;
  LLVMTypeRef i8, i32, i64, ptr, void_type;
  LLVMValueRef counters, handle, attached, thread_check, bind;
  LLVMTypeRef counters_type, thread_check_type, bind_type;
  clara_counter_mode mode;
} emitter;

static LLVMValueRef declare(emitter *e, const char *name, LLVMTypeRef type) {
  LLVMValueRef f = LLVMGetNamedFunction(e->module, name);
  return f ? f : LLVMAddFunction(e->module, name, type);
}

static void emit_increment(emitter *e, LLVMValueRef before, unsigned counter) {
  LLVMPositionBuilderBefore(e->builder, before);
  LLVMValueRef idx[2] = {LLVMConstInt(e->i64, 0, 0),
                         LLVMConstInt(e->i64, counter, 0)};
  LLVMValueRef slot = LLVMBuildInBoundsGEP2(e->builder, e->counters_type,
                                            e->counters, idx, 2, "");
  LLVMValueRef one = LLVMConstInt(e->i64, 1, 0);
  if (e->mode == CLARA_COUNTERS_ATOMIC) {
    LLVMBuildAtomicRMW(e->builder, LLVMAtomicRMWBinOpAdd, slot, one,
                       LLVMAtomicOrderingMonotonic, 0);
  } else {
    LLVMValueRef old = LLVMBuildLoad2(e->builder, e->i64, slot, "");
    LLVMBuildStore(e->builder, LLVMBuildAdd(e->builder, old, one, ""), slot);
  }
}

/* internal void __clara_rt_thread(): attaches this thread's counter array
 * to the runtime the first time the thread runs NF code. Inlined at -O2. */
static void emit_thread_check(emitter *e) {
  e->thread_check_type = LLVMFunctionType(e->void_type, NULL, 0, 0);
  e->thread_check =
      LLVMAddFunction(e->module, "__clara_rt_thread", e->thread_check_type);
  LLVMSetLinkage(e->thread_check, LLVMInternalLinkage);
  LLVMBasicBlockRef entry =
      LLVMAppendBasicBlockInContext(e->ctx, e->thread_check, "entry");
  LLVMBasicBlockRef attach =
      LLVMAppendBasicBlockInContext(e->ctx, e->thread_check, "attach");
  LLVMBasicBlockRef done =
      LLVMAppendBasicBlockInContext(e->ctx, e->thread_check, "done");
  LLVMPositionBuilderAtEnd(e->builder, entry);
  LLVMValueRef flag = LLVMBuildLoad2(e->builder, e->i8, e->attached, "");
  LLVMBuildCondBr(
      e->builder,
      LLVMBuildICmp(e->builder, LLVMIntEQ, flag, LLVMConstInt(e->i8, 0, 0), ""),
      attach, done);
  LLVMPositionBuilderAtEnd(e->builder, attach);
  LLVMTypeRef params[3] = {e->ptr, e->ptr, e->ptr};
  LLVMTypeRef type = LLVMFunctionType(e->void_type, params, 3, 0);
  LLVMValueRef args[3] = {LLVMBuildLoad2(e->builder, e->ptr, e->handle, ""),
                          e->counters, e->attached};
  LLVMBuildCall2(e->builder, type, declare(e, "clara_rt_attach_thread", type),
                 args, 3, "");
  LLVMBuildBr(e->builder, done);
  LLVMPositionBuilderAtEnd(e->builder, done);
  LLVMBuildRetVoid(e->builder);
}

/* internal void __clara_rt_ctor(): handle = clara_rt_register(descriptor,
 * shared counters or null), listed in llvm.global_ctors. */
static void emit_constructor(emitter *e, LLVMValueRef descriptor) {
  LLVMTypeRef void_fn = LLVMFunctionType(e->void_type, NULL, 0, 0);
  LLVMValueRef ctor = LLVMAddFunction(e->module, "__clara_rt_ctor", void_fn);
  LLVMSetLinkage(ctor, LLVMInternalLinkage);
  LLVMPositionBuilderAtEnd(
      e->builder, LLVMAppendBasicBlockInContext(e->ctx, ctor, "entry"));
  LLVMTypeRef params[2] = {e->ptr, e->ptr};
  LLVMTypeRef type = LLVMFunctionType(e->ptr, params, 2, 0);
  LLVMValueRef args[2] = {descriptor, e->mode == CLARA_COUNTERS_ATOMIC
                                          ? e->counters
                                          : LLVMConstNull(e->ptr)};
  LLVMValueRef h = LLVMBuildCall2(
      e->builder, type, declare(e, "clara_rt_register", type), args, 2, "");
  LLVMBuildStore(e->builder, h, e->handle);
  LLVMBuildRetVoid(e->builder);

  /* Append {65535, ctor, null} to llvm.global_ctors. */
  LLVMTypeRef fields[3] = {e->i32, e->ptr, e->ptr};
  LLVMTypeRef entry_type = LLVMStructTypeInContext(e->ctx, fields, 3, 0);
  LLVMValueRef old = LLVMGetNamedGlobal(e->module, "llvm.global_ctors");
  unsigned n = 0;
  LLVMValueRef init = old ? LLVMGetInitializer(old) : NULL;
  if (init && !LLVMIsNull(init))
    n = (unsigned)LLVMGetNumOperands(init);
  LLVMValueRef *entries = malloc((n + 1) * sizeof *entries);
  for (unsigned k = 0; k < n; ++k)
    entries[k] = LLVMGetOperand(init, k);
  LLVMValueRef values[3] = {LLVMConstInt(e->i32, 65535, 0), ctor,
                            LLVMConstNull(e->ptr)};
  entries[n] = LLVMConstStructInContext(e->ctx, values, 3, 0);
  LLVMValueRef array = LLVMConstArray2(entry_type, entries, n + 1);
  free(entries);
  if (old)
    LLVMDeleteGlobal(old);
  LLVMValueRef ctors =
      LLVMAddGlobal(e->module, LLVMTypeOf(array), "llvm.global_ctors");
  LLVMSetLinkage(ctors, LLVMAppendingLinkage);
  LLVMSetInitializer(ctors, array);
}

typedef struct {
  unsigned counter, object;
  uint64_t loads, stores, atomics;
} static_access;

int clara_instrument_module(LLVMModuleRef module, const clara_annotation *a,
                            clara_counter_mode mode, char **out_message) {
  if (LLVMGetNamedGlobal(module, DESCRIPTOR_GLOBAL))
    return clara_error(
        out_message, "the module is already instrumented by clara-instrument");
  char id[17];
  if (clara_module_id(a, id, out_message) != CLARA_OK)
    return CLARA_ERROR;

  /* First pass, no change to the module: the counters, the descriptor, and
   * where each counter goes. */
  text t = {0};
  put(&t, "clara-rt 1\nmodule %s\n", id);
  size_t num_functions = clara_annotation_num_functions(a);
  size_t cap = 64, num_points = 0, num_accesses = 0, cap_accesses = 64;
  LLVMValueRef *points = malloc(cap * sizeof *points);
  static_access *accesses = malloc(cap_accesses * sizeof *accesses);
  LLVMValueRef *entries = calloc(num_functions + 1, sizeof *entries);
  int status = points && accesses && entries ? CLARA_OK : CLARA_ERROR;
  clara_ptrmap slots;
  clara_ptrmap_init(&slots);
  for (size_t fi = 0; fi < num_functions && status == CLARA_OK; ++fi) {
    LLVMValueRef f = clara_annotation_function(a, fi);
    clara_ptrmap_clear(&slots);
    if (block_slots(f, &slots) != CLARA_OK) {
      status = CLARA_ERROR;
      break;
    }
    unsigned index = 0;
    for (LLVMBasicBlockRef b = LLVMGetFirstBasicBlock(f); b;
         b = LLVMGetNextBasicBlock(b), ++index) {
      int entry = b == LLVMGetEntryBasicBlock(f);
      LLVMValueRef at = insertion_point(b, entry);
      if (entry)
        entries[fi] = at;
      if (!at)
        continue;
      if (num_points == cap) {
        cap *= 2;
        LLVMValueRef *p = realloc(points, cap * sizeof *points);
        if (!p) {
          status = CLARA_ERROR;
          break;
        }
        points = p;
      }
      unsigned counter = (unsigned)num_points;
      points[num_points++] = at;
      put(&t, "B\t");
      put_name(&t, value_name(f));
      const char *name = LLVMGetBasicBlockName(b);
      size_t slot = 0;
      if (*name) {
        put(&t, "\t");
        put_name(&t, name);
      } else {
        clara_ptrmap_get(&slots, b, &slot);
        put(&t, "\t%%%zu", slot);
      }
      put(&t, "\t%u\n", index);
      /* Static accesses of this block, per object, in first-use order. */
      size_t first = num_accesses;
      for (LLVMValueRef i = LLVMGetFirstInstruction(b); i;
           i = LLVMGetNextInstruction(i)) {
        clara_kind kind = clara_annotation_kind(a, i);
        int object = clara_annotation_object(a, i);
        if (object < 0 ||
            (kind != CLARA_KIND_MEM_STATE && kind != CLARA_KIND_API_STATE))
          continue;
        size_t k = first;
        while (k < num_accesses && accesses[k].object != (unsigned)object)
          ++k;
        if (k == num_accesses) {
          if (num_accesses == cap_accesses) {
            cap_accesses *= 2;
            static_access *p =
                realloc(accesses, cap_accesses * sizeof *accesses);
            if (!p) {
              status = CLARA_ERROR;
              break;
            }
            accesses = p;
          }
          accesses[k] = (static_access){counter, (unsigned)object, 0, 0, 0};
          ++num_accesses;
        }
        if (clara_annotation_is_atomic(a, i))
          ++accesses[k].atomics;
        else if (clara_annotation_writes(a, i))
          ++accesses[k].stores;
        else
          ++accesses[k].loads;
      }
    }
  }
  clara_ptrmap_clear(&slots);
  size_t num_objects = clara_annotation_num_state_objects(a);
  for (size_t k = 0; k < num_objects; ++k) {
    const clara_state_object *o = clara_annotation_state_object(a, k);
    put(&t, "O\t");
    put_name(&t, o->name);
    put(&t, "\t%" PRIu64 "\n", o->bytes);
  }
  for (size_t k = 0; k < num_accesses; ++k)
    put(&t, "A\t%u\t%u\t%" PRIu64 "\t%" PRIu64 "\t%" PRIu64 "\n",
        accesses[k].counter, accesses[k].object, accesses[k].loads,
        accesses[k].stores, accesses[k].atomics);
  if (t.failed)
    status = CLARA_ERROR;
  if (status != CLARA_OK) {
    free(points);
    free(accesses);
    free(entries);
    free(t.data);
    return clara_error(out_message, "out of memory");
  }

  /* Second pass: change the module. */
  emitter e;
  e.module = module;
  e.ctx = LLVMGetModuleContext(module);
  e.builder = LLVMCreateBuilderInContext(e.ctx);
  e.i8 = LLVMInt8TypeInContext(e.ctx);
  e.i32 = LLVMInt32TypeInContext(e.ctx);
  e.i64 = LLVMInt64TypeInContext(e.ctx);
  e.ptr = LLVMPointerTypeInContext(e.ctx, 0);
  e.void_type = LLVMVoidTypeInContext(e.ctx);
  e.mode = mode;
  e.counters_type = LLVMArrayType2(e.i64, num_points);
  e.counters = LLVMAddGlobal(module, e.counters_type, "__clara_rt_counters");
  LLVMSetLinkage(e.counters, LLVMInternalLinkage);
  LLVMSetInitializer(e.counters, LLVMConstNull(e.counters_type));
  LLVMSetAlignment(e.counters, 64);
  e.handle = LLVMAddGlobal(module, e.ptr, "__clara_rt_handle");
  LLVMSetLinkage(e.handle, LLVMInternalLinkage);
  LLVMSetInitializer(e.handle, LLVMConstNull(e.ptr));
  e.attached = NULL;
  if (mode == CLARA_COUNTERS_PER_THREAD) {
    LLVMSetThreadLocal(e.counters, 1);
    e.attached = LLVMAddGlobal(module, e.i8, "__clara_rt_attached");
    LLVMSetLinkage(e.attached, LLVMInternalLinkage);
    LLVMSetInitializer(e.attached, LLVMConstInt(e.i8, 0, 0));
    LLVMSetThreadLocal(e.attached, 1);
    emit_thread_check(&e);
  }
  LLVMValueRef desc_init = LLVMConstStringInContext2(e.ctx, t.data, t.size, 0);
  LLVMValueRef descriptor =
      LLVMAddGlobal(module, LLVMTypeOf(desc_init), DESCRIPTOR_GLOBAL);
  LLVMSetLinkage(descriptor, LLVMPrivateLinkage);
  LLVMSetGlobalConstant(descriptor, 1);
  LLVMSetInitializer(descriptor, desc_init);
  free(t.data);

  LLVMTypeRef bind_params[3] = {e.ptr, e.i32, e.ptr};
  e.bind_type = LLVMFunctionType(e.void_type, bind_params, 3, 0);
  e.bind = NULL;
  /* Before each container call: which state object the container is. */
  for (size_t fi = 0; fi < num_functions; ++fi) {
    LLVMValueRef f = clara_annotation_function(a, fi);
    for (LLVMBasicBlockRef b = LLVMGetFirstBasicBlock(f); b;
         b = LLVMGetNextBasicBlock(b))
      for (LLVMValueRef i = LLVMGetFirstInstruction(b); i;
           i = LLVMGetNextInstruction(i)) {
        if (clara_annotation_kind(a, i) != CLARA_KIND_API_STATE)
          continue;
        int object = clara_annotation_object(a, i);
        if (object < 0 ||
            clara_annotation_state_object(a, (size_t)object)->container ==
                CLARA_CONTAINER_NONE)
          continue;
        LLVMValueRef container = container_argument(i);
        if (!container)
          continue;
        if (!e.bind)
          e.bind = declare(&e, "clara_rt_bind_container", e.bind_type);
        LLVMPositionBuilderBefore(e.builder, i);
        LLVMValueRef args[3] = {LLVMBuildLoad2(e.builder, e.ptr, e.handle, ""),
                                LLVMConstInt(e.i32, (unsigned)object, 0),
                                container};
        LLVMBuildCall2(e.builder, e.bind_type, e.bind, args, 3, "");
      }
  }
  for (size_t k = 0; k < num_points; ++k)
    emit_increment(&e, points[k], (unsigned)k);
  if (mode == CLARA_COUNTERS_PER_THREAD)
    for (size_t fi = 0; fi < num_functions; ++fi)
      if (entries[fi]) {
        LLVMPositionBuilderBefore(e.builder, entries[fi]);
        LLVMBuildCall2(e.builder, e.thread_check_type, e.thread_check, NULL, 0,
                       "");
      }
  emit_constructor(&e, descriptor);
  LLVMDisposeBuilder(e.builder);
  free(points);
  free(accesses);
  free(entries);
  return CLARA_OK;
}

unsigned clara_instrumented_blocks(LLVMModuleRef module) {
  LLVMValueRef g = LLVMGetNamedGlobal(module, "__clara_rt_counters");
  if (!g || !LLVMGetNamedGlobal(module, DESCRIPTOR_GLOBAL))
    return 0;
  return (unsigned)LLVMGetArrayLength2(LLVMGlobalGetValueType(g));
}

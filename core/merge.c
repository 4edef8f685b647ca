/*===- core/merge.c - Which IR memory accesses the backend merges ---------===*
 *
 * See merge.h for the model.
 *
 *===----------------------------------------------------------------------===*/
#include "merge.h"

#include "error.h"

#include <llvm-c/Target.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* The AArch64 load/store optimiser looks this far for a pairing partner. */
#define PAIR_SCAN_LIMIT 20
/* The widest store constant-store merging makes (a 64-bit register). */
#define MERGE_MAX_BYTES 8

typedef enum { ACCESS_LOAD, ACCESS_STORE, ACCESS_BARRIER } access_kind;

/* One load, store or barrier of a block, in block order. */
typedef struct {
  LLVMValueRef inst;
  access_kind kind;
  LLVMValueRef base; /* the address is base + offset */
  long long offset;
  unsigned long long bytes; /* 0: not mergeable (e.g. i1, aggregates) */
  unsigned align;
  int constant; /* a store of an integer, FP or null constant */
} access;

/* Splits `ptr` into a base and a constant byte offset through GEPs whose
 * indices are all constant. */
static LLVMValueRef split_address(LLVMTargetDataRef td, LLVMValueRef ptr,
                                  long long *offset) {
  *offset = 0;
  for (int depth = 0; depth < 16 && LLVMIsAGetElementPtrInst(ptr); ++depth) {
    unsigned n = (unsigned)LLVMGetNumOperands(ptr);
    long long step = 0;
    LLVMTypeRef type = LLVMGetGEPSourceElementType(ptr);
    for (unsigned k = 1; k < n; ++k) {
      LLVMValueRef index = LLVMGetOperand(ptr, k);
      if (!LLVMIsAConstantInt(index))
        return ptr; /* a variable index: this GEP is the base */
      long long i = LLVMConstIntGetSExtValue(index);
      if (k == 1) {
        step += i * (long long)LLVMABISizeOfType(td, type);
      } else if (LLVMGetTypeKind(type) == LLVMStructTypeKind) {
        step += (long long)LLVMOffsetOfElement(td, type, (unsigned)i);
        type = LLVMStructGetTypeAtIndex(type, (unsigned)i);
      } else if (LLVMGetTypeKind(type) == LLVMArrayTypeKind) {
        type = LLVMGetElementType(type);
        step += i * (long long)LLVMABISizeOfType(td, type);
      } else {
        return ptr;
      }
    }
    *offset += step;
    ptr = LLVMGetOperand(ptr, 0);
  }
  return ptr;
}

static unsigned long long scalar_bytes(LLVMTargetDataRef td, LLVMTypeRef t) {
  switch (LLVMGetTypeKind(t)) {
  case LLVMIntegerTypeKind:
    return LLVMGetIntTypeWidth(t) % 8 ? 0 : LLVMGetIntTypeWidth(t) / 8;
  case LLVMPointerTypeKind:
  case LLVMFloatTypeKind:
  case LLVMDoubleTypeKind:
    return LLVMStoreSizeOfType(td, t);
  default:
    return 0;
  }
}

static int is_merge_constant(LLVMValueRef v) {
  return LLVMIsAConstantInt(v) || LLVMIsAConstantFP(v) ||
         LLVMIsAConstantPointerNull(v);
}

/* What `inst` is to the model; 0 when it is none of load, store, barrier. */
static int classify(LLVMTargetDataRef td, LLVMValueRef inst, access *a) {
  LLVMOpcode op = LLVMGetInstructionOpcode(inst);
  memset(a, 0, sizeof *a);
  a->inst = inst;
  switch (op) {
  case LLVMCall:
  case LLVMInvoke:
  case LLVMCallBr: {
    LLVMValueRef callee = LLVMGetCalledValue(inst);
    size_t len = 0;
    const char *name = callee && LLVMIsAFunction(callee)
                           ? LLVMGetValueName2(callee, &len)
                           : NULL;
    if (name && strncmp(name, "llvm.dbg.", 9) == 0)
      return 0;
    a->kind = ACCESS_BARRIER;
    return 1;
  }
  case LLVMAtomicRMW:
  case LLVMAtomicCmpXchg:
  case LLVMFence:
    a->kind = ACCESS_BARRIER;
    return 1;
  case LLVMLoad:
  case LLVMStore:
    break;
  default:
    return 0;
  }
  if (LLVMGetVolatile(inst) ||
      LLVMGetOrdering(inst) != LLVMAtomicOrderingNotAtomic) {
    a->kind = ACCESS_BARRIER;
    return 1;
  }
  int store = op == LLVMStore;
  a->kind = store ? ACCESS_STORE : ACCESS_LOAD;
  LLVMValueRef value = store ? LLVMGetOperand(inst, 0) : inst;
  a->base = split_address(td, LLVMGetOperand(inst, store ? 1 : 0), &a->offset);
  a->bytes = scalar_bytes(td, LLVMTypeOf(value));
  a->align = LLVMGetAlignment(inst);
  a->constant = store && is_merge_constant(value);
  return 1;
}

/* Constant-store merging from a: the longest run of constant stores to
 * ascending adjacent offsets whose total width is a power of two of at
 * most 8 bytes (and, unless misaligned stores merge, no more than the first
 * store's alignment). Returns 1 when a group formed, -1 when out of memory;
 * stores after the group stay free to start their own. */
static int merge_stores(access *acc, size_t n, size_t a, unsigned rules,
                        unsigned char *done, clara_ptrmap *merged) {
  unsigned long long total = acc[a].bytes;
  long long next = acc[a].offset + (long long)acc[a].bytes;
  size_t end = a; /* the group is a..end */
  for (size_t b = a + 1; b < n; ++b) {
    if (acc[b].kind != ACCESS_STORE || acc[b].base != acc[a].base ||
        !acc[b].constant || !acc[b].bytes || acc[b].offset != next ||
        total + acc[b].bytes > MERGE_MAX_BYTES)
      break;
    total += acc[b].bytes;
    next += (long long)acc[b].bytes;
    if (!(rules & CLARA_NIC_MERGE_MISALIGNED) && acc[a].align < total)
      break;
    if ((total & (total - 1)) == 0)
      end = b;
  }
  for (size_t b = a + 1; b <= end; ++b) {
    done[b] = 1;
    if (clara_ptrmap_put(merged, acc[b].inst, 1))
      return -1;
  }
  return end > a;
}

/* Pairing of a with the next adjacent access of its kind, size and base. */
static int pair(access *acc, size_t n, size_t a, unsigned char *done,
                clara_ptrmap *merged) {
  if (acc[a].bytes != 4 && acc[a].bytes != 8)
    return 0;
  for (size_t b = a + 1; b < n && b <= a + PAIR_SCAN_LIMIT; ++b) {
    if (acc[b].kind == ACCESS_BARRIER)
      return 0;
    if (acc[a].kind == ACCESS_LOAD && acc[b].kind == ACCESS_STORE)
      return 0; /* a store between two loads */
    if (acc[a].kind == ACCESS_STORE && acc[b].kind == ACCESS_LOAD &&
        acc[b].base == acc[a].base)
      return 0; /* a load of the base between two stores */
    if (done[b] || acc[b].kind != acc[a].kind || acc[b].base != acc[a].base ||
        acc[b].bytes != acc[a].bytes)
      continue;
    long long d = acc[b].offset - acc[a].offset;
    if (d == (long long)acc[a].bytes || d == -(long long)acc[a].bytes) {
      done[b] = 1;
      return clara_ptrmap_put(merged, acc[b].inst, 1) ? -1 : 1;
    }
  }
  return 0;
}

int clara_merge_predict(LLVMValueRef function, unsigned rules,
                        const clara_ptrmap *moved, clara_ptrmap *merged) {
  if (!(rules & (CLARA_NIC_MERGE_CONSTANT_STORES | CLARA_NIC_MERGE_MISALIGNED |
                 CLARA_NIC_MERGE_PAIRS)))
    return CLARA_OK;
  LLVMModuleRef module = LLVMGetGlobalParent(function);
  LLVMTargetDataRef td = LLVMCreateTargetData(LLVMGetDataLayoutStr(module));
  size_t cap = 64;
  access *acc = malloc(cap * sizeof *acc);
  unsigned char *done = malloc(cap);
  int status = acc && done && td ? CLARA_OK : CLARA_ERROR;
  for (LLVMBasicBlockRef bb = LLVMGetFirstBasicBlock(function);
       status == CLARA_OK && bb; bb = LLVMGetNextBasicBlock(bb)) {
    size_t n = 0;
    for (LLVMValueRef inst = LLVMGetFirstInstruction(bb); inst;
         inst = LLVMGetNextInstruction(inst)) {
      size_t where;
      if (moved && clara_ptrmap_get(moved, inst, &where))
        continue;
      if (n == cap) {
        access *grown = realloc(acc, 2 * cap * sizeof *acc);
        if (grown)
          acc = grown;
        unsigned char *grown_done = realloc(done, 2 * cap);
        if (grown_done)
          done = grown_done;
        if (!grown || !grown_done) {
          status = CLARA_ERROR;
          break;
        }
        cap *= 2;
      }
      n += (size_t)classify(td, inst, &acc[n]);
    }
    memset(done, 0, n);
    for (size_t a = 0; status == CLARA_OK && a < n; ++a) {
      if (done[a] || acc[a].kind == ACCESS_BARRIER || !acc[a].bytes)
        continue;
      int r = 0;
      if (acc[a].kind == ACCESS_STORE && acc[a].constant &&
          (rules &
           (CLARA_NIC_MERGE_CONSTANT_STORES | CLARA_NIC_MERGE_MISALIGNED)))
        r = merge_stores(acc, n, a, rules, done, merged);
      if (r == 0 && (rules & CLARA_NIC_MERGE_PAIRS))
        r = pair(acc, n, a, done, merged);
      if (r < 0)
        status = CLARA_ERROR;
    }
  }
  free(acc);
  free(done);
  if (td)
    LLVMDisposeTargetData(td);
  return status;
}

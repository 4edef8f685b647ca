/*===- core/merge.c - Which IR memory accesses the backend merges ---------===*
 *
 * See merge.h for the model.
 *
 *===----------------------------------------------------------------------===*/
#include "merge.h"

#include "error.h"
#include "ir.h"

#include <llvm-c/Target.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* The AArch64 load/store optimiser looks this far for a pairing partner. */
#define PAIR_SCAN_LIMIT 20
/* A paired access's offset is a 7-bit signed immediate scaled by the
 * access size (AArch64 `ldp`/`stp`: -256..252 for words, -512..504 for
 * doublewords). */
#define PAIR_OFFSET_MIN (-64)
#define PAIR_OFFSET_MAX 63
/* A single access's unsigned 12-bit scaled immediate (`ldr w8, [x0,
 * #16380]`). */
#define SINGLE_OFFSET_MAX 4095
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
  case LLVMCallBr:
    if (clara_ir_is_debug_call(inst))
      return 0;
    a->kind = ACCESS_BARRIER;
    return 1;
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

static int has_one_use(LLVMValueRef v) {
  LLVMUseRef u = LLVMGetFirstUse(v);
  return u && !LLVMGetNextUse(u);
}

static int overlaps(const access *x, const access *y) {
  return x->offset < y->offset + (long long)y->bytes &&
         y->offset < x->offset + (long long)x->bytes;
}

/* Whether a pair's lower offset fits the paired access's immediate. An
 * offset beyond a single load's or store's unsigned 12-bit scaled
 * immediate gets a new base register (`add x20, x0, #8, lsl #12`), and the
 * pair then uses a small offset from it. */
static int pair_offset_fits(long long low, unsigned long long bytes) {
  long long size = (long long)bytes;
  if (low % size != 0)
    return 0;
  if (low > SINGLE_OFFSET_MAX * size)
    return 1;
  return low >= PAIR_OFFSET_MIN * size && low <= PAIR_OFFSET_MAX * size;
}

/* Pairing of a with the next adjacent access of its kind, size and base,
 * which moves up to a, or, for stores, to which a moves down: accesses
 * between them must let the moving one pass. Loads pass loads; anything
 * else passes only an access of the same base whose bytes it does not
 * touch (another base may alias). Accesses already merged into an earlier
 * one have moved and are no obstacle. */
static int pair(access *acc, size_t n, size_t a, unsigned char *done,
                clara_ptrmap *merged) {
  if (acc[a].bytes != 4 && acc[a].bytes != 8)
    return 0;
  size_t between[PAIR_SCAN_LIMIT], num_between = 0;
  for (size_t b = a + 1; b < n && b <= a + PAIR_SCAN_LIMIT; ++b) {
    if (acc[b].kind == ACCESS_BARRIER)
      return 0;
    if (done[b])
      continue;
    long long d = acc[b].offset - acc[a].offset;
    if (acc[b].kind == acc[a].kind && acc[b].base == acc[a].base &&
        acc[b].bytes == acc[a].bytes &&
        (d == (long long)acc[a].bytes || d == -(long long)acc[a].bytes)) {
      /* The second moves up to the first, or a first store moves down to
       * the second (the optimiser's MergeForward), past the accesses
       * between that do not touch its bytes. */
      int up = 1, down = acc[a].kind == ACCESS_STORE;
      for (size_t k = 0; k < num_between; ++k) {
        if (overlaps(&acc[between[k]], &acc[b]))
          up = 0;
        if (overlaps(&acc[between[k]], &acc[a]))
          down = 0;
      }
      if (!up && !down)
        return 0;
      if (!pair_offset_fits(acc[a].offset < acc[b].offset ? acc[a].offset
                                                          : acc[b].offset,
                            acc[a].bytes))
        return 0;
      done[b] = 1;
      return clara_ptrmap_put(merged, acc[b].inst, 1) ? -1 : 1;
    }
    if (acc[a].kind == ACCESS_LOAD && acc[b].kind == ACCESS_LOAD)
      continue;
    if (acc[b].base != acc[a].base)
      return 0;
    between[num_between++] = b;
  }
  return 0;
}

/* The access entry of instruction `inst` among acc[from..n), or n. */
static size_t find_access(const access *acc, size_t n, size_t from,
                          LLVMValueRef inst) {
  for (size_t k = from; k < n; ++k)
    if (acc[k].inst == inst)
      return k;
  return n;
}

/* Loaded-value stores from store a: it and the next store, 2 bytes each at
 * adjacent ascending offsets of one base, store the values of two 2-byte
 * loads of adjacent offsets of one base (in either order: a copy or a
 * swap); the backend makes one 4-byte load and one 4-byte store (with a
 * rotate for a swap) when both sides are 4-aligned or misaligned accesses
 * are allowed. Marks the second store and the later load. */
static int merge_loaded_values(access *acc, size_t n, size_t a, unsigned rules,
                               unsigned char *done, clara_ptrmap *merged) {
  if (acc[a].kind != ACCESS_STORE || acc[a].bytes != 2)
    return 0;
  size_t b = a + 1;
  while (b < n && done[b])
    ++b;
  if (b == n || acc[b].kind != ACCESS_STORE || acc[b].base != acc[a].base ||
      acc[b].bytes != 2 || acc[b].offset != acc[a].offset + 2)
    return 0;
  LLVMValueRef va = LLVMGetOperand(acc[a].inst, 0);
  LLVMValueRef vb = LLVMGetOperand(acc[b].inst, 0);
  size_t la = find_access(acc, a, 0, va), lb = find_access(acc, a, 0, vb);
  if (la == a || lb == a || done[la] || done[lb] ||
      acc[la].kind != ACCESS_LOAD || acc[lb].kind != ACCESS_LOAD ||
      acc[la].bytes != 2 || acc[lb].bytes != 2 ||
      acc[la].base != acc[lb].base ||
      (acc[lb].offset - acc[la].offset != 2 &&
       acc[la].offset - acc[lb].offset != 2) ||
      !has_one_use(va) || !has_one_use(vb))
    return 0;
  size_t low = acc[la].offset < acc[lb].offset ? la : lb;
  if (!(rules & CLARA_NIC_MERGE_MISALIGNED) &&
      (acc[a].align < 4 || acc[low].align < 4))
    return 0;
  size_t later = la > lb ? la : lb;
  done[b] = done[later] = 1;
  if (clara_ptrmap_put(merged, acc[b].inst, 1) ||
      clara_ptrmap_put(merged, acc[later].inst, 1))
    return -1;
  return 1;
}

unsigned clara_merge_access_count(LLVMValueRef access,
                                  clara_nic_misaligned misaligned) {
  if (misaligned == CLARA_NIC_MISALIGNED_NATIVE || !LLVMIsAInstruction(access))
    return 1;
  LLVMOpcode op = LLVMGetInstructionOpcode(access);
  if (op != LLVMLoad && op != LLVMStore)
    return 1;
  LLVMTypeRef type =
      LLVMTypeOf(op == LLVMStore ? LLVMGetOperand(access, 0) : access);
  LLVMTargetDataRef td = LLVMGetModuleDataLayout(LLVMGetGlobalParent(
      LLVMGetBasicBlockParent(LLVMGetInstructionParent(access))));
  unsigned long long bytes = scalar_bytes(td, type);
  unsigned align = LLVMGetAlignment(access);
  if (!bytes || !align || align >= bytes || (bytes & (bytes - 1)) ||
      (align & (align - 1)))
    return 1;
  return misaligned == CLARA_NIC_MISALIGNED_PAIR ? 2
                                                 : (unsigned)(bytes / align);
}

/*===-- Combined loads ----------------------------------------------------===*/

#define COMBINE_MAX 8

typedef struct {
  LLVMValueRef load;
  unsigned shift;
} byte_leaf;

/* Collects the byte loads of an or/shl/zext tree; 0 when it is not one. */
static int collect_bytes(LLVMValueRef v, unsigned shift, byte_leaf *leaves,
                         size_t *n) {
  if (!LLVMIsAInstruction(v))
    return 0;
  switch (LLVMGetInstructionOpcode(v)) {
  case LLVMOr:
    return collect_bytes(LLVMGetOperand(v, 0), shift, leaves, n) &&
           collect_bytes(LLVMGetOperand(v, 1), shift, leaves, n);
  case LLVMShl: {
    LLVMValueRef amount = LLVMGetOperand(v, 1);
    if (!LLVMIsAConstantInt(amount))
      return 0;
    unsigned long long s = LLVMConstIntGetZExtValue(amount);
    return s < 64 &&
           collect_bytes(LLVMGetOperand(v, 0), shift + (unsigned)s, leaves, n);
  }
  case LLVMZExt:
    return collect_bytes(LLVMGetOperand(v, 0), shift, leaves, n);
  case LLVMLoad:
    if (*n == COMBINE_MAX || LLVMGetVolatile(v) ||
        LLVMGetOrdering(v) != LLVMAtomicOrderingNotAtomic ||
        LLVMGetTypeKind(LLVMTypeOf(v)) != LLVMIntegerTypeKind ||
        LLVMGetIntTypeWidth(LLVMTypeOf(v)) != 8 || !has_one_use(v))
      return 0;
    leaves[*n].load = v;
    leaves[(*n)++].shift = shift;
    return 1;
  default:
    return 0;
  }
}

static int is_or(LLVMValueRef v) {
  return LLVMIsAInstruction(v) && LLVMGetInstructionOpcode(v) == LLVMOr;
}

/* Combined loads of `bb`: an or-tree of 2, 4 or 8 byte loads of adjacent
 * offsets of one base, each shifted to its place in either byte order, is
 * one wide load (two for 4 and 8 bytes under combined-loads-split). Marks
 * the byte loads after the first (or the first two) in block order. */
static int combine_loads(LLVMTargetDataRef td, LLVMBasicBlockRef bb,
                         unsigned rules, const clara_ptrmap *moved,
                         clara_ptrmap *merged) {
  for (LLVMValueRef root = LLVMGetFirstInstruction(bb); root;
       root = LLVMGetNextInstruction(root)) {
    if (!is_or(root))
      continue;
    int inner = 0; /* part of a larger or-tree: its root decides */
    for (LLVMUseRef u = LLVMGetFirstUse(root); u; u = LLVMGetNextUse(u)) {
      LLVMValueRef user = LLVMGetUser(u);
      inner |= is_or(user) || (LLVMIsAInstruction(user) &&
                               LLVMGetInstructionOpcode(user) == LLVMShl);
    }
    byte_leaf leaves[COMBINE_MAX];
    size_t n = 0;
    if (inner || !collect_bytes(root, 0, leaves, &n) ||
        (n != 2 && n != 4 && n != 8))
      continue;
    LLVMValueRef base = NULL;
    long long low = 0;
    long long offsets[COMBINE_MAX];
    int ok = 1;
    size_t where;
    for (size_t k = 0; k < n && ok; ++k) {
      LLVMValueRef b =
          split_address(td, LLVMGetOperand(leaves[k].load, 0), &offsets[k]);
      ok = LLVMGetInstructionParent(leaves[k].load) == bb &&
           !(moved && clara_ptrmap_get(moved, leaves[k].load, &where)) &&
           (k == 0 || b == base);
      base = b;
      if (k == 0 || offsets[k] < low)
        low = offsets[k];
    }
    int little = ok, big = ok; /* byte k of the value at shift 8k / 8(n-1-k) */
    unsigned seen = 0;
    for (size_t k = 0; k < n && ok; ++k) {
      long long i = offsets[k] - low;
      if (i < 0 || i >= (long long)n || (seen & (1u << i))) {
        ok = 0;
        break;
      }
      seen |= 1u << i;
      little &= leaves[k].shift == 8 * (unsigned)i;
      big &= leaves[k].shift == 8 * (unsigned)(n - 1 - (size_t)i);
    }
    if (!ok || !(little || big))
      continue;
    size_t keep = (rules & CLARA_NIC_MERGE_COMBINED_LOADS) ? 1 : 2;
    if (!(rules & CLARA_NIC_MERGE_COMBINED_LOADS) && n < 4)
      continue; /* two bytes stay two byte loads */
    size_t kept = 0;
    for (LLVMValueRef i = LLVMGetFirstInstruction(bb); i && i != root;
         i = LLVMGetNextInstruction(i))
      for (size_t k = 0; k < n; ++k)
        if (leaves[k].load == i && kept++ >= keep &&
            clara_ptrmap_put(merged, i, 1))
          return CLARA_ERROR;
  }
  return CLARA_OK;
}

int clara_merge_predict(LLVMValueRef function, unsigned rules,
                        const clara_ptrmap *moved, clara_ptrmap *merged) {
  if (!rules)
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
    if (status == CLARA_OK && (rules & (CLARA_NIC_MERGE_COMBINED_LOADS |
                                        CLARA_NIC_MERGE_COMBINED_LOADS_SPLIT)))
      status = combine_loads(td, bb, rules, moved, merged);
    memset(done, 0, n);
    for (size_t a = 0; status == CLARA_OK && a < n; ++a) {
      if (done[a] || acc[a].kind == ACCESS_BARRIER || !acc[a].bytes)
        continue;
      int r = 0;
      if (acc[a].kind == ACCESS_STORE && acc[a].constant &&
          (rules &
           (CLARA_NIC_MERGE_CONSTANT_STORES | CLARA_NIC_MERGE_MISALIGNED)))
        r = merge_stores(acc, n, a, rules, done, merged);
      if (r == 0 && (rules & CLARA_NIC_MERGE_LOADED_VALUES))
        r = merge_loaded_values(acc, n, a, rules, done, merged);
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

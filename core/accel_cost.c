/*===- core/accel_cost.c - What a detected algorithm costs per packet -----===*
 *
 * The static cost model behind AcceleratorCandidate's CyclesSaved and
 * UsesPerPacket (documented in models/accel/README.md): software cycles per
 * call from IR instruction counts and loop trip estimates, calls per packet
 * from direct call sites weighted by BlockFrequencyInfo's relative block
 * frequencies.
 *
 *===----------------------------------------------------------------------===*/
#include "accel.h"
#include "ir.h"

#include <stdlib.h>
#include <string.h>

static int counted(LLVMValueRef i) {
  LLVMOpcode op = LLVMGetInstructionOpcode(i);
  if (op == LLVMAlloca)
    return 0;
  if (op == LLVMLoad && LLVMIsAAllocaInst(LLVMGetOperand(i, 0)))
    return 0;
  if (op == LLVMStore && LLVMIsAAllocaInst(LLVMGetOperand(i, 1)))
    return 0;
  return !(op == LLVMCall && clara_ir_is_marker_call(i));
}

double clara_accel_cycles_per_call(const clara_accel_function *f) {
  double total = 0;
  unsigned b = 0;
  for (LLVMBasicBlockRef bb = LLVMGetFirstBasicBlock(f->function); bb;
       bb = LLVMGetNextBasicBlock(bb), ++b) {
    double n = 0;
    for (LLVMValueRef i = LLVMGetFirstInstruction(bb); i;
         i = LLVMGetNextInstruction(i))
      n += counted(i);
    double trips = 1;
    for (size_t l = 0; l < f->num_loops; ++l)
      for (size_t k = 0; k < f->loops[l].num_blocks; ++k)
        if (f->loops[l].blocks[k] == b) {
          trips *= f->loops[l].max_trip_count
                       ? (double)f->loops[l].max_trip_count
                       : CLARA_ACCEL_DEFAULT_TRIPS;
          break;
        }
    total += n * trips;
  }
  return total;
}

/* Uses of function `i`, memoised; `state` 0 = new, 1 = in progress (a
 * recursive cycle: contributes nothing), 2 = done. */
static double uses(const clara_accel_function *fs, size_t n, const int *entry,
                   double *memo, unsigned char *state, size_t i) {
  if (state[i] == 2)
    return memo[i];
  if (state[i] == 1)
    return 0;
  state[i] = 1;
  double total = entry[i] ? 1.0 : 0.0;
  for (size_t c = 0; c < n; ++c) {
    unsigned b = 0;
    double caller_uses = -1;
    for (LLVMBasicBlockRef bb = LLVMGetFirstBasicBlock(fs[c].function); bb;
         bb = LLVMGetNextBasicBlock(bb), ++b)
      for (LLVMValueRef inst = LLVMGetFirstInstruction(bb); inst;
           inst = LLVMGetNextInstruction(inst)) {
        LLVMOpcode op = LLVMGetInstructionOpcode(inst);
        if ((op != LLVMCall && op != LLVMInvoke) ||
            LLVMGetCalledValue(inst) != fs[i].function)
          continue;
        if (caller_uses < 0)
          caller_uses = uses(fs, n, entry, memo, state, c);
        double freq = fs[c].block_frequency ? fs[c].block_frequency[b] : 1.0;
        total += caller_uses * freq;
      }
  }
  memo[i] = total;
  state[i] = 2;
  return total;
}

void clara_accel_uses_per_packet(const clara_accel_function *fs, size_t n,
                                 const int *is_entry, double *out) {
  double *memo = calloc(n ? n : 1, sizeof *memo);
  unsigned char *state = calloc(n ? n : 1, 1);
  if (!memo || !state) {
    for (size_t i = 0; i < n; ++i)
      out[i] = is_entry[i] ? 1.0 : 0.0;
  } else {
    for (size_t i = 0; i < n; ++i)
      out[i] = uses(fs, n, is_entry, memo, state, i);
  }
  free(memo);
  free(state);
}

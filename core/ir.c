/*===- core/ir.c - Small questions about LLVM IR instructions -------------===*
 *
 * See ir.h.
 *
 *===----------------------------------------------------------------------===*/
#include "ir.h"

#include <string.h>

const char *clara_ir_callee_name(LLVMValueRef call) {
  if (!call || !LLVMIsAInstruction(call))
    return NULL;
  LLVMOpcode op = LLVMGetInstructionOpcode(call);
  if (op != LLVMCall && op != LLVMInvoke && op != LLVMCallBr)
    return NULL;
  LLVMValueRef callee = LLVMGetCalledValue(call);
  size_t len = 0;
  return callee && LLVMIsAFunction(callee) ? LLVMGetValueName2(callee, &len)
                                           : NULL;
}

LLVMValueRef clara_ir_called_function(LLVMValueRef inst) {
  if (!inst || (!LLVMIsACallInst(inst) && !LLVMIsAInvokeInst(inst)))
    return NULL;
  LLVMValueRef callee = LLVMGetCalledValue(inst);
  while (callee && LLVMIsAConstantExpr(callee) &&
         (LLVMGetConstOpcode(callee) == LLVMBitCast ||
          LLVMGetConstOpcode(callee) == LLVMAddrSpaceCast))
    callee = LLVMGetOperand(callee, 0);
  return callee && LLVMIsAFunction(callee) ? callee : NULL;
}

int clara_ir_repeats_successor(LLVMValueRef term, unsigned k) {
  LLVMBasicBlockRef succ = LLVMGetSuccessor(term, k);
  for (unsigned j = 0; j < k; ++j)
    if (LLVMGetSuccessor(term, j) == succ)
      return 1;
  return 0;
}

int clara_ir_is_debug_call(LLVMValueRef inst) {
  const char *name = clara_ir_callee_name(inst);
  return name && strncmp(name, "llvm.dbg.", 9) == 0;
}

unsigned clara_ir_intrinsic_id(LLVMValueRef inst) {
  return clara_ir_callee_name(inst)
             ? LLVMGetIntrinsicID(LLVMGetCalledValue(inst))
             : 0;
}

int clara_ir_is_marker_call(LLVMValueRef inst) {
  unsigned id = clara_ir_intrinsic_id(inst);
  if (!id)
    return 0;
  size_t len;
  const char *name = LLVMIntrinsicGetName(id, &len);
  return (len >= 8 && strncmp(name, "llvm.dbg", 8) == 0) ||
         (len >= 13 && strncmp(name, "llvm.lifetime", 13) == 0);
}

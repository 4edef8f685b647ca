/*===- core/ir.h - Small questions about LLVM IR instructions -------------===*
 *
 * Helpers over the LLVM C API that several analyses ask the same way.
 *
 *===----------------------------------------------------------------------===*/
#ifndef CLARA_CORE_IR_H
#define CLARA_CORE_IR_H

#include <llvm-c/Core.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The name of the function a call, invoke or callbr calls directly, or
 * NULL (an indirect call, or not a call). The string belongs to LLVM. */
const char *clara_ir_callee_name(LLVMValueRef call);

/* The function a call or invoke calls directly, looking through pointer
 * casts of it, or NULL (an indirect call, or not a call). */
LLVMValueRef clara_ir_called_function(LLVMValueRef inst);

/* Whether `inst` is a call of a debug intrinsic (llvm.dbg.*), which
 * generates no code. */
int clara_ir_is_debug_call(LLVMValueRef inst);

/* The intrinsic ID of the function a call, invoke or callbr calls directly
 * (LLVMGetIntrinsicID), or 0: not a call, an indirect call, not an
 * intrinsic. */
unsigned clara_ir_intrinsic_id(LLVMValueRef inst);

/* Whether `inst` calls a marker intrinsic, llvm.dbg.* or llvm.lifetime.*,
 * which generates no code. */
int clara_ir_is_marker_call(LLVMValueRef inst);

/* Whether successor `k` of the terminator `term` is also one of its
 * successors 0..k-1 (a switch or a conditional branch may name a block
 * twice), so that walks over distinct successors can skip it. */
int clara_ir_repeats_successor(LLVMValueRef term, unsigned k);

#ifdef __cplusplus
}
#endif

#endif

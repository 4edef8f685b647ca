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

/* Whether `inst` is a call of a debug intrinsic (llvm.dbg.*), which
 * generates no code. */
int clara_ir_is_debug_call(LLVMValueRef inst);

#ifdef __cplusplus
}
#endif

#endif

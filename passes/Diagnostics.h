//===- passes/Diagnostics.h - Warnings through LLVM's handler ---*- C++ -*-===//
//
// Errors go through LLVMContext::emitError (opt stops with a non-zero exit);
// warnings, for results that could not be computed but do not make the input
// wrong (e.g. state that fits no memory), go through this.
//
//===----------------------------------------------------------------------===//
#ifndef CLARA_PASSES_DIAGNOSTICS_H
#define CLARA_PASSES_DIAGNOSTICS_H

#include "llvm/ADT/Twine.h"
#include "llvm/IR/Module.h"

#include <string>

namespace clara {

/// Reports "warning: <Message>" through the module's diagnostic handler.
void warn(llvm::Module &M, const llvm::Twine &Message);

/// A remark argument's spelling of a real number (ore::NV has no double):
/// six significant digits, no trailing zeros ("12.5", "0.25", "1e+06").
std::string formatNumber(double Value);

} // namespace clara

#endif

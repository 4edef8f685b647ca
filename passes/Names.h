//===- passes/Names.h - How Clara names blocks ------------------*- C++ -*-===//
//
// DESIGN.md's Contracts: a block is its IR name, or `%N` (its slot number as
// LLVM's printer shows it) when unnamed; run-time profiles key blocks by
// their index in the function.
//
//===----------------------------------------------------------------------===//
#ifndef CLARA_PASSES_NAMES_H
#define CLARA_PASSES_NAMES_H

#include "llvm/IR/BasicBlock.h"
#include "llvm/IR/ModuleSlotTracker.h"

#include <string>

namespace clara {

/// Names blocks as the Contracts say; one per module, reused across calls
/// (numbering a function's slots is done once per function).
class BlockNamer {
public:
  explicit BlockNamer(const llvm::Module &M) : Slots(&M) {}
  /// "entry", "if.then", or "%3" for an unnamed block.
  std::string name(const llvm::BasicBlock &BB);
  /// The block's position in its function, counting from 0.
  static unsigned index(const llvm::BasicBlock &BB);

private:
  llvm::ModuleSlotTracker Slots;
  const llvm::Function *Current = nullptr;
};

} // namespace clara

#endif

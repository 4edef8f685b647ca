//===- passes/Names.cpp - How Clara names blocks --------------------------===//
#include "Names.h"

#include "llvm/IR/Function.h"

using namespace llvm;

namespace clara {

std::string BlockNamer::name(const BasicBlock &BB) {
  if (BB.hasName())
    return BB.getName().str();
  const Function *F = BB.getParent();
  if (F != Current) {
    Slots.incorporateFunction(*F);
    Current = F;
  }
  int Slot = Slots.getLocalSlot(&BB);
  return Slot >= 0 ? "%" + std::to_string(Slot) : "%?";
}

unsigned BlockNamer::index(const BasicBlock &BB) {
  unsigned I = 0;
  for (const BasicBlock &Other : *BB.getParent()) {
    if (&Other == &BB)
      return I;
    ++I;
  }
  return I;
}

} // namespace clara

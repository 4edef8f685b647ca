//===- passes/PlaceState.h - clara-place-state ------------------*- C++ -*-===//
//
// Places every state object in one memory level of the NIC profile, an
// integer programme solved with GLPK (core/place.c; the paper's §4.3):
//
//   opt -load-pass-plugin=build/lib/libClara.so -passes=clara-place-state
//       -clara-nic=agilio-cx nf.bc -o /dev/null -pass-remarks-output=r.yaml
//   opt -load-pass-plugin=build/lib/libClara.so
//       -passes='print<clara-place-state>' -disable-output nf.bc
//
//===----------------------------------------------------------------------===//
#ifndef CLARA_PASSES_PLACESTATE_H
#define CLARA_PASSES_PLACESTATE_H

#include "place.h"

#include "llvm/IR/PassManager.h"
#include "llvm/Support/raw_ostream.h"

#include <memory>
#include <string>
#include <vector>

namespace clara {

struct PlacementDeleter {
  void operator()(clara_placement *P) const { clara_placement_dispose(P); }
};

/// The placement, the per-object inputs it was solved for, or why none.
struct StatePlacement {
  std::unique_ptr<clara_placement, PlacementDeleter> Core;
  std::vector<clara_place_object> Objects;
  std::vector<std::string> Names;
  std::string Frequencies; // "profile" or "static"
  std::string Error;       // set when no placement could be made
  explicit operator bool() const { return Core != nullptr; }
};

class PlaceStateAnalysis : public llvm::AnalysisInfoMixin<PlaceStateAnalysis> {
public:
  using Result = StatePlacement;
  Result run(llvm::Module &M, llvm::ModuleAnalysisManager &MAM);

private:
  friend llvm::AnalysisInfoMixin<PlaceStateAnalysis>;
  static llvm::AnalysisKey Key;
};

class PlaceStatePass : public llvm::PassInfoMixin<PlaceStatePass> {
public:
  llvm::PreservedAnalyses run(llvm::Module &M, llvm::ModuleAnalysisManager &);
  static bool isRequired() { return true; }
};

class PlaceStatePrinter : public llvm::PassInfoMixin<PlaceStatePrinter> {
public:
  explicit PlaceStatePrinter(llvm::raw_ostream &OS) : OS(OS) {}
  llvm::PreservedAnalyses run(llvm::Module &M, llvm::ModuleAnalysisManager &);
  static bool isRequired() { return true; }

private:
  llvm::raw_ostream &OS;
};

} // namespace clara

#endif

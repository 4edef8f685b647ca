//===- passes/PackVars.h - clara-pack-vars ----------------------*- C++ -*-===//
//
// Suggests which state variables to lay out together and the coalesced
// access width of each pack: k-means over access vectors (the paper's §4.4),
// per memory level clara-place-state chose (core/pack.c):
//
//   opt -load-pass-plugin=build/lib/libClara.so -passes=clara-pack-vars
//       -clara-profile=nf.profile.yaml nf.bc -o /dev/null
//       -pass-remarks-output=r.yaml
//   opt -load-pass-plugin=build/lib/libClara.so -clara-pack-static
//       -passes='print<clara-pack-vars>' -disable-output nf.bc
//
//===----------------------------------------------------------------------===//
#ifndef CLARA_PASSES_PACKVARS_H
#define CLARA_PASSES_PACKVARS_H

#include "pack.h"

#include "llvm/IR/PassManager.h"
#include "llvm/Support/raw_ostream.h"

#include <memory>
#include <string>
#include <vector>

namespace clara {

struct PackingDeleter {
  void operator()(clara_packing *P) const { clara_packing_dispose(P); }
};

/// One memory level's packing, with the names of its variables.
struct LevelPacking {
  size_t Level;
  std::vector<std::string> Names; // per variable of the packing
  std::unique_ptr<clara_packing, PackingDeleter> Core;
};

struct VariablePacking {
  std::vector<LevelPacking> Levels;
  std::string Frequencies; // "profile" or "static"
  std::string Skipped;     // why no packing was made, if none was
};

class PackVarsAnalysis : public llvm::AnalysisInfoMixin<PackVarsAnalysis> {
public:
  using Result = VariablePacking;
  Result run(llvm::Module &M, llvm::ModuleAnalysisManager &MAM);

private:
  friend llvm::AnalysisInfoMixin<PackVarsAnalysis>;
  static llvm::AnalysisKey Key;
};

class PackVarsPass : public llvm::PassInfoMixin<PackVarsPass> {
public:
  llvm::PreservedAnalyses run(llvm::Module &M, llvm::ModuleAnalysisManager &);
  static bool isRequired() { return true; }
};

class PackVarsPrinter : public llvm::PassInfoMixin<PackVarsPrinter> {
public:
  explicit PackVarsPrinter(llvm::raw_ostream &OS) : OS(OS) {}
  llvm::PreservedAnalyses run(llvm::Module &M, llvm::ModuleAnalysisManager &);
  static bool isRequired() { return true; }

private:
  llvm::raw_ostream &OS;
};

} // namespace clara

#endif

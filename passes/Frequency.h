//===- passes/Frequency.h - Block executions per packet ---------*- C++ -*-===//
//
// How often each block of the NF's own code runs per packet (core/
// frequency.c): measured, from -clara-profile, or static estimates from
// LLVM's BlockFrequencyInfo:
//
//   opt -load-pass-plugin=build/lib/libClara.so
//       -passes='print<clara-frequency>' -disable-output nf.bc
//
//===----------------------------------------------------------------------===//
#ifndef CLARA_PASSES_FREQUENCY_H
#define CLARA_PASSES_FREQUENCY_H

#include "frequency.h"

#include "llvm/IR/PassManager.h"
#include "llvm/Support/raw_ostream.h"

#include <memory>

namespace clara {

struct FrequencyDeleter {
  void operator()(clara_frequency *F) const { clara_frequency_dispose(F); }
};

/// Null when the annotation failed (reported by the annotation's users).
struct Frequencies {
  std::unique_ptr<clara_frequency, FrequencyDeleter> Core;
  const char *Source = "static"; // or "profile", as remarks say it
  explicit operator bool() const { return Core != nullptr; }
  const clara_frequency *get() const { return Core.get(); }
};

class FrequencyAnalysis : public llvm::AnalysisInfoMixin<FrequencyAnalysis> {
public:
  using Result = Frequencies;
  Result run(llvm::Module &M, llvm::ModuleAnalysisManager &MAM);

private:
  friend llvm::AnalysisInfoMixin<FrequencyAnalysis>;
  static llvm::AnalysisKey Key;
};

class FrequencyPrinter : public llvm::PassInfoMixin<FrequencyPrinter> {
public:
  explicit FrequencyPrinter(llvm::raw_ostream &OS) : OS(OS) {}
  llvm::PreservedAnalyses run(llvm::Module &M, llvm::ModuleAnalysisManager &);
  static bool isRequired() { return true; }

private:
  llvm::raw_ostream &OS;
};

} // namespace clara

#endif

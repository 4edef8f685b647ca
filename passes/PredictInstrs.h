//===- passes/PredictInstrs.h - clara-predict-instrs ------------*- C++ -*-===//
//
// Per basic block of the NF's own code, the compute instructions (learned
// model, core/predict.c) and memory accesses (from clara-annotate) the NF
// would execute on the NIC, plus framework API calls costed from the
// reverse-ported library; per entry point the per-packet totals.
//
//   opt -load-pass-plugin=build/lib/libClara.so -clara-nic=bluefield2
//       -passes=clara-predict-instrs nf.bc -o /dev/null
//       -pass-remarks-output=r.yaml
//   opt -load-pass-plugin=build/lib/libClara.so
//       -passes='print<clara-predict-instrs>' -disable-output nf.bc
//
//===----------------------------------------------------------------------===//
#ifndef CLARA_PASSES_PREDICTINSTRS_H
#define CLARA_PASSES_PREDICTINSTRS_H

#include "predict.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/IR/BasicBlock.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/PassManager.h"
#include "llvm/Support/raw_ostream.h"

#include <string>
#include <vector>

namespace clara {

/// The analysis result: per NF block its prediction, per entry point the
/// per-packet totals.
struct Predictions {
  struct Block {
    const llvm::BasicBlock *BB;
    std::string Function, Name;
    clara_block_prediction P;
  };
  struct Summary {
    const llvm::Function *F;
    double Compute, StateMemory, PacketMemory;
  };
  std::vector<Block> Blocks;
  std::vector<Summary> Summaries;
  std::string Error;
  const char *Frequencies = "static";
  explicit operator bool() const { return Error.empty(); }
};

class PredictAnalysis : public llvm::AnalysisInfoMixin<PredictAnalysis> {
public:
  using Result = Predictions;
  Result run(llvm::Module &M, llvm::ModuleAnalysisManager &MAM);

private:
  friend llvm::AnalysisInfoMixin<PredictAnalysis>;
  static llvm::AnalysisKey Key;
};

class PredictInstrsPass : public llvm::PassInfoMixin<PredictInstrsPass> {
public:
  llvm::PreservedAnalyses run(llvm::Module &M, llvm::ModuleAnalysisManager &);
  static bool isRequired() { return true; }
};

class PredictInstrsPrinter : public llvm::PassInfoMixin<PredictInstrsPrinter> {
public:
  explicit PredictInstrsPrinter(llvm::raw_ostream &OS) : OS(OS) {}
  llvm::PreservedAnalyses run(llvm::Module &M, llvm::ModuleAnalysisManager &);
  static bool isRequired() { return true; }

private:
  llvm::raw_ostream &OS;
};

} // namespace clara

#endif

//===- passes/DetectAccel.h - clara-detect-accel -----------------*- C++
//-*-===//
//
// Finds the NF's functions that implement CRC, longest prefix match, hashing
// or crypto (core/accel*.c, the paper's §4.1) and suggests the NIC's
// accelerator for each:
//
//   opt -load-pass-plugin=build/lib/libClara.so -passes=clara-detect-accel
//       nf.bc -o /dev/null -pass-remarks-output=r.yaml
//   opt -load-pass-plugin=build/lib/libClara.so
//       -passes='print<clara-detect-accel>' -disable-output nf.bc
//
// print<clara-accel-features> writes every defined function's feature row
// (the input of clara-train-accel) to stdout.
//
//===----------------------------------------------------------------------===//
#ifndef CLARA_PASSES_DETECTACCEL_H
#define CLARA_PASSES_DETECTACCEL_H

#include "accel.h"

#include "llvm/IR/PassManager.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/raw_ostream.h"

#include <string>
#include <vector>

namespace clara {

extern llvm::cl::opt<double> AccelThresholdOption;

/// The classification of one NF function.
struct AccelVerdict {
  llvm::Function *F = nullptr;
  clara_accel_class Kind = CLARA_ACCEL_NONE;
  double Confidence = 0; // probability of Kind
  double Probabilities[CLARA_ACCEL_NUM_CLASSES] = {};
  std::string Loop = "none"; // dominant loop header
  double CyclesPerCall = 0, UsesPerPacket = 0;
  size_t Instructions = 0;
  double Threshold = CLARA_ACCEL_DEFAULT_THRESHOLD; // the model's, for Kind
};

struct AccelResult {
  std::vector<AccelVerdict> Functions; // NF functions big enough, in order
  double Thresholds[CLARA_ACCEL_NUM_CLASSES] = {}; // the model's, per class
  std::string Error;
  explicit operator bool() const { return Error.empty(); }
};

class DetectAccelAnalysis
    : public llvm::AnalysisInfoMixin<DetectAccelAnalysis> {
public:
  using Result = AccelResult;
  Result run(llvm::Module &M, llvm::ModuleAnalysisManager &MAM);

private:
  friend llvm::AnalysisInfoMixin<DetectAccelAnalysis>;
  static llvm::AnalysisKey Key;
};

class DetectAccelPass : public llvm::PassInfoMixin<DetectAccelPass> {
public:
  llvm::PreservedAnalyses run(llvm::Module &M, llvm::ModuleAnalysisManager &);
  static bool isRequired() { return true; }
};

class DetectAccelPrinter : public llvm::PassInfoMixin<DetectAccelPrinter> {
public:
  explicit DetectAccelPrinter(llvm::raw_ostream &OS) : OS(OS) {}
  llvm::PreservedAnalyses run(llvm::Module &M, llvm::ModuleAnalysisManager &);
  static bool isRequired() { return true; }

private:
  llvm::raw_ostream &OS;
};

/// Writes the feature row of every defined function of at least
/// CLARA_ACCEL_MIN_INSTRUCTIONS instructions (clara_accel_features_write).
class AccelFeaturesPrinter : public llvm::PassInfoMixin<AccelFeaturesPrinter> {
public:
  explicit AccelFeaturesPrinter(llvm::raw_ostream &OS) : OS(OS) {}
  llvm::PreservedAnalyses run(llvm::Module &M, llvm::ModuleAnalysisManager &);
  static bool isRequired() { return true; }

private:
  llvm::raw_ostream &OS;
};

} // namespace clara

#endif

//===- passes/Nic.h - The NIC profile every Clara pass reads ----*- C++ -*-===//
//
// Loads the profile -clara-nic names (core/nic.c validates it), once per
// module, and prints it:
//
//   opt -load-pass-plugin=build/lib/libClara.so -clara-nic=bluefield2
//       -passes='print<clara-nic>' -disable-output nf.bc
//
//===----------------------------------------------------------------------===//
#ifndef CLARA_PASSES_NIC_H
#define CLARA_PASSES_NIC_H

#include "nic.h"

#include "llvm/IR/PassManager.h"
#include "llvm/Support/raw_ostream.h"

#include <memory>
#include <string>

namespace clara {

struct NicDeleter {
  void operator()(clara_nic *N) const { clara_nic_dispose(N); }
};

struct NicProfile {
  std::unique_ptr<clara_nic, NicDeleter> Nic;
  std::string Error;
  explicit operator bool() const { return Nic != nullptr; }
  const clara_nic *get() const { return Nic.get(); }
};

class NicAnalysis : public llvm::AnalysisInfoMixin<NicAnalysis> {
public:
  using Result = NicProfile;
  Result run(llvm::Module &M, llvm::ModuleAnalysisManager &);

private:
  friend llvm::AnalysisInfoMixin<NicAnalysis>;
  static llvm::AnalysisKey Key;
};

/// Reports a NIC profile error through the context's diagnostic handler.
/// Returns true if there was one.
bool reportNicError(llvm::Module &M, const NicProfile &P);

/// First step of clara-all: fails early on a bad -clara-nic.
class RequireNicPass : public llvm::PassInfoMixin<RequireNicPass> {
public:
  llvm::PreservedAnalyses run(llvm::Module &M, llvm::ModuleAnalysisManager &);
  static bool isRequired() { return true; }
};

class NicPrinter : public llvm::PassInfoMixin<NicPrinter> {
public:
  explicit NicPrinter(llvm::raw_ostream &OS) : OS(OS) {}
  llvm::PreservedAnalyses run(llvm::Module &M, llvm::ModuleAnalysisManager &);
  static bool isRequired() { return true; }

private:
  llvm::raw_ostream &OS;
};

} // namespace clara

#endif

//===- passes/Profile.h - The run-time profile (-clara-profile) -*- C++ -*-===//
//
// Loads the profile once per module and checks it was made from this NF's
// code (the module id of core/instrument.c):
//
//   opt -load-pass-plugin=build/lib/libClara.so -clara-profile=nf.profile.yaml
//       -passes=clara-all nf.bc -o /dev/null -pass-remarks-output=r.yaml
//
//===----------------------------------------------------------------------===//
#ifndef CLARA_PASSES_PROFILE_H
#define CLARA_PASSES_PROFILE_H

#include "profile.h"

#include "llvm/IR/PassManager.h"

#include <memory>
#include <string>

namespace clara {

struct ProfileDeleter {
  void operator()(clara_profile *P) const { clara_profile_dispose(P); }
};

/// Null when no -clara-profile was given, or when it was bad (Error says
/// why; the error has been reported once through the diagnostic handler).
struct RuntimeProfile {
  std::unique_ptr<clara_profile, ProfileDeleter> Core;
  std::string Error;
  explicit operator bool() const { return Core != nullptr; }
  const clara_profile *get() const { return Core.get(); }
};

class ProfileAnalysis : public llvm::AnalysisInfoMixin<ProfileAnalysis> {
public:
  using Result = RuntimeProfile;
  Result run(llvm::Module &M, llvm::ModuleAnalysisManager &MAM);

private:
  friend llvm::AnalysisInfoMixin<ProfileAnalysis>;
  static llvm::AnalysisKey Key;
};

} // namespace clara

#endif

//===- passes/Profile.cpp - The run-time profile -clara-profile names -----===//
#include "Profile.h"

#include "Annotate.h"
#include "Options.h"
#include "error.h"
#include "instrument.h"

#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"

using namespace llvm;

namespace clara {

AnalysisKey ProfileAnalysis::Key;

RuntimeProfile ProfileAnalysis::run(Module &M, ModuleAnalysisManager &MAM) {
  RuntimeProfile Result;
  if (ProfileOption.empty())
    return Result;
  const Annotation &A = MAM.getResult<AnnotateAnalysis>(M);
  if (!A) {
    Result.Error = A.Error;
    return Result;
  }
  char Id[17];
  char *Message = nullptr;
  clara_profile *Core = nullptr;
  if (clara_module_id(A.get(), Id, &Message) == CLARA_OK &&
      clara_profile_read(ProfileOption.c_str(), &Core, &Message) == CLARA_OK &&
      clara_profile_check_module(Core, Id, ProfileOption.c_str(), &Message) ==
          CLARA_OK) {
    Result.Core.reset(Core);
  } else {
    clara_profile_dispose(Core);
    Result.Error = Message ? Message : "cannot read the profile";
    M.getContext().emitError("clara: -clara-profile=" + ProfileOption + ": " +
                             Result.Error);
  }
  clara_dispose_message(Message);
  return Result;
}

} // namespace clara

//===- passes/Frequency.cpp - Block executions per packet -----------------===//
//
//   opt -load-pass-plugin=build/lib/libClara.so
//       -passes='print<clara-frequency>' -disable-output nf.bc
//
//===----------------------------------------------------------------------===//
#include "Frequency.h"

#include "Annotate.h"
#include "Names.h"
#include "Profile.h"
#include "error.h"

#include "llvm/Analysis/BlockFrequencyInfo.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/Format.h"

using namespace llvm;

namespace clara {

AnalysisKey FrequencyAnalysis::Key;

namespace {
struct WeightContext {
  FunctionAnalysisManager &FAM;
  const Function *Cached = nullptr;
  BlockFrequencyInfo *BFI = nullptr;
};

double blockWeight(void *Context, LLVMBasicBlockRef Block) {
  auto *C = static_cast<WeightContext *>(Context);
  BasicBlock *BB = unwrap(Block);
  Function *F = BB->getParent();
  if (F != C->Cached) {
    C->BFI = &C->FAM.getResult<BlockFrequencyAnalysis>(*F);
    C->Cached = F;
  }
  uint64_t Entry = C->BFI->getEntryFreq().getFrequency();
  return Entry ? static_cast<double>(C->BFI->getBlockFreq(BB).getFrequency()) /
                     static_cast<double>(Entry)
               : 0.0;
}
} // namespace

Frequencies FrequencyAnalysis::run(Module &M, ModuleAnalysisManager &MAM) {
  Frequencies Result;
  const Annotation &A = MAM.getResult<AnnotateAnalysis>(M);
  if (!A)
    return Result;
  const RuntimeProfile &P = MAM.getResult<ProfileAnalysis>(M);
  if (!P && !P.Error.empty())
    return Result; // reported by ProfileAnalysis
  clara_frequency *Core = nullptr;
  char *Message = nullptr;
  int Status;
  if (P) {
    Result.Source = "profile";
    Status = clara_frequency_from_profile(A.get(), P.get(), &Core, &Message);
  } else {
    WeightContext Context{
        MAM.getResult<FunctionAnalysisManagerModuleProxy>(M).getManager()};
    Status = clara_frequency_estimate(A.get(), blockWeight, &Context, &Core,
                                      &Message);
  }
  if (Status == CLARA_OK)
    Result.Core.reset(Core);
  else
    M.getContext().emitError(Twine("clara: ") + Message);
  clara_dispose_message(Message);
  return Result;
}

PreservedAnalyses FrequencyPrinter::run(Module &M, ModuleAnalysisManager &MAM) {
  const Annotation &A = MAM.getResult<AnnotateAnalysis>(M);
  if (reportAnnotationError(M, A, "print<clara-frequency>"))
    return PreservedAnalyses::all();
  const Frequencies &F = MAM.getResult<FrequencyAnalysis>(M);
  if (!F)
    return PreservedAnalyses::all();
  BlockNamer Namer(M);
  OS << "clara-frequency: " << F.Source << ", executions per packet\n";
  for (size_t I = 0, N = clara_annotation_num_functions(A.get()); I < N; ++I) {
    LLVMValueRef Fn = clara_annotation_function(A.get(), I);
    OS << "Function " << unwrap<Function>(Fn)->getName() << " CallsPerPacket="
       << format("%g", clara_frequency_function(F.get(), Fn)) << "\n";
    for (BasicBlock &BB : *unwrap<Function>(Fn))
      OS << "  Block " << Namer.name(BB) << " Index=" << BlockNamer::index(BB)
         << " PerPacket="
         << format("%g", clara_frequency_block(F.get(), wrap(&BB))) << "\n";
  }
  return PreservedAnalyses::all();
}

} // namespace clara

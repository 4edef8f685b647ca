//===- passes/Plugin.cpp - libClara.so: registration of Clara's passes ----===//
//
//   opt -load-pass-plugin=build/lib/libClara.so -passes=clara-all nf.bc
//       -o /dev/null -pass-remarks-output=nf.remarks.yaml
//
// Registers every Clara analysis with the module analysis manager, each pass
// and print<...> printer by name, and clara-all, which runs the analysis
// passes in order.
//
//===----------------------------------------------------------------------===//
#include "Annotate.h"
#include "Frequency.h"
#include "Nic.h"

#include "llvm/IR/PassManager.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Passes/PassPlugin.h"

using namespace llvm;

namespace {

void addClaraAll(ModulePassManager &MPM) {
  MPM.addPass(clara::RequireNicPass());
  MPM.addPass(clara::AnnotatePass());
}

bool parseModulePipeline(StringRef Name, ModulePassManager &MPM,
                         ArrayRef<PassBuilder::PipelineElement>) {
  if (Name == "clara-annotate") {
    MPM.addPass(clara::AnnotatePass());
    return true;
  }
  if (Name == "print<clara-annotate>") {
    MPM.addPass(clara::AnnotatePrinter(errs()));
    return true;
  }
  if (Name == "print<clara-frequency>") {
    MPM.addPass(clara::FrequencyPrinter(errs()));
    return true;
  }
  if (Name == "print<clara-nic>") {
    MPM.addPass(clara::NicPrinter(errs()));
    return true;
  }
  if (Name == "clara-all") {
    addClaraAll(MPM);
    return true;
  }
  return false;
}

void registerCallbacks(PassBuilder &PB) {
  PB.registerAnalysisRegistrationCallback([](ModuleAnalysisManager &MAM) {
    MAM.registerPass([] { return clara::AnnotateAnalysis(); });
    MAM.registerPass([] { return clara::NicAnalysis(); });
    MAM.registerPass([] { return clara::FrequencyAnalysis(); });
  });
  PB.registerPipelineParsingCallback(parseModulePipeline);
}

} // namespace

extern "C" LLVM_ATTRIBUTE_WEAK PassPluginLibraryInfo llvmGetPassPluginInfo() {
  return {LLVM_PLUGIN_API_VERSION, "Clara", "0.1", registerCallbacks};
}

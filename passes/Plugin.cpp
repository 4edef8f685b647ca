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
#include "DetectAccel.h"
#include "Frequency.h"
#include "Instrument.h"
#include "Nic.h"
#include "PackVars.h"
#include "PlaceState.h"
#include "PredictInstrs.h"
#include "Profile.h"

#include "llvm/IR/PassManager.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Passes/PassPlugin.h"

using namespace llvm;

namespace {

void addClaraAll(ModulePassManager &MPM) {
  MPM.addPass(clara::RequireNicPass());
  MPM.addPass(clara::AnnotatePass());
  // models/trained ships a model for every profile (models/README.md).
  MPM.addPass(clara::PredictInstrsPass());
  MPM.addPass(clara::DetectAccelPass());
  MPM.addPass(clara::PlaceStatePass());
  MPM.addPass(clara::PackVarsPass());
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
  if (Name == "clara-pack-vars") {
    MPM.addPass(clara::PackVarsPass());
    return true;
  }
  if (Name == "print<clara-pack-vars>") {
    MPM.addPass(clara::PackVarsPrinter(errs()));
    return true;
  }
  if (Name == "clara-place-state") {
    MPM.addPass(clara::PlaceStatePass());
    return true;
  }
  if (Name == "print<clara-place-state>") {
    MPM.addPass(clara::PlaceStatePrinter(errs()));
    return true;
  }
  if (Name == "clara-instrument") {
    MPM.addPass(clara::InstrumentPass());
    return true;
  }
  if (Name == "print<clara-module-id>") {
    MPM.addPass(clara::ModuleIdPrinter(errs()));
    return true;
  }
  if (Name == "print<clara-nic>") {
    MPM.addPass(clara::NicPrinter(errs()));
    return true;
  }
  if (Name == "clara-detect-accel") {
    MPM.addPass(clara::DetectAccelPass());
    return true;
  }
  if (Name == "print<clara-detect-accel>") {
    MPM.addPass(clara::DetectAccelPrinter(errs()));
    return true;
  }
  if (Name == "print<clara-accel-features>") {
    MPM.addPass(clara::AccelFeaturesPrinter(outs()));
    return true;
  }
  if (Name == "clara-predict-instrs") {
    MPM.addPass(clara::PredictInstrsPass());
    return true;
  }
  if (Name == "print<clara-predict-instrs>") {
    MPM.addPass(clara::PredictInstrsPrinter(errs()));
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
    MAM.registerPass([] { return clara::PredictAnalysis(); });
    MAM.registerPass([] { return clara::DetectAccelAnalysis(); });
    MAM.registerPass([] { return clara::FrequencyAnalysis(); });
    MAM.registerPass([] { return clara::ProfileAnalysis(); });
    MAM.registerPass([] { return clara::PlaceStateAnalysis(); });
    MAM.registerPass([] { return clara::PackVarsAnalysis(); });
  });
  PB.registerPipelineParsingCallback(parseModulePipeline);
  // clang -fpass-plugin=libClara.so -fplugin=libClara.so -mllvm
  // -clara-instrument: instrument the front end's code before optimisation.
  PB.registerPipelineStartEPCallback(
      [](ModulePassManager &MPM, OptimizationLevel) {
        if (clara::InstrumentOption)
          MPM.addPass(clara::InstrumentPass());
      });
}

} // namespace

extern "C" LLVM_ATTRIBUTE_WEAK PassPluginLibraryInfo llvmGetPassPluginInfo() {
  return {LLVM_PLUGIN_API_VERSION, "Clara", "0.1", registerCallbacks};
}

//===- passes/Instrument.cpp - clara-instrument ---------------------------===//
//
//   opt -load-pass-plugin=build/lib/libClara.so -passes=clara-instrument
//       nf.bc -o nf.inst.bc
//
// The shim only: the transformation is core/instrument.c, the runtime
// runtime-profiler/rt/clara_rt.c.
//
//===----------------------------------------------------------------------===//
#include "Instrument.h"

#include "Annotate.h"
#include "error.h"
#include "instrument.h"

#include "llvm/Analysis/OptimizationRemarkEmitter.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"

using namespace llvm;

namespace clara {

cl::opt<bool> InstrumentOption(
    "clara-instrument",
    cl::desc("Run clara-instrument at the start of the optimisation pipeline "
             "(clang -fpass-plugin=libClara.so -fplugin=libClara.so -mllvm "
             "-clara-instrument)"),
    cl::init(false));

static cl::opt<std::string> CountersOption(
    "clara-instrument-counters",
    cl::desc("How clara-instrument keeps counters: per-thread (thread_local "
             "arrays, plain increments; default) or atomic (one array, "
             "relaxed atomic increments)"),
    cl::value_desc("per-thread|atomic"), cl::init("per-thread"));

PreservedAnalyses InstrumentPass::run(Module &M, ModuleAnalysisManager &MAM) {
  clara_counter_mode Mode;
  if (CountersOption == "per-thread") {
    Mode = CLARA_COUNTERS_PER_THREAD;
  } else if (CountersOption == "atomic") {
    Mode = CLARA_COUNTERS_ATOMIC;
  } else {
    M.getContext().emitError(
        "clara-instrument: -clara-instrument-counters=" + CountersOption +
        " is not one of per-thread, atomic");
    return PreservedAnalyses::all();
  }
  const Annotation &A = MAM.getResult<AnnotateAnalysis>(M);
  if (reportAnnotationError(M, A, "clara-instrument"))
    return PreservedAnalyses::all();
  char Id[17] = "";
  char *Message = nullptr;
  Function *First = unwrap<Function>(clara_annotation_entry_point(A.get(), 0));
  size_t Functions = clara_annotation_num_functions(A.get());
  size_t Objects = clara_annotation_num_state_objects(A.get());
  if (clara_module_id(A.get(), Id, &Message) != CLARA_OK ||
      clara_instrument_module(wrap(&M), A.get(), Mode, &Message) != CLARA_OK) {
    M.getContext().emitError(Twine("clara-instrument: ") +
                             (Message ? Message : "failed"));
    clara_dispose_message(Message);
    return PreservedAnalyses::all();
  }
  unsigned Blocks = clara_instrumented_blocks(wrap(&M));
  OptimizationRemarkEmitter ORE(First);
  ORE.emit([&] {
    return OptimizationRemark("clara-instrument", "Instrumented", First)
           << "module " << ore::NV("Module", Id) << ": counters in "
           << ore::NV("Blocks", Blocks) << " blocks of "
           << ore::NV("Functions", static_cast<uint64_t>(Functions))
           << " functions, "
           << ore::NV("Objects", static_cast<uint64_t>(Objects))
           << " state objects";
  });
  return PreservedAnalyses::none();
}

PreservedAnalyses ModuleIdPrinter::run(Module &M, ModuleAnalysisManager &MAM) {
  const Annotation &A = MAM.getResult<AnnotateAnalysis>(M);
  if (reportAnnotationError(M, A, "print<clara-module-id>"))
    return PreservedAnalyses::all();
  char Id[17];
  char *Message = nullptr;
  if (clara_module_id(A.get(), Id, &Message) != CLARA_OK) {
    M.getContext().emitError(Twine("print<clara-module-id>: ") +
                             (Message ? Message : "failed"));
    clara_dispose_message(Message);
    return PreservedAnalyses::all();
  }
  OS << "clara-module-id: " << Id << "\n";
  return PreservedAnalyses::all();
}

} // namespace clara

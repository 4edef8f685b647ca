//===- passes/Instrument.h - clara-instrument --------------------*- C++
//-*-===//
//
// The clara-instrument transformation (core/instrument.c): block counters
// in the NF's own code and the registration of the module with libclara_rt,
// and print<clara-module-id>, which prints the id a run-time profile of the
// module must carry.
//
//   opt -load-pass-plugin=build/lib/libClara.so -passes=clara-instrument
//       nf.bc -o nf.inst.bc
//   clang++ -O2 -fpass-plugin=build/lib/libClara.so
//       -fplugin=build/lib/libClara.so -mllvm -clara-instrument -c nf.cc
//   opt -load-pass-plugin=build/lib/libClara.so
//       -passes='print<clara-module-id>' -disable-output nf.bc
//
//===----------------------------------------------------------------------===//
#ifndef CLARA_PASSES_INSTRUMENT_H
#define CLARA_PASSES_INSTRUMENT_H

#include "llvm/IR/PassManager.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/raw_ostream.h"

namespace clara {

/// -clara-instrument: run clara-instrument at the start of clang's pipeline.
extern llvm::cl::opt<bool> InstrumentOption;

class InstrumentPass : public llvm::PassInfoMixin<InstrumentPass> {
public:
  llvm::PreservedAnalyses run(llvm::Module &M, llvm::ModuleAnalysisManager &);
  static bool isRequired() { return true; }
};

class ModuleIdPrinter : public llvm::PassInfoMixin<ModuleIdPrinter> {
public:
  explicit ModuleIdPrinter(llvm::raw_ostream &OS) : OS(OS) {}
  llvm::PreservedAnalyses run(llvm::Module &M, llvm::ModuleAnalysisManager &);
  static bool isRequired() { return true; }

private:
  llvm::raw_ostream &OS;
};

} // namespace clara

#endif

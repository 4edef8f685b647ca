//===- passes/Nic.cpp - The NIC profile every Clara pass reads ------------===//
//
//   opt -load-pass-plugin=build/lib/libClara.so -clara-nic=bluefield2
//       -passes='print<clara-nic>' -disable-output nf.bc
//
//===----------------------------------------------------------------------===//
#include "Nic.h"

#include "Options.h"
#include "error.h"

#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/Format.h"

using namespace llvm;

namespace clara {

AnalysisKey NicAnalysis::Key;

NicProfile NicAnalysis::run(Module &, ModuleAnalysisManager &) {
  NicProfile Result;
  char *Path = nullptr, *Message = nullptr;
  clara_nic *Nic = nullptr;
  if (clara_nic_resolve(NicOption.c_str(), dataDir("nic").c_str(), &Path,
                        &Message) == CLARA_OK &&
      clara_nic_load_file(Path, &Nic, &Message) == CLARA_OK)
    Result.Nic.reset(Nic);
  else
    Result.Error = Message ? Message : "cannot load the NIC profile";
  clara_dispose_message(Message);
  free(Path);
  return Result;
}

bool reportNicError(Module &M, const NicProfile &P) {
  if (P)
    return false;
  M.getContext().emitError("clara: -clara-nic=" + NicOption + ": " + P.Error);
  return true;
}

PreservedAnalyses RequireNicPass::run(Module &M, ModuleAnalysisManager &MAM) {
  reportNicError(M, MAM.getResult<NicAnalysis>(M));
  return PreservedAnalyses::all();
}

PreservedAnalyses NicPrinter::run(Module &M, ModuleAnalysisManager &MAM) {
  const NicProfile &P = MAM.getResult<NicAnalysis>(M);
  if (reportNicError(M, P))
    return PreservedAnalyses::all();
  const clara_nic *N = P.get();
  OS << "clara-nic: " << N->name << " (" << N->path << ")\n";
  OS << "Cores=" << N->cores << " ThreadsPerCore=" << N->threads_per_core
     << " Islands=" << N->islands << " ClockMHz=" << format("%g", N->clock_mhz)
     << "\n";
  for (size_t I = 0; I < N->num_levels; ++I) {
    const clara_nic_level &L = N->levels[I];
    OS << "Level " << L.name << " Scope=" << clara_nic_scope_name(L.scope)
       << " CapacityBytes=" << L.capacity_bytes
       << " Read=" << format("%g", L.read_cycles)
       << " Write=" << format("%g", L.write_cycles)
       << " Atomic=" << format("%g", L.atomic_cycles);
    if (L.cache_bytes)
      OS << " CacheBytes=" << L.cache_bytes;
    OS << "\n";
  }
  for (size_t I = 0; I < N->num_accelerators; ++I)
    OS << "Accelerator " << N->accelerators[I].kind
       << " CyclesPerUse=" << format("%g", N->accelerators[I].cycles_per_use)
       << "\n";
  OS << "Backend Triple=" << N->backend.triple << " CPU=" << N->backend.cpu
     << "\n";
  return PreservedAnalyses::all();
}

} // namespace clara

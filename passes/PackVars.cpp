//===- passes/PackVars.cpp - clara-pack-vars ------------------------------===//
//
//   opt -load-pass-plugin=build/lib/libClara.so -passes=clara-pack-vars
//       -clara-profile=nf.profile.yaml nf.bc -o /dev/null
//       -pass-remarks-output=r.yaml
//
// The shim only: the problem comes from core/pack_input.c, the clustering
// and layouts from core/pack.c.
//
//===----------------------------------------------------------------------===//
#include "PackVars.h"

#include "Annotate.h"
#include "Diagnostics.h"
#include "Frequency.h"
#include "Nic.h"
#include "PlaceState.h"
#include "error.h"
#include "pack_input.h"

#include "llvm/Analysis/OptimizationRemarkEmitter.h"
#include "llvm/IR/DiagnosticInfo.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/Format.h"

using namespace llvm;

namespace clara {

static cl::opt<unsigned>
    PacksOption("clara-packs",
                cl::desc("Number of variable packs per memory level "
                         "(default 0: chosen automatically)"),
                cl::value_desc("k"), cl::init(0));

static cl::opt<bool> PackStaticOption(
    "clara-pack-static",
    cl::desc("Pack variables from static frequency estimates when no "
             "-clara-profile is given (static estimates are weak here)"),
    cl::init(false));

AnalysisKey PackVarsAnalysis::Key;

static double blockFrequency(void *Context, LLVMBasicBlockRef Block) {
  return clara_frequency_block(static_cast<const clara_frequency *>(Context),
                               Block);
}

VariablePacking PackVarsAnalysis::run(Module &M, ModuleAnalysisManager &MAM) {
  VariablePacking Result;
  const Annotation &A = MAM.getResult<AnnotateAnalysis>(M);
  const NicProfile &Nic = MAM.getResult<NicAnalysis>(M);
  const Frequencies &F = MAM.getResult<FrequencyAnalysis>(M);
  if (!A || !Nic || !F) {
    Result.Skipped = "no annotation, NIC profile or frequencies";
    return Result;
  }
  Result.Frequencies = F.Source;
  if (Result.Frequencies == std::string("static") && !PackStaticOption) {
    Result.Skipped = "needs a run-time profile (-clara-profile=FILE; or "
                     "-clara-pack-static to use static estimates)";
    return Result;
  }
  // Pack within each memory level placement chose; without a placement,
  // everything in the largest chip-wide level.
  const StatePlacement &P = MAM.getResult<PlaceStateAnalysis>(M);
  size_t N = clara_annotation_num_state_objects(A.get());
  std::vector<std::vector<size_t>> ByLevel(Nic.get()->num_levels);
  size_t Fallback = 0;
  for (size_t L = 0; L < Nic.get()->num_levels; ++L) {
    const clara_nic_level &Level = Nic.get()->levels[L];
    if (Level.scope == CLARA_SCOPE_CHIP &&
        Level.capacity_bytes >= Nic.get()->levels[Fallback].capacity_bytes)
      Fallback = L;
  }
  for (size_t I = 0; I < N; ++I)
    ByLevel[P ? P.Core->level_of_object[I] : Fallback].push_back(I);
  clara_pack_options Options;
  clara_pack_default_options(&Options);
  if (PacksOption) {
    Options.kmeans.k_min = PacksOption;
    Options.kmeans.k_max = PacksOption;
  }
  for (size_t L = 0; L < ByLevel.size(); ++L) {
    if (ByLevel[L].empty())
      continue;
    clara_pack_problem *Problem = nullptr;
    clara_packing *Packing = nullptr;
    char *Message = nullptr;
    if (clara_pack_problem_build(A.get(), blockFrequency,
                                 const_cast<clara_frequency *>(F.get()),
                                 ByLevel[L].data(), ByLevel[L].size(), &Problem,
                                 &Message) != CLARA_OK ||
        clara_pack_variables(clara_pack_problem_input(Problem),
                             &Nic.get()->levels[L], &Options, &Packing,
                             &Message) != CLARA_OK) {
      warn(M, Twine("clara-pack-vars: ") + Nic.get()->levels[L].name + ": " +
                  (Message ? Message : "packing failed"));
      clara_dispose_message(Message);
      clara_pack_problem_dispose(Problem);
      continue;
    }
    LevelPacking LP;
    LP.Level = L;
    for (size_t Object : ByLevel[L])
      LP.Names.push_back(clara_annotation_state_object(A.get(), Object)->name);
    LP.Core.reset(Packing);
    Result.Levels.push_back(std::move(LP));
    clara_pack_problem_dispose(Problem);
  }
  return Result;
}

static std::string members(const LevelPacking &LP, const clara_pack &Pack) {
  std::string S;
  for (size_t I = 0; I < Pack.num_members; ++I)
    S += (I ? ";" : "") + LP.Names[Pack.members[I]];
  return S;
}

namespace {
/// Before (declaration order) and after (Clara) over all levels.
struct Totals {
  double TransactionsBefore = 0, TransactionsAfter = 0, CyclesBefore = 0,
         CyclesAfter = 0, TransactionsBySize = 0, TransactionsExpert = 0,
         TransactionsAsWritten = 0, TransactionsFloor = 0;
  bool Expert = true;
};
} // namespace

static Totals totals(const VariablePacking &V) {
  Totals T;
  for (const LevelPacking &LP : V.Levels) {
    const clara_packing *C = LP.Core.get();
    T.TransactionsBefore += C->declaration.transactions_per_packet;
    T.TransactionsAfter += C->clara.transactions_per_packet;
    T.CyclesBefore += C->declaration.cycles_per_packet;
    T.CyclesAfter += C->clara.cycles_per_packet;
    T.TransactionsBySize += C->by_size.transactions_per_packet;
    T.TransactionsAsWritten += C->as_written.transactions_per_packet;
    T.TransactionsFloor += C->floor_transactions_per_packet;
    if (C->has_expert)
      T.TransactionsExpert += C->expert.transactions_per_packet;
    else
      T.Expert = false;
  }
  return T;
}

static bool prepare(Module &M, ModuleAnalysisManager &MAM, const char *Pass) {
  return !reportNicError(M, MAM.getResult<NicAnalysis>(M)) &&
         !reportAnnotationError(M, MAM.getResult<AnnotateAnalysis>(M), Pass);
}

PreservedAnalyses PackVarsPass::run(Module &M, ModuleAnalysisManager &MAM) {
  if (!prepare(M, MAM, "clara-pack-vars"))
    return PreservedAnalyses::all();
  const VariablePacking &V = MAM.getResult<PackVarsAnalysis>(M);
  const clara_nic *Nic = MAM.getResult<NicAnalysis>(M).get();
  Function *First = unwrap<Function>(clara_annotation_entry_point(
      MAM.getResult<AnnotateAnalysis>(M).get(), 0));
  OptimizationRemarkEmitter ORE(First);
  if (!V.Skipped.empty()) {
    ORE.emit([&] {
      return OptimizationRemarkAnalysis("clara-pack-vars", "PackingSkipped",
                                        First)
             << "no variable packing: " << ore::NV("Reason", V.Skipped);
    });
    return PreservedAnalyses::all();
  }
  for (const LevelPacking &LP : V.Levels) {
    const clara_packing *C = LP.Core.get();
    for (size_t I = 0; I < C->num_packs; ++I) {
      const clara_pack &Pack = C->packs[I];
      if (Pack.accesses_per_packet <= 0)
        continue; // cold state: nothing to coalesce
      std::string Name =
          std::string(Nic->levels[LP.Level].name) + "." + std::to_string(I);
      ORE.emit([&] {
        return OptimizationRemarkAnalysis("clara-pack-vars", "VariablePack",
                                          First)
               << "pack " << ore::NV("Pack", Name) << " lays out "
               << ore::NV("Members", members(LP, Pack))
               << " together: " << ore::NV("Bytes", Pack.bytes)
               << " bytes, read with "
               << ore::NV("AccessBytes", Pack.access_bytes) << "-byte accesses";
      });
    }
  }
  Totals T = totals(V);
  ORE.emit([&] {
    return OptimizationRemarkAnalysis("clara-pack-vars", "PackingSummary",
                                      First)
           << "packing: "
           << ore::NV("TransactionsPerPacketBefore",
                      formatNumber(T.TransactionsBefore))
           << " -> "
           << ore::NV("TransactionsPerPacketAfter",
                      formatNumber(T.TransactionsAfter))
           << " memory transactions and "
           << ore::NV("CyclesPerPacketBefore", formatNumber(T.CyclesBefore))
           << " -> "
           << ore::NV("CyclesPerPacketAfter", formatNumber(T.CyclesAfter))
           << " cycles per packet against the "
           << ore::NV("Baseline", "declaration order") << ", frequencies "
           << ore::NV("Frequencies", V.Frequencies);
  });
  return PreservedAnalyses::all();
}

PreservedAnalyses PackVarsPrinter::run(Module &M, ModuleAnalysisManager &MAM) {
  if (!prepare(M, MAM, "print<clara-pack-vars>"))
    return PreservedAnalyses::all();
  const VariablePacking &V = MAM.getResult<PackVarsAnalysis>(M);
  const clara_nic *Nic = MAM.getResult<NicAnalysis>(M).get();
  if (!V.Skipped.empty()) {
    OS << "clara-pack-vars: skipped: " << V.Skipped << "\n";
    return PreservedAnalyses::all();
  }
  OS << "clara-pack-vars: NIC=" << Nic->name << " Frequencies=" << V.Frequencies
     << "\n";
  for (const LevelPacking &LP : V.Levels) {
    const clara_packing *C = LP.Core.get();
    OS << "Level " << Nic->levels[LP.Level].name
       << " Variables=" << C->num_variables << " K=" << C->k
       << " Silhouette=" << format("%.3f", C->silhouette) << "\n";
    for (size_t I = 0; I < C->num_packs; ++I) {
      const clara_pack &Pack = C->packs[I];
      OS << "  VariablePack Pack=" << Nic->levels[LP.Level].name << "." << I
         << " Members=" << members(LP, Pack) << " Offset=" << Pack.offset
         << " Bytes=" << Pack.bytes << " AccessBytes=" << Pack.access_bytes
         << " Accesses=" << Pack.num_accesses
         << " PerPacket=" << format("%g", Pack.accesses_per_packet) << "\n";
    }
    OS << "  Transactions AsWritten="
       << format("%g", C->as_written.transactions_per_packet) << " Declaration="
       << format("%g", C->declaration.transactions_per_packet)
       << " BySize=" << format("%g", C->by_size.transactions_per_packet)
       << " Clara=" << format("%g", C->clara.transactions_per_packet);
    if (C->has_expert)
      OS << " Expert=" << format("%g", C->expert.transactions_per_packet);
    OS << " Floor=" << format("%g", C->floor_transactions_per_packet) << "\n";
  }
  Totals T = totals(V);
  OS << "PackingSummary TransactionsPerPacketBefore="
     << format("%g", T.TransactionsBefore)
     << " TransactionsPerPacketAfter=" << format("%g", T.TransactionsAfter)
     << " CyclesPerPacketBefore=" << format("%g", T.CyclesBefore)
     << " CyclesPerPacketAfter=" << format("%g", T.CyclesAfter)
     << " SortBySize=" << format("%g", T.TransactionsBySize)
     << " AsWritten=" << format("%g", T.TransactionsAsWritten);
  if (T.Expert)
    OS << " Expert=" << format("%g", T.TransactionsExpert);
  OS << " Floor=" << format("%g", T.TransactionsFloor) << "\n";
  return PreservedAnalyses::all();
}

} // namespace clara

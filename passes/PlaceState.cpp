//===- passes/PlaceState.cpp - clara-place-state --------------------------===//
//
//   opt -load-pass-plugin=build/lib/libClara.so -passes=clara-place-state
//       -clara-nic=agilio-cx nf.bc -o /dev/null -pass-remarks-output=r.yaml
//
// The shim only: accesses per object come from core/state_access.c, the
// integer programme is core/place.c.
//
//===----------------------------------------------------------------------===//
#include "PlaceState.h"

#include "Annotate.h"
#include "Diagnostics.h"
#include "Frequency.h"
#include "Nic.h"
#include "error.h"
#include "place_expert.h"
#include "state_access.h"

#include "llvm/Analysis/OptimizationRemarkEmitter.h"
#include "llvm/IR/DiagnosticInfo.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/Format.h"

using namespace llvm;

namespace clara {

static cl::list<std::string> StateSizeOption(
    "clara-state-size",
    cl::desc("Override a state object's size for placement (repeatable or "
             "comma-separated), e.g. IPRewriter::_map=1048576"),
    cl::value_desc("name=bytes"), cl::CommaSeparated);

static cl::opt<double> PacketRateOption(
    "clara-packet-rate",
    cl::desc("Target packets per second of the whole NIC; with it, memory "
             "levels' bandwidth limits constrain placement (default: off)"),
    cl::value_desc("pps"), cl::init(0.0));

static cl::opt<bool> ExhaustiveOption(
    "clara-place-exhaustive",
    cl::desc("print<clara-place-state> also prints the exhaustive optimum "
             "over the objects with accesses (at most 24; cold objects cost "
             "nothing anywhere they fit), the expert of the paper's 5.8"),
    cl::init(false));

AnalysisKey PlaceStateAnalysis::Key;

static double staticFrequency(void *Context, LLVMBasicBlockRef Block) {
  return clara_frequency_block(static_cast<const clara_frequency *>(Context),
                               Block);
}

StatePlacement PlaceStateAnalysis::run(Module &M, ModuleAnalysisManager &MAM) {
  StatePlacement Result;
  const Annotation &A = MAM.getResult<AnnotateAnalysis>(M);
  const NicProfile &Nic = MAM.getResult<NicAnalysis>(M);
  const Frequencies &F = MAM.getResult<FrequencyAnalysis>(M);
  if (!A || !Nic || !F) {
    Result.Error = "no annotation, NIC profile or frequencies";
    return Result;
  }
  size_t N = clara_annotation_num_state_objects(A.get());
  std::vector<clara_state_access> Accesses(N);
  clara_state_accesses(A.get(), staticFrequency,
                       const_cast<clara_frequency *>(F.get()), Accesses.data());
  Result.Frequencies = F.Source;
  Result.Names.resize(N);
  Result.Objects.resize(N);
  for (size_t I = 0; I < N; ++I) {
    const clara_state_object *O = clara_annotation_state_object(A.get(), I);
    Result.Names[I] = O->name;
    clara_place_object &P = Result.Objects[I];
    P.bytes = O->bytes;
    P.reads_per_packet = Accesses[I].reads;
    P.writes_per_packet = Accesses[I].writes;
    P.atomics_per_packet = Accesses[I].atomics;
    // Every core runs the NF: state it writes is written by several cores
    // and must be chip-wide; read-only state can be replicated per core.
    P.narrowest_scope = Accesses[I].writes > 0 || Accesses[I].atomics > 0 ||
                                O->stores || O->atomics || O->shared
                            ? CLARA_SCOPE_CHIP
                            : CLARA_SCOPE_CORE;
  }
  for (const std::string &Override : StateSizeOption) {
    StringRef Name, Bytes;
    std::tie(Name, Bytes) = StringRef(Override).rsplit('=');
    unsigned long long Value;
    auto It = std::find(Result.Names.begin(), Result.Names.end(), Name.str());
    if (Bytes.getAsInteger(10, Value) || Value == 0) {
      M.getContext().emitError("clara: -clara-state-size=" + Override +
                               ": expected NAME=BYTES with BYTES > 0");
      Result.Error = "bad -clara-state-size";
      return Result;
    }
    if (It == Result.Names.end()) {
      M.getContext().emitError("clara: -clara-state-size=" + Override +
                               ": no state object named '" + Name + "'");
      Result.Error = "bad -clara-state-size";
      return Result;
    }
    Result.Objects[It - Result.Names.begin()].bytes = Value;
  }
  for (size_t I = 0; I < N; ++I)
    Result.Objects[I].name = Result.Names[I].c_str();
  clara_place_options Options;
  clara_place_default_options(&Options);
  Options.packets_per_sec = PacketRateOption;
  clara_placement *Core = nullptr;
  char *Message = nullptr;
  if (clara_place_state_solve(Nic.get(), Result.Objects.data(), N, &Options,
                              &Core, &Message) == CLARA_OK)
    Result.Core.reset(Core);
  else
    Result.Error = Message ? Message : "placement failed";
  clara_dispose_message(Message);
  return Result;
}

static bool prepare(Module &M, ModuleAnalysisManager &MAM, const char *Pass) {
  if (reportNicError(M, MAM.getResult<NicAnalysis>(M)) ||
      reportAnnotationError(M, MAM.getResult<AnnotateAnalysis>(M), Pass))
    return false;
  const StatePlacement &P = MAM.getResult<PlaceStateAnalysis>(M);
  if (!P && !P.Error.empty() && P.Error != "bad -clara-state-size")
    warn(M, Twine(Pass) + ": no placement: " + P.Error);
  return bool(P);
}

PreservedAnalyses PlaceStatePass::run(Module &M, ModuleAnalysisManager &MAM) {
  if (!prepare(M, MAM, "clara-place-state"))
    return PreservedAnalyses::all();
  const StatePlacement &P = MAM.getResult<PlaceStateAnalysis>(M);
  const clara_nic *Nic = MAM.getResult<NicAnalysis>(M).get();
  const clara_placement *C = P.Core.get();
  Function *First = unwrap<Function>(clara_annotation_entry_point(
      MAM.getResult<AnnotateAnalysis>(M).get(), 0));
  OptimizationRemarkEmitter ORE(First);
  for (size_t I = 0; I < P.Objects.size(); ++I) {
    const clara_place_object &O = P.Objects[I];
    const clara_nic_level &L = Nic->levels[C->level_of_object[I]];
    ORE.emit([&] {
      return OptimizationRemarkAnalysis("clara-place-state", "StatePlacement",
                                        First)
             << "place " << ore::NV("Object", P.Names[I]) << " in "
             << ore::NV("Level", L.name)
             << (C->cached[I] ? " (in its SRAM cache)" : "") << ": "
             << ore::NV("Bytes", O.bytes) << " bytes, "
             << ore::NV("Accesses",
                        formatNumber(O.reads_per_packet + O.writes_per_packet +
                                     O.atomics_per_packet))
             << " accesses and "
             << ore::NV("CyclesPerPacket",
                        formatNumber(C->object_cycles_per_packet[I]))
             << " cycles per packet";
    });
  }
  ORE.emit([&] {
    OptimizationRemarkAnalysis R("clara-place-state", "PlacementSummary",
                                 First);
    R << "state placement: "
      << ore::NV("CyclesPerPacket", formatNumber(C->cycles_per_packet))
      << " memory cycles per packet against "
      << ore::NV("BaselineCyclesPerPacket",
                 formatNumber(C->baseline_cycles_per_packet))
      << " with everything in " << Nic->levels[C->baseline_level].name
      << "; accesses per packet:";
    for (size_t J = 0; J < C->num_levels; ++J)
      R << " "
        << ore::NV(
               ("AccessesPerPacket" + std::string(Nic->levels[J].name)).c_str(),
               formatNumber(C->accesses_per_packet[J]));
    R << "; solver " << ore::NV("Solver", C->solver_status) << " in "
      << ore::NV("SolveMs", formatNumber(C->solve_ms)) << " ms, frequencies "
      << ore::NV("Frequencies", P.Frequencies);
    return R;
  });
  return PreservedAnalyses::all();
}

PreservedAnalyses PlaceStatePrinter::run(Module &M,
                                         ModuleAnalysisManager &MAM) {
  if (!prepare(M, MAM, "print<clara-place-state>"))
    return PreservedAnalyses::all();
  const StatePlacement &P = MAM.getResult<PlaceStateAnalysis>(M);
  const clara_nic *Nic = MAM.getResult<NicAnalysis>(M).get();
  const clara_placement *C = P.Core.get();
  OS << "clara-place-state: NIC=" << Nic->name
     << " Objects=" << P.Objects.size() << " Frequencies=" << P.Frequencies
     << " Solver=" << C->solver_status << "\n";
  for (size_t I = 0; I < P.Objects.size(); ++I) {
    const clara_place_object &O = P.Objects[I];
    OS << "StatePlacement Object=" << P.Names[I]
       << " Level=" << Nic->levels[C->level_of_object[I]].name
       << " Cached=" << (C->cached[I] ? "yes" : "no") << " Bytes=" << O.bytes
       << " Reads=" << format("%g", O.reads_per_packet)
       << " Writes=" << format("%g", O.writes_per_packet)
       << " Atomics=" << format("%g", O.atomics_per_packet)
       << " CyclesPerPacket=" << format("%g", C->object_cycles_per_packet[I])
       << "\n";
  }
  OS << "PlacementSummary CyclesPerPacket="
     << format("%g", C->cycles_per_packet) << " BaselineCyclesPerPacket="
     << format("%g", C->baseline_cycles_per_packet)
     << " Baseline=" << Nic->levels[C->baseline_level].name;
  for (size_t J = 0; J < C->num_levels; ++J)
    OS << " AccessesPerPacket" << Nic->levels[J].name << "="
       << format("%g", C->accesses_per_packet[J]);
  OS << "\n";
  if (ExhaustiveOption) {
    size_t N = P.Objects.size();
    std::vector<size_t> Levels(N);
    std::vector<unsigned char> Cached(N);
    double Cycles = 0;
    size_t Hot = 0;
    char *Message = nullptr;
    clara_place_options Options;
    clara_place_default_options(&Options);
    Options.packets_per_sec = PacketRateOption;
    if (clara_place_state_expert(Nic, P.Objects.data(), N, &Options,
                                 Levels.data(), Cached.data(), &Cycles, &Hot,
                                 &Message) == CLARA_OK) {
      size_t Differ = 0;
      for (size_t I = 0; I < N; ++I)
        Differ +=
            (P.Objects[I].reads_per_packet > 0 ||
             P.Objects[I].writes_per_packet > 0 ||
             P.Objects[I].atomics_per_packet > 0) &&
            (Levels[I] != C->level_of_object[I] || Cached[I] != C->cached[I]);
      OS << "PlacementExhaustive ExhaustiveCyclesPerPacket="
         << format("%g", Cycles)
         << " CyclesPerPacket=" << format("%g", C->cycles_per_packet)
         << " HotObjects=" << Hot << " Objects=" << N
         << " HotObjectsPlacedDifferently=" << Differ << "\n";
    } else {
      OS << "PlacementExhaustive unavailable: " << (Message ? Message : "")
         << "\n";
    }
    clara_dispose_message(Message);
  }
  return PreservedAnalyses::all();
}

} // namespace clara

//===- passes/DetectAccel.cpp - clara-detect-accel ------------------------===//
//
//   opt -load-pass-plugin=build/lib/libClara.so -passes=clara-detect-accel
//       [-clara-accel-threshold=0.5] [-clara-accel-probe=false]
//       [-clara-model-dir=DIR] nf.bc -o /dev/null -pass-remarks-output=r.yaml
//
// The shim only: hands LoopInfo, SCEV's constant maximum trip counts and
// BlockFrequencyInfo to core/accel*.c as plain data, has core/accel_probe.c
// run the functions on generated inputs (in a confined child process), and
// turns the verdicts into AcceleratorCandidate remarks.
//
//===----------------------------------------------------------------------===//
#include "DetectAccel.h"

#include "Annotate.h"
#include "Diagnostics.h"
#include "Frequency.h"
#include "Nic.h"
#include "Options.h"
#include "error.h"

#include "llvm/Analysis/BlockFrequencyInfo.h"
#include "llvm/Analysis/LoopInfo.h"
#include "llvm/Analysis/OptimizationRemarkEmitter.h"
#include "llvm/Analysis/ScalarEvolution.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/Format.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>

using namespace llvm;

namespace clara {

cl::opt<double> AccelThresholdOption(
    "clara-accel-threshold",
    cl::desc("clara-detect-accel reports a function only when the model's "
             "probability of its class is at least this (default 0.5) and "
             "at least the model's threshold for the class (accel.meta)"),
    cl::init(CLARA_ACCEL_DEFAULT_THRESHOLD));

cl::opt<bool> AccelProbeOption(
    "clara-accel-probe",
    cl::desc("clara-detect-accel runs each function on generated inputs, "
             "JIT-compiled in a confined child process, to measure how it "
             "behaves (core/accel_probe.h); false leaves those features "
             "unmeasured (default true)"),
    cl::init(true));

AnalysisKey DetectAccelAnalysis::Key;

namespace {

/// LoopInfo and frequencies of one function, kept alive for core.
struct FunctionData {
  Function *F = nullptr;
  std::vector<std::vector<unsigned>> LoopBlocks;
  std::vector<clara_accel_loop> Loops;
  std::vector<double> Freq;
  std::vector<std::string> Headers;
  clara_accel_function Core{};
};

void gather(Function &F, FunctionAnalysisManager &FAM, bool WithFrequencies,
            FunctionData &D) {
  D.F = &F;
  DenseMap<const BasicBlock *, unsigned> Index;
  unsigned N = 0;
  for (BasicBlock &BB : F)
    Index[&BB] = N++;
  LoopInfo &LI = FAM.getResult<LoopAnalysis>(F);
  ScalarEvolution &SE = FAM.getResult<ScalarEvolutionAnalysis>(F);
  SmallVector<Loop *, 16> All = LI.getLoopsInPreorder();
  DenseMap<const Loop *, int> LoopIndex;
  for (Loop *L : All)
    LoopIndex[L] = static_cast<int>(LoopIndex.size());
  D.LoopBlocks.resize(All.size());
  D.Loops.resize(All.size());
  for (size_t I = 0; I < All.size(); ++I) {
    Loop *L = All[I];
    for (BasicBlock *BB : L->blocks())
      D.LoopBlocks[I].push_back(Index[BB]);
    SmallVector<BasicBlock *, 4> Latches, Exits;
    L->getLoopLatches(Latches);
    L->getExitingBlocks(Exits);
    clara_accel_loop &C = D.Loops[I];
    C.header = Index[L->getHeader()];
    C.depth = L->getLoopDepth();
    C.parent = L->getParentLoop() ? LoopIndex[L->getParentLoop()] : -1;
    C.num_latches = Latches.size();
    C.num_exits = Exits.size();
    C.max_trip_count = SE.getSmallConstantMaxTripCount(L);
    std::string Name;
    if (L->getHeader()->hasName()) {
      Name = L->getHeader()->getName().str();
    } else {
      raw_string_ostream OS(Name);
      L->getHeader()->printAsOperand(OS, false);
    }
    D.Headers.push_back(Name);
  }
  for (size_t I = 0; I < All.size(); ++I) {
    D.Loops[I].blocks = D.LoopBlocks[I].data();
    D.Loops[I].num_blocks = D.LoopBlocks[I].size();
  }
  if (WithFrequencies) {
    BlockFrequencyInfo &BFI = FAM.getResult<BlockFrequencyAnalysis>(F);
    double Entry = static_cast<double>(BFI.getEntryFreq().getFrequency());
    for (BasicBlock &BB : F)
      D.Freq.push_back(Entry > 0 ? BFI.getBlockFreq(&BB).getFrequency() / Entry
                                 : 1.0);
  }
  D.Core.function = wrap(&F);
  D.Core.loops = D.Loops.data();
  D.Core.num_loops = D.Loops.size();
  D.Core.block_frequency = D.Freq.empty() ? nullptr : D.Freq.data();
}

std::string modelDir() {
  return ModelDirOption.empty() ? dataDir("models") : ModelDirOption.getValue();
}

struct ModelDeleter {
  void operator()(clara_accel_model *M) const { clara_accel_model_dispose(M); }
};

struct FeaturesDeleter {
  void operator()(clara_accel_features *F) const {
    clara_accel_features_dispose(F);
  }
};

std::string takeMessage(char *Message, const char *Fallback) {
  std::string S = Message ? Message : Fallback;
  clara_dispose_message(Message);
  return S;
}

using FeaturesPtr = std::unique_ptr<clara_accel_features, FeaturesDeleter>;

/// Fills the behavioural features of `Fts` (one per function of `Fns`) from
/// one run of core/accel_probe.c over the module, unless -clara-accel-probe
/// is false. Returns an error message, empty on success.
std::string probe(Module &M, const std::vector<LLVMValueRef> &Fns,
                  std::vector<FeaturesPtr> &Fts) {
  if (!AccelProbeOption || Fns.empty())
    return "";
  char *Why = nullptr;
  if (!clara_accel_probe_available(&Why)) {
    // Detection still works, on the static features alone (the model
    // treats the probe features as missing), but less well: say so.
    warn(M, Twine("clara-detect-accel: behavioural probes unavailable: ") +
                takeMessage(Why, "unknown reason") +
                "; detection uses the static features only "
                "(-clara-accel-probe=false silences this)");
    return "";
  }
  std::vector<double> Values(Fns.size() * CLARA_ACCEL_NUM_PROBE);
  char *Message = nullptr;
  if (clara_accel_probe(wrap(&M), Fns.data(), Fns.size(), Values.data(),
                        &Message) != CLARA_OK)
    return takeMessage(Message, "probe failed");
  for (size_t I = 0; I < Fns.size(); ++I)
    for (size_t K = 0; K < CLARA_ACCEL_NUM_PROBE; ++K)
      Fts[I]->structural[CLARA_ACCEL_NUM_STATIC + K] =
          Values[I * CLARA_ACCEL_NUM_PROBE + K];
  return "";
}

// Completes the rows once their static features are in (Fns[I] is row I's
// function): the probe features, then the call-graph context features,
// which summarise the neighbours' static and probe values. An error
// message, or "".
std::string completeRows(Module &M, const std::vector<LLVMValueRef> &Fns,
                         std::vector<FeaturesPtr> &Fts) {
  std::string ProbeError = probe(M, Fns, Fts);
  if (!ProbeError.empty())
    return ProbeError;
  std::vector<clara_accel_features *> Rows;
  for (FeaturesPtr &Ft : Fts)
    Rows.push_back(Ft.get());
  char *Message = nullptr;
  if (clara_accel_call_context(Rows.data(), Fns.data(), Rows.size(),
                               &Message) != CLARA_OK)
    return takeMessage(Message, "context failed");
  return "";
}

} // namespace

AccelResult DetectAccelAnalysis::run(Module &M, ModuleAnalysisManager &MAM) {
  AccelResult R;
  const Annotation &A = MAM.getResult<AnnotateAnalysis>(M);
  if (!A) {
    R.Error = A.Error;
    return R;
  }
  char *Message = nullptr;
  clara_accel_model *Raw = nullptr;
  std::string Dir = modelDir();
  if (clara_accel_model_load(Dir.c_str(), &Raw, &Message) != CLARA_OK) {
    R.Error = takeMessage(Message, "cannot load the accelerator model");
    return R;
  }
  std::unique_ptr<clara_accel_model, ModelDeleter> Model(Raw);
  const double *Thresholds = clara_accel_model_thresholds(Model.get());
  for (int C = 0; C < CLARA_ACCEL_NUM_CLASSES; ++C)
    R.Thresholds[C] = Thresholds[C];
  FunctionAnalysisManager &FAM =
      MAM.getResult<FunctionAnalysisManagerModuleProxy>(M).getManager();

  clara_annotation *Core = A.get();
  size_t N = clara_annotation_num_functions(Core);
  std::vector<FunctionData> Data(N);
  std::vector<clara_accel_function> Fns(N);
  std::vector<int> IsEntry(N, 0);
  for (size_t I = 0; I < N; ++I) {
    Function *F = unwrap<Function>(clara_annotation_function(Core, I));
    gather(*F, FAM, true, Data[I]);
    Fns[I] = Data[I].Core;
    for (size_t E = 0, NE = clara_annotation_num_entry_points(Core); E < NE;
         ++E)
      if (clara_annotation_entry_point(Core, E) == wrap(F))
        IsEntry[I] = 1;
  }
  std::vector<double> Uses(N, 0.0);
  clara_accel_uses_per_packet(Fns.data(), N, IsEntry.data(), Uses.data());
  // With a run-time profile (-clara-profile), uses per packet are measured:
  // the function's entries per packet.
  const Frequencies &Freq = MAM.getResult<FrequencyAnalysis>(M);
  if (Freq && std::strcmp(Freq.Source, "profile") == 0)
    for (size_t I = 0; I < N; ++I)
      Uses[I] = clara_frequency_function(Freq.get(), Fns[I].function);
  // Small helpers among the NF's own functions are analysed in their
  // callers, as if inlined.
  std::vector<LLVMValueRef> Own(N);
  for (size_t I = 0; I < N; ++I)
    Own[I] = Fns[I].function;
  for (size_t I = 0; I < N; ++I) {
    Fns[I].own_functions = Own.data();
    Fns[I].num_own_functions = N;
  }

  std::vector<FeaturesPtr> Fts;
  std::vector<size_t> Index;
  std::vector<LLVMValueRef> Probed;
  for (size_t I = 0; I < N; ++I) {
    clara_accel_features *FRaw = nullptr;
    if (clara_accel_extract(&Fns[I], &FRaw, &Message) != CLARA_OK) {
      R.Error = takeMessage(Message, "feature extraction failed");
      return R;
    }
    FeaturesPtr Ft(FRaw);
    if (Ft->instructions < CLARA_ACCEL_MIN_INSTRUCTIONS)
      continue;
    Fts.push_back(std::move(Ft));
    Index.push_back(I);
    Probed.push_back(Fns[I].function);
  }
  std::string RowError = completeRows(M, Probed, Fts);
  if (!RowError.empty()) {
    R.Error = RowError;
    return R;
  }
  for (size_t J = 0; J < Fts.size(); ++J) {
    size_t I = Index[J];
    const clara_accel_features *Ft = Fts[J].get();
    AccelVerdict V;
    V.F = Data[I].F;
    V.Instructions = Ft->instructions;
    if (clara_accel_model_predict(Model.get(), Ft, V.Probabilities, &Message) !=
        CLARA_OK) {
      R.Error = takeMessage(Message, "prediction failed");
      return R;
    }
    for (int C = 0; C < CLARA_ACCEL_NUM_CLASSES; ++C)
      if (V.Probabilities[C] > V.Confidence) {
        V.Confidence = V.Probabilities[C];
        V.Kind = static_cast<clara_accel_class>(C);
      }
    V.Threshold = R.Thresholds[V.Kind];
    if (Ft->dominant_loop >= 0)
      V.Loop = Data[I].Headers[Ft->dominant_loop];
    V.CyclesPerCall = clara_accel_cycles_per_call(&Fns[I]);
    V.UsesPerPacket = Uses[I];
    R.Functions.push_back(V);
  }
  return R;
}

static bool reportAccelError(Module &M, const AccelResult &R) {
  if (R)
    return false;
  M.getContext().emitError(Twine("clara-detect-accel: ") + R.Error);
  return true;
}

/// A number as a remark argument (ore::NV has no floating-point form).
static std::string fixed(double V, int Digits) {
  char Buf[64];
  snprintf(Buf, sizeof Buf, "%.*f", Digits, V);
  return Buf;
}

static bool isCandidate(const AccelVerdict &V) {
  return V.Kind != CLARA_ACCEL_NONE && V.Confidence >= AccelThresholdOption &&
         V.Confidence >= V.Threshold;
}

PreservedAnalyses DetectAccelPass::run(Module &M, ModuleAnalysisManager &MAM) {
  const NicProfile &Nic = MAM.getResult<NicAnalysis>(M);
  if (reportNicError(M, Nic))
    return PreservedAnalyses::all();
  const AccelResult &R = MAM.getResult<DetectAccelAnalysis>(M);
  if (reportAccelError(M, R))
    return PreservedAnalyses::all();
  const Annotation &A = MAM.getResult<AnnotateAnalysis>(M);
  FunctionAnalysisManager &FAM =
      MAM.getResult<FunctionAnalysisManagerModuleProxy>(M).getManager();
  for (const AccelVerdict &V : R.Functions) {
    if (!isCandidate(V))
      continue;
    const char *Kind = clara_accel_class_name(V.Kind);
    const clara_nic_accelerator *Acc =
        clara_nic_find_accelerator(Nic.get(), Kind);
    std::string Suggestion = Acc ? std::string(Acc->suggestion)
                                 : std::string("no ") + Kind +
                                       " accelerator in NIC profile " +
                                       Nic.get()->name;
    double Saved = Acc ? V.CyclesPerCall - Acc->cycles_per_use : 0.0;
    auto &ORE = FAM.getResult<OptimizationRemarkEmitterAnalysis>(*V.F);
    ORE.emit([&] {
      OptimizationRemarkAnalysis Rem("clara-detect-accel",
                                     "AcceleratorCandidate", V.F);
      Rem << ore::NV("Function", V.F->getName()) << " ("
          << ore::NV("Demangled", demangledName(A, V.F))
          << "): " << ore::NV("Kind", Kind) << " in loop "
          << ore::NV("Loop", V.Loop) << " (confidence "
          << ore::NV("Confidence", fixed(V.Confidence, 3))
          << "); suggestion: " << ore::NV("Suggestion", Suggestion)
          << "; saves " << ore::NV("CyclesSaved", fixed(Saved, 0))
          << " cycles per use, "
          << ore::NV("UsesPerPacket", fixed(V.UsesPerPacket, 3))
          << " uses per packet";
      return Rem;
    });
  }
  return PreservedAnalyses::all();
}

PreservedAnalyses DetectAccelPrinter::run(Module &M,
                                          ModuleAnalysisManager &MAM) {
  const AccelResult &R = MAM.getResult<DetectAccelAnalysis>(M);
  if (reportAccelError(M, R))
    return PreservedAnalyses::all();
  OS << "clara-detect-accel: " << M.getModuleIdentifier() << " (threshold "
     << format("%.2f", AccelThresholdOption.getValue()) << "; model thresholds";
  for (int C = 0; C < CLARA_ACCEL_NONE; ++C)
    OS << " " << clara_accel_class_name(static_cast<clara_accel_class>(C))
       << "=" << format("%.2f", R.Thresholds[C]);
  OS << ")\n";
  for (const AccelVerdict &V : R.Functions) {
    OS << (isCandidate(V) ? "candidate " : "no        ") << V.F->getName()
       << " kind=" << clara_accel_class_name(V.Kind)
       << " confidence=" << format("%.3f", V.Confidence) << " loop=" << V.Loop
       << " cycles-per-call=" << format("%.0f", V.CyclesPerCall)
       << " uses-per-packet=" << format("%.3g", V.UsesPerPacket) << "\n";
  }
  return PreservedAnalyses::all();
}

PreservedAnalyses AccelFeaturesPrinter::run(Module &M,
                                            ModuleAnalysisManager &MAM) {
  FunctionAnalysisManager &FAM =
      MAM.getResult<FunctionAnalysisManagerModuleProxy>(M).getManager();
  // Every defined function, whatever its name (so that metarenamer changes
  // no row); every defined small helper is analysed as if inlined.
  std::vector<FeaturesPtr> Fts;
  std::vector<LLVMValueRef> Probed;
  for (Function &F : M) {
    if (F.isDeclaration())
      continue;
    FunctionData D;
    gather(F, FAM, false, D);
    clara_accel_features *FRaw = nullptr;
    char *Message = nullptr;
    if (clara_accel_extract(&D.Core, &FRaw, &Message) != CLARA_OK) {
      M.getContext().emitError(Twine("print<clara-accel-features>: ") +
                               takeMessage(Message, "extraction failed"));
      return PreservedAnalyses::all();
    }
    FeaturesPtr Ft(FRaw);
    if (Ft->instructions < CLARA_ACCEL_MIN_INSTRUCTIONS)
      continue;
    Fts.push_back(std::move(Ft));
    Probed.push_back(wrap(&F));
  }
  std::string RowError = completeRows(M, Probed, Fts);
  if (!RowError.empty()) {
    M.getContext().emitError(Twine("print<clara-accel-features>: ") + RowError);
    return PreservedAnalyses::all();
  }
  std::string Rows;
  for (size_t J = 0; J < Fts.size(); ++J) {
    char *Message = nullptr;
    char *Buf = nullptr;
    size_t Len = 0;
    FILE *Mem = open_memstream(&Buf, &Len);
    if (!Mem) {
      M.getContext().emitError("print<clara-accel-features>: out of memory");
      return PreservedAnalyses::all();
    }
    int Status = clara_accel_features_write(
        Fts[J].get(), unwrap<Function>(Probed[J])->getName().str().c_str(), Mem,
        &Message);
    fclose(Mem);
    if (Status != CLARA_OK) {
      free(Buf);
      M.getContext().emitError(Twine("print<clara-accel-features>: ") +
                               takeMessage(Message, "write failed"));
      return PreservedAnalyses::all();
    }
    Rows.append(Buf, Len);
    free(Buf);
  }
  OS << Rows;
  return PreservedAnalyses::all();
}

} // namespace clara

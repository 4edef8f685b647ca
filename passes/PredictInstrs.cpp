//===- passes/PredictInstrs.cpp - clara-predict-instrs --------------------===//
//
//   opt -load-pass-plugin=build/lib/libClara.so -clara-nic=bluefield2
//       -passes=clara-predict-instrs nf.bc -o /dev/null
//       -pass-remarks-output=r.yaml
//
// The shim only: the model, the API costs and the summaries are
// core/predict.c. Block frequencies come from FrequencyAnalysis (profiled
// with -clara-profile, else static), relative to each function's calls;
// internal calls count through their call sites.
//
// What the model and the memory count read of a block after the NIC's
// porting pipeline comes from a clone of the module, retargeted to the
// profile's backend like clara-label does (triple, datalayout, target-cpu/
// features, optnone dropped): every original instruction's clone gets a
// unique debug line, the profile's IR pipeline (which keeps the CFG) runs on
// the clone, and each surviving instruction takes the clara-annotate kind of
// the original its line names.
//
//===----------------------------------------------------------------------===//
#include "PredictInstrs.h"

#include "Annotate.h"
#include "Frequency.h"
#include "Names.h"
#include "Nic.h"
#include "Options.h"
#include "error.h"
#include "vocab.h"

#include "llvm/Analysis/OptimizationRemarkEmitter.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/DIBuilder.h"
#include "llvm/IR/DebugInfo.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Metadata.h"
#include "llvm/IR/Module.h"
#include "llvm/MC/TargetRegistry.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Target/TargetMachine.h"
#include "llvm/Transforms/Utils/Cloning.h"

using namespace llvm;

namespace clara {

AnalysisKey PredictAnalysis::Key;

namespace {
struct ModelDeleter {
  void operator()(clara_predict_model *M) const {
    clara_predict_model_dispose(M);
  }
};
struct ApiDeleter {
  void operator()(clara_api_costs *A) const { clara_api_costs_dispose(A); }
};
} // namespace

namespace {
/// Per NF function (annotation order), per block: the block's words after
/// the porting pipeline ("" when unavailable).
using PortedWords = std::vector<std::vector<std::string>>;

struct LineKinds {
  std::vector<clara_kind> Kinds;               // line L -> Kinds[L - 1]
  std::vector<std::pair<size_t, long>> Blocks; // line L -> (function, block)
  size_t Function = 0;                         // the function being tokenised
};

clara_kind kindByLine(void *Context, LLVMValueRef Inst) {
  const LineKinds *K = static_cast<const LineKinds *>(Context);
  const DebugLoc &DL = unwrap<Instruction>(Inst)->getDebugLoc();
  if (!DL)
    return CLARA_KIND_NONE;
  unsigned Line = DL.getLine();
  return Line == 0 || Line > K->Kinds.size() ? CLARA_KIND_NONE
                                             : K->Kinds[Line - 1];
}

/// The original block of a ported instruction (by its debug line), -1 for
/// code the pipeline made.
long blockByLine(void *Context, LLVMValueRef Inst, unsigned long *Order) {
  const LineKinds *K = static_cast<const LineKinds *>(Context);
  const DebugLoc &DL = unwrap<Instruction>(Inst)->getDebugLoc();
  if (!DL)
    return -1;
  unsigned Line = DL.getLine();
  if (Line == 0 || Line > K->Blocks.size() ||
      K->Blocks[Line - 1].first != K->Function)
    return -1;
  *Order = Line;
  return K->Blocks[Line - 1].second;
}
} // namespace

/// Runs the profile's porting pipeline on a retargeted clone of M and
/// tokenises the NF functions' blocks. Returns false with Err set when the
/// pipeline cannot run.
static bool portedWords(Module &M, const clara_nic *Nic, clara_annotation *Core,
                        PortedWords &Out, std::string &Err) {
  size_t NumFns = clara_annotation_num_functions(Core);
  Out.assign(NumFns, {});
  ValueToValueMapTy VMap;
  std::unique_ptr<Module> C = CloneModule(M, VMap);
  std::string TErr;
  const Target *T = TargetRegistry::lookupTarget(Nic->backend.triple, TErr);
  std::unique_ptr<TargetMachine> TM;
  if (T)
    TM.reset(T->createTargetMachine(Nic->backend.triple, Nic->backend.cpu,
                                    Nic->backend.features, TargetOptions(),
                                    std::nullopt));
  if (!TM) {
    Err = std::string("no LLVM backend for '") + Nic->backend.triple +
          "' in this opt: " + TErr;
    return false;
  }
  C->setTargetTriple(Nic->backend.triple);
  C->setDataLayout(TM->createDataLayout());
  StripDebugInfo(*C);
  for (Function &F : *C) {
    F.removeFnAttr(Attribute::OptimizeNone);
    F.removeFnAttr("frame-pointer");
    F.removeFnAttr("tune-cpu");
    F.removeFnAttr("target-cpu");
    F.removeFnAttr("target-features");
    F.removeFnAttr("min-legal-vector-width");
    if (*Nic->backend.cpu)
      F.addFnAttr("target-cpu", Nic->backend.cpu);
    if (*Nic->backend.features)
      F.addFnAttr("target-features", Nic->backend.features);
  }
  // One debug line per original instruction of the NF's code.
  LineKinds K;
  {
    DIBuilder DIB(*C);
    DIFile *File = DIB.createFile("clara-predict.ll", "/");
    DIB.createCompileUnit(dwarf::DW_LANG_C_plus_plus, File, "clara", false, "",
                          0, "", DICompileUnit::LineTablesOnly);
    DISubroutineType *Ty =
        DIB.createSubroutineType(DIB.getOrCreateTypeArray({}));
    for (size_t I = 0; I < NumFns; ++I) {
      Function *F = unwrap<Function>(clara_annotation_function(Core, I));
      if (F->isDeclaration())
        continue;
      Function *CF = cast<Function>(VMap[F]);
      DISubprogram *SP = DIB.createFunction(
          File, CF->getName(), CF->getName(), File, K.Kinds.size() + 1, Ty,
          K.Kinds.size() + 1, DINode::FlagZero, DISubprogram::SPFlagDefinition);
      CF->setSubprogram(SP);
      long B = 0;
      for (BasicBlock &BB : *F) {
        for (Instruction &Inst : BB) {
          auto It = VMap.find(&Inst);
          if (It == VMap.end())
            continue;
          K.Kinds.push_back(clara_annotation_kind(Core, wrap(&Inst)));
          K.Blocks.emplace_back(I, B);
          cast<Instruction>(It->second)
              ->setDebugLoc(
                  DILocation::get(C->getContext(), K.Kinds.size(), 1, SP));
        }
        ++B;
      }
    }
    DIB.finalize();
    C->addModuleFlag(Module::Warning, "Debug Info Version",
                     DEBUG_METADATA_VERSION);
  }
  {
    LoopAnalysisManager LAM;
    FunctionAnalysisManager FAM;
    CGSCCAnalysisManager CGAM;
    ModuleAnalysisManager CMAM;
    PassBuilder PB(TM.get());
    PB.registerModuleAnalyses(CMAM);
    PB.registerCGSCCAnalyses(CGAM);
    PB.registerFunctionAnalyses(FAM);
    PB.registerLoopAnalyses(LAM);
    PB.crossRegisterProxies(LAM, FAM, CGAM, CMAM);
    ModulePassManager MPM;
    if (Error E = PB.parsePassPipeline(MPM, Nic->backend.pipeline)) {
      Err = std::string("the porting pipeline '") + Nic->backend.pipeline +
            "' of NIC profile '" + Nic->name +
            "' does not parse: " + toString(std::move(E));
      return false;
    }
    MPM.run(*C, CMAM);
  }
  for (size_t I = 0; I < NumFns; ++I) {
    Function *F = unwrap<Function>(clara_annotation_function(Core, I));
    if (F->isDeclaration())
      continue;
    Function *CF = C->getFunction(F->getName());
    // The pipeline keeps the CFG: blocks correspond by position.
    if (!CF || CF->size() != F->size())
      continue;
    std::vector<char *> Words(CF->size(), nullptr);
    K.Function = I;
    clara_vocab_function_ported_tokens(wrap(CF), Words.size(), &Nic->backend,
                                       kindByLine, blockByLine, &K,
                                       Words.data());
    for (char *W : Words) {
      Out[I].push_back(W ? W : "");
      free(W);
    }
  }
  return true;
}

Predictions PredictAnalysis::run(Module &M, ModuleAnalysisManager &MAM) {
  Predictions R;
  const Annotation &A = MAM.getResult<AnnotateAnalysis>(M);
  const NicProfile &Nic = MAM.getResult<NicAnalysis>(M);
  if (!A) {
    R.Error = A.Error;
    return R;
  }
  if (!Nic) {
    R.Error = Nic.Error;
    return R;
  }
  std::string Dir =
      ModelDirOption.empty() ? dataDir("models") : std::string(ModelDirOption);
  const char *NicName = Nic.get()->name;
  char *Message = nullptr;
  clara_predict_model *RawModel = nullptr;
  if (clara_predict_model_load(Dir.c_str(), NicName, &RawModel, &Message) !=
      CLARA_OK) {
    R.Error = Message ? Message : "cannot load the instruction model";
    clara_dispose_message(Message);
    return R;
  }
  std::unique_ptr<clara_predict_model, ModelDeleter> Model(RawModel);
  std::string ApiPath = Dir + "/api-" + NicName + ".tsv";
  clara_api_costs *RawApi = nullptr;
  if (clara_api_costs_load(ApiPath.c_str(), &RawApi, &Message) != CLARA_OK) {
    R.Error = Message ? Message : "cannot load the API cost table";
    clara_dispose_message(Message);
    return R;
  }
  std::unique_ptr<clara_api_costs, ApiDeleter> Api(RawApi);

  clara_annotation *Core = A.get();
  BlockNamer Namer(M);
  size_t NumFns = clara_annotation_num_functions(Core);
  DenseMap<const Function *, size_t> FnIndex;
  for (size_t I = 0; I < NumFns; ++I)
    FnIndex[unwrap<Function>(clara_annotation_function(Core, I))] = I;

  // Per function: block predictions, frequencies and internal callees.
  PortedWords Ported;
  std::string PortErr;
  if (!portedWords(M, Nic.get(), Core, Ported, PortErr)) {
    R.Error = PortErr;
    return R;
  }
  const Frequencies &Freq = MAM.getResult<FrequencyAnalysis>(M);
  if (!Freq) {
    R.Error = "no block frequencies (the annotation failed)";
    return R;
  }
  R.Frequencies = Freq.Source;
  std::vector<std::vector<clara_summary_block>> SumBlocks(NumFns);
  std::vector<std::vector<std::vector<size_t>>> Callees(NumFns);
  for (size_t I = 0; I < NumFns; ++I) {
    Function *F = unwrap<Function>(clara_annotation_function(Core, I));
    if (F->isDeclaration())
      continue;
    std::vector<clara_block_prediction> P(F->size());
    std::vector<const char *> PW;
    for (const std::string &W : Ported[I])
      PW.push_back(W.empty() ? nullptr : W.c_str());
    if (clara_predict_function(Model.get(), Api.get(), Core, wrap(F),
                               PW.size() == F->size() ? PW.data() : nullptr,
                               P.data(), nullptr, &Message) != CLARA_OK) {
      R.Error = Message ? Message : "prediction failed";
      clara_dispose_message(Message);
      return R;
    }
    // Runs per call of F: per-packet frequencies over F's calls per packet.
    double Calls = clara_frequency_function(Freq.get(), wrap(F));
    Callees[I].resize(F->size());
    size_t B = 0;
    for (BasicBlock &BB : *F) {
      R.Blocks.push_back({&BB, F->getName().str(), Namer.name(BB), P[B]});
      for (Instruction &Inst : BB)
        if (auto *CB = dyn_cast<CallBase>(&Inst))
          if (clara_annotation_kind(Core, wrap(&Inst)) ==
              CLARA_KIND_CALL_INTERNAL)
            if (Function *Callee = CB->getCalledFunction()) {
              auto It = FnIndex.find(Callee);
              if (It != FnIndex.end())
                Callees[I][B].push_back(It->second);
            }
      clara_summary_block S;
      S.frequency = Calls > 0
                        ? clara_frequency_block(Freq.get(), wrap(&BB)) / Calls
                        : (&BB == &F->getEntryBlock() ? 1.0 : 0.0);
      S.compute = P[B].compute + P[B].api_compute;
      S.state_memory = P[B].state_memory + P[B].api_memory;
      S.packet_memory = P[B].packet_memory;
      S.callees = nullptr;
      S.num_callees = 0;
      SumBlocks[I].push_back(S);
      ++B;
    }
  }
  for (size_t I = 0; I < NumFns; ++I)
    for (size_t B = 0; B < SumBlocks[I].size(); ++B) {
      SumBlocks[I][B].callees = Callees[I][B].data();
      SumBlocks[I][B].num_callees = Callees[I][B].size();
    }
  std::vector<clara_summary_function> Fns(NumFns);
  for (size_t I = 0; I < NumFns; ++I)
    Fns[I] = {SumBlocks[I].data(), SumBlocks[I].size()};
  for (size_t E = 0, N = clara_annotation_num_entry_points(Core); E < N; ++E) {
    Function *F = unwrap<Function>(clara_annotation_entry_point(Core, E));
    auto It = FnIndex.find(F);
    if (It == FnIndex.end())
      continue;
    double Out[3];
    clara_predict_summarize(Fns.data(), NumFns, It->second, Out);
    // Per packet: per call × the entry point's calls per packet.
    double Calls = clara_frequency_function(Freq.get(), wrap(F));
    R.Summaries.push_back({F, Out[0] * Calls, Out[1] * Calls, Out[2] * Calls});
  }
  return R;
}

/// Remark numbers with two decimals (ore::NV has no double overload).
static std::string fixed2(double V) {
  char Buf[64];
  snprintf(Buf, sizeof Buf, "%.2f", V);
  return Buf;
}

static bool reportError(Module &M, const Predictions &P, const char *Pass) {
  if (P)
    return false;
  M.getContext().emitError(Twine(Pass) + ": " + P.Error);
  return true;
}

PreservedAnalyses PredictInstrsPass::run(Module &M,
                                         ModuleAnalysisManager &MAM) {
  const Predictions &P = MAM.getResult<PredictAnalysis>(M);
  if (reportError(M, P, "clara-predict-instrs"))
    return PreservedAnalyses::all();
  const Annotation &A = MAM.getResult<AnnotateAnalysis>(M);
  LLVMContext &Ctx = M.getContext();
  Type *Dbl = Type::getDoubleTy(Ctx), *I64 = Type::getInt64Ty(Ctx);
  auto Num = [&](Type *T, double V) -> Metadata * {
    return ConstantAsMetadata::get(
        T == Dbl ? ConstantFP::get(Dbl, V)
                 : ConstantInt::get(I64, static_cast<uint64_t>(V)));
  };
  for (const Predictions::Block &B : P.Blocks) {
    const clara_block_prediction &Q = B.P;
    // !clara.pred = !{!"compute", double, !"state", i64, !"packet", i64,
    //                 !"api.compute", double, !"api.memory", double,
    //                 !"api.calls", i64}
    Metadata *Ops[] = {
        MDString::get(Ctx, "compute"),     Num(Dbl, Q.compute),
        MDString::get(Ctx, "state"),       Num(I64, Q.state_memory),
        MDString::get(Ctx, "packet"),      Num(I64, Q.packet_memory),
        MDString::get(Ctx, "api.compute"), Num(Dbl, Q.api_compute),
        MDString::get(Ctx, "api.memory"),  Num(Dbl, Q.api_memory),
        MDString::get(Ctx, "api.calls"),   Num(I64, Q.api_calls)};
    Instruction *Term = const_cast<BasicBlock *>(B.BB)->getTerminator();
    if (Term)
      Term->setMetadata("clara.pred", MDNode::get(Ctx, Ops));
    OptimizationRemarkEmitter ORE(B.BB->getParent());
    ORE.emit([&] {
      return OptimizationRemarkAnalysis("clara-predict-instrs", "Prediction",
                                        B.BB->getTerminator())
             << "block " << ore::NV("Function", B.Function) << " "
             << ore::NV("Block", B.Name) << ": "
             << ore::NV("Compute", fixed2(Q.compute)) << " compute, "
             << ore::NV("StateMemory", Q.state_memory) << " state and "
             << ore::NV("PacketMemory", Q.packet_memory)
             << " packet accesses; framework calls: "
             << ore::NV("ApiCompute", fixed2(Q.api_compute)) << " compute, "
             << ore::NV("ApiMemory", fixed2(Q.api_memory)) << " memory in "
             << ore::NV("ApiCalls", Q.api_calls) << " calls";
    });
  }
  for (const Predictions::Summary &S : P.Summaries) {
    OptimizationRemarkEmitter ORE(S.F);
    ORE.emit([&] {
      return OptimizationRemarkAnalysis("clara-predict-instrs", "Summary", S.F)
             << "per packet, " << ore::NV("Function", S.F->getName()) << " ("
             << ore::NV("Demangled", demangledName(A, S.F)) << ")"
             << " runs " << ore::NV("Compute", fixed2(S.Compute))
             << " compute instructions, "
             << ore::NV("StateMemory", fixed2(S.StateMemory)) << " state and "
             << ore::NV("PacketMemory", fixed2(S.PacketMemory))
             << " packet accesses (frequencies: "
             << ore::NV("Frequencies", P.Frequencies) << ")";
    });
  }
  return PreservedAnalyses::all();
}

PreservedAnalyses PredictInstrsPrinter::run(Module &M,
                                            ModuleAnalysisManager &MAM) {
  const Predictions &P = MAM.getResult<PredictAnalysis>(M);
  if (reportError(M, P, "print<clara-predict-instrs>"))
    return PreservedAnalyses::all();
  OS << "clara-predict-instrs: Blocks=" << P.Blocks.size()
     << " EntryPoints=" << P.Summaries.size() << "\n";
  char Buf[64];
  for (const Predictions::Block &B : P.Blocks) {
    snprintf(Buf, sizeof Buf, "%.2f", B.P.compute);
    OS << "Prediction Function=" << B.Function << " Block=" << B.Name
       << " Compute=" << Buf << " StateMemory=" << B.P.state_memory
       << " PacketMemory=" << B.P.packet_memory;
    snprintf(Buf, sizeof Buf, "%.2f", B.P.api_compute);
    OS << " ApiCompute=" << Buf;
    snprintf(Buf, sizeof Buf, "%.2f", B.P.api_memory);
    OS << " ApiMemory=" << Buf << " ApiCalls=" << B.P.api_calls << "\n";
  }
  for (const Predictions::Summary &S : P.Summaries) {
    snprintf(Buf, sizeof Buf, "%.2f", S.Compute);
    OS << "Summary Function=" << S.F->getName() << " Compute=" << Buf;
    snprintf(Buf, sizeof Buf, "%.2f", S.StateMemory);
    OS << " StateMemory=" << Buf;
    snprintf(Buf, sizeof Buf, "%.2f", S.PacketMemory);
    OS << " PacketMemory=" << Buf << " Frequencies=" << P.Frequencies << "\n";
  }
  return PreservedAnalyses::all();
}

} // namespace clara

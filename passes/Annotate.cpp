//===- passes/Annotate.cpp - clara-annotate -------------------------------===//
//
//   opt -load-pass-plugin=build/lib/libClara.so -passes=clara-annotate
//       nf.bc -o /dev/null -pass-remarks-output=r.yaml
//
// The shim only: the analysis is core/annotate.c.
//
//===----------------------------------------------------------------------===//
#include "Annotate.h"

#include "ClaraHost.h"
#include "error.h"

#include "llvm/Analysis/OptimizationRemarkEmitter.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/DiagnosticInfo.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Metadata.h"

using namespace llvm;

namespace clara {

AnalysisKey AnnotateAnalysis::Key;

Annotation AnnotateAnalysis::run(Module &M, ModuleAnalysisManager &) {
  ClaraHost Host(M);
  clara_annotation *Core = nullptr;
  char *Message = nullptr;
  Annotation Result;
  if (clara_annotate_module(wrap(&M), Host.get(), &Core, &Message) ==
      CLARA_OK) {
    Result.Core.reset(Core);
  } else {
    Result.Error = Message ? Message : "annotation failed";
    clara_dispose_message(Message);
  }
  return Result;
}

bool reportAnnotationError(Module &M, const Annotation &A,
                           const char *PassName) {
  if (A)
    return false;
  M.getContext().emitError(Twine(PassName) + ": " + A.Error);
  return true;
}

static Function *fn(LLVMValueRef V) { return unwrap<Function>(V); }

const char *demangledName(const Annotation &A, const Function *F) {
  const char *D =
      A ? clara_annotation_demangled(A.get(), wrap(const_cast<Function *>(F)))
        : nullptr;
  return D ? D : F->getName().data();
}

static const char *demangled(const Annotation &A, Function *F) {
  return demangledName(A, F);
}

PreservedAnalyses AnnotatePass::run(Module &M, ModuleAnalysisManager &MAM) {
  const Annotation &A = MAM.getResult<AnnotateAnalysis>(M);
  if (reportAnnotationError(M, A, "clara-annotate"))
    return PreservedAnalyses::all();
  LLVMContext &Ctx = M.getContext();
  clara_annotation *Core = A.get();

  // !clara.kind on every instruction of the NF's own code.
  MDNode *KindNodes[CLARA_NUM_KINDS];
  for (unsigned K = 0; K < CLARA_NUM_KINDS; ++K)
    KindNodes[K] = MDNode::get(
        Ctx, MDString::get(Ctx, clara_kind_name(static_cast<clara_kind>(K))));
  for (size_t I = 0, N = clara_annotation_num_functions(Core); I < N; ++I)
    for (Instruction &Inst :
         instructions(*fn(clara_annotation_function(Core, I)))) {
      clara_kind K = clara_annotation_kind(Core, wrap(&Inst));
      if (K != CLARA_KIND_NONE)
        Inst.setMetadata("clara.kind", KindNodes[K]);
    }

  // !clara.state = !{!{!"name", i64 bytes, !"container", i1 shared}, ...}
  NamedMDNode *State = M.getOrInsertNamedMetadata("clara.state");
  State->clearOperands();
  Type *I64 = Type::getInt64Ty(Ctx), *I1 = Type::getInt1Ty(Ctx);
  for (size_t I = 0, N = clara_annotation_num_state_objects(Core); I < N; ++I) {
    const clara_state_object *O = clara_annotation_state_object(Core, I);
    Metadata *Ops[] = {
        MDString::get(Ctx, O->name),
        ConstantAsMetadata::get(ConstantInt::get(I64, O->bytes)),
        MDString::get(Ctx, clara_container_name(O->container)),
        ConstantAsMetadata::get(ConstantInt::get(I1, O->shared))};
    State->addOperand(MDNode::get(Ctx, Ops));
  }

  // Remarks, exactly as DESIGN.md's Contracts table lists them.
  Function *First = fn(clara_annotation_entry_point(Core, 0));
  OptimizationRemarkEmitter FirstORE(First);
  for (size_t I = 0, N = clara_annotation_num_entry_points(Core); I < N; ++I) {
    Function *F = fn(clara_annotation_entry_point(Core, I));
    OptimizationRemarkEmitter ORE(F);
    ORE.emit([&] {
      return OptimizationRemarkAnalysis("clara-annotate", "EntryPoint", F)
             << "entry point " << ore::NV("Function", F->getName()) << " ("
             << ore::NV("Demangled", demangled(A, F)) << ")";
    });
  }
  for (size_t I = 0, N = clara_annotation_num_state_objects(Core); I < N; ++I) {
    const clara_state_object *O = clara_annotation_state_object(Core, I);
    FirstORE.emit([&] {
      return OptimizationRemarkAnalysis("clara-annotate", "StateObject", First)
             << "state object " << ore::NV("Name", O->name) << " of "
             << ore::NV("Bytes", O->bytes) << " bytes, container "
             << ore::NV("Container", clara_container_name(O->container))
             << ", shared " << ore::NV("Shared", O->shared ? "yes" : "no");
    });
  }
  for (size_t I = 0, N = clara_annotation_num_functions(Core); I < N; ++I) {
    Function *F = fn(clara_annotation_function(Core, I));
    const unsigned *Mix = clara_annotation_mix(Core, I);
    OptimizationRemarkEmitter ORE(F);
    ORE.emit([&] {
      OptimizationRemarkAnalysis R("clara-annotate", "InstructionMix", F);
      R << "instruction mix of " << ore::NV("Function", F->getName()) << ":";
      for (unsigned K = CLARA_KIND_COMPUTE; K < CLARA_NUM_KINDS; ++K)
        R << " "
          << ore::NV(clara_kind_remark_name(static_cast<clara_kind>(K)),
                     Mix[K]);
      return R;
    });
  }
  return PreservedAnalyses::all();
}

PreservedAnalyses AnnotatePrinter::run(Module &M, ModuleAnalysisManager &MAM) {
  const Annotation &A = MAM.getResult<AnnotateAnalysis>(M);
  if (reportAnnotationError(M, A, "print<clara-annotate>"))
    return PreservedAnalyses::all();
  clara_annotation *Core = A.get();
  size_t NumEntries = clara_annotation_num_entry_points(Core);
  size_t NumObjects = clara_annotation_num_state_objects(Core);
  OS << "clara-annotate: EntryPoints=" << NumEntries
     << " StateObjects=" << NumObjects
     << " Functions=" << clara_annotation_num_functions(Core) << "\n";
  for (size_t I = 0; I < NumEntries; ++I) {
    Function *F = fn(clara_annotation_entry_point(Core, I));
    OS << "EntryPoint Function=" << F->getName()
       << " Demangled=" << demangled(A, F) << "\n";
  }
  for (size_t I = 0; I < NumObjects; ++I) {
    const clara_state_object *O = clara_annotation_state_object(Core, I);
    OS << "StateObject Name=" << O->name << " Bytes=" << O->bytes
       << " Container=" << clara_container_name(O->container)
       << " Shared=" << (O->shared ? "yes" : "no") << " Loads=" << O->loads
       << " Stores=" << O->stores << " Atomics=" << O->atomics
       << " ApiCalls=" << O->api_calls << "\n";
  }
  for (size_t I = 0, N = clara_annotation_num_functions(Core); I < N; ++I) {
    Function *F = fn(clara_annotation_function(Core, I));
    const unsigned *Mix = clara_annotation_mix(Core, I);
    OS << "InstructionMix Function=" << F->getName();
    for (unsigned K = CLARA_KIND_COMPUTE; K < CLARA_NUM_KINDS; ++K)
      OS << " " << clara_kind_remark_name(static_cast<clara_kind>(K)) << "="
         << Mix[K];
    OS << "\n";
  }
  return PreservedAnalyses::all();
}

} // namespace clara

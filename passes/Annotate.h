//===- passes/Annotate.h - clara-annotate -----------------------*- C++ -*-===//
//
// The annotation analysis (core/annotate.c), the clara-annotate pass that
// writes it out as !clara.kind / !clara.state metadata and EntryPoint,
// StateObject and InstructionMix remarks, and its print<clara-annotate>
// printer.
//
//   opt -load-pass-plugin=build/lib/libClara.so -passes=clara-annotate
//       nf.bc -o /dev/null -pass-remarks-output=r.yaml
//   opt -load-pass-plugin=build/lib/libClara.so
//       -passes='print<clara-annotate>' -disable-output nf.bc
//
//===----------------------------------------------------------------------===//
#ifndef CLARA_PASSES_ANNOTATE_H
#define CLARA_PASSES_ANNOTATE_H

#include "annotate.h"

#include "llvm/IR/PassManager.h"
#include "llvm/Support/raw_ostream.h"

#include <memory>
#include <string>

namespace clara {

struct AnnotationDeleter {
  void operator()(clara_annotation *A) const { clara_annotation_dispose(A); }
};

/// The result: the core annotation, or the error that prevented it.
struct Annotation {
  std::unique_ptr<clara_annotation, AnnotationDeleter> Core;
  std::string Error;
  explicit operator bool() const { return Core != nullptr; }
  clara_annotation *get() const { return Core.get(); }
};

class AnnotateAnalysis : public llvm::AnalysisInfoMixin<AnnotateAnalysis> {
public:
  using Result = Annotation;
  Result run(llvm::Module &M, llvm::ModuleAnalysisManager &);

private:
  friend llvm::AnalysisInfoMixin<AnnotateAnalysis>;
  static llvm::AnalysisKey Key;
};

/// The demangled name of `F` (the Contracts' `Demangled` argument beside
/// `Function`), or its IR name when it is not a C++ name.
const char *demangledName(const Annotation &A, const llvm::Function *F);

/// Reports an annotation error once through the context's diagnostic handler
/// (which makes opt exit with an error). Returns true if there was one.
bool reportAnnotationError(llvm::Module &M, const Annotation &A,
                           const char *PassName);

class AnnotatePass : public llvm::PassInfoMixin<AnnotatePass> {
public:
  llvm::PreservedAnalyses run(llvm::Module &M, llvm::ModuleAnalysisManager &);
  static bool isRequired() { return true; }
};

class AnnotatePrinter : public llvm::PassInfoMixin<AnnotatePrinter> {
public:
  explicit AnnotatePrinter(llvm::raw_ostream &OS) : OS(OS) {}
  llvm::PreservedAnalyses run(llvm::Module &M, llvm::ModuleAnalysisManager &);
  static bool isRequired() { return true; }

private:
  llvm::raw_ostream &OS;
};

} // namespace clara

#endif

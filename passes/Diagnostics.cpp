//===- passes/Diagnostics.cpp - Warnings through LLVM's handler -----------===//
#include "Diagnostics.h"

#include "llvm/IR/DiagnosticInfo.h"
#include "llvm/IR/DiagnosticPrinter.h"
#include "llvm/IR/LLVMContext.h"

#include <cstdio>

using namespace llvm;

namespace clara {

namespace {
class ClaraWarning : public DiagnosticInfo {
public:
  explicit ClaraWarning(const Twine &Message)
      : DiagnosticInfo(kind(), DS_Warning), Message(Message.str()) {}
  void print(DiagnosticPrinter &DP) const override { DP << Message; }

private:
  static int kind() {
    static int Kind = getNextAvailablePluginDiagnosticKind();
    return Kind;
  }
  std::string Message;
};
} // namespace

void warn(Module &M, const Twine &Message) {
  M.getContext().diagnose(ClaraWarning(Message));
}

std::string formatNumber(double Value) {
  char Buffer[32];
  snprintf(Buffer, sizeof Buffer, "%.6g", Value);
  return Buffer;
}

} // namespace clara

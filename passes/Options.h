//===- passes/Options.h - Clara's command-line options ----------*- C++ -*-===//
//
// The -clara-* options every pass reads, and where the plugin finds its
// data files (DESIGN.md, Contracts: "Where files are found").
//
//===----------------------------------------------------------------------===//
#ifndef CLARA_PASSES_OPTIONS_H
#define CLARA_PASSES_OPTIONS_H

#include "llvm/Support/CommandLine.h"

#include <string>

namespace clara {

extern llvm::cl::opt<std::string> NicOption;
extern llvm::cl::opt<std::string> ModelDirOption;
extern llvm::cl::opt<std::string> ProfileOption;

/// <prefix>/share/clara/<Kind> next to the plugin: build/lib/libClara.so ->
/// build/share/clara/<Kind>, <prefix>/lib/libClara.so -> the installed one.
std::string dataDir(const char *Kind);

} // namespace clara

#endif

//===- passes/ClaraHost.h - What the shim hands to core/ --------*- C++ -*-===//
//
// The LLVM-C API lacks a demangler and cannot read struct field names from
// debug info; core/ asks for both through a clara_host. One ClaraHost per
// module analysis run.
//
//===----------------------------------------------------------------------===//
#ifndef CLARA_PASSES_CLARAHOST_H
#define CLARA_PASSES_CLARAHOST_H

#include "annotate.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/IR/DebugInfoMetadata.h"
#include "llvm/IR/Module.h"

namespace clara {

class ClaraHost {
public:
  explicit ClaraHost(const llvm::Module &M);
  const clara_host *get() const { return &Host; }

private:
  static char *demangle(void *Context, const char *Mangled);
  static char *fieldName(void *Context, const char *StructName,
                         unsigned FieldIndex, uint64_t ByteOffset);
  static int hasDebugInfo(void *Context, const char *StructName);

  clara_host Host;
  // IR struct name ("class.Foo", "struct.ns::Bar") -> its debug-info type.
  llvm::StringMap<const llvm::DICompositeType *> Composites;
};

} // namespace clara

#endif

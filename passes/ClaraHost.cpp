//===- passes/ClaraHost.cpp - What the shim hands to core/ ----------------===//
#include "ClaraHost.h"

#include "llvm/BinaryFormat/Dwarf.h"
#include "llvm/Demangle/Demangle.h"
#include "llvm/IR/DebugInfo.h"

#include <cstdlib>
#include <cstring>

using namespace llvm;

namespace clara {

// "ns::Foo" from a composite type and its namespace scopes.
static std::string qualifiedName(const DICompositeType *T) {
  std::string Name = T->getName().str();
  for (const DIScope *S = T->getScope(); S; S = S->getScope()) {
    if (!isa<DINamespace>(S) && !isa<DICompositeType>(S))
      break;
    StringRef Part = S->getName();
    Name = (Part.empty() ? std::string("(anonymous namespace)") : Part.str()) +
           "::" + Name;
  }
  return Name;
}

ClaraHost::ClaraHost(const Module &M) {
  Host.context = this;
  Host.demangle = &ClaraHost::demangle;
  Host.field_name = &ClaraHost::fieldName;
  Host.has_debug_info = &ClaraHost::hasDebugInfo;
  DebugInfoFinder Finder;
  Finder.processModule(M);
  for (const DIType *T : Finder.types()) {
    const auto *C = dyn_cast_or_null<DICompositeType>(T);
    if (!C || C->isForwardDecl() || C->getName().empty())
      continue;
    if (C->getTag() != dwarf::DW_TAG_class_type &&
        C->getTag() != dwarf::DW_TAG_structure_type)
      continue;
    std::string Q = qualifiedName(C);
    Composites.try_emplace("class." + Q, C);
    Composites.try_emplace("struct." + Q, C);
  }
}

char *ClaraHost::demangle(void *, const char *Mangled) {
  // itaniumDemangle returns malloc'd storage, as core/ expects.
  return itaniumDemangle(Mangled);
}

char *ClaraHost::fieldName(void *Context, const char *StructName, unsigned,
                           uint64_t ByteOffset) {
  auto *Self = static_cast<ClaraHost *>(Context);
  auto It = Self->Composites.find(StructName);
  if (It == Self->Composites.end())
    return nullptr;
  for (const DINode *N : It->second->getElements()) {
    const auto *D = dyn_cast<DIDerivedType>(N);
    if (!D || D->getTag() != dwarf::DW_TAG_member || D->isStaticMember())
      continue;
    if (D->getOffsetInBits() == ByteOffset * 8 && !D->getName().empty())
      return strdup(D->getName().str().c_str());
  }
  return nullptr;
}

int ClaraHost::hasDebugInfo(void *Context, const char *StructName) {
  return static_cast<ClaraHost *>(Context)->Composites.count(StructName) != 0;
}

} // namespace clara

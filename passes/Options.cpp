//===- passes/Options.cpp - Clara's command-line options ------------------===//
#include "Options.h"

#include "nic.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/Path.h"

#include <dlfcn.h>

using namespace llvm;

namespace clara {

cl::OptionCategory ClaraCategory("Clara options");

cl::opt<std::string>
    NicOption("clara-nic",
              cl::desc("NIC profile: a name from share/clara/nic (agilio-cx, "
                       "bluefield2, bluefield3-dpa, octeon) or a YAML path"),
              cl::value_desc("name|path"), cl::init(CLARA_DEFAULT_NIC),
              cl::cat(ClaraCategory));

cl::opt<std::string>
    ModelDirOption("clara-model-dir",
                   cl::desc("Directory of trained models (default: "
                            "share/clara/models next to libClara.so)"),
                   cl::value_desc("dir"), cl::init(""), cl::cat(ClaraCategory));

cl::opt<std::string>
    ProfileOption("clara-profile",
                  cl::desc("Run-time profile of this NF (clara-replay's "
                           "clara.profile.yaml): measured block and state "
                           "access frequencies instead of static estimates"),
                  cl::value_desc("profile.yaml"), cl::init(""),
                  cl::cat(ClaraCategory));

std::string dataDir(const char *Kind) {
  Dl_info Info;
  if (!dladdr(reinterpret_cast<void *>(&dataDir), &Info) || !Info.dli_fname)
    return std::string("share/clara/") + Kind;
  SmallString<256> Path(
      sys::path::parent_path(sys::path::parent_path(Info.dli_fname)));
  sys::path::append(Path, "share", "clara", Kind);
  return std::string(Path);
}

} // namespace clara

//===- HideLlvmOptions.h - --help without LLVM's internal options ---------===//
//
// The MLIR drivers (arcdsl-opt, arcdsl-translate) link LLVM's code
// generators, whose knobs register as command-line options before main runs.
// hideLlvmInternalOptions() hides every option registered so far but the
// help and version ones; the driver's own options, registered later inside
// its main function, stay listed. --help-hidden lists them all.
//===----------------------------------------------------------------------===//

#ifndef ARCDSL_TOOLS_HIDELLVMOPTIONS_H
#define ARCDSL_TOOLS_HIDELLVMOPTIONS_H

#include "llvm/Support/CommandLine.h"

namespace arcdsl {

inline void hideLlvmInternalOptions() {
  for (auto &entry : llvm::cl::getRegisteredOptions()) {
    llvm::StringRef name = entry.first;
    if (name == "help" || name == "help-list" || name == "version" ||
        name.starts_with("help-"))
      continue;
    entry.second->setHiddenFlag(llvm::cl::ReallyHidden);
  }
}

} // namespace arcdsl

#endif // ARCDSL_TOOLS_HIDELLVMOPTIONS_H

//===- Cubins.h - SASS for a kernel bundle, made by ptxas and nvlink -*- C++ -*-===//
//
// A bundle's PTX is compiled by the CUDA driver when it is loaded (25-35 s
// for the 400 reference solvers). Made here instead, by the CUDA toolkit's
// ptxas and nvlink, a cubin per chip loads in milliseconds.
//===----------------------------------------------------------------------===//

#ifndef ARCDSL_RUNNER_CUBINS_H
#define ARCDSL_RUNNER_CUBINS_H

#include "ArcDsl/Runtime/GpuRuntime.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <map>
#include <string>
#include <vector>

namespace arcdsl {

/// The chips of a `--cubins` option: "all" (the library's chips,
/// runtime::kLibraryChips, no older than `chip`, the PTX's), "none", or a
/// comma-separated list of sm_XY no older than `chip`.
llvm::Expected<std::vector<std::string>> parseCubinChips(llvm::StringRef spec,
                                                         llvm::StringRef chip);

/// The CUDA toolkit's program `name` (ptxas, nvlink): in $ARCDSL_CUDA_BIN
/// when it is set (and nowhere else), else in $CUDA_HOME/bin,
/// $CUDA_PATH/bin, /usr/local/cuda/bin, then PATH. Empty when there is none.
std::string findCudaTool(llvm::StringRef name);

/// A linked cubin for each of `chips`: `ptx` (whose target is no newer than
/// any of them) assembled by ptxas as relocatable code, linked by nvlink
/// with the primitive library's relocatable object for that chip
/// (`arcdsl-primitives-<chip>.o`, built with the library; assembled from its
/// PTX when missing). The chips run in parallel, each in its own processes.
/// An error names the chip and the tool's output.
llvm::Error buildCubins(const std::string &ptx,
                        llvm::ArrayRef<std::string> chips,
                        std::map<std::string, std::string> &out);

/// ", SASS for sm_75 sm_80 (12.3 s)" for a bundle with cubins made in
/// `seconds`; empty without.
std::string cubinSummary(const runtime::KernelBundle &bundle, double seconds);

} // namespace arcdsl

#endif // ARCDSL_RUNNER_CUBINS_H

//===- ArcDslModule.h - what the native module's files share ----*- C++ -*-===//
//
// The `arcdsl` module's native part is ArcDslModule.cpp (programs, solver
// files, run_many on CPU threads) and GpuBindings.cpp (run_many through the
// GPU runtime's jobs); both use the argument conversion and SolverFile.
//===----------------------------------------------------------------------===//

#ifndef ARCDSL_PYTHON_ARCDSLMODULE_H
#define ARCDSL_PYTHON_ARCDSLMODULE_H

#include "ArcDsl/Runner/Compiler.h"
#include "ArcDsl/Runtime/GpuRuntime.h"
#include "ArcDsl/Runtime/ValueJson.h"

#include <atomic>
#include <mutex>
#include <pybind11/pybind11.h>

namespace arcdsl {
namespace python {

/// The per-run arena's largest size (MiB): address space reserved per
/// thread, touched only as a run uses it.
constexpr int64_t kMaxArenaMb = 65536;

/// A Python argument as JSON (ints, bools, None, tuples/lists, frozensets);
/// OverflowError / ValueError / TypeError for what arcdsl cannot take.
runtime::Json toJson(const pybind11::handle &h, int depth = 0);

/// ValueError unless arena_mb is 1..kMaxArenaMb and work_limit positive.
void checkRunOptions(int64_t arenaMb, int64_t workLimit);

/// A compiled solver file: every function of it, in file order, with its
/// entry point (null for one that did not compile), and its GPU kernel
/// bundle once one is asked for.
class SolverFile {
public:
  SolverFile(const std::string &source, const std::string &name,
             const std::string &order);

  /// Per function in file order: (name, kind, detail) with kind "" for a
  /// compiled solver, else "error", "unsupported" or "not-a-solver".
  pybind11::list functions() const;

  SolverFn entry(size_t k) const { return k < fns.size() ? fns[k] : nullptr; }
  const std::string &name(size_t k) const { return compiled.functions()[k]; }
  const CompiledSolvers &solvers() const { return compiled; }
  /// Tells this file from every other of the process (an address may be
  /// reused after a file is freed; a serial is not).
  uint64_t serial() const { return id; }

  /// The file's kernel bundle for `chip`, built on the first call (and
  /// again for another chip), with that chip's SASS when `sass` (the
  /// device runs it); null and `error` when it cannot be built.
  /// Thread-safe.
  const runtime::KernelBundle *gpuBundle(const std::string &chip, bool sass,
                                         std::string &error);

private:
  CompiledSolvers compiled;
  std::vector<SolverFn> fns;
  uint64_t id;
  std::mutex bundleLock;
  std::unique_ptr<runtime::KernelBundle> bundle;
};

/// Define gpu_status and run_jobs (GpuBindings.cpp).
void defineGpuBindings(pybind11::module_ &m);

} // namespace python
} // namespace arcdsl

#endif // ARCDSL_PYTHON_ARCDSLMODULE_H

//===- Compiler.h - solver file to runnable programs ------------*- C++ -*-===//
//
// What arcdsl-run (and any embedding host) needs from the compiler: import a
// solver file, compile every solver that can be compiled, report a status for
// each one that cannot, and run the compiled ones natively (CPU backend:
// LLVM JIT over the primitive library).
//===----------------------------------------------------------------------===//

#ifndef ARCDSL_RUNNER_COMPILER_H
#define ARCDSL_RUNNER_COMPILER_H

#include "ArcDsl/Primitives/Value.h"
#include "ArcDsl/Runtime/Batt.h"
#include "ArcDsl/Runtime/GpuRuntime.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"

#include "mlir/IR/MLIRContext.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/MemoryBuffer.h"

#include <map>
#include <memory>
#include <string>

namespace mlir {
class ExecutionEngine;
}

namespace arcdsl {

/// Why a solver has no compiled program.
struct SolverIssue {
  /// NotASolver: a function that does not take one input grid (a helper).
  enum Kind { Error, Unsupported, NotASolver } kind;
  std::string detail;
};

using SolverFn = av (*)(ArcCtx *, av);

class CompiledSolvers {
public:
  CompiledSolvers();
  ~CompiledSolvers();

  /// The largest source file compileFile reads (64 MiB: a file of 10,000
  /// solvers is about 1 MB).
  static constexpr uint64_t kMaxSourceBytes = 64ull << 20;

  /// Import `path` and compile every function in it. Returns an error only
  /// when the file itself cannot be read or parsed; a solver that cannot be
  /// compiled is listed in issues(). `path` must be a regular file of at
  /// most kMaxSourceBytes (checked before reading: a FIFO or /dev/zero is
  /// an error, not a hang), or "-" for stdin.
  llvm::Error compileFile(const std::string &path, bool verbose = false);
  /// Same, from source text (`name` is used in diagnostics).
  llvm::Error compileSource(llvm::StringRef source, llvm::StringRef name,
                            bool verbose = false);

  /// Compile the solvers that compiled for the CPU to PTX for `chip`
  /// (batchify + gpu-lower), as a kernel bundle (issues included).
  /// The compiled solvers as a relocatable, position-independent object
  /// for this host (functions `solve_<id>`, SolverFn ABI, calling the
  /// primitive library): linked with the library into a shared object, it
  /// runs them where no compiler is (arcdsl-host --host-code).
  llvm::Error emitHostObject(const std::string &path);
  /// `cubinChips`: also SASS for these chips (Cubins.h), none older than
  /// `chip`. Without the CUDA toolkit the bundle holds PTX only and
  /// `bundleWarning` says so.
  llvm::Error buildGpuBundle(const std::string &chip,
                             runtime::KernelBundle &bundle,
                             llvm::ArrayRef<std::string> cubinChips = {});

  /// Entry point of solver `name` (e.g. "solve_67a3c6ac"), or null.
  SolverFn lookup(const std::string &name) const;
  /// All function names found in the file, compiled or not, in file order
  /// (the order of their `def` lines).
  const std::vector<std::string> &functions() const { return names; }
  const std::map<std::string, SolverIssue> &issues() const { return problems; }
  /// Which DSL the file is in ("hodel", "tokpidjin"; empty: from its
  /// imports). Set before compiling.
  void setDsl(const std::string &name) { dsl = name; }
  /// How the programs' frozensets iterate: "python" (stock CPython's
  /// order, the default) or "canonical" (ascending). Set before compiling.
  void setOrder(const std::string &name) { order = name; }
  /// For a batt function, how its result tuple rebuilds the lists it
  /// returns (JSON: {"returns": [...], "records": [[list, parts], ...]},
  /// see lib/Runtime/Batt.cpp); empty for any other function.
  std::string battLayout(const std::string &name) const;
  /// Warnings of the last compile (batt lines that always fail).
  unsigned warnings = 0;
  /// Compile the batt file at `path` (`def batt(task_id, S, I, C,
  /// log_path)`): its entry point and layout; an error that says why not.
  llvm::Error compileBatt(const std::string &path, bool verbose, SolverFn &fn,
                          runtime::BattLayout &layout);
  /// Whether a CPU batt's second call on a sample replays the lines not
  /// reading C from its first (--arcdsl-batt-share-modes; on by default).
  /// Set before compiling.
  void setShareBattModes(bool on) { shareModes = on; }
  /// How batt `name` shares lines (memoWords 0: it does not).
  runtime::BattShare battShare(const std::string &name) const;
  /// Seconds spent importing/compiling (passes), in LLVM JIT codegen, and
  /// compiling PTX.
  double compileSeconds = 0, jitSeconds = 0, ptxSeconds = 0;
  /// buildGpuBundle: ptxas and nvlink's time, and why a bundle has no cubin.
  double cubinSeconds = 0;
  std::string bundleWarning;

private:
  llvm::Error compileBuffer(std::unique_ptr<llvm::MemoryBuffer> buffer,
                            bool verbose);
  std::unique_ptr<mlir::MLIRContext> context;
  std::unique_ptr<mlir::ExecutionEngine> engine;
  /// The specialized, typed module of every compiled solver (before any
  /// lowering), kept for the GPU bundle.
  mlir::OwningOpRef<mlir::ModuleOp> compiled;
  std::vector<std::string> names;
  std::map<std::string, SolverIssue> problems;
  std::map<std::string, SolverFn> entries;
  std::map<std::string, std::string> batts;
  std::map<std::string, runtime::BattShare> shares;
  bool shareModes = true;
  std::string dsl;
  std::string order = "python";
};

} // namespace arcdsl

#endif // ARCDSL_RUNNER_COMPILER_H

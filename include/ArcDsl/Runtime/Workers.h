//===- Workers.h - units of samples run in worker processes -----*- C++ -*-===//
//
// A driver's CPU runs in child processes, so that a crash or a runaway
// costs only the unit of work it happened in. Worker processes are forked
// once and take units one at a time from the parent over a pipe. A heavy
// unit therefore holds up one worker while the others take the rest; with
// chunks made in advance, a chunk holding a heavy program was the run's
// tail. A worker sends a unit's outcomes when the unit ends (and each MiB
// of them), so what a failed unit keeps does not depend on timing. Alarms
// are re-armed per unit. A worker that dies (a signal, its alarm)
// fails the unit it was running: the samples it had sent are kept, and a
// new worker takes the next units. Nothing from LLVM/MLIR.
//===----------------------------------------------------------------------===//

#ifndef ARCDSL_RUNTIME_WORKERS_H
#define ARCDSL_RUNTIME_WORKERS_H

#include "ArcDsl/Runtime/TaskSet.h"

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

namespace arcdsl {
namespace runtime {

/// Where a sample's outcome goes in a worker (in the order of its unit).
using EmitSample = std::function<void(SampleOutput &&)>;

struct WorkerUnits {
  /// How many units, and how many samples unit u has (its outcomes are
  /// complete once that many have come).
  size_t units = 0;
  std::function<size_t(size_t u)> samples;
  /// In a worker: run unit u, giving each sample's outcome to `emit`.
  std::function<void(size_t u, const EmitSample &emit)> run;
  /// In a worker, once, before its first unit (threads do not survive a
  /// fork: helpers are started here). May be empty.
  std::function<void()> workerStart;
  /// The wall-clock seconds unit u may take before its worker is stopped
  /// (1 to 600).
  std::function<unsigned(size_t u)> alarmSeconds;
  /// In the parent, before unit u is handed out: false skips it (then
  /// `done` is called for it with `skipped`). May be empty.
  std::function<bool(size_t u)> wanted;
  /// In the parent, once per unit, in the order units end: its outcomes
  /// (all of them, or the prefix a failed worker sent), and why it failed
  /// ("timed out", "crashed (...)", "skipped"), empty when it did not.
  std::function<void(size_t u, std::vector<SampleOutput> &&outs,
                     const std::string &why)>
      done;
};

/// Run every unit in `processes` worker processes forked from this one.
/// When no process can be made, the units left run in this process,
/// unprotected. Returns when every unit is done.
void runInWorkers(const WorkerUnits &units, unsigned processes);

} // namespace runtime
} // namespace arcdsl

#endif // ARCDSL_RUNTIME_WORKERS_H

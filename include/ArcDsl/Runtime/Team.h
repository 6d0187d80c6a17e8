//===- Team.h - idle host threads that help a heavy sample ------*- C++ -*-===//
//
// The host side of Primitives/Team.h. A TeamPool gathers the threads that
// may help: a thread of runUnitsOnThreads whose units ran out, or helper
// threads started for it (the Python module's Program.run, arcdsl-run
// --split-threads). A thread that runs samples installs a SampleTeam, the
// library's hook, for its arenas; when a sample's loop splits, the pool's
// waiting threads each take a lane of it.
//
// One loop of one sample at a time has the helpers (a second one stays on
// its thread). The sample's side takes no lock: it posts the loop with one
// compare-and-swap, runs lane 0, closes the loop and waits on a futex
// until the helpers that joined have left, so a sample that a crash or a
// timeout jumps out of can be settled (SampleTeam::settle) before its
// arena is used again. Each helper's lane runs guarded (Isolation.h).
// Nothing from LLVM/MLIR.
//===----------------------------------------------------------------------===//

#ifndef ARCDSL_RUNTIME_TEAM_H
#define ARCDSL_RUNTIME_TEAM_H

#include "ArcDsl/Primitives/Team.h"

#include <atomic>
#include <memory>
#include <thread>
#include <vector>

namespace arcdsl {
namespace runtime {

class HostArena;

/// Whether host runs split heavy loops over idle threads: yes, unless the
/// environment sets ARCDSL_SPLIT=0 (measurements of the sequential run).
bool splitLoops();

class TeamPool;
/// Helper threads for the samples a caller runs on its own thread (one
/// sample at a time: the Python module's Program.run and solver(grid),
/// run_many/run_batch on one thread): `n` threads that wait in a process-
/// wide pool (0, the default: none; the pool is stopped). Any thread may
/// set it; runs in progress keep the pool they started with.
void setCallerHelpers(unsigned n);
/// The pool of setCallerHelpers (null when none), held by the caller.
std::shared_ptr<TeamPool> callerPool();

/// Threads that wait to take lanes of split loops.
class TeamPool {
public:
  TeamPool() = default;
  /// Stops the helpers it started; with ARCDSL_SPLIT_STATS=1 in the
  /// environment, prints how many loops split to stderr.
  ~TeamPool();
  TeamPool(const TeamPool &) = delete;
  TeamPool &operator=(const TeamPool &) = delete;

  /// Start `n` threads that only help (until the pool is destroyed), and
  /// wait until they are ready.
  void startHelpers(unsigned n);
  /// Help on this thread until `done` becomes true (wake() after setting
  /// it).
  void serve(const std::atomic<bool> &done);
  /// Wake every waiting thread (to see a `done` flag).
  void wake();

  /// One loop's lanes (the library's ArcTeam::run).
  struct Job {
    void (*lane)(void *, uint32_t);
    void *arg;
    uint32_t lanes;
    double seconds;                 ///< each helper lane's guard
    std::atomic<uint32_t> nextLane{1};
  };
  /// Helpers started (startHelpers).
  uint32_t size() const { return started; }
  /// Waiting helpers now.
  uint32_t idle() const { return waiting.load(std::memory_order_relaxed); }
  /// Wait until `n` helpers wait, for `seconds` at most.
  void awaitIdle(uint32_t n, double seconds) const;
  /// Post `job`, run lane 0 here, close it and wait for the helpers that
  /// joined. 0 when another job holds the pool.
  uint32_t run(Job &job);
  /// Close `job` if it is still posted and wait for its helpers (after a
  /// jump out of run()).
  void settle(Job *job);
  /// Loops posted and lanes helpers ran, so far.
  uint64_t loopsSplit() const { return loops.load(); }
  uint64_t helperLanes() const { return lanesRun.load(); }

private:
  std::atomic<Job *> posted{nullptr};
  std::atomic<uint32_t> epoch{0};   ///< futex: bumped by every post / wake
  std::atomic<uint32_t> inJob{0};   ///< futex: helpers inside a posted job
  std::atomic<uint32_t> waiting{0};
  std::atomic<bool> stopping{false};
  std::atomic<uint64_t> loops{0}, lanesRun{0};
  std::vector<std::thread> helpers;
  uint32_t started = 0;

  void waitForHelpers();
};

/// The hook of the samples one thread runs in `small` and `full` (whose
/// lane regions it hands out), on `pool`'s helpers. Installs itself as the
/// thread's arcdslTeam for its lifetime.
class SampleTeam : public ArcTeam {
public:
  SampleTeam(TeamPool &pool, const HostArena &small, const HostArena &full,
             double seconds);
  ~SampleTeam();
  /// After a sample: a loop it left posted (a crash or timeout jumped out)
  /// is closed and its helpers waited for; the thread's split depth reset.
  void settle();

private:
  TeamPool &pool;
  const HostArena *arenas[2];
  double seconds;
  TeamPool::Job *current = nullptr;
  ArcTeam *outer;
};

} // namespace runtime
} // namespace arcdsl

#endif // ARCDSL_RUNTIME_TEAM_H

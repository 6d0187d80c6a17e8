//===- TaskSet.h - ARC tasks, samples and results ---------------*- C++ -*-===//
//
// What every host driver shares, CPU or GPU, compiler or not: reading ARC
// task files (with validation), the (program, input) samples of the `own`
// and `cross` workloads, scoring outputs against expected ones, and writing
// the per-sample outputs file that lets two backends be compared.
// Nothing from LLVM/MLIR.
//===----------------------------------------------------------------------===//

#ifndef ARCDSL_RUNTIME_TASKSET_H
#define ARCDSL_RUNTIME_TASKSET_H

#include "ArcDsl/Primitives/Value.h"
#include "ArcDsl/Runtime/Isolation.h"
#include "ArcDsl/Runtime/ValueJson.h"

#include <map>
#include <functional>
#include <string>
#include <vector>

namespace arcdsl {
namespace runtime {

struct TaskPair {
  Json input, output;
  bool hasOutput = false;
  /// The grids of `input` and `output`, decoded when the task was read
  /// (empty when not set: pairInput/pairOutput then decode the JSON).
  GridImage inputGrid, outputGrid;
};

/// The pair's input / expected output as a value in c's arena: a copy of
/// its grid image, or decoded from its JSON when it has none.
av pairInput(ArcCtx *c, const TaskPair &p);
av pairOutput(ArcCtx *c, const TaskPair &p, std::string *error = nullptr);

struct Task {
  std::string id;
  std::vector<TaskPair> pairs; ///< train pairs, then test pairs
  size_t numTrain = 0;         ///< how many of `pairs` are train pairs
};

/// The largest task file loadTask reads: 4 MiB, about 150 times the largest
/// ARC-AGI task (28 KB). Parsing takes up to ~100 bytes of memory per byte
/// of JSON, so the cap also bounds a hostile file's memory (~400 MB).
constexpr uint64_t kMaxTaskFileBytes = 4ull << 20;

/// Read DIR/<id>.json. It must be a regular file (not a FIFO, device or
/// directory) of at most kMaxTaskFileBytes, checked before reading; a UTF-8
/// byte order mark is skipped. ARC grids are checked: rectangular,
/// 1..30 x 1..30, colours 0..9. False with "file:line:col: message" on any
/// problem.
bool loadTask(const std::string &dir, const std::string &id, Task &task,
              std::string &error);

/// The same from the file's text: `path` names it in messages.
bool parseTask(std::string_view text, const std::string &path,
               const std::string &id, Task &task, std::string &error);

/// The same from a parsed document (one task object).
bool parseTaskJson(const Json &root, const std::string &path,
                   const std::string &id, Task &task, std::string &error);

/// Ids of every DIR/*.json, sorted.
std::vector<std::string> listTasks(const std::string &dir);

/// The largest combined challenges or solutions file TaskSource reads.
constexpr uint64_t kMaxCombinedFileBytes = 256ull << 20;

/// Where the tasks of a run come from (the tools' --tasks): a directory of
/// <id>.json files, one task file (its id: the file name without .json),
/// or Kaggle's combined `arc-agi_*_challenges.json` ({id: {"train": [...],
/// "test": [{"input": grid}, ...]}}). Expected test outputs may come from a
/// solutions file ({id: [grid per test input]}): the one given, else for a
/// combined file whose name has `_challenges`, the sibling file named with
/// `_solutions` instead, when it exists. A test input left without an
/// expected output is not checked (its output is a prediction).
class TaskSource {
public:
  /// False and `error` when `path` is no directory, no readable task file
  /// or combined file, or the solutions file is bad.
  bool open(const std::string &path, const std::string &solutions,
            std::string &error);
  /// Every task id of the source, sorted.
  const std::vector<std::string> &ids() const { return idList; }
  bool has(const std::string &id) const;
  /// Read, check and return one task (with its solutions); false and
  /// `error` ("file:line:col: message") when it is missing or bad.
  bool load(const std::string &id, Task &task, std::string &error) const;
  /// The solutions file in use ("" when none).
  const std::string &solutionsFile() const { return solutionsPath; }
  bool isDirectory() const { return kind == Directory; }

private:
  enum Kind { Directory, File, Combined } kind = Directory;
  std::string path, solutionsPath;
  std::vector<std::string> idList;
  std::map<std::string, Json> docs; ///< File / Combined: id -> task object
  std::map<std::string, Json> solved; ///< id -> list of expected outputs
};

/// The outcome of one (program, input) run, in printable form.
struct SampleOutput {
  uint32_t status = 0; ///< ErrCode; 0 = a value
  std::string value;   ///< canonical JSON of the value when status == 0
  bool matches = false; ///< equal (Python ==) to the expected output
  uint64_t work = 0;    ///< work units the run spent (ArcCtx::work)
  /// Under the python order: a set's order came from a hash CPython takes
  /// from an address (None, nan, a function), so CPython's own order is
  /// not reproducible for this sample (ORDER_ADDRESS_HASH).
  bool addressOrder = false;
  /// Host runs: wall-clock seconds the run took, its input's decoding and
  /// its output's description included (arcdsl-run --sample-times).
  double seconds = 0;
  /// With a profile (PrimProfile.h): its JSON, written as "prims".
  std::string profile{};
};

/// Describe the outcome of a run whose value `v` lives in `c` (status is
/// c->err): its canonical JSON, and whether it equals `expected` (if any).
/// Without `withValue` the JSON is not made (scoring needs only `matches`).
SampleOutput describeSample(ArcCtx *c, av v, const TaskPair *expected,
                            bool withValue = true);

/// Per-task verdict from the outputs of its own solver: error (an input
/// raised), fail (a wrong output), predicted (every expected output right
/// but some input has none: its output is a prediction, never a pass) or
/// pass (every output checked and right).
struct TaskVerdict {
  std::string status; ///< pass | fail | error | unsupported | predicted
  std::string detail;
};
TaskVerdict scoreTask(const Task &task,
                      const std::vector<SampleOutput> &outputs);

/// The start of a per-sample JSON line, up to its work (no closing brace):
/// {"solver":..,"task":..,"index":k,"status":..,"work":n
std::string sampleLineHead(const std::string &solver, const std::string &task,
                           size_t index, const char *status, uint64_t work);

/// One line of a --sample-times file: the head, then "seconds" (the run's
/// wall-clock time).
std::string timeLine(const std::string &solver, const std::string &task,
                     size_t index, const SampleOutput &out);

/// One line of an outputs file (JSON lines):
/// {"solver":..,"task":..,"index":k,"status":"ok"|"<Error>","work":n,
///  ["address_order":true,] "output":..}
std::string outputLine(const std::string &solver, const std::string &task,
                       size_t index, const SampleOutput &out);

/// A program's run list: which task inputs it runs on.
struct Job {
  std::string solver; ///< function (and kernel) name
  std::vector<std::pair<const Task *, size_t>> samples;
};

/// A sample's arena (mmap'd, lazily committed). With `lanes` > 0 it has as
/// much again past its capacity (less where arena offsets, 32 bits, would
/// not reach), cut into `lanes` regions in which the lanes of its split
/// loops allocate (Primitives/Team.h).
class HostArena {
public:
  explicit HostArena(uint64_t bytes, uint32_t lanes = 0);
  ~HostArena();
  HostArena(const HostArena &) = delete;
  HostArena &operator=(const HostArena &) = delete;
  bool ok() const { return base != nullptr; }
  ArcCtx fresh(uint64_t workLimit) const;
  /// Give the pages a sample touched past the first MiBs back to the
  /// system (a big sample's memory is not held until the next one).
  void release(const ArcCtx &used) const;
  /// Whether c runs in this arena.
  bool holds(const ArcCtx *c) const { return base && c->base == base; }
  /// Lane region k's offsets; false past the last region.
  bool laneRegion(uint32_t k, uint64_t &lo, uint64_t &hi) const;

private:
  uint8_t *base = nullptr;
  uint64_t cap = 0;
  uint32_t lanes = 0;
  uint64_t laneBytes = 0;
  mutable bool lanesUsed = false; ///< a region was handed out since release
  uint64_t mapped() const { return cap + (uint64_t)lanes * laneBytes; }
};

/// Run compiled program `fn` on one sample the way every host path does:
/// in `small` first (most samples fit, and a small arena stays in cache)
/// and, when it overflows, again in `full`, so the capacity limit is
/// full's. `input` builds the sample's input in the fresh context. Returns
/// the output; `ctx` is left with the status, the work and the arena.
/// Wall-clock seconds (steady clock), for timing runs.
double now();

/// The program runs guarded (Isolation.h): a crash or overtime is that
/// sample's ERR_CRASH / ERR_TIMEOUT.
av runSample(av (*fn)(ArcCtx *, av), const HostArena &small,
             const HostArena &full, uint64_t workLimit,
             const std::function<av(ArcCtx *)> &input, ArcCtx &ctx,
             const SampleGuard &guard = SampleGuard());

/// Run program `fn` on samples 0..n-1 on `threads` host threads (0: one per
/// core), each thread with its own arenas (a 1 MiB one first, then
/// `arenaBytes`, as runSample does): `input(ctx, i)` builds sample i's
/// input, `done(i, ctx, out)` takes its result (called on the worker
/// threads; ctx holds the status, the work and the arena). Each sample is
/// guarded (Isolation.h) with a limit of `seconds` (0: none). The threads
/// share the process's arenas (arenaShare); a thread that cannot map its arenas leaves
/// the samples to the others. Returns how many threads ran samples (no
/// more than n; fewer when the system refuses threads or memory): 0 when
/// none could.
unsigned runSamplesOnThreads(
    av (*fn)(ArcCtx *, av), size_t n, unsigned threads, uint64_t arenaBytes,
    uint64_t workLimit, const std::function<av(ArcCtx *, size_t)> &input,
    const std::function<void(size_t, ArcCtx &, av)> &done,
    double seconds = kDefaultSampleSeconds);

/// A unit of work of runUnitsOnThreads: unit i, given the thread's arenas
/// (runSample's `small` and `full`).
using UnitFn =
    std::function<void(size_t, const HostArena &small, const HostArena &full)>;
/// Run units 0..n-1 on `threads` host threads as runSamplesOnThreads runs
/// samples (it is this with a unit that runs one sample), for hosts whose
/// unit is several runs (a batt's two calls on one sample:
/// runBattOnThreads).
unsigned runUnitsOnThreads(size_t n, unsigned threads, uint64_t arenaBytes,
                           const UnitFn &unit);
/// Sample i as such a unit runs it: runSample in the thread's arenas
/// (`input` builds its input), `done(i, ctx, out)`, then the pages the
/// sample touched given back (HostArena::release).
void runSampleUnit(av (*fn)(ArcCtx *, av), size_t i, const HostArena &small,
                   const HostArena &full, uint64_t workLimit,
                   const std::function<av(ArcCtx *)> &input,
                   const std::function<void(size_t, ArcCtx &, av)> &done,
                   double seconds);

} // namespace runtime
} // namespace arcdsl

#endif // ARCDSL_RUNTIME_TASKSET_H

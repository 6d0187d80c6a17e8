//===- Batt.h - inputs and outputs of batt programs -------------*- C++ -*-===//
//
// Host side of batt programs (generated functions `batt(task_id, S, I, C,
// log_path)` that return lists of recorded tuples, see docs/batt.md). A
// compiled batt takes one value, the tuple (S, I, C), and returns the tuple
// of every value its `append` lines recorded; its layout (from the
// compiler, JSON) says how those values and the lines' constants rebuild
// the lists the Python function returns. Nothing from LLVM/MLIR.
//===----------------------------------------------------------------------===//

#ifndef ARCDSL_RUNTIME_BATT_H
#define ARCDSL_RUNTIME_BATT_H

#include "ArcDsl/Runtime/GpuRuntime.h"
#include "ArcDsl/Runtime/TaskSet.h"

#include <string>
#include <vector>

namespace arcdsl {
namespace runtime {

/// Default bound on a batt call (one sample, one mode), in CPython seconds
/// (Cost.h): tokpidjin's run_batt.py gives each call 10 s (`-t`) and loses
/// the call's lists when it passes them.
constexpr double kBattTimeoutSeconds = 10.0;

struct BattLayout {
  /// The names of the lists the batt returns (`return o, s`), in order.
  std::vector<std::string> returns;
  struct Record {
    size_t list;  ///< index into `returns`
    bool isTuple; ///< `append((a, b, ...))` rather than `append(a)`
    /// Parts in golden JSON encoding; a value computed by the batt is
    /// {"slot": k}, element k of its result tuple.
    std::vector<Json> parts;
    /// Per part: its slot, or -1 for a constant, whose JSON text is in
    /// `text` (made once, not per run).
    std::vector<int64_t> slot;
    std::vector<std::string> text;
  };
  std::vector<Record> records;
  /// Per returned list, its records in order.
  std::vector<std::vector<size_t>> byList;
  size_t slots = 0; ///< length of the result tuple
  /// The batt's lines, in order: the variable each assigns and where
  /// ("t12", "batt.py:57"), what an error names.
  struct Line {
    std::string name, at;
  };
  std::vector<Line> lines;
};

/// How a compiled batt shares lines between a sample's two calls
/// (docs/batt.md, "Two calls, one pass"): called with a memo of
/// `memoWords` words as a fourth argument, it keeps the values and costs
/// of the lines that do not read C; called again with the memo's word 0
/// set, it replays them. 0: it does not share.
struct BattShare {
  uint64_t memoWords = 0;
  explicit operator bool() const { return memoWords != 0; }
};

/// Parse the compiler's layout JSON; false and `error` when malformed.
bool parseBattLayout(const std::string &json, BattLayout &layout,
                     std::string &error);

/// Which calling mode: run_batt.py calls every batt twice per sample, with
/// C = None (solve) and with C = the expected output (diff).
enum class BattMode { Solve, Diff };
const char *battModeName(BattMode m);

/// The input (S, I, C) of sample k of `task`: S the task's train pairs
/// ((input, output), ...), I the sample's input, C None or its expected
/// output (None when it has none); (S, I, C, memo) when a memo is given
/// (a batt that shares lines: ShareBattModes).
av battInput(ArcCtx *c, const Task &task, size_t k, BattMode mode,
             av memo = kErr);
/// A fresh memo of `words` words for a sample's two batt calls (word 0,
/// the replay flag, clear).
av battMemo(ArcCtx *c, uint64_t words);

/// The name of sample k: "train/0", "test/1"...
std::string battSampleName(const Task &task, size_t k);

/// One run of a batt: a task's sample in one calling mode.
struct BattRun {
  const Task *task;
  size_t sample;
  BattMode mode;
};
/// Every (task, sample, mode) of `tasks`, in task, sample, mode order.
std::vector<BattRun> battRuns(const std::vector<const Task *> &tasks,
                              const std::vector<BattMode> &modes);

/// The line whose error ended a failed run, or null when not known: a
/// compiled batt (CPU) that fails returns the line's index, an Integer
/// word, in place of its result; a result of the GPU kernel (kErr) names
/// none.
const BattLayout::Line *battErrorLine(const ArcCtx *c, av out,
                                      const BattLayout &layout);

/// The JSON line of a finished run (`c` holds its status and arena, `out`
/// its result): {"task", "sample", "mode", "o": [...], "s": [...]} (the
/// lists the batt returned, each record a JSON array, strings as {"str":
/// s}) or {..., "error"}
/// (with "line" and "at" when battErrorLine knows them).
/// `status` is set to the run's ErrCode (TypeError for a result without
/// the layout's shape).
std::string battLine(ArcCtx *c, av out, const BattRun &run,
                     const BattLayout &layout, uint32_t &status);
/// The same line written over `line`: a caller making many lines keeps one
/// buffer (no allocation per line once it has grown).
void battLineInto(std::string &line, ArcCtx *c, av out, const BattRun &run,
                  const BattLayout &layout, uint32_t &status);

/// ", N <Exception>" for each exception the runs raised (statuses), by
/// name: the tail of the tools' summary lines.
std::string battErrorSummary(const std::vector<uint32_t> &status);

/// Run compiled batt `fn` on every run of `runs` on host threads, as
/// runSamplesOnThreads runs samples, each run's result to `done` (on the
/// worker threads). With `share`, a sample's solve run and the diff run
/// after it are one unit: `fn` on (S, I, None, memo) records, then, unless
/// that call raised, `fn` on (S, I, C, memo) with the memo's replay flag
/// set, in the same arena; the diff call runs without a memo otherwise
/// (and when the replay outgrows the small arena). Either way each run's
/// output, status and work are those of `fn` on its input alone. Returns
/// the threads that ran.
unsigned runBattOnThreads(av (*fn)(ArcCtx *, av), const BattShare &share,
                          const std::vector<BattRun> &runs, unsigned threads,
                          uint64_t arenaBytes, uint64_t workLimit,
                          const std::function<void(size_t, ArcCtx &, av)> &done,
                          double seconds);

/// Run batt `kernel` of the loaded bundle on every run with the dispatch
/// kernel (samples that outgrow the light pass on host code when the
/// options give it; everything on host code when `gpu` is null) and make
/// each run's JSON line and status, in run order.
bool runBattOnGpu(GpuDevice *gpu, const std::string &kernel,
                  const BattLayout &layout, const std::vector<BattRun> &runs,
                  HostArena &arena, uint64_t workLimit,
                  uint64_t retryArenaBytes, std::vector<std::string> &lines,
                  std::vector<uint32_t> &status, std::string &error,
                  const BatchOptions *options = nullptr);

} // namespace runtime
} // namespace arcdsl

#endif // ARCDSL_RUNTIME_BATT_H

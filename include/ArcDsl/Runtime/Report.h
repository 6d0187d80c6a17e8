//===- Report.h - showing tasks, outputs and diffs --------------*- C++ -*-===//
//
// What the tools show of a run: grids in ARC's colours on a terminal (ANSI
// background blocks, or digits when colour is off) and one self-contained
// HTML page of every task (train pairs, test inputs, each solver's outputs
// with the cells that differ from the expected output marked, errors, and
// the attempts of the submission rule). Nothing from LLVM/MLIR.
//===----------------------------------------------------------------------===//

#ifndef ARCDSL_RUNTIME_REPORT_H
#define ARCDSL_RUNTIME_REPORT_H

#include "ArcDsl/Runtime/Submission.h"
#include "ArcDsl/Runtime/TaskSet.h"

#include <string>
#include <utility>
#include <vector>

namespace arcdsl {
namespace runtime {

enum class ColorMode { Plain, Ansi256, TrueColor };

/// The colour mode of --color=`option` (always, never, auto) for output
/// file descriptor `fd`: auto is colour only on a terminal without NO_COLOR
/// set; colour is 24-bit when COLORTERM says truecolor/24bit, else 256
/// colours. False when `option` is none of the three.
bool colorModeFor(const std::string &option, int fd, ColorMode &mode);

/// Grids (value JSON) side by side under their captions; a value that is
/// no grid is printed as its JSON. Lines end with '\n'.
std::string renderGridsText(
    const std::vector<std::pair<std::string, std::string>> &captioned,
    ColorMode mode);

/// --show for one solver's run on its task: for each input it got wrong,
/// raised on, or has no expected output for (a prediction), the input, the
/// expected output (when known) and the solver's output or error.
std::string showRun(const Task &task, const std::vector<SampleOutput> &outs,
                    ColorMode mode);

/// One task of the HTML report.
struct ReportTask {
  std::string id;
  const Task *task = nullptr; ///< null: the task could not be read
  std::string error;          ///< why it could not be read
  struct Run {
    std::string solver;
    TaskVerdict verdict;
    std::vector<const SampleOutput *> outputs; ///< per pair; null: none
    bool fits = false;
  };
  std::vector<Run> runs;         ///< the solvers named for the task
  std::vector<Attempts> attempts; ///< per test input
};

/// One self-contained HTML page (inline CSS, no scripts, no external
/// resources): a summary, then one <section class="task"> per task.
std::string renderHtmlReport(const std::string &title,
                             const std::string &summary,
                             const std::vector<ReportTask> &tasks);

} // namespace runtime
} // namespace arcdsl

#endif // ARCDSL_RUNTIME_REPORT_H

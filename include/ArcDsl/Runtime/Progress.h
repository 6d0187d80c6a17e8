//===- Progress.h - a progress bar on stderr --------------------*- C++ -*-===//
//
// One progress bar for every long run of the tools (arcdsl-run, arcdsl-batt,
// arcdsl-host): done/total, rate and ETA, redrawn in place at most ten times
// a second, only when stderr is a terminal (and the tool is not --quiet).
// Thread-safe: workers call advance(). Nothing from LLVM/MLIR.
//===----------------------------------------------------------------------===//

#ifndef ARCDSL_RUNTIME_PROGRESS_H
#define ARCDSL_RUNTIME_PROGRESS_H

#include <atomic>
#include <cstddef>
#include <mutex>
#include <string>

namespace arcdsl {
namespace runtime {

class ProgressBar {
public:
  /// `label` starts the line ("arcdsl-run"), `unit` names what is counted
  /// ("programs"). Shown when `enabled` and stderr is a terminal.
  ProgressBar(std::string label, std::string unit, size_t total,
              bool enabled);
  ~ProgressBar();
  /// `n` more done (any thread).
  void advance(size_t n = 1);
  /// Set the count done (any thread).
  void set(size_t done);
  /// Erase the bar (before printing results).
  void finish();
  bool shown() const { return active; }

  /// The bar's text for `done` of `total` after `seconds`, `width` cells
  /// wide (exposed for tests).
  static std::string line(const std::string &label, const std::string &unit,
                          size_t done, size_t total, double seconds,
                          unsigned width = 30);

private:
  void draw(size_t done, bool force);
  std::string label, unit;
  size_t total;
  bool active;
  double start, lastDraw = 0;
  std::atomic<size_t> count{0};
  std::mutex drawing;
};

} // namespace runtime
} // namespace arcdsl

#endif // ARCDSL_RUNTIME_PROGRESS_H

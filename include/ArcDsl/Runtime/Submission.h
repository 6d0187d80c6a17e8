//===- Submission.h - Kaggle submissions from solver outputs ----*- C++ -*-===//
//
// The submission rule (docs/submission.md): which solvers are candidates for
// a task, which of them fit its train pairs, and the two attempts written
// for each test input; the file in Kaggle's format, written atomically.
// Nothing from LLVM/MLIR.
//===----------------------------------------------------------------------===//

#ifndef ARCDSL_RUNTIME_SUBMISSION_H
#define ARCDSL_RUNTIME_SUBMISSION_H

#include "ArcDsl/Runtime/TaskSet.h"

#include <map>
#include <string>
#include <vector>

namespace arcdsl {
namespace runtime {

/// Whether solver function `solver` is named for task `task`:
/// `solve_<task>` or `solve_<task>_<anything>`.
bool isNamedFor(const std::string &solver, const std::string &task);

/// The task a solver function is named for, among `known` (sorted) task
/// ids: `solve_<T>` or `solve_<T>_<anything>` with T known (the longest such
/// T), else the whole name after `solve_`; "" when it is no solver.
std::string taskOfSolver(const std::string &solver,
                         const std::vector<std::string> &known);

/// A candidate of a task: its outputs on the task's pairs (index = pair
/// index; null or missing: it did not run there, e.g. its process crashed).
struct Candidate {
  std::string solver;
  bool named = false; ///< named for the task (else a --cross candidate)
  std::vector<const SampleOutput *> outputs;
};

/// The candidates of every task of `tasks` from the runs of `jobs` (in file
/// order; outputs[job.solver][i] is the output of the job's sample i): for
/// task T the solvers named for T, then, with `cross`, every other solver
/// that ran on T.
std::map<std::string, std::vector<Candidate>> candidatesOf(
    const std::map<std::string, Task> &tasks, const std::vector<Job> &jobs,
    const std::map<std::string, std::vector<SampleOutput>> &outputs,
    bool cross);

/// The compact JSON of an ARC grid (1-30 rows of 1-30 integers 0-9, all
/// rows of one length) held in a value's JSON, or "" when it is none.
std::string gridJson(const std::string &valueJson);

/// A candidate fits when on every train pair it returned a value equal to
/// the expected output (no error).
bool fits(const Task &task, const Candidate &candidate);

/// The two attempts for one test input, as compact grid JSON.
struct Attempts {
  std::string first, second;
};

/// The attempts for every test input of `task` from its candidates, in
/// candidate order (docs/submission.md).
std::vector<Attempts> chooseAttempts(const Task &task,
                                     const std::vector<Candidate> &candidates);

/// The submission file's text: one line of compact JSON, task ids in
/// ascending order, then a newline.
std::string
submissionJson(const std::map<std::string, std::vector<Attempts>> &tasks);

/// Write `text` to `path` through a temporary file in the same directory
/// and a rename (a reader never sees half a file); false and `error`.
bool writeFileAtomically(const std::string &path, const std::string &text,
                         std::string &error);

} // namespace runtime
} // namespace arcdsl

#endif // ARCDSL_RUNTIME_SUBMISSION_H

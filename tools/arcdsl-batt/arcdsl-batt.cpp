//===- arcdsl-batt.cpp - run a batt over every sample of ARC task sets -----===//
//
// Compiles a batt file once (`def batt(task_id, S, I, C, log_path):`, the
// programs a genetic search generates; docs/batt.md) and runs it on every
// (task, sample, mode) of the task directories: S the task's train pairs, I
// the sample's input, C None (mode solve) or the expected output (mode
// diff), as run_batt.py calls it. Writes one JSON line per run with the
// lists the batt returns ({"o": [...], "s": [...]}) or its error, in a
// deterministic order (task, sample, mode), and a summary.
//
// A task file that cannot be used (missing, not a regular file, over the
// size cap, broken JSON or grids) costs only its task: it gets one line
// {"task":..,"error":"BadTaskFile","detail":..} and the other tasks run.
//
// Exit codes (also in --help):
//   0  every selected task ran (whatever the batt returned or raised)
//   1  bad input: bad options, a batt file that does not import or compile,
//      or a task file missing, unreadable or invalid (the other tasks still
//      ran and are in the output)
//   2  the machine failed us (no arena, the output could not be written)
//   3  nothing to run: no task selected (an empty task directory)
//===----------------------------------------------------------------------===//

#include "ArcDsl/Runner/Compiler.h"
#include "ArcDsl/Runner/Cubins.h"
#include "ArcDsl/Runtime/Batt.h"
#include "ArcDsl/Runtime/GpuRuntime.h"
#include "ArcDsl/Runtime/Progress.h"
#include "ArcDsl/Runtime/TaskSet.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/raw_ostream.h"

#include <cmath>
#include <algorithm>
#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <thread>

using namespace arcdsl;
using namespace arcdsl::runtime;
namespace cl = llvm::cl;

static cl::OptionCategory cat("arcdsl-batt options");
static cl::opt<std::string> battPath(cl::Positional, cl::Required,
                                     cl::desc("<batt file (Python)>"),
                                     cl::cat(cat));
static cl::list<std::string>
    tasksDirs("tasks",
              cl::desc("ARC tasks: a directory of <id>.json files, one task "
                       "file or Kaggle's combined challenges file "
                       "(repeatable)"),
              cl::value_desc("DIR|FILE"), cl::ZeroOrMore, cl::cat(cat));
static cl::opt<std::string>
    only("only", cl::desc("comma-separated task ids (default: every task)"),
         cl::value_desc("ID,..."), cl::cat(cat));
static cl::opt<std::string>
    modesOpt("modes",
             cl::desc("calling modes: solve (C = None), diff (C = the "
                      "expected output) or both (default solve,diff)"),
             cl::init("solve,diff"), cl::cat(cat));
static cl::opt<std::string>
    dslOpt("dsl",
           cl::desc("the DSL of the batt's primitives: hodel or tokpidjin "
                    "(default: from its imports; `from safe_dsl import` is "
                    "tokpidjin's)"),
           cl::cat(cat));
static cl::opt<std::string>
    orderOpt("order",
             cl::desc("how frozensets iterate: python (stock CPython 3.11's "
                      "hash-table order, the default: the answers of the "
                      "Python program) or canonical (ascending order)"),
             cl::init("python"), cl::cat(cat));
static cl::opt<std::string> outPath("out",
                                    cl::desc("write one JSON line per run"),
                                    cl::value_desc("FILE.jsonl"), cl::cat(cat));
static cl::opt<unsigned> arenaMb("arena-mb",
                                 cl::desc("per-run arena capacity in MiB "
                                          "(default 2048: address space, "
                                          "touched only as a run uses it; "
                                          "some batt lines CPython finishes "
                                          "build over 1 GiB)"),
                                 cl::init(2048), cl::cat(cat));
static cl::opt<double> timeoutOpt(
    "timeout",
    cl::desc("stop a run (one batt call) once the cost model estimates that "
             "stock CPython would take more than S seconds on it (default 10, "
             "tokpidjin run_batt.py's per-call -t): the run's line is "
             "{\"error\":\"WorkLimit\"}, as run_batt.py loses a call that "
             "times out; the same on every machine; the bound is 2 x S "
             "estimated seconds (docs/capacities.md)"),
    cl::value_desc("S"), cl::init(kBattTimeoutSeconds), cl::cat(cat));
static cl::opt<uint64_t> workLimitOpt(
    "work-limit",
    cl::desc("per-run bound in cost units (estimated CPython nanoseconds), "
             "instead of --timeout's 2 x S x 10^9"),
    cl::cat(cat));
static cl::opt<double> wallTimeout(
    "wall-timeout",
    cl::desc("per-run wall-clock limit in seconds (default 20): a watchdog; "
             "a run past it is a Timeout, one that crashes a Crash; the "
             "other runs go on"),
    cl::init(kDefaultSampleSeconds), cl::cat(cat));
static cl::opt<unsigned>
    jobs("jobs", cl::desc("threads (default: the number of cores); a "
                          "thread whose samples ran out helps the heavy "
                          "samples of the others (docs/runtime.md)"),
         cl::init(std::max(1u, std::thread::hardware_concurrency())),
         cl::cat(cat));
static cl::opt<bool> shareModes(
    "share-modes",
    cl::desc("run a sample's solve and diff calls as one: the lines that do "
             "not read C are computed once, in the solve call, and taken "
             "from it by the diff call, with the same outputs, statuses and "
             "work (default on; --share-modes=false runs every call whole)"),
    cl::init(true), cl::cat(cat));
static cl::opt<bool> verbose("v", cl::desc("print compile diagnostics"),
                             cl::cat(cat));
static cl::opt<bool> quiet("quiet",
                           cl::desc("only print the summary line (no "
                                    "progress bar either); also -q"),
                           cl::cat(cat));
static cl::alias quietShort("q", cl::desc("alias for --quiet"),
                            cl::aliasopt(quiet), cl::cat(cat));

static cl::opt<std::string> bundlePath(
    "emit-bundle",
    cl::desc("compile the batt to a GPU kernel bundle (PTX + manifest with "
             "its layout) for --chip and write it to FILE (run it with "
             "arcdsl-host --batt)"),
    cl::value_desc("FILE"), cl::cat(cat));
static cl::opt<std::string> hostObjectPath(
    "emit-host-object",
    cl::desc("compile the batt to a position-independent object file for "
             "this CPU (arcdsl-host --host-code runs heavy samples with it)"),
    cl::value_desc("FILE.o"), cl::cat(cat));
static cl::opt<std::string>
    chip("chip",
         cl::desc("the bundle's PTX architecture, the oldest it runs on: "
                  "sm_75 (T4, default), sm_80, sm_89, sm_90"),
         cl::init("sm_75"), cl::cat(cat));
static cl::opt<std::string> cubinsOpt(
    "cubins",
    cl::desc("also SASS in the bundle, made by ptxas and nvlink: all "
             "(default: sm_75,sm_80,sm_89,sm_90 from --chip on), none, or a "
             "list"),
    cl::value_desc("all|none|sm_XY,..."), cl::init("all"), cl::cat(cat));

namespace {

int fail(const llvm::Twine &msg, int code = 1) {
  llvm::errs() << "arcdsl-batt: error: " << msg << "\n";
  return code;
}

} // namespace

int main(int argc, char **argv) {
  llvm::InitLLVM initLLVM(argc, argv);
  cl::HideUnrelatedOptions(cat);
  cl::ParseCommandLineOptions(
      argc, argv,
      "arcdsl-batt: compile a batt file and run it on every sample of ARC "
      "tasks\n\n"
      "  arcdsl-batt BATT.py --tasks DIR [--tasks DIR2] [--only ID,...]\n"
      "              [--modes solve,diff] [--dsl hodel|tokpidjin] "
      "[--out FILE.jsonl]\n"
      "  arcdsl-batt BATT.py --tasks DIR --emit-bundle B.json [--cubins all]\n"
      "              [--emit-host-object B.o]   (for arcdsl-host --batt)\n\n"
      "BATT.py holds `def batt(task_id, S, I, C, log_path):` whose lines are\n"
      "`tN = prim(args)` (optionally in try/except with "
      "_get_safe_default),\n`o.append((...))`, `s.append((...))` and "
      "`return o, s`. It is run on every\ntrain and test sample of every "
      "task, with C = None (solve) and C = the\nexpected output (diff). "
      "Each run gives one JSON line\n  {\"task\":..,\"sample\":\"train/0\","
      "\"mode\":\"solve\",\"o\":[...],\"s\":[...]}\nor {..,\"error\":\"<Python "
      "exception>\"} when the batt raised; strings are\n{\"str\":..}, "
      "frozensets {\"set\":[...]}, functions {\"fn\":..}. A task file "
      "that cannot be\nused gets one line {\"task\":..,\"error\":"
      "\"BadTaskFile\",\"detail\":..} and the others run.\n\n"
      "Exit codes: 0 every selected task ran (whatever the batt returned or "
      "raised);\n1 bad input (options, a batt file that does not compile, a "
      "task file missing,\nunreadable or invalid: the other tasks still "
      "ran); 2 the machine failed (no\narena, the output could not be "
      "written); 3 nothing to run (no task selected).\n");

  if (!(timeoutOpt > 0) || !std::isfinite(timeoutOpt))
    return fail("--timeout must be seconds > 0");
  uint64_t workLimit = workLimitOpt.getNumOccurrences()
                           ? (uint64_t)workLimitOpt
                           : workLimitFor(timeoutOpt);
  bool emitOnly = !bundlePath.empty() || !hostObjectPath.empty();
  std::vector<BattMode> modes;
  for (llvm::StringRef m : llvm::split(modesOpt, ',')) {
    if (m == "solve")
      modes.push_back(BattMode::Solve);
    else if (m == "diff")
      modes.push_back(BattMode::Diff);
    else
      return fail("unknown mode '" + m + "' (solve or diff)");
  }
  if (tasksDirs.empty() && !emitOnly)
    return fail("--tasks DIR is required (or --emit-bundle / "
                "--emit-host-object)");
  std::set<std::string> wanted;
  for (llvm::StringRef id : llvm::split(only, ','))
    if (!id.empty())
      wanted.insert(id.str());

  // Tasks, sorted by id across the directories; a bad task file is
  // reported per task (badTasks) and the others run.
  std::map<std::string, Task> tasks;
  std::map<std::string, std::string> badTasks;
  for (const std::string &dir : tasksDirs) {
    TaskSource source;
    std::string err;
    if (!source.open(dir, "", err))
      return fail(err);
    for (const std::string &id : source.ids()) {
      if (!wanted.empty() && !wanted.count(id))
        continue;
      Task task;
      std::string why;
      if (!source.load(id, task, why)) {
        llvm::errs() << "arcdsl-batt: error: " << why << "\n";
        badTasks[id] = why;
        continue;
      }
      badTasks.erase(id);
      tasks[id] = std::move(task);
    }
  }
  for (const std::string &id : wanted)
    if (!tasks.count(id) && !badTasks.count(id)) {
      llvm::errs() << "arcdsl-batt: error: no task file for '" << id << "'\n";
      badTasks[id] = "no task file for '" + id + "'";
    }

  double t0 = now();
  CompiledSolvers compiled;
  compiled.setDsl(dslOpt);
  if (orderOpt != "python" && orderOpt != "canonical")
    return fail("--order must be python or canonical, not '" + orderOpt + "'");
  compiled.setOrder(orderOpt);
  compiled.setShareBattModes(shareModes);
  SolverFn fn = nullptr;
  BattLayout layout;
  if (llvm::Error e = compiled.compileBatt(battPath, verbose, fn, layout))
    return fail(llvm::toString(std::move(e)));
  double compileSeconds = now() - t0;
  if (!quiet)
    llvm::errs() << "arcdsl-batt: compiled " << battPath << " in "
                 << llvm::format("%.2f", compileSeconds) << " s ("
                 << layout.records.size() << " records, "
                 << compiled.warnings << " lines that always fail"
                 << (compiled.warnings && !verbose ? ": -v lists them" : "")
                 << ")\n";

  if (!bundlePath.empty()) {
    KernelBundle bundle;
    auto cubinChips = parseCubinChips(cubinsOpt, chip);
    if (!cubinChips)
      return fail(llvm::toString(cubinChips.takeError()));
    if (llvm::Error e = compiled.buildGpuBundle(chip, bundle, *cubinChips))
      return fail(llvm::toString(std::move(e)));
    if (!compiled.bundleWarning.empty())
      llvm::errs() << "arcdsl-batt: warning: " << compiled.bundleWarning
                   << "\n";
    std::error_code ec;
    llvm::raw_fd_ostream os(bundlePath, ec);
    if (ec)
      return fail("cannot write " + bundlePath + ": " + ec.message());
    os << bundle.toJson();
    if (!quiet)
      llvm::errs() << "arcdsl-batt: wrote " << bundlePath << " ("
                   << llvm::format("%.2f", compiled.ptxSeconds) << " s"
                   << cubinSummary(bundle, compiled.cubinSeconds) << ")\n";
  }
  if (!hostObjectPath.empty())
    if (llvm::Error e = compiled.emitHostObject(hostObjectPath))
      return fail(llvm::toString(std::move(e)));
  if (emitOnly)
    return 0;

  std::vector<const Task *> taskList;
  for (auto &[id, task] : tasks)
    taskList.push_back(&task);
  std::vector<BattRun> runs = battRuns(taskList, modes);
  std::vector<uint32_t> status(runs.size());
  std::vector<uint64_t> work(runs.size());

  // The lines go out in run order as the runs finish (a run that finishes
  // before those ahead of it waits in `held`), not kept to the end: a
  // card.py batt writes hundreds of MB. The file is opened first, so a
  // path that cannot be written fails before anything runs.
  std::unique_ptr<llvm::raw_fd_ostream> os;
  if (!outPath.empty()) {
    std::error_code ec;
    os = std::make_unique<llvm::raw_fd_ostream>(outPath, ec);
    if (ec)
      return fail("cannot write " + outPath + ": " + ec.message());
  }
  // A bad task's line where its runs would be (task order).
  auto bad = badTasks.begin();
  auto badUpTo = [&](const std::string *id) {
    for (; bad != badTasks.end() && (!id || bad->first < *id); ++bad) {
      std::string line = "{\"task\":";
      appendJsonString(line, bad->first);
      line += ",\"error\":\"BadTaskFile\",\"detail\":";
      appendJsonString(line, bad->second);
      *os << line << "}\n";
    }
  };
  std::mutex outMutex;
  std::vector<std::string> held(os ? runs.size() : 0);
  std::vector<char> ready(held.size());
  size_t next = 0; // the first run whose line is not written yet
  auto write = [&](size_t i, const std::string &line) {
    badUpTo(&runs[i].task->id);
    *os << line << "\n";
  };

  // Runs are independent: threads take them in turn, each with its arenas.
  ProgressBar bar("arcdsl-batt", "runs", runs.size(), !quiet);
  double t1 = now();
  unsigned threadsRan = runBattOnThreads(
      fn, compiled.battShare("batt"), runs, jobs, (uint64_t)arenaMb << 20,
      workLimit,
      [&](size_t i, ArcCtx &ctx, av out) {
        thread_local std::string line;
        battLineInto(line, &ctx, out, runs[i], layout, status[i]);
        work[i] = ctx.work;
        bar.advance();
        if (!os)
          return;
        std::lock_guard<std::mutex> lock(outMutex);
        if (i != next) {
          held[i] = line;
          ready[i] = 1;
          return;
        }
        write(next++, line);
        for (; next < runs.size() && ready[next]; ++next) {
          write(next, held[next]);
          std::string().swap(held[next]);
        }
      },
      wallTimeout);
  bar.finish();
  if (!threadsRan)
    return fail("cannot map the run arenas", 2);
  double runSeconds = now() - t1;
  if (os) {
    if (next != runs.size())
      return fail("internal error: run " + std::to_string(next) +
                      " gave no line",
                  2);
    badUpTo(nullptr);
    os->close();
    if (os->has_error()) {
      std::string why = os->error().message();
      os->clear_error();
      return fail("cannot write " + outPath + ": " + why, 2);
    }
  }
  llvm::outs() << runs.size() << " runs of batt on " << tasks.size()
               << " tasks in " << llvm::format("%.3f", runSeconds) << " s ("
               << llvm::format("%.0f", runs.size() / std::max(runSeconds, 1e-9))
               << " runs/s, " << threadsRan << " threads)"
               << battErrorSummary(status);
  if (!badTasks.empty())
    llvm::outs() << "; " << badTasks.size() << " bad task file"
                 << (badTasks.size() == 1 ? "" : "s");
  llvm::outs() << "\n";
  if (!quiet && !work.empty()) {
    std::sort(work.begin(), work.end());
    uint64_t sum = 0;
    for (uint64_t w : work)
      sum += w;
    llvm::errs() << "arcdsl-batt: work per run: mean " << sum / work.size()
                 << ", median " << work[work.size() / 2] << ", p99 "
                 << work[work.size() * 99 / 100] << ", max " << work.back()
                 << "\n";
  }
  if (!badTasks.empty())
    return 1;
  return tasks.empty() ? 3 : 0;
}

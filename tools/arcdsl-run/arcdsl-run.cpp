//===- arcdsl-run.cpp - run ARC-DSL solvers on ARC tasks ------------------===//
//
// Compiles every solve_<id> of a solver file and runs it on the train and
// test inputs of <tasks>/<id>.json (the `own` workload), or on every input of
// every task (`--cross`), on the CPU (native code through the LLVM JIT) or
// the GPU (one launch of the dispatch kernel over all samples; heavy ones
// finish on this process's threads). Reports per task
// (pass / fail / error / unsupported), a summary line, and optionally a JSON
// report and a file of every sample's output (to compare backends).
//
// Exit codes (also in --help):
//   0  every selected program ran on its tasks (whatever it scored)
//   1  bad input: bad options, an unreadable or unparsable solver file, or
//      a task file missing, unreadable or invalid (not a regular file, over
//      the size cap, broken JSON or grids); the other tasks still ran and
//      are reported, the bad ones as errors
//   2  the machine failed us (no arena, GPU failure)
//   3  nothing ran: no selected program compiled and had a task to run
//===----------------------------------------------------------------------===//

#include "ArcDsl/Runner/Compiler.h"
#include "ArcDsl/Runner/Cubins.h"
#include "ArcDsl/Runtime/GpuRuntime.h"
#include "ArcDsl/Runtime/PrimProfile.h"
#include "ArcDsl/Runtime/Progress.h"
#include "ArcDsl/Runtime/Report.h"
#include "ArcDsl/Runtime/Submission.h"
#include "ArcDsl/Runtime/TaskSet.h"
#include "ArcDsl/Runtime/Team.h"
#include "ArcDsl/Runtime/Workers.h"

#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/raw_ostream.h"

#include <cmath>
#include <csignal>
#include <cstring>
#include <set>
#include <malloc.h>
#include <thread>
#include <unistd.h>

using namespace arcdsl;
using namespace arcdsl::runtime;
namespace cl = llvm::cl;

static cl::OptionCategory cat("arcdsl-run options");
static cl::opt<std::string> solversPath(
    "solvers", cl::desc("solver file (Python, `def solve_<id>(I):` ...)"),
    cl::value_desc("FILE.py"), cl::Required, cl::cat(cat));
static cl::opt<std::string> tasksDir(
    "tasks",
    cl::desc("the ARC tasks: a directory of <id>.json files, one task file, "
             "or Kaggle's combined arc-agi_*_challenges.json"),
    cl::value_desc("DIR|FILE"), cl::cat(cat));
static cl::opt<std::string> solutionsPath(
    "solutions",
    cl::desc("expected test outputs {id: [grid per test input]} (default: "
             "for X_challenges.json, X_solutions.json beside it when it "
             "exists); a test input without one is predicted, not checked"),
    cl::value_desc("FILE"), cl::cat(cat));
static cl::opt<std::string> submissionPath(
    "submission",
    cl::desc("write Kaggle's submission file (two attempts per test input "
             "of every task read; docs/submission.md)"),
    cl::value_desc("FILE"), cl::cat(cat));
static cl::opt<std::string> htmlPath(
    "html",
    cl::desc("write one self-contained HTML page of every task: pairs, "
             "outputs, diffs of wrong outputs, errors, attempts"),
    cl::value_desc("FILE"), cl::cat(cat));
static cl::opt<bool> showOpt(
    "show",
    cl::desc("under each task line that is not a pass, print the inputs "
             "the solver got wrong, raised on or was not checked on: input, "
             "expected and its output, in ARC's colours"),
    cl::cat(cat));
/// --color: made in main, once LLVM's own --color (a boolean of its
/// diagnostics) is renamed out of the way.
static cl::opt<std::string> *colorOpt;
static cl::opt<std::string> backendOpt(
    "backend",
    cl::desc("cpu (native code via LLVM), gpu (batched PTX kernels on an "
             "NVIDIA GPU), or auto: the GPU when one is usable, else the CPU "
             "(default)"),
    cl::init("auto"), cl::cat(cat));
static cl::opt<std::string>
    only("only", cl::desc("comma-separated task ids to run (default: every "
                          "solver of the file that has a task file)"),
         cl::value_desc("ID,..."), cl::cat(cat));
static cl::opt<bool> cross("cross",
                           cl::desc("run every solver on every input of every "
                                    "task in DIR (the cross workload)"),
                           cl::cat(cat));
static cl::opt<std::string>
    orderOpt("order",
             cl::desc("how frozensets iterate: python (stock CPython 3.11's "
                      "hash-table order, the default: the answers of the "
                      "Python program) or canonical (ascending order)"),
             cl::init("python"), cl::cat(cat));
static cl::opt<std::string> jsonOut("json",
                                    cl::desc("write a JSON report to OUT"),
                                    cl::value_desc("OUT"), cl::cat(cat));
static cl::opt<std::string>
    outputsPath("outputs",
                cl::desc("write every sample's output, one JSON line each"),
                cl::value_desc("FILE"), cl::cat(cat));
static cl::opt<std::string> sampleTimesPath(
    "sample-times",
    cl::desc("write each CPU run's wall-clock time, one JSON line each "
             "({solver, task, index, status, work, seconds}): which runs "
             "are slow"),
    cl::value_desc("FILE"), cl::cat(cat));
static cl::opt<std::string>
    bundlePath("emit-bundle",
               cl::desc("compile the solvers to a GPU kernel bundle (PTX + "
                        "manifest) for --chip and write it to FILE"),
               cl::value_desc("FILE"), cl::cat(cat));
static cl::opt<std::string> hostObjectPath(
    "emit-host-object",
    cl::desc("compile the solvers to a position-independent object file for "
             "this CPU, the primitive library included (`c++ -shared` makes "
             "it a shared object for arcdsl-host --host-code), and write it "
             "to FILE"),
    cl::value_desc("FILE.o"), cl::cat(cat));
static cl::opt<std::string>
    chip("chip",
         cl::desc("the PTX's GPU architecture, the oldest the bundle runs "
                  "on: sm_75 (T4, default), sm_80 (A100), sm_89 (L4), sm_90 "
                  "(H100/H200)"),
         cl::init("sm_75"), cl::cat(cat));
static cl::opt<std::string> cubinsOpt(
    "cubins",
    cl::desc("also SASS for these chips, made by the CUDA toolkit's ptxas "
             "and nvlink (loads in milliseconds; the PTX alone is compiled "
             "by the driver at load, tens of seconds): all (default: "
             "sm_75,sm_80,sm_89,sm_90 from --chip on; on --backend gpu "
             "without --emit-bundle, the device's chip), none, or a list"),
    cl::value_desc("all|none|sm_XY,..."), cl::init("all"), cl::cat(cat));
static cl::opt<double> timeoutOpt(
    "timeout",
    cl::desc("stop a sample once the cost model estimates that stock CPython "
             "would take more than S seconds on it (default 1): a WorkLimit "
             "error, the same on every machine and backend; the bound is "
             "2 x S estimated seconds, the model's margin "
             "(docs/capacities.md)"),
    cl::value_desc("S"), cl::init(kDefaultTimeoutSeconds), cl::cat(cat));
static cl::opt<double> wallTimeout("wall-timeout",
                                   cl::desc("CPU: wall-clock seconds allowed "
                                            "per task (default 10): a "
                                            "watchdog, not a result"),
                                   cl::init(10.0), cl::cat(cat));
static cl::opt<unsigned> arenaMb("arena-mb",
                                 cl::desc("per-sample arena capacity in MiB "
                                          "(default 256): samples run in a "
                                          "1 MiB arena first and again in "
                                          "this one when they overflow, on "
                                          "both backends"),
                                 cl::init(256), cl::cat(cat));
static cl::opt<uint64_t> workLimitOpt(
    "work-limit",
    cl::desc("per-sample bound in cost units (estimated CPython "
             "nanoseconds), instead of --timeout's 2 x S x 10^9"),
    cl::cat(cat));
/// The per-sample bound (set in main from --timeout or --work-limit).
static uint64_t workLimit = kDefaultWorkLimit;
static cl::opt<bool> noFork("no-fork",
                            cl::desc("CPU: run in this process (no crash "
                                     "isolation, no timeout)"),
                            cl::cat(cat));
static cl::opt<bool> profilePrims(
    "profile-prims",
    cl::desc("CPU: record per sample, in --outputs (\"prims\"), how often "
             "each primitive ran and the work charged inside it, for "
             "bench/fit_work_model.py (runs in this process, as --no-fork; work in "
             "raw units, bounded by --work-limit, default 32000000)"),
    cl::cat(cat));
static cl::opt<unsigned> parallelJobs(
    "jobs",
    cl::desc("CPU: programs run in this many worker processes, which take "
             "units of up to 256 of a program's inputs (default: the "
             "number of cores)"),
    cl::init(std::max(1u, std::thread::hardware_concurrency())),
    cl::cat(cat));
static cl::opt<unsigned> splitThreads(
    "split-threads",
    cl::desc("CPU: threads per process that help a heavy sample: its long "
             "apply/sfilter/argmax... loops are shared with them, with the "
             "same outputs and work (default: the cores that --jobs "
             "processes leave idle when there are fewer programs than "
             "--jobs, else 0; docs/runtime.md)"),
    cl::init(0), cl::cat(cat));
/// Helper threads per process: --split-threads, or its default.
static unsigned helpersPerProcess = 0;
static cl::opt<bool> verbose("v", cl::desc("print compile diagnostics"),
                             cl::cat(cat));
static cl::opt<bool> quiet("quiet",
                           cl::desc("only print the summary line (no "
                                    "progress bar either); also -q"),
                           cl::cat(cat));
static cl::alias quietShort("q", cl::desc("alias for --quiet"),
                            cl::aliasopt(quiet), cl::cat(cat));

namespace {

/// An output file, or null after a message when it cannot be opened.
std::unique_ptr<llvm::raw_fd_ostream> openOutput(const std::string &path) {
  std::error_code ec;
  auto os = std::make_unique<llvm::raw_fd_ostream>(path, ec);
  if (!ec)
    return os;
  llvm::errs() << "arcdsl-run: error: cannot write " << path << ": "
               << ec.message() << "\n";
  return nullptr;
}

/// Each sample runs in a small arena first (most need well under 1 MiB, and
/// a small arena stays in cache); one that overflows it runs again in the
/// full arena, so the capacity limit is the full arena's. Each sample's
/// outcome goes to `emit` as soon as it is known (a job's outputs can be
/// hundreds of MB: they are not held until it ends).
void runOnCpu(SolverFn fn, const Job &job, HostArena &arena, HostArena &small,
              const std::function<void(SampleOutput &&)> &emit) {
  for (auto &[task, k] : job.samples) {
    const TaskPair &pair = task->pairs[k];
    double t0 = now();
    ArcCtx ctx;
    av out = runSample(
        fn, small, arena, workLimit,
        [&](ArcCtx *c) { return pairInput(c, pair); }, ctx);
    ctx.profile = nullptr; // describing the result is not the program's
    SampleOutput o = describeSample(&ctx, out, &pair);
    o.seconds = now() - t0;
    if (PrimProfile *p = threadProfile())
      o.profile = p->json();
    emit(std::move(o));
  }
}

/// The outputs of a job run here, in order.
std::vector<SampleOutput> runOnCpu(SolverFn fn, const Job &job,
                                   HostArena &arena, HostArena &small) {
  std::vector<SampleOutput> outs;
  outs.reserve(job.samples.size());
  runOnCpu(fn, job, arena, small,
           [&](SampleOutput &&o) { outs.push_back(std::move(o)); });
  return outs;
}

/// A worker process's unit: samples [from, to) of a job. A program's
/// inputs are cut into units of at most kUnitSamples, so that the workers
/// share a heavy program instead of one of them running it to the end.
struct Unit {
  size_t job, from, to;
};
constexpr size_t kUnitSamples = 256;

/// CPU runs of the jobs in `parallel` worker processes (Workers.h), each
/// taking units one at a time. A crash or a timeout ends a worker: the
/// samples of its unit it had finished are kept, the job is reported
/// failed, and its samples after the failure are not run (nor kept, where
/// another worker ran them), as when a job was a process's whole work.
void runJobsOnCpu(CompiledSolvers &solvers, const std::vector<Job> &jobs,
                  unsigned parallel, HostArena &arena, HostArena &small,
                  std::map<std::string, std::vector<SampleOutput>> &outputs,
                  std::map<std::string, std::string> &failures,
                  const std::function<void(size_t)> &jobDone) {
  ProgressBar bar("arcdsl-run", "programs", jobs.size(), !quiet);
  // The helpers of --split-threads, started in the process that runs the
  // samples (threads do not survive a fork).
  std::unique_ptr<TeamPool> pool;
  std::unique_ptr<SampleTeam> hook;
  auto helpHeavySamples = [&] {
    if (helpersPerProcess == 0 || !splitLoops())
      return;
    pool = std::make_unique<TeamPool>();
    pool->startHelpers(helpersPerProcess);
    hook = std::make_unique<SampleTeam>(*pool, small, arena,
                                        kDefaultSampleSeconds);
  };
  if (noFork || profilePrims) {
    if (!profilePrims)
      helpHeavySamples();
    PrimProfile profile;
    if (profilePrims)
      setThreadProfile(&profile);
    for (size_t j = 0; j < jobs.size(); ++j) {
      outputs[jobs[j].solver] =
          runOnCpu(solvers.lookup(jobs[j].solver), jobs[j], arena, small);
      jobDone(j);
      bar.advance();
    }
    setThreadProfile(nullptr);
    return;
  }
  std::vector<Unit> plan;
  // Per job: its first unit, its units' outcomes, how many are to come,
  // and the first that failed (SIZE_MAX: none) with why.
  struct Pieces {
    size_t first = 0, left = 0, failedAt = SIZE_MAX;
    std::vector<std::vector<SampleOutput>> outs;
    std::string why;
  };
  std::vector<Pieces> pieces(jobs.size());
  for (size_t j = 0; j < jobs.size(); ++j) {
    pieces[j].first = plan.size();
    for (size_t from = 0; from < jobs[j].samples.size(); from += kUnitSamples)
      plan.push_back(
          {j, from, std::min(jobs[j].samples.size(), from + kUnitSamples)});
    // At least one unit: main() keeps no job without samples.
    pieces[j].left = plan.size() - pieces[j].first;
    pieces[j].outs.resize(pieces[j].left);
  }
  WorkerUnits units;
  units.units = plan.size();
  units.samples = [&](size_t u) { return plan[u].to - plan[u].from; };
  units.run = [&](size_t u, const EmitSample &emit) {
    const Job &job = jobs[plan[u].job];
    Job part{job.solver,
             {job.samples.begin() + plan[u].from,
              job.samples.begin() + plan[u].to}};
    runOnCpu(solvers.lookup(job.solver), part, arena, small, emit);
  };
  units.workerStart = helpHeavySamples;
  units.alarmSeconds = [&](size_t u) {
    double secs = wallTimeout * std::max<size_t>(1, units.samples(u) / 8);
    return (unsigned)std::min(600.0, std::max(1.0, secs));
  };
  units.wanted = [&](size_t u) {
    const Pieces &p = pieces[plan[u].job];
    return u - p.first < p.failedAt;
  };
  units.done = [&](size_t u, std::vector<SampleOutput> &&outs,
                   const std::string &why) {
    size_t j = plan[u].job;
    Pieces &p = pieces[j];
    size_t k = u - p.first;
    if (!why.empty() && why != "skipped" && k < p.failedAt) {
      p.failedAt = k;
      p.why = why;
    }
    p.outs[k] = std::move(outs);
    if (--p.left)
      return;
    // The job's outcomes: its units' in order, up to the failed one's.
    std::vector<SampleOutput> &all = outputs[jobs[j].solver];
    for (size_t i = 0; i < p.outs.size() && i <= p.failedAt; ++i)
      for (SampleOutput &o : p.outs[i])
        all.push_back(std::move(o));
    p.outs.clear();
    if (p.failedAt != SIZE_MAX)
      failures[jobs[j].solver] = p.why;
    jobDone(j);
    bar.advance();
  };
  runInWorkers(units, parallel);
}
} // namespace

int main(int argc, char **argv) {
  llvm::InitLLVM initLLVM(argc, argv);
  // Outputs of MBs (a 3 x 1.4M-cell grid's JSON) are made and freed run
  // after run: from the heap, kept, rather than each from a fresh mapping
  // whose every page faults in (a third of a heavy workload's system time).
  mallopt(M_MMAP_THRESHOLD, 256 << 20);
  mallopt(M_TRIM_THRESHOLD, 512 << 20);
  {
    auto &registered = cl::getRegisteredOptions();
    auto llvmColor = registered.find("color");
    if (llvmColor != registered.end())
      llvmColor->second->setArgStr("llvm-color");
    static cl::opt<std::string> color(
        "color",
        cl::desc("colours of --show: auto (on a terminal, unless NO_COLOR "
                 "is set; the default), always or never"),
        cl::init("auto"), cl::cat(cat));
    colorOpt = &color;
  }
  cl::HideUnrelatedOptions(cat);
  cl::ParseCommandLineOptions(
      argc, argv,
      "arcdsl-run: compile ARC-DSL solvers and score them on ARC tasks\n\n"
      "  arcdsl-run --solvers FILE.py --tasks DIR [--backend cpu|gpu|auto]\n"
      "             [--only ID,...] [--cross] [--json OUT] [--outputs FILE]\n"
      "  arcdsl-run --solvers FILE.py --emit-bundle OUT.json [--chip sm_75] [--cubins all]\n\n"
      "Every `def solve_<id>(I):` of FILE.py is compiled once and run on "
      "every train and\ntest input of DIR/<id>.json. Prints one line per "
      "task and a final line\n`N passed, M failed`. A task is pass (every "
      "output right), fail (a wrong\noutput), error (the program raised, "
      "crashed or timed out, or did not compile, or its task file is missing "
      "or bad)\nor unsupported (it uses a primitive or form not implemented "
      "yet).\n\n"
      "Exit codes: 0 every selected program ran (whatever it scored); 1 bad "
      "input (options,\nsolver file, a task file missing, unreadable or "
      "invalid: the other tasks still\nran); 2 the machine failed (arena, "
      "GPU); 3 nothing ran (no selected program\ncompiled and had a task "
      "to run).\n");

  if (backendOpt != "cpu" && backendOpt != "auto" && backendOpt != "gpu") {
    llvm::errs() << "arcdsl-run: error: unknown backend '" << backendOpt
                 << "' (expected cpu, gpu or auto)\n";
    return 1;
  }
  if (!(timeoutOpt > 0) || !std::isfinite(timeoutOpt)) {
    llvm::errs() << "arcdsl-run: error: --timeout must be seconds > 0\n";
    return 1;
  }
  workLimit = workLimitOpt.getNumOccurrences() ? (uint64_t)workLimitOpt
               : profilePrims ? kRawUnitLimit
                              : workLimitFor(timeoutOpt);
  if (profilePrims && backendOpt == "gpu") {
    llvm::errs() << "arcdsl-run: error: --profile-prims counts on the CPU "
                    "only (use --backend cpu)\n";
    return 1;
  }
  if (tasksDir.empty() && bundlePath.empty() && hostObjectPath.empty()) {
    llvm::errs() << "arcdsl-run: error: --tasks DIR is required (or "
                    "--emit-bundle / --emit-host-object)\n";
    return 1;
  }
  TaskSource source;
  if (!tasksDir.empty()) {
    std::string err;
    if (!source.open(tasksDir, solutionsPath, err)) {
      llvm::errs() << "arcdsl-run: error: " << err << "\n";
      return 1;
    }
  }
  ColorMode colors = ColorMode::Plain;
  if (!colorModeFor(*colorOpt, 1, colors)) {
    llvm::errs() << "arcdsl-run: error: --color must be auto, always or "
                    "never, not '"
                 << *colorOpt << "'\n";
    return 1;
  }
  bool wantValues = !outputsPath.empty() || !submissionPath.empty() ||
                    !htmlPath.empty() || showOpt;

  // The GPU, when asked for or available.
  std::unique_ptr<GpuDevice> gpu;
  std::string backend = backendOpt;
  if (!tasksDir.empty() && backend != "cpu" && !profilePrims) {
    std::string why;
    gpu = GpuDevice::open(why);
    if (!gpu && backend == "gpu") {
      llvm::errs() << "arcdsl-run: error: GPU backend unavailable: " << why
                   << "\n";
      return 2;
    }
    backend = gpu ? "gpu" : "cpu";
    if (!quiet && !gpu)
      llvm::errs() << "arcdsl-run: note: no usable GPU (" << why
                   << "); running on the CPU\n";
  }

  if (orderOpt != "python" && orderOpt != "canonical") {
    llvm::errs() << "arcdsl-run: error: --order must be python or canonical, "
                    "not '"
                 << orderOpt << "'\n";
    return 1; // bad options, as every bad option
  }
  CompiledSolvers solvers;
  solvers.setOrder(orderOpt);
  if (llvm::Error e = solvers.compileFile(solversPath, verbose)) {
    llvm::errs() << "arcdsl-run: error: " << llvm::toString(std::move(e))
                 << "\n";
    return 1;
  }
  if (!quiet)
    llvm::errs() << llvm::format("arcdsl-run: compiled %zu of %zu functions "
                                 "(passes %.2f s, JIT %.2f s)\n",
                                 solvers.functions().size() -
                                     solvers.issues().size(),
                                 solvers.functions().size(),
                                 solvers.compileSeconds, solvers.jitSeconds);

  if (!hostObjectPath.empty()) {
    if (llvm::Error e = solvers.emitHostObject(hostObjectPath)) {
      llvm::errs() << "arcdsl-run: error: " << llvm::toString(std::move(e))
                   << "\n";
      return 2;
    }
    if (tasksDir.empty() && bundlePath.empty())
      return 0;
  }

  KernelBundle bundle;
  if (!bundlePath.empty() || backend == "gpu") {
    auto cubinChips = parseCubinChips(cubinsOpt, chip);
    if (!cubinChips) {
      llvm::errs() << "arcdsl-run: error: "
                   << llvm::toString(cubinChips.takeError()) << "\n";
      return 2;
    }
    // Running here without a bundle file: SASS for this device only (the
    // library chip the runtime will load for it, if any).
    if (gpu && bundlePath.empty() && !cubinsOpt.getNumOccurrences()) {
      std::string own = sassChipFor(
          {std::begin(kLibraryChips), std::end(kLibraryChips)},
          gpu->computeCapability());
      cubinChips->clear();
      if (!own.empty() && smNumber(own) >= smNumber(chip))
        cubinChips->push_back(own);
    }
    if (llvm::Error e = solvers.buildGpuBundle(chip, bundle, *cubinChips)) {
      llvm::errs() << "arcdsl-run: error: " << llvm::toString(std::move(e))
                   << "\n";
      return 2;
    }
    if (!solvers.bundleWarning.empty())
      llvm::errs() << "arcdsl-run: warning: " << solvers.bundleWarning << "\n";
    if (!quiet)
      llvm::errs() << llvm::format(
          "arcdsl-run: PTX for %zu kernels (%s, %.2f s, %zu bytes)%s\n",
          bundle.kernels.size(), chip.c_str(), solvers.ptxSeconds,
          bundle.ptx.size(), cubinSummary(bundle, solvers.cubinSeconds).c_str());
    if (!bundlePath.empty()) {
      auto os = openOutput(bundlePath);
      if (!os)
        return 1;
      *os << bundle.toJson();
    }
    if (tasksDir.empty())
      return 0;
    if (gpu) {
      std::string err;
      if (!gpu->load(bundle, err)) {
        llvm::errs() << "arcdsl-run: error: " << err << "\n";
        return 2;
      }
      if (!quiet)
        llvm::errs() << "arcdsl-run: running on " << gpu->name() << "\n";
    }
  }

  // Which solvers, which tasks.
  std::set<std::string> wanted;
  if (!only.empty()) {
    llvm::SmallVector<llvm::StringRef> parts;
    llvm::StringRef(only).split(parts, ',', -1, false);
    for (llvm::StringRef p : parts)
      wanted.insert(p.trim().str());
  }
  std::vector<std::string> ids; // own: solver ids
  std::map<std::string, std::string> taskOf; // solver id -> task id
  for (const std::string &fn : solvers.functions()) {
    llvm::StringRef name(fn);
    if (!name.consume_front("solve_"))
      continue;
    if (!wanted.empty() && !wanted.count(name.str()))
      continue;
    std::string task = taskOfSolver(fn, source.ids());
    // A task file or combined file holds the tasks of interest: the
    // solvers of other tasks stay out (of a directory, a solver's missing
    // task file is an error).
    if (!tasksDir.empty() && !source.isDirectory() && !source.has(task) &&
        !cross) {
      if (wanted.count(name.str())) {
        llvm::errs() << "arcdsl-run: error: no task " << task << " in "
                     << tasksDir << " for solve_" << name << "\n";
        return 1;
      }
      continue;
    }
    ids.push_back(name.str());
    taskOf[name.str()] = task;
  }
  for (const std::string &w : wanted)
    if (std::find(ids.begin(), ids.end(), w) == ids.end()) {
      llvm::errs() << "arcdsl-run: error: no solve_" << w << " in "
                   << solversPath << "\n";
      return 1;
    }

  // The tasks: those of the solvers (none but the source's with --cross);
  // every task of the source with --cross, --submission or --html.
  unsigned badInput = 0;
  std::map<std::string, Task> tasks;
  std::map<std::string, std::string> taskErrors;
  std::set<std::string> taskIds;
  if (!cross) // --cross: the source's tasks only
    for (const std::string &id : ids)
      taskIds.insert(taskOf[id]);
  if (cross || !submissionPath.empty() || !htmlPath.empty())
    taskIds.insert(source.ids().begin(), source.ids().end());
  for (const std::string &id : taskIds) {
    std::string err;
    Task t;
    if (!source.load(id, t, err)) {
      if (source.has(id))
        llvm::errs() << "arcdsl-run: error: " << err << "\n";
      ++badInput;
      taskErrors[id] = source.has(id) ? "bad task file: " + err : err;
      continue;
    }
    tasks[id] = std::move(t);
  }

  // Jobs: one per solver.
  std::vector<Job> jobs;
  for (const std::string &id : ids) {
    Job job{"solve_" + id, {}};
    if (solvers.issues().count(job.solver))
      continue;
    if (cross) {
      for (auto &[tid, t] : tasks)
        for (size_t k = 0; k < t.pairs.size(); ++k)
          job.samples.push_back({&t, k});
    } else if (tasks.count(taskOf[id])) {
      const Task &t = tasks[taskOf[id]];
      for (size_t k = 0; k < t.pairs.size(); ++k)
        job.samples.push_back({&t, k});
    }
    if (!job.samples.empty())
      jobs.push_back(std::move(job));
  }

  // Fewer programs than processes (one task's solver): the idle cores
  // help the processes' heavy samples.
  helpersPerProcess = splitThreads;
  if (!splitThreads.getNumOccurrences() && !noFork && !profilePrims &&
      !jobs.empty() && jobs.size() < parallelJobs)
    helpersPerProcess = parallelJobs / (unsigned)jobs.size() - 1;
  uint32_t lanes = helpersPerProcess ? helpersPerProcess + 1 : 0;
  HostArena arena((uint64_t)arenaMb << 20, lanes);
  HostArena small(std::min<uint64_t>(1ull << 20, (uint64_t)arenaMb << 20),
                  lanes);
  if (!arena.ok() || !small.ok()) {
    llvm::errs() << "arcdsl-run: error: cannot reserve the arena\n";
    return 2;
  }
  std::map<std::string, std::vector<SampleOutput>> outputs;
  std::map<std::string, std::string> jobFailures;

  // --outputs and --sample-times are written job by job, in job order, as
  // the jobs finish (chunks finish out of order on several processes); a
  // job's values are then dropped unless the report after the run shows
  // them (the cross workload's outputs are ~1 GB of JSON).
  std::unique_ptr<llvm::raw_fd_ostream> outputsOs, timesOs;
  if (!outputsPath.empty() && !(outputsOs = openOutput(outputsPath)))
    return 1;
  if (!sampleTimesPath.empty() && !(timesOs = openOutput(sampleTimesPath)))
    return 1;
  bool keepValues = !submissionPath.empty() || !htmlPath.empty() || showOpt;
  std::vector<char> jobFinished(jobs.size(), 0);
  size_t jobsWritten = 0;
  auto writeJob = [&](const Job &job) {
    std::vector<SampleOutput> &outs = outputs[job.solver];
    for (size_t i = 0; i < job.samples.size() && i < outs.size(); ++i) {
      const std::string &task = job.samples[i].first->id;
      size_t index = job.samples[i].second;
      if (outputsOs)
        *outputsOs << outputLine(job.solver, task, index, outs[i]) << "\n";
      if (timesOs)
        *timesOs << timeLine(job.solver, task, index, outs[i]) << "\n";
      if (!keepValues)
        std::string().swap(outs[i].value);
    }
    // A program whose process timed out or crashed: every sample it had
    // left gets that status ("timeout" / "crash", not Python exceptions).
    auto failed = jobFailures.find(job.solver);
    if (!outputsOs || failed == jobFailures.end())
      return;
    const char *st = failed->second == "timed out" ? "timeout" : "crash";
    for (size_t i = outs.size(); i < job.samples.size(); ++i)
      *outputsOs << sampleLineHead(job.solver, job.samples[i].first->id,
                                   job.samples[i].second, st, 0)
                 << ",\"output\":null}\n";
  };
  auto jobDone = [&](size_t j) {
    jobFinished[j] = 1;
    while (jobsWritten < jobs.size() && jobFinished[jobsWritten])
      writeJob(jobs[jobsWritten++]);
  };
  double t0 = now();
  size_t runs = 0;
  if (gpu) {
    std::vector<std::vector<SampleOutput>> all;
    std::string failure;
    // Samples that outgrow the GPU's light pass run on this process's
    // threads with the JIT's code (a CPU core runs such a heavy, serial
    // sample ~100x faster than one GPU thread; see docs/gpu.md).
    BatchOptions batch;
    batch.host = [&solvers](const std::string &name) {
      return solvers.lookup(name);
    };
    batch.hostThreads = parallelJobs;
    batch.values = wantValues;
    if (!runJobsOnGpu(gpu.get(), jobs, arena, workLimit, (uint64_t)arenaMb << 20,
                      all, failure, &batch)) {
      llvm::errs() << "arcdsl-run: error: GPU: " << failure << "\n";
      return 2;
    }
    for (size_t j = 0; j < jobs.size(); ++j) {
      runs += jobs[j].samples.size();
      outputs[jobs[j].solver] = std::move(all[j]);
      jobDone(j);
    }
  }
  if (!gpu) {
    runJobsOnCpu(solvers, jobs, parallelJobs, arena, small, outputs,
                 jobFailures, jobDone);
    for (const Job &job : jobs)
      runs += job.samples.size();
  }
  double secs = now() - t0;
  if (!quiet) {
    llvm::errs() << llvm::format("arcdsl-run: %zu runs of %zu programs on "
                                 "the %s in %.3f s (%.0f runs/s)%s\n",
                                 runs, jobs.size(), backend.c_str(), secs,
                                 secs > 0 ? runs / secs : 0.0,
                                 gpu ? ""
                                     : (" with " +
                                        std::to_string(parallelJobs) +
                                        " process(es)")
                                           .c_str());
    if (gpu)
      llvm::errs() << llvm::format(
          "arcdsl-run: GPU time: load %.3f s, upload %.3f s, kernels %.3f "
          "s, download %.3f s, %u launches\n",
          gpu->timings.load, gpu->timings.upload, gpu->timings.kernels,
          gpu->timings.download, gpu->timings.launches);
    if (gpu)
      llvm::errs() << gpu->timings.passReport("arcdsl-run:   ");
  }

  // Runs whose set order CPython takes from addresses: counted apart.
  {
    size_t addr = 0;
    std::string which;
    for (auto &[s, outs] : outputs)
      for (const SampleOutput &o : outs)
        if (o.addressOrder && ++addr <= 5)
          which += (which.empty() ? "" : ", ") + s;
    if (addr)
      llvm::errs() << "arcdsl-run: note: " << addr
                   << " run(s) iterate a set ordered by a hash CPython takes "
                      "from an address (None, nan, a function): CPython's "
                      "own order is not reproducible there (" << which
                   << (addr > 5 ? ", ..." : "") << ")\n";
  }

  // Verdicts.
  std::map<std::string, TaskVerdict> results;
  unsigned passed = 0, predicted = 0;
  if (cross) {
    size_t ok = 0, errors = 0;
    for (auto &[s, outs] : outputs)
      for (const SampleOutput &o : outs)
        (o.status ? errors : ok)++;
    llvm::outs() << "cross: " << jobs.size() << " programs x "
                 << (jobs.empty() ? 0 : jobs[0].samples.size())
                 << " inputs: " << ok << " values, " << errors << " errors\n";
  } else {
    for (const std::string &id : ids) {
      std::string fname = "solve_" + id;
      const std::string &tid = taskOf[id];
      TaskVerdict v;
      auto issue = solvers.issues().find(fname);
      if (issue != solvers.issues().end())
        v = {issue->second.kind == SolverIssue::Unsupported ? "unsupported"
                                                            : "error",
             issue->second.detail};
      else if (taskErrors.count(tid))
        v = {"error", taskErrors[tid]};
      else if (jobFailures.count(fname))
        v = {"error", jobFailures[fname]};
      else
        v = scoreTask(tasks[tid], outputs[fname]);
      passed += v.status == "pass";
      predicted += v.status == "predicted";
      if (!quiet)
        llvm::outs() << id << " " << v.status
                     << (v.detail.empty() ? "" : ": " + v.detail) << "\n";
      if (!quiet && showOpt && v.status != "pass" && tasks.count(tid) &&
          outputs.count(fname))
        llvm::outs() << showRun(tasks[tid], outputs[fname], colors);
      results[id] = v;
    }
    llvm::outs() << passed << " passed, "
                 << (ids.size() - passed - predicted) << " failed";
    if (predicted)
      llvm::outs() << ", " << predicted << " predicted (not checked)";
    llvm::outs() << "\n";
  }
  llvm::outs().flush();

  // The submission rule's attempts, for --submission and --html.
  std::map<std::string, std::vector<Candidate>> candidates;
  std::map<std::string, std::vector<Attempts>> attempts;
  if (!submissionPath.empty() || !htmlPath.empty()) {
    candidates = candidatesOf(tasks, jobs, outputs, cross);
    for (auto &[id, task] : tasks)
      attempts[id] = chooseAttempts(task, candidates[id]);
  }
  if (!submissionPath.empty()) {
    std::string err;
    if (!writeFileAtomically(submissionPath, submissionJson(attempts), err)) {
      llvm::errs() << "arcdsl-run: error: " << err << "\n";
      return 1;
    }
    if (!quiet)
      llvm::errs() << "arcdsl-run: wrote " << submissionPath << " ("
                   << attempts.size() << " tasks)\n";
  }
  if (!htmlPath.empty()) {
    std::vector<ReportTask> report;
    std::set<std::string> all(taskIds);
    for (const std::string &id : all) {
      ReportTask r;
      r.id = id;
      auto t = tasks.find(id);
      if (t == tasks.end()) {
        r.error = taskErrors[id];
        report.push_back(std::move(r));
        continue;
      }
      r.task = &t->second;
      r.attempts = attempts[id];
      for (const Candidate &c : candidates[id]) {
        if (!c.named)
          continue;
        ReportTask::Run run{c.solver, {}, c.outputs, fits(t->second, c)};
        auto res = results.find(c.solver.substr(6));
        if (res != results.end())
          run.verdict = res->second;
        else if (jobFailures.count(c.solver))
          run.verdict = {"error", jobFailures[c.solver]};
        else { // --cross: its outputs on this task's pairs
          std::vector<SampleOutput> mine;
          for (const SampleOutput *o : c.outputs)
            mine.push_back(o ? *o : SampleOutput{ERR_CRASH, "", false, 0});
          run.verdict = scoreTask(t->second, mine);
        }
        r.runs.push_back(std::move(run));
      }
      for (const std::string &sid : ids) // named solvers that did not run
        if (isNamedFor("solve_" + sid, id) && results.count(sid) &&
            !outputs.count("solve_" + sid))
          r.runs.push_back({"solve_" + sid, results[sid], {}, false});
      report.push_back(std::move(r));
    }
    std::string summary =
        std::to_string(passed) + " passed, " +
        std::to_string(ids.size() - passed - predicted) + " failed, " +
        std::to_string(predicted) + " predicted (not checked); solvers " +
        solversPath + ", tasks " + tasksDir;
    std::string err;
    if (!writeFileAtomically(htmlPath,
                             renderHtmlReport("arcdsl-run report", summary,
                                              report),
                             err)) {
      llvm::errs() << "arcdsl-run: error: " << err << "\n";
      return 1;
    }
  }

  if (!jsonOut.empty()) {
    std::string out = "{\"backend\": \"" + backend +
                      "\", \"passed\": " + std::to_string(passed) +
                      ", \"failed\": " +
                      std::to_string(ids.size() - passed - predicted) +
                      ", \"predicted\": " + std::to_string(predicted) +
                      ", \"total\": " + std::to_string(ids.size()) +
                      ", \"runs\": " + std::to_string(runs) +
                      ", \"seconds\": " + std::to_string(secs) +
                      ", \"tasks\": {";
    bool first = true;
    for (auto &[id, r] : results) {
      out += first ? "\n  " : ",\n  ";
      first = false;
      appendJsonString(out, id);
      out += ": {\"status\": ";
      appendJsonString(out, r.status);
      out += ", \"detail\": ";
      appendJsonString(out, r.detail);
      out += "}";
    }
    out += "\n}}\n";
    auto os = openOutput(jsonOut);
    if (!os)
      return 1;
    *os << out;
  }
  if (badInput)
    return 1;
  return jobs.empty() ? 3 : 0;
}

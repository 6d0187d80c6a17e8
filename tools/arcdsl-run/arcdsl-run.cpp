//===- arcdsl-run.cpp - run ARC-DSL solvers on ARC tasks ------------------===//
//
// Compiles every solve_<id> of a solver file, runs each on every train and
// test input of <tasks>/<id>.json, compares with the expected outputs, and
// reports per task (pass / fail / error / unsupported), a summary line and an
// optional JSON report. Each task runs in a child process (unless
// --no-fork), so a crash or a runaway program costs that task only.
//
// Exit codes: 0 all selected tasks ran (whatever they scored), 1 bad input
// (unreadable solver file, broken task JSON, bad options), 2 internal error.
//===----------------------------------------------------------------------===//

#include "ArcDsl/Primitives/Value.h"
#include "ArcDsl/Runner/Compiler.h"
#include "ArcDsl/Runtime/ValueJson.h"

#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <chrono>
#include <csignal>
#include <cstring>
#include <set>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace arcdsl;
using namespace arcdsl::runtime;
namespace cl = llvm::cl;

static cl::OptionCategory cat("arcdsl-run options");
static cl::opt<std::string> solversPath(
    "solvers", cl::desc("solver file (Python, `def solve_<id>(I):` ...)"),
    cl::value_desc("FILE.py"), cl::Required, cl::cat(cat));
static cl::opt<std::string>
    tasksDir("tasks", cl::desc("directory of ARC task files <id>.json"),
             cl::value_desc("DIR"), cl::Required, cl::cat(cat));
static cl::opt<std::string>
    backend("backend",
            cl::desc("cpu (native code via LLVM), gpu, or auto (GPU when "
                     "present, else CPU; the default)"),
            cl::init("auto"), cl::cat(cat));
static cl::opt<std::string>
    only("only", cl::desc("comma-separated task ids to run (default: every "
                          "solver of the file that has a task file)"),
         cl::value_desc("ID,..."), cl::cat(cat));
static cl::opt<std::string> jsonOut("json",
                                    cl::desc("write a JSON report to OUT"),
                                    cl::value_desc("OUT"), cl::cat(cat));
static cl::opt<double> timeout("timeout",
                               cl::desc("seconds allowed per task (default 10)"),
                               cl::init(10.0), cl::cat(cat));
static cl::opt<unsigned> arenaMb("arena-mb",
                                 cl::desc("per-sample arena in MiB (default 256)"),
                                 cl::init(256), cl::cat(cat));
static cl::opt<uint64_t>
    workLimit("work-limit",
              cl::desc("per-sample work bound in element operations "
                       "(default 200000000)"),
              cl::init(200000000), cl::cat(cat));
static cl::opt<bool> noFork("no-fork",
                            cl::desc("run tasks in this process (no crash "
                                     "isolation, no timeout)"),
                            cl::cat(cat));
static cl::opt<bool> verbose("v", cl::desc("print compile diagnostics and "
                                           "mismatching outputs"),
                             cl::cat(cat));
static cl::opt<bool> quiet("q", cl::desc("only print the summary line"),
                           cl::cat(cat));

namespace {

struct TaskResult {
  std::string status; // pass | fail | error | unsupported
  std::string detail;
};

struct Sample {
  Json input, output;
  bool hasOutput = false;
};

bool loadTask(const std::string &path, std::vector<Sample> &samples,
              std::string &error) {
  std::string text;
  if (!readFile(path, text, error))
    return false;
  Json root;
  if (!parseJson(text, root, error)) {
    error = path + ":" + error;
    return false;
  }
  for (const char *part : {"train", "test"}) {
    const Json *list = root.get(part);
    if (!list || list->kind != Json::Array) {
      error = path + ": missing \"" + part + "\" list";
      return false;
    }
    for (const Json &pair : list->arr) {
      const Json *in = pair.get("input");
      if (!in || in->kind != Json::Array) {
        error = path + ": a " + part + " pair has no \"input\" grid";
        return false;
      }
      Sample s;
      s.input = *in;
      if (const Json *out = pair.get("output")) {
        s.output = *out;
        s.hasOutput = true;
      }
      samples.push_back(std::move(s));
    }
  }
  return true;
}

/// Grids of ARC: rectangular, at most 30x30, colours 0..9.
bool checkGrid(const Json &g, std::string &why) {
  if (g.kind != Json::Array || g.arr.empty() || g.arr.size() > 30)
    return why = "grid must have 1..30 rows", false;
  size_t w = 0;
  for (const Json &row : g.arr) {
    if (row.kind != Json::Array || row.arr.empty() || row.arr.size() > 30)
      return why = "grid rows must have 1..30 cells", false;
    if (w && row.arr.size() != w)
      return why = "grid rows differ in length", false;
    w = row.arr.size();
    for (const Json &c : row.arr)
      if (c.kind != Json::Number || !c.isInt || c.i < 0 || c.i > 9)
        return why = "grid cells must be integers 0..9", false;
  }
  return true;
}

struct Arena {
  uint8_t *base = nullptr;
  uint64_t cap = 0;
  explicit Arena(uint64_t bytes) : cap(bytes) {
    void *p = mmap(nullptr, bytes, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    base = p == MAP_FAILED ? nullptr : (uint8_t *)p;
  }
  ~Arena() {
    if (base)
      munmap(base, cap);
  }
  ArcCtx fresh() const {
    ArcCtx c{};
    c.base = base;
    c.cap = cap;
    c.top = 8; // offset 0 is never a box
    c.errPrim = ~0u;
    c.workLimit = workLimit;
    return c;
  }
};

TaskResult runTask(SolverFn fn, const std::vector<Sample> &samples,
                   Arena &arena) {
  int idx = 0;
  std::string firstFail;
  for (const Sample &s : samples) {
    ++idx;
    ArcCtx ctx = arena.fresh();
    std::string err;
    av in = jsonToValue(&ctx, s.input, &err);
    if (ctx.err || !err.empty())
      return {"error", "cannot load input " + std::to_string(idx) + ": " + err};
    av out = fn(&ctx, in);
    if (ctx.err)
      return {"error", std::string("input ") + std::to_string(idx) +
                           " raised " + errorName(ctx.err)};
    if (!s.hasOutput)
      continue;
    av want = jsonToValue(&ctx, s.output, &err);
    if (ctx.err)
      return {"error", "cannot load expected output " + std::to_string(idx)};
    if (!equalValues(&ctx, out, want) && firstFail.empty()) {
      firstFail = "input " + std::to_string(idx) + " gave a wrong output";
      if (verbose) {
        std::string got = valueToJson(&ctx, out);
        if (got.size() > 300)
          got = got.substr(0, 300) + "...";
        firstFail += ": " + got;
      }
    }
  }
  if (!firstFail.empty())
    return {"fail", firstFail};
  return {"pass", std::to_string(samples.size()) + " inputs"};
}

/// Run in a child with a time limit; the result comes back over a pipe.
TaskResult runIsolated(SolverFn fn, const std::vector<Sample> &samples,
                       Arena &arena) {
  int fds[2];
  if (pipe(fds) != 0)
    return runTask(fn, samples, arena);
  pid_t pid = fork();
  if (pid == 0) {
    close(fds[0]);
    alarm((unsigned)std::max(1.0, timeout.getValue()));
    TaskResult r = runTask(fn, samples, arena);
    std::string msg = r.status + "\n" + r.detail;
    ssize_t off = 0;
    while (off < (ssize_t)msg.size()) {
      ssize_t n = write(fds[1], msg.data() + off, msg.size() - off);
      if (n <= 0)
        break;
      off += n;
    }
    _exit(0);
  }
  close(fds[1]);
  std::string msg;
  char buf[4096];
  ssize_t n;
  while ((n = read(fds[0], buf, sizeof buf)) > 0)
    msg.append(buf, n);
  close(fds[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  if (WIFSIGNALED(status)) {
    int sig = WTERMSIG(status);
    if (sig == SIGALRM)
      return {"error", "timed out after " +
                           std::to_string((int)timeout.getValue()) + " s"};
    return {"error", std::string("crashed (signal ") + strsignal(sig) + ")"};
  }
  size_t nl = msg.find('\n');
  if (nl == std::string::npos)
    return {"error", "no result from the task process"};
  return {msg.substr(0, nl), msg.substr(nl + 1)};
}

bool gpuPresent() {
  return llvm::sys::fs::exists("/dev/nvidia0") ||
         llvm::sys::fs::exists("/dev/nvidiactl");
}

} // namespace

int main(int argc, char **argv) {
  llvm::InitLLVM initLLVM(argc, argv);
  cl::HideUnrelatedOptions(cat);
  cl::ParseCommandLineOptions(
      argc, argv,
      "arcdsl-run: compile ARC-DSL solvers and score them on ARC tasks\n\n"
      "  arcdsl-run --solvers FILE.py --tasks DIR [--backend cpu] "
      "[--only ID,...] [--json OUT]\n\n"
      "Every `def solve_<id>(I):` of FILE.py is compiled once and run on "
      "every train and\ntest input of DIR/<id>.json. Prints one line per "
      "task and a final line\n`N passed, M failed`. A task is pass (every "
      "output right), fail (a wrong\noutput), error (the program raised, "
      "crashed or timed out, or did not compile)\nor unsupported (it uses "
      "a primitive or form not implemented yet).\n");

  if (backend != "cpu" && backend != "auto" && backend != "gpu") {
    llvm::errs() << "arcdsl-run: error: unknown backend '" << backend
                 << "' (expected cpu, gpu or auto)\n";
    return 1;
  }
  if (backend == "gpu") {
    llvm::errs() << "arcdsl-run: error: the GPU backend is not built in this "
                    "version; use --backend cpu\n";
    return 1;
  }
  if (backend == "auto" && gpuPresent() && !quiet)
    llvm::errs() << "arcdsl-run: note: a GPU is present but the GPU backend "
                    "is not built yet; running on the CPU\n";
  if (!llvm::sys::fs::is_directory(tasksDir)) {
    llvm::errs() << "arcdsl-run: error: task directory '" << tasksDir
                 << "' does not exist\n";
    return 1;
  }

  CompiledSolvers solvers;
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

  // Which tasks to run.
  std::vector<std::string> ids;
  std::set<std::string> wanted;
  if (!only.empty()) {
    llvm::SmallVector<llvm::StringRef> parts;
    llvm::StringRef(only).split(parts, ',', -1, false);
    for (llvm::StringRef p : parts)
      wanted.insert(p.trim().str());
  }
  for (const std::string &fn : solvers.functions()) {
    llvm::StringRef name(fn);
    if (!name.consume_front("solve_"))
      continue;
    if (!wanted.empty() && !wanted.count(name.str()))
      continue;
    ids.push_back(name.str());
  }
  for (const std::string &w : wanted)
    if (std::find(ids.begin(), ids.end(), w) == ids.end()) {
      llvm::errs() << "arcdsl-run: error: no solve_" << w << " in "
                   << solversPath << "\n";
      return 1;
    }

  Arena arena((uint64_t)arenaMb * 1024 * 1024);
  if (!arena.base) {
    llvm::errs() << "arcdsl-run: error: cannot reserve the arena\n";
    return 2;
  }

  std::map<std::string, TaskResult> results;
  unsigned passed = 0, badInput = 0, k = 0;
  auto t0 = std::chrono::steady_clock::now();
  for (const std::string &id : ids) {
    ++k;
    TaskResult r;
    std::string fname = "solve_" + id;
    auto issue = solvers.issues().find(fname);
    if (issue != solvers.issues().end()) {
      r = {issue->second.kind == SolverIssue::Unsupported ? "unsupported"
                                                          : "error",
           issue->second.detail};
    } else {
      std::string path = (llvm::Twine(tasksDir) + "/" + id + ".json").str();
      std::vector<Sample> samples;
      std::string err;
      if (!llvm::sys::fs::exists(path)) {
        r = {"error", "no task file " + path};
      } else if (!loadTask(path, samples, err)) {
        llvm::errs() << "arcdsl-run: error: " << err << "\n";
        ++badInput;
        r = {"error", "bad task file: " + err};
      } else {
        std::string why;
        for (const Sample &s : samples)
          if (!checkGrid(s.input, why)) {
            llvm::errs() << "arcdsl-run: error: " << path << ": " << why
                         << "\n";
            ++badInput;
            r = {"error", "bad task file: " + why};
            break;
          }
        if (r.status.empty())
          r = noFork ? runTask(solvers.lookup(fname), samples, arena)
                     : runIsolated(solvers.lookup(fname), samples, arena);
      }
    }
    if (r.status == "pass")
      ++passed;
    if (!quiet)
      llvm::outs() << id << " " << r.status
                   << (r.detail.empty() ? "" : ": " + r.detail) << "\n";
    results[id] = r;
    if (!quiet && k % 50 == 0)
      llvm::errs() << "arcdsl-run: " << k << "/" << ids.size()
                   << " tasks\n";
  }
  double secs = std::chrono::duration<double>(
                    std::chrono::steady_clock::now() - t0)
                    .count();
  if (!quiet)
    llvm::errs() << llvm::format("arcdsl-run: ran %zu tasks in %.2f s\n",
                                 ids.size(), secs);
  llvm::outs() << passed << " passed, " << (ids.size() - passed)
               << " failed\n";
  llvm::outs().flush();

  if (!jsonOut.empty()) {
    std::string out = "{\"passed\": " + std::to_string(passed) +
                      ", \"total\": " + std::to_string(ids.size()) +
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
    std::error_code ec;
    llvm::raw_fd_ostream os(jsonOut, ec);
    if (ec) {
      llvm::errs() << "arcdsl-run: error: cannot write " << jsonOut << ": "
                   << ec.message() << "\n";
      return 1;
    }
    os << out;
  }
  return badInput ? 1 : 0;
}

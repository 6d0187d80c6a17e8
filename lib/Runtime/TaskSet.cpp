//===- TaskSet.cpp - ARC tasks, samples and results -----------------------===//
#include "ArcDsl/Runtime/TaskSet.h"
#include "ArcDsl/Runtime/Team.h"
#include "ArcDsl/Runtime/PrimProfile.h"
#include "ArcDsl/Runtime/Isolation.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <dirent.h>
#include <memory>
#include <sys/mman.h>
#include <sys/stat.h>
#include <thread>

using namespace arcdsl;
using namespace arcdsl::runtime;

static bool checkGrid(const Json &g, std::string &why) {
  if (g.kind != Json::Array || g.arr.empty() || g.arr.size() > 30)
    return why = "a grid must have 1 to 30 rows", false;
  size_t w = 0;
  for (const Json &row : g.arr) {
    if (row.kind != Json::Array || row.arr.empty() || row.arr.size() > 30)
      return why = "a grid row must have 1 to 30 cells", false;
    if (w && row.arr.size() != w)
      return why = "grid rows differ in length", false;
    w = row.arr.size();
    for (const Json &c : row.arr)
      if (c.kind != Json::Number || !c.isInt || c.i < 0 || c.i > 9)
        return why = "grid cells must be integers 0 to 9", false;
  }
  return true;
}

bool runtime::loadTask(const std::string &dir, const std::string &id,
                       Task &task, std::string &error) {
  std::string path = dir + "/" + id + ".json";
  std::string text;
  if (!readInputFile(path, kMaxTaskFileBytes, text, error))
    return false;
  skipUtf8Bom(text);
  return parseTask(text, path, id, task, error);
}

bool runtime::parseTask(std::string_view text, const std::string &path,
                        const std::string &id, Task &task,
                        std::string &error) {
  Json root;
  if (!parseJson(text, root, error)) {
    error = path + ":" + error;
    return false;
  }
  return parseTaskJson(root, path, id, task, error);
}

bool runtime::parseTaskJson(const Json &root, const std::string &path,
                            const std::string &id, Task &task,
                            std::string &error) {
  task.id = id;
  task.pairs.clear();
  for (const char *part : {"train", "test"}) {
    const Json *list = root.get(part);
    if (!list || list->kind != Json::Array) {
      error = path + ": missing \"" + part + "\" list";
      return false;
    }
    for (size_t k = 0; k < list->arr.size(); ++k) {
      const Json &pair = list->arr[k];
      const Json *in = pair.get("input");
      std::string why;
      std::string where = path + ": " + part + "[" + std::to_string(k) + "]";
      if (!in) {
        error = where + " has no \"input\"";
        return false;
      }
      if (!checkGrid(*in, why)) {
        error = where + " input: " + why;
        return false;
      }
      TaskPair p;
      p.input = *in;
      p.inputGrid = gridImageOf(*in);
      if (const Json *out = pair.get("output")) {
        if (!checkGrid(*out, why)) {
          error = where + " output: " + why;
          return false;
        }
        p.output = *out;
        p.outputGrid = gridImageOf(*out);
        p.hasOutput = true;
      }
      task.pairs.push_back(std::move(p));
    }
    if (std::string(part) == "train")
      task.numTrain = task.pairs.size();
  }
  return true;
}

std::vector<std::string> runtime::listTasks(const std::string &dir) {
  std::vector<std::string> ids;
  if (DIR *d = opendir(dir.c_str())) {
    while (dirent *e = readdir(d)) {
      std::string n = e->d_name;
      if (n.size() > 5 && n.compare(n.size() - 5, 5, ".json") == 0)
        ids.push_back(n.substr(0, n.size() - 5));
    }
    closedir(d);
  }
  std::sort(ids.begin(), ids.end());
  return ids;
}

TaskVerdict runtime::scoreTask(const Task &task,
                               const std::vector<SampleOutput> &outputs) {
  std::string wrong;
  size_t unchecked = 0;
  for (size_t k = 0; k < task.pairs.size() && k < outputs.size(); ++k) {
    const SampleOutput &o = outputs[k];
    if (o.status)
      return {"error", "input " + std::to_string(k + 1) + " raised " +
                           errorName(o.status)};
    if (!task.pairs[k].hasOutput)
      ++unchecked;
    else if (wrong.empty() && !o.matches)
      wrong = "input " + std::to_string(k + 1) + " gave a wrong output";
  }
  if (!wrong.empty())
    return {"fail", wrong};
  if (unchecked)
    return {"predicted",
            std::to_string(task.pairs.size() - unchecked) + " inputs right, " +
                std::to_string(unchecked) + " predicted (not checked)"};
  return {"pass", std::to_string(task.pairs.size()) + " inputs"};
}

SampleOutput runtime::describeSample(ArcCtx *c, av v,
                                    const TaskPair *expected, bool withValue) {
  SampleOutput o;
  o.status = c->err;
  o.work = c->work;
  o.addressOrder = (c->order & ORDER_ADDRESS_HASH) != 0;
  if (o.status)
    return o;
  if (withValue) {
    o.value = valueToJson(c, v);
    if ((o.status = c->err)) // too deep to write
      return o;
  }
  if (expected && expected->hasOutput) {
    std::string err;
    av want = pairOutput(c, *expected, &err);
    o.matches = !c->err && err.empty() && equalValues(c, v, want);
    c->err = 0;
  }
  return o;
}

av runtime::pairInput(ArcCtx *c, const TaskPair &p) {
  return p.inputGrid.h ? gridValue(c, p.inputGrid) : jsonToValue(c, p.input);
}

av runtime::pairOutput(ArcCtx *c, const TaskPair &p, std::string *error) {
  return p.outputGrid.h ? gridValue(c, p.outputGrid)
                        : jsonToValue(c, p.output, error);
}

std::string runtime::sampleLineHead(const std::string &solver,
                                    const std::string &task, size_t index,
                                    const char *status, uint64_t work) {
  std::string s = "{\"solver\":";
  appendJsonString(s, solver);
  s += ",\"task\":";
  appendJsonString(s, task);
  s += ",\"index\":" + std::to_string(index) + ",\"status\":";
  appendJsonString(s, status);
  s += ",\"work\":" + std::to_string(work);
  return s;
}

/// A run's head: its status ("ok" or the error's name) and work.
static std::string runHead(const std::string &solver, const std::string &task,
                           size_t index, const SampleOutput &out) {
  return runtime::sampleLineHead(
      solver, task, index, out.status ? errorName(out.status) : "ok",
      out.work);
}

std::string runtime::outputLine(const std::string &solver,
                                const std::string &task, size_t index,
                                const SampleOutput &out) {
  std::string s = runHead(solver, task, index, out);
  if (out.addressOrder)
    s += ",\"address_order\":true";
  if (!out.profile.empty())
    s += ",\"prims\":" + out.profile;
  s += ",\"output\":" + (out.status ? std::string("null") : out.value) + "}";
  return s;
}

std::string runtime::timeLine(const std::string &solver,
                              const std::string &task, size_t index,
                              const SampleOutput &out) {
  char secs[32];
  snprintf(secs, sizeof secs, "%.7f", out.seconds);
  return runHead(solver, task, index, out) + ",\"seconds\":" + secs + "}";
}

HostArena::HostArena(uint64_t bytes, uint32_t lanes) : cap(bytes) {
  // As much again for lane regions, as far as every offset fits an arena
  // offset (32 bits).
  constexpr uint64_t kOffsets = 0xFFFFF000ull;
  if (lanes && bytes < kOffsets) {
    this->lanes = lanes;
    laneBytes = std::min(bytes, kOffsets - bytes) / lanes & ~4095ull;
  }
  void *p = mmap(nullptr, mapped(), PROT_READ | PROT_WRITE,
                 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  base = p == MAP_FAILED ? nullptr : (uint8_t *)p;
#ifdef MADV_HUGEPAGE
  // 2 MiB pages where the kernel allows them (THP "madvise" mode): a large
  // set's table is probed at random, and with 4 KiB pages nearly every
  // probe of a table of millions of slots is also a TLB miss (and every
  // page a fault when first touched).
  if (base)
    madvise(base, mapped(), MADV_HUGEPAGE);
#endif
}

HostArena::~HostArena() {
  if (base)
    munmap(base, mapped());
}

void HostArena::release(const ArcCtx &used) const {
  constexpr uint64_t kKeep = 64ull << 20;
  if (lanesUsed) { // what lanes touched, all of it
    lanesUsed = false;
    if (laneBytes > (4ull << 20))
      madvise(base + cap, lanes * laneBytes, MADV_DONTNEED);
  }
  if (used.base != base || used.top <= kKeep || cap <= kKeep)
    return;
  uint64_t end = std::min<uint64_t>(cap, (used.top + 4095) & ~4095ull);
  madvise(base + kKeep, end - kKeep, MADV_DONTNEED);
}

bool HostArena::laneRegion(uint32_t k, uint64_t &lo, uint64_t &hi) const {
  if (k >= lanes || laneBytes < (64u << 10))
    return false;
  lo = cap + k * laneBytes;
  hi = lo + laneBytes;
  lanesUsed = true;
  return true;
}

ArcCtx HostArena::fresh(uint64_t workLimit) const {
  ArcCtx c;
  ctxStart(&c, base, cap, workLimit);
  return c;
}

double runtime::now() {
  return std::chrono::duration<double>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

av runtime::runSample(av (*fn)(ArcCtx *, av), const HostArena &small,
                      const HostArena &full, uint64_t workLimit,
                      const std::function<av(ArcCtx *)> &input, ArcCtx &ctx,
                      const SampleGuard &guard) {
  av out = kErr;
  // ARCDSL_POISON_ARENA=1 (debugging): fill the arena with garbage before
  // each run, so a primitive that reads memory it did not write shows up as
  // a difference (the GPU reuses arenas across samples).
  static const bool poison = getenv("ARCDSL_POISON_ARENA") != nullptr;
  // ARCDSL_NO_GUARD=1 (measurement only, bench/isolation_bench.py): call
  // the program unguarded, as before Isolation.h.
  static const bool unguarded = getenv("ARCDSL_NO_GUARD") != nullptr;
  PrimProfile *profile = threadProfile();
  for (const HostArena *a : {&small, &full}) {
    ctx = a->fresh(workLimit);
    if (profile) { // counted afresh for each attempt, in raw units
      profile->reset();
      ctx.profile = profile;
      ctxCountRawUnits(&ctx);
    }
    if (poison)
      memset(ctx.base, 0xA5, std::min<uint64_t>(ctx.cap, 4ull << 20));
    av in = input(&ctx);
    out = ctx.err     ? kErr
          : unguarded ? fn(&ctx, in)
                      : guardedCall(fn, &ctx, in, guard);
    if (arcdslTeam) // only SampleTeams are installed
      static_cast<SampleTeam *>(arcdslTeam)->settle();
    if (ctx.err != ERR_CAPACITY || a == &full)
      break;
  }
  return out;
}

namespace {
/// A thread's run arenas: `full` of `bytes` (halved while the system
/// refuses it, down to 16 MiB) and a 1 MiB `small` one.
struct RunArenas {
  uint64_t bytes = 0;
  std::unique_ptr<HostArena> full, small;
  bool busy = false; ///< the caller's arenas are running samples

  /// With `lanes` regions each for the lanes of split loops (Team.h).
  uint32_t lanes = 0; ///< lane regions of each arena

  bool map(uint64_t want, uint32_t laneCount = 0) {
    bytes = want;
    lanes = laneCount;
    for (uint64_t b = want;; b /= 2) {
      full = std::make_unique<HostArena>(b, laneCount);
      if (full->ok() || b < (32ull << 20))
        break;
    }
    small = std::make_unique<HostArena>(std::min<uint64_t>(1ull << 20, want),
                                        laneCount);
    return full->ok() && small->ok();
  }
};

/// The arenas of runs on the calling thread, kept for its next runs (a
/// run does not map and fault in fresh pages; the pages a sample touched
/// past the first 64 MiB are given back after it, as on worker threads).
thread_local RunArenas callerArenas;

/// Units from `next` on, one by one, in this thread's arenas.
void runUnitsIn(const RunArenas &a, size_t n, std::atomic<size_t> &next,
                const UnitFn &unit) {
  for (size_t i; (i = next++) < n;)
    unit(i, *a.small, *a.full);
}
} // namespace

unsigned runtime::runSamplesOnThreads(
    av (*fn)(ArcCtx *, av), size_t n, unsigned threads, uint64_t arenaBytes,
    uint64_t workLimit, const std::function<av(ArcCtx *, size_t)> &input,
    const std::function<void(size_t, ArcCtx &, av)> &done, double seconds) {
  return runUnitsOnThreads(
      n, threads, arenaBytes,
      [&](size_t i, const HostArena &small, const HostArena &full) {
        runSampleUnit(
            fn, i, small, full, workLimit,
            [&](ArcCtx *c) { return input(c, i); }, done, seconds);
      });
}

void runtime::runSampleUnit(
    av (*fn)(ArcCtx *, av), size_t i, const HostArena &small,
    const HostArena &full, uint64_t workLimit,
    const std::function<av(ArcCtx *)> &input,
    const std::function<void(size_t, ArcCtx &, av)> &done, double seconds) {
  ArcCtx ctx;
  av out = runSample(fn, small, full, workLimit, input, ctx,
                     SampleGuard{seconds, i});
  done(i, ctx, out);
  full.release(ctx);
}

unsigned runtime::runUnitsOnThreads(size_t n, unsigned threads,
                                    uint64_t arenaBytes, const UnitFn &unit) {
  // 0: one thread per core, no more than there are units. Asked for by
  // number, threads beyond the units only help split their loops (Team.h;
  // up to one per core, at least 4 threads in all).
  bool perCore = threads == 0;
  unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  if (perCore)
    threads = cores;
  unsigned units = (unsigned)std::max<size_t>(1, std::min<size_t>(threads, n));
  unsigned helpers = 0;
  if (!perCore && threads > units && splitLoops())
    helpers = std::min(threads, std::max(4u, cores)) - units;
  bool team = units > 1 && splitLoops();
  // The process's arena budget split among the threads (a runaway sample
  // meets its arena's end, not the OOM killer); lane regions may double
  // what a thread's arenas touch.
  arenaBytes = arenaShare(arenaBytes, team ? 2 * units : units);
  std::atomic<size_t> next{0};
  if (units == 1 && !callerArenas.busy) {
    // One thread's worth (a single sample: the Python module's
    // Program.run): on this thread, with its kept arenas and stack, and
    // helpers: the caller's (setCallerHelpers), or as many as asked for.
    std::shared_ptr<TeamPool> pool = splitLoops() ? callerPool() : nullptr;
    uint32_t lanes = pool ? pool->size() + 1 : 0;
    if (helpers) {
      pool = std::make_shared<TeamPool>();
      pool->startHelpers(helpers);
      lanes = helpers + 1;
    }
    RunArenas &a = callerArenas;
    if ((a.bytes != arenaBytes || !a.full || a.lanes != lanes) &&
        !a.map(arenaBytes, lanes)) {
      a = RunArenas();
      return n == 0 ? 1 : 0;
    }
    a.busy = true;
    struct Free {
      RunArenas &a;
      ~Free() { a.busy = false; }
    } free{a};
    if (onBigStack([&] {
          std::unique_ptr<SampleTeam> hook;
          if (pool)
            hook = std::make_unique<SampleTeam>(*pool, *a.small, *a.full,
                                                kDefaultSampleSeconds);
          runUnitsIn(a, n, next, unit);
        }))
      return 1;
  }
  std::atomic<unsigned> mapped{0};
  if (!team) {
    onThreads(units, [&] {
      // A thread that cannot map its arenas leaves the samples to the
      // others.
      RunArenas a;
      if (!a.map(arenaBytes))
        return;
      ++mapped;
      runUnitsIn(a, n, next, unit);
    });
    return n == 0 ? 1 : mapped.load();
  }
  // Each thread runs units while there are any, then helps the others'
  // heavy samples until every unit is done; a thread that finds none
  // (beyond the units) only helps.
  TeamPool pool;
  unsigned lanes = units + helpers;
  std::atomic<unsigned> running{0};
  std::atomic<bool> allDone{false};
  onThreads(lanes, [&] {
    ++running;
    // A thread that cannot map its arenas leaves the units to the others.
    RunArenas a;
    if (next.load() < n && a.map(arenaBytes, lanes)) {
      ++mapped;
      SampleTeam hook(pool, *a.small, *a.full, kDefaultSampleSeconds);
      runUnitsIn(a, n, next, unit);
    }
    // Done once no thread runs units: they are all taken then (a thread
    // the system starts late finds none left).
    if (--running == 0) {
      allDone.store(true);
      pool.wake();
    }
    pool.serve(allDone);
  });
  return n == 0 ? 1 : std::min<unsigned>(mapped.load(), units);
}

//===----------------------------------------------------------------------===//
// TaskSource
//===----------------------------------------------------------------------===//

static bool isDir(const std::string &p) {
  struct stat st;
  return stat(p.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

static bool exists(const std::string &p) {
  struct stat st;
  return stat(p.c_str(), &st) == 0;
}

static std::string baseName(const std::string &p) {
  size_t s = p.find_last_of('/');
  return s == std::string::npos ? p : p.substr(s + 1);
}

/// Reads `path` (a combined file's size limit) as JSON whose top level must
/// be an object; else `error` is the reason (`notObject` after the path).
static bool readJsonObject(const std::string &path, const char *notObject,
                           std::string &text, Json &root, std::string &error) {
  if (!readInputFile(path, kMaxCombinedFileBytes, text, error))
    return false;
  skipUtf8Bom(text);
  if (!parseJson(text, root, error))
    return error = path + ":" + error, false;
  if (root.kind != Json::Object)
    return error = path + notObject, false;
  return true;
}

bool TaskSource::open(const std::string &where, const std::string &solutions,
                      std::string &error) {
  path = where;
  idList.clear();
  docs.clear();
  solved.clear();
  solutionsPath.clear();
  if (isDir(where)) {
    kind = Directory;
    idList = listTasks(where);
  } else {
    if (!exists(where))
      return error = where + ": no such task directory or file", false;
    std::string text;
    Json root;
    if (!readJsonObject(where,
                        ": not a task (an object with \"train\" and \"test\") "
                        "nor a combined challenges file",
                        text, root, error))
      return false;
    if (root.get("train") || root.get("test")) {
      kind = File;
      if (text.size() > kMaxTaskFileBytes)
        return error = where + ": file too large (" +
                       std::to_string(text.size()) + " bytes; the limit is " +
                       std::to_string(kMaxTaskFileBytes) + ")",
               false;
      std::string id = baseName(where);
      if (id.size() > 5 && id.compare(id.size() - 5, 5, ".json") == 0)
        id.resize(id.size() - 5);
      idList.push_back(id);
      docs[id] = std::move(root);
    } else {
      kind = Combined;
      for (auto &[id, task] : root.obj) {
        if (task.kind != Json::Object)
          return error = where + ": task \"" + id + "\" is not an object",
                 false;
        if (!docs.count(id))
          idList.push_back(id);
        docs[id] = std::move(task);
      }
      std::sort(idList.begin(), idList.end());
    }
  }
  // The solutions: given, or the combined file's `_solutions` sibling.
  std::string sol = solutions;
  if (sol.empty() && kind == Combined) {
    std::string base = baseName(where);
    size_t at = base.rfind("_challenges");
    if (at != std::string::npos) {
      std::string sibling = where.substr(0, where.size() - base.size()) +
                            base.substr(0, at) + "_solutions" +
                            base.substr(at + 11);
      if (exists(sibling))
        sol = sibling;
    }
  }
  if (sol.empty())
    return true;
  std::string text;
  Json root;
  if (!readJsonObject(sol,
                      ": a solutions file is an object {task id: [grid per "
                      "test input]}",
                      text, root, error))
    return false;
  for (auto &[id, grids] : root.obj) {
    std::string why;
    if (grids.kind != Json::Array)
      return error = sol + ": \"" + id + "\" is not a list of grids", false;
    for (size_t k = 0; k < grids.arr.size(); ++k)
      if (!checkGrid(grids.arr[k], why))
        return error = sol + ": \"" + id + "\"[" + std::to_string(k) +
                       "]: " + why,
               false;
    solved[id] = std::move(grids);
  }
  solutionsPath = sol;
  return true;
}

bool TaskSource::has(const std::string &id) const {
  return std::binary_search(idList.begin(), idList.end(), id);
}

bool TaskSource::load(const std::string &id, Task &task,
                      std::string &error) const {
  if (kind == Directory) {
    if (!exists(path + "/" + id + ".json"))
      return error = "no task file " + path + "/" + id + ".json", false;
    if (!loadTask(path, id, task, error))
      return false;
  } else {
    auto doc = docs.find(id);
    if (doc == docs.end())
      return error = "no task '" + id + "' in " + path, false;
    if (!parseTaskJson(doc->second,
                       kind == Combined ? path + ": \"" + id + "\"" : path,
                       id, task, error))
      return false;
  }
  auto sol = solved.find(id);
  if (sol == solved.end())
    return true;
  size_t tests = task.pairs.size() - task.numTrain;
  if (sol->second.arr.size() != tests)
    return error = solutionsPath + ": \"" + id + "\" has " +
                   std::to_string(sol->second.arr.size()) +
                   " grids for " + std::to_string(tests) + " test inputs",
           false;
  for (size_t k = 0; k < tests; ++k) {
    TaskPair &p = task.pairs[task.numTrain + k];
    p.output = sol->second.arr[k];
    p.outputGrid = gridImageOf(p.output);
    p.hasOutput = true;
  }
  return true;
}

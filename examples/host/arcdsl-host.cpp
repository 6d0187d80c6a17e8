//===- arcdsl-host.cpp - run a compiled kernel bundle on ARC tasks --------===//
//
// The example of a host program embedding arcdsl's compiled kernels: it
// needs only the runtime (CUDA driver API) and a bundle made beforehand by
//   arcdsl-run --solvers FILE.py --emit-bundle solvers.bundle.json
// and runs every solver on its own task (default) or on every input of
// every task (--cross): all (program, input) samples in one launch of the
// dispatch kernel (then a launch for the few heavy ones, see GpuRuntime.h).
//
//   arcdsl-host --bundle B.json --tasks DIR [--cross] [--only ID,..]
//               [--outputs FILE] [--repeat N]
//
// With --batt it runs a batt bundle (arcdsl-batt --emit-bundle) on every
// (task, sample, mode) of the task directories and writes arcdsl-batt's
// JSON lines.
//===----------------------------------------------------------------------===//

#include "ArcDsl/Runtime/Batt.h"
#include "ArcDsl/Runtime/GpuRuntime.h"
#include "ArcDsl/Runtime/TaskSet.h"

#include <cmath>
#include <cstdio>
#include <cstring>
#include <functional>
#include <map>
#include <set>
#include <string>

using namespace arcdsl;
using namespace arcdsl::runtime;

static int usage(const char *msg) {
  fprintf(stderr,
          "arcdsl-host: %s\n"
          "usage: arcdsl-host --bundle B.json --tasks DIR [--cross] "
          "[--only ID,...] [--outputs FILE] [--repeat N]\n"
          "                   [--threads-per-sm N] [--block N] "
          "[--arena-kb N] [--timeout S | --work-limit N] [--light-work N]\n"
          "                   [--heavy-arena-mb N] [--lanes L[,H]] [--profile]\n"
          "                   [--host-code SOLVERS.so [--cpu-threads N] "
          "[--cpu-only] [--wall-timeout S] [--no-share-heavy] [--share-light]]\n"
          "       arcdsl-host --batt --bundle B.json --tasks DIR [--tasks DIR2] "
          "[--modes solve,diff]\n"
          "                   [--outputs FILE.jsonl] [--repeat N] (and the "
          "options above)\n"
          "--host-code: the solvers compiled for this CPU (arcdsl-run "
          "--emit-host-object, made a\n"
          "shared object with c++ -shared); the samples that outgrow the GPU's "
          "light pass run on\nthe CPU's threads, or all of them with "
          "--cpu-only (no GPU needed). The host threads start on a sample "
          "as soon as the GPU gives\nit up, while the light pass goes on. "
          "The GPU's heavy pass takes the same samples from the other end "
          "of the list\n(--no-share-heavy: the host's threads run them all). With --share-light a host "
          "thread with no heavy sample\ntakes light samples from the end of the "
          "light pass (not yet run on a GPU). "
          "A sample that crashes on a host thread is a Crash,\none past "
          "--wall-timeout seconds (default 20) a Timeout; the others go on.\n"
          "--lanes L[,H]: lanes that run one sample in the light pass "
          "(L, default 32: a warp per\nsample; 1: a thread per sample) and "
          "in the heavy passes (H, default L); 1, 2, 4, 8, 16 or 32.\n"
          "--timeout S: stop a sample once the cost model estimates stock "
          "CPython past S seconds\n(default 1; a WorkLimit error, "
          "deterministic; the bound is 2 x S, docs/capacities.md);\n"
          "--work-limit N: the bound in cost units (CPython-ns) instead.\n"
          "--tasks: a directory of <id>.json, one task file or a combined "
          "challenges file.\n"
          "Exit codes: 0 ran; 1 bad input (options, the bundle, the host "
          "code, a task file);\n2 the machine failed (no GPU, arena).\n",
          msg);
  return 1;
}

/// Load every task of `where` (a directory of <id>.json, one task file or
/// a combined challenges file) that `want` accepts into `tasks`; false
/// after a message on a broken file.
static bool loadTasks(const std::string &where,
                      std::map<std::string, Task> &tasks,
                      const std::function<bool(const std::string &)> &want) {
  TaskSource source;
  std::string err;
  if (!source.open(where, "", err)) {
    fprintf(stderr, "arcdsl-host: error: %s\n", err.c_str());
    return false;
  }
  for (const std::string &id : source.ids()) {
    if (!want(id))
      continue;
    Task t;
    if (!source.load(id, t, err)) {
      fprintf(stderr, "arcdsl-host: error: %s\n", err.c_str());
      return false;
    }
    tasks[id] = std::move(t);
  }
  return true;
}

/// --batt: the bundle's batt on every (task, sample, mode).
static int runBatt(GpuDevice *gpu, const KernelBundle &bundle,
                   const std::vector<std::string> &dirs,
                   const std::set<std::string> &wanted,
                   const std::string &modesText, const std::string &outputs,
                   int repeat, uint64_t workLimit, BatchOptions &batch) {
  auto it = bundle.battLayouts.find("batt");
  if (it == bundle.battLayouts.end()) {
    fprintf(stderr, "arcdsl-host: error: the bundle holds no batt (make it "
                    "with arcdsl-batt --emit-bundle)\n");
    return 1;
  }
  std::string err;
  BattLayout layout;
  if (!parseBattLayout(it->second, layout, err)) {
    fprintf(stderr, "arcdsl-host: error: bad batt layout: %s\n", err.c_str());
    return 1;
  }
  std::vector<BattMode> modes;
  for (size_t p = 0; p <= modesText.size();) {
    size_t c = modesText.find(',', p);
    if (c == std::string::npos)
      c = modesText.size();
    std::string m = modesText.substr(p, c - p);
    if (m == "solve" || m == "diff")
      modes.push_back(m == "solve" ? BattMode::Solve : BattMode::Diff);
    else if (!m.empty()) {
      fprintf(stderr, "arcdsl-host: error: unknown mode '%s'\n", m.c_str());
      return 1;
    }
    p = c + 1;
  }
  std::map<std::string, Task> tasks;
  for (const std::string &dir : dirs)
    if (!loadTasks(dir, tasks, [&](const std::string &id) {
          return wanted.empty() || wanted.count(id);
        }))
      return 1;
  std::vector<const Task *> list;
  for (auto &[id, t] : tasks)
    list.push_back(&t);
  std::vector<BattRun> runs = battRuns(list, modes);
  HostArena arena(256ull << 20);
  std::vector<std::string> lines;
  std::vector<uint32_t> status;
  double best = 1e30;
  for (int r = 0; r < repeat; ++r) {
    if (gpu)
      gpu->timings = GpuTimings();
    double t0 = now();
    if (!runBattOnGpu(gpu, "batt", layout, runs, arena, workLimit,
                      256ull << 20, lines, status, err, &batch)) {
      fprintf(stderr, "arcdsl-host: error: %s\n", err.c_str());
      return 2;
    }
    double secs = now() - t0;
    best = std::min(best, secs);
    fprintf(stderr, "arcdsl-host: %zu batt runs on %zu tasks in %.3f s "
            "(%.0f runs/s)%s\n", runs.size(), tasks.size(), secs,
            runs.size() / secs, gpu ? "" : " on the CPU only");
    if (gpu) {
      const GpuTimings &t = gpu->timings;
      fprintf(stderr,
              "arcdsl-host:   upload %.3f s, kernels %.3f s, download %.3f s, "
              "%u launches\n",
              t.upload, t.kernels, t.download, t.launches);
      fputs(t.passReport("arcdsl-host:   ").c_str(), stderr);
    }
  }
  if (!outputs.empty()) {
    FILE *f = fopen(outputs.c_str(), "w");
    if (!f) {
      fprintf(stderr, "arcdsl-host: error: cannot write %s\n",
              outputs.c_str());
      return 1;
    }
    for (const std::string &line : lines)
      fprintf(f, "%s\n", line.c_str());
    fclose(f);
  }
  printf("runs %zu best %.4f s (%.0f runs/s)%s\n", runs.size(), best,
         runs.size() / best, battErrorSummary(status).c_str());
  return 0;
}

int main(int argc, char **argv) {
  std::string bundlePath, tasksDir, outputsPath, only;
  std::vector<std::string> taskDirs;
  std::string modes = "solve,diff";
  bool battMode = false;
  bool cross = false;
  int repeat = 1;
  uint64_t workLimit = BatchOptions().workLimit;
  std::string hostCodePath;
  bool cpuOnly = false;
  BatchOptions batch;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto next = [&]() -> std::string { return i + 1 < argc ? argv[++i] : ""; };
    if (a == "--bundle")
      bundlePath = next();
    else if (a == "--tasks") {
      taskDirs.push_back(next());
      tasksDir = taskDirs.front();
    } else if (a == "--batt")
      battMode = true;
    else if (a == "--modes")
      modes = next();
    else if (a == "--outputs")
      outputsPath = next();
    else if (a == "--only")
      only = next();
    else if (a == "--cross")
      cross = true;
    else if (a == "--threads-per-sm")
      batch.threadsPerSM = std::max(32, atoi(next().c_str()));
    else if (a == "--block")
      batch.blockSize = std::max(1, atoi(next().c_str()));
    else if (a == "--arena-kb")
      batch.arenaBytes = (uint64_t)std::max(1, atoi(next().c_str())) << 10;
    else if (a == "--work-limit")
      workLimit = strtoull(next().c_str(), nullptr, 10);
    else if (a == "--light-work")
      batch.lightWork = strtoull(next().c_str(), nullptr, 10);
    else if (a == "--heavy-arena-mb")
      batch.heavyArenaBytes = (uint64_t)std::max(1, atoi(next().c_str())) << 20;
    else if (a == "--lanes") {
      std::string v = next();
      char *end = nullptr;
      long l = strtol(v.c_str(), &end, 10), h = l;
      if (end && *end == ',')
        h = strtol(end + 1, &end, 10);
      auto ok = [](long x) { return x >= 1 && x <= 32 && !(x & (x - 1)); };
      if (v.empty() || !end || *end || !ok(l) || !ok(h))
        return usage("--lanes takes L or L,H: 1, 2, 4, 8, 16 or 32");
      batch.lightLanes = (unsigned)l;
      batch.heavyLanes = (unsigned)h;
    } else if (a == "--host-code")
      hostCodePath = next();
    else if (a == "--cpu-threads")
      batch.hostThreads = std::max(1, atoi(next().c_str()));
    else if (a == "--cpu-only")
      cpuOnly = true;
    else if (a == "--share-heavy" || a == "--no-share-heavy")
      batch.shareHeavy = a == "--share-heavy";
    else if (a == "--share-light")
      batch.shareLight = true;
    else if (a == "--wall-timeout")
      batch.sampleSeconds = atof(next().c_str());
    else if (a == "--timeout") {
      double secs = atof(next().c_str());
      if (!(secs > 0) || !std::isfinite(secs))
        return usage("--timeout must be seconds > 0");
      workLimit = workLimitFor(secs);
    }
    else if (a == "--profile")
      batch.profile = true;
    else if (a == "--repeat")
      repeat = std::max(1, atoi(next().c_str()));
    else if (a == "--help" || a == "-h")
      return usage("runs compiled arcdsl kernels on ARC tasks"), 0;
    else
      return usage(("unknown argument " + a).c_str());
  }
  if (bundlePath.empty() || tasksDir.empty())
    return usage("--bundle and --tasks are required");

  std::string text, err;
  KernelBundle bundle;
  if (!readFile(bundlePath, text, err) ||
      !KernelBundle::fromJson(text, bundle, err)) {
    fprintf(stderr, "arcdsl-host: error: %s: %s\n", bundlePath.c_str(),
            err.c_str());
    return 1;
  }
  std::unique_ptr<HostCode> hostCode;
  if (!hostCodePath.empty()) {
    hostCode = HostCode::open(hostCodePath, err);
    if (!hostCode) {
      fprintf(stderr, "arcdsl-host: error: %s\n", err.c_str());
      return 1;
    }
    batch.host = [code = hostCode.get()](const std::string &name) {
      return code->lookup(name);
    };
  }
  if (cpuOnly && !hostCode)
    return usage("--cpu-only needs --host-code");
  std::unique_ptr<GpuDevice> gpu;
  if (!cpuOnly) {
    gpu = GpuDevice::open(err);
    if (!gpu) {
      fprintf(stderr, "arcdsl-host: error: %s\n", err.c_str());
      return 2;
    }
    if (!gpu->load(bundle, err)) {
      fprintf(stderr, "arcdsl-host: error: %s\n", err.c_str());
      return 2;
    }
    fprintf(stderr,
            "arcdsl-host: %s, %zu kernels (%s) loaded in %.2f s from %s\n",
            gpu->name().c_str(), bundle.kernels.size(), bundle.chip.c_str(),
            gpu->timings.load, gpu->timings.loaded.c_str());
  }

  std::set<std::string> wanted;
  for (size_t p = 0; p < only.size();) {
    size_t c = only.find(',', p);
    if (c == std::string::npos)
      c = only.size();
    if (c > p)
      wanted.insert(only.substr(p, c - p));
    p = c + 1;
  }
  if (battMode)
    return runBatt(gpu.get(), bundle, taskDirs, wanted, modes, outputsPath,
                   repeat, workLimit, batch);
  std::map<std::string, Task> tasks;
  if (!loadTasks(tasksDir, tasks, [&](const std::string &id) {
        bool needed = cross;
        for (const std::string &k : bundle.kernels)
          if (k == "solve_" + id)
            needed = true;
        return needed;
      }))
    return 1;
  std::vector<Job> jobs;
  for (const std::string &k : bundle.kernels) {
    std::string id = k.rfind("solve_", 0) == 0 ? k.substr(6) : k;
    if (!wanted.empty() && !wanted.count(id))
      continue;
    Job job{k, {}};
    for (auto &[tid, t] : tasks)
      if (cross || tid == id)
        for (size_t i = 0; i < t.pairs.size(); ++i)
          job.samples.push_back({&t, i});
    if (!job.samples.empty())
      jobs.push_back(std::move(job));
  }

  batch.values = !outputsPath.empty();
  HostArena arena(256ull << 20);
  std::map<std::string, std::vector<SampleOutput>> outputs;
  size_t runs = 0;
  double best = 1e30;
  for (int r = 0; r < repeat; ++r) {
    if (gpu)
      gpu->timings = GpuTimings();
    double t0 = now();
    runs = 0;
    std::vector<std::vector<SampleOutput>> all;
    if (!runJobsOnGpu(gpu.get(), jobs, arena, workLimit, 256ull << 20, all,
                      err, &batch)) {
      fprintf(stderr, "arcdsl-host: error: %s\n", err.c_str());
      return 2;
    }
    for (size_t j = 0; j < jobs.size(); ++j) {
      runs += jobs[j].samples.size();
      outputs[jobs[j].solver] = std::move(all[j]);
    }
    double secs = now() - t0;
    best = std::min(best, secs);
    fprintf(stderr, "arcdsl-host: %zu runs of %zu programs in %.3f s "
            "(%.0f runs/s)%s\n", runs, jobs.size(), secs, runs / secs,
            gpu ? "" : " on the CPU only");
    if (gpu) {
      const GpuTimings &t = gpu->timings;
      fprintf(stderr,
              "arcdsl-host:   upload %.3f s, kernels %.3f s, download %.3f s, "
              "%u launches\n",
              t.upload, t.kernels, t.download, t.launches);
      fputs(t.passReport("arcdsl-host:   ").c_str(), stderr);
    }
  }

  unsigned passed = 0, scored = 0, predicted = 0;
  if (!cross)
    for (const Job &job : jobs) {
      const Task &t = *job.samples[0].first;
      TaskVerdict v = scoreTask(t, outputs[job.solver]);
      ++scored;
      passed += v.status == "pass";
      predicted += v.status == "predicted";
      printf("%s %s: %s\n", t.id.c_str(), v.status.c_str(), v.detail.c_str());
    }
  if (!outputsPath.empty()) {
    FILE *f = fopen(outputsPath.c_str(), "w");
    if (!f) {
      fprintf(stderr, "arcdsl-host: error: cannot write %s\n",
              outputsPath.c_str());
      return 1;
    }
    for (const Job &job : jobs) {
      const auto &outs = outputs[job.solver];
      for (size_t i = 0; i < outs.size(); ++i)
        fprintf(f, "%s\n",
                outputLine(job.solver, job.samples[i].first->id,
                           job.samples[i].second, outs[i])
                    .c_str());
    }
    fclose(f);
  }
  if (!cross) {
    printf("%u passed, %u failed", passed, scored - passed - predicted);
    if (predicted)
      printf(", %u predicted (not checked)", predicted);
    printf("\n");
  }
  printf("runs %zu best %.4f s (%.0f runs/s)\n", runs, best, runs / best);
  return 0;
}

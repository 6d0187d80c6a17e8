//===- GpuRuntime.cpp - CUDA driver API runtime ---------------------------===//
//
// libcuda.so.1 is opened at run time (like Triton's launcher), so this
// builds without the CUDA toolkit and fails with a message, not a loader
// error, where there is no GPU. Errors are reported with cuGetErrorName.
//===----------------------------------------------------------------------===//

#include "ArcDsl/Runtime/GpuRuntime.h"
#include "ArcDsl/Runtime/Batt.h"
#include "ArcDsl/Primitives/Hof.h"
#include "ArcDsl/Runtime/TaskSet.h"
#include "ArcDsl/Runtime/ValueJson.h"
#include "CudaDriver.h"
#include "GpuImpl.h"
#include "HostPool.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <functional>
#include <system_error>
#include <thread>

using namespace arcdsl;
using namespace arcdsl::runtime;
using namespace arcdsl::runtime::cuda;


GpuDevice::GpuDevice(std::unique_ptr<Impl> impl) : impl(std::move(impl)) {}

GpuDevice::~GpuDevice() {
  if (!impl)
    return;
  Driver &cu = impl->cu;
  if (impl->module) {
    cu.cuCtxSetCurrent(impl->ctx); // unloads from the current context
    cu.cuModuleUnload(impl->module);
  }
  if (impl->ctx)
    cu.cuDevicePrimaryCtxRelease(impl->dev);
}

std::unique_ptr<GpuDevice> GpuDevice::openOrdinal(int ordinal, int *count,
                                                  std::string &error) {
  auto impl = std::make_unique<Impl>();
  if (!impl->cu.open(error))
    return nullptr;
  Driver &cu = impl->cu;
  if (!impl->check(cu.cuInit(0), "cuInit", error))
    return nullptr;
  int devices = 0;
  if (!impl->check(cu.cuDeviceGetCount(&devices), "cuDeviceGetCount", error))
    return nullptr;
  if (devices == 0) {
    error = "no CUDA device found";
    return nullptr;
  }
  if (count)
    *count = devices;
  if (!impl->check(cu.cuDeviceGet(&impl->dev, ordinal), "cuDeviceGet", error) ||
      !impl->check(cu.cuDevicePrimaryCtxRetain(&impl->ctx, impl->dev),
                   "cuDevicePrimaryCtxRetain", error) ||
      !impl->check(cu.cuCtxSetCurrent(impl->ctx), "cuCtxSetCurrent", error))
    return nullptr;
  // The primitives recurse a little (comparisons, deep copies). A
  // diagnostic override: ARCDSL_GPU_STACK_BYTES (the driver refuses sizes
  // it cannot give: an error, not a smaller stack).
  size_t stackBytes = 16384;
  if (const char *e = getenv("ARCDSL_GPU_STACK_BYTES")) {
    char *end = nullptr;
    unsigned long long v = strtoull(e, &end, 10);
    if (end == e || *end || v < 1024) {
      error = std::string("ARCDSL_GPU_STACK_BYTES must be a number of bytes "
                          "of at least 1024, not '") +
              e + "'";
      return nullptr;
    }
    stackBytes = (size_t)v;
  }
  if (!impl->check(cu.cuCtxSetLimit(CU_LIMIT_STACK_SIZE, stackBytes),
                   "cuCtxSetLimit(stack)", error))
    return nullptr;
  return std::unique_ptr<GpuDevice>(new GpuDevice(std::move(impl)));
}

int GpuDevice::computeCapability() const {
  int major = 0, minor = 0;
  if (impl->cu.cuDeviceGetAttribute(
          &major, CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR, impl->dev) ||
      impl->cu.cuDeviceGetAttribute(
          &minor, CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR, impl->dev))
    return 0;
  return major * 10 + minor;
}

std::string GpuDevice::name() const {
  char buf[256] = {0};
  impl->cu.cuDeviceGetName(buf, sizeof buf - 1, impl->dev);
  return peers.empty() ? std::string(buf)
                       : std::to_string(devices()) + " x " + buf;
}

bool GpuDevice::loadHere(const KernelBundle &bundle, std::string &error) {
  double t0 = now();
  if (!impl->check(impl->cu.cuCtxSetCurrent(impl->ctx), "cuCtxSetCurrent",
                   error))
    return false;
  // Diagnostics (docs/gpu.md): ARCDSL_GPU_DEBUG prints the JIT linker's
  // report and the kernel's resources; ARCDSL_GPU_DUMP_CUBIN=F writes the
  // linked cubin to F (for cuobjdump/nvdisasm).
  const bool debug = getenv("ARCDSL_GPU_DEBUG") != nullptr;
  Driver &cu = impl->cu;
  std::vector<char> log(1 << 16, 0);
  int opts[] = {CU_JIT_ERROR_LOG_BUFFER, CU_JIT_ERROR_LOG_BUFFER_SIZE_BYTES};
  void *vals[] = {log.data(), (void *)(uintptr_t)log.size()};
  // SASS made for this chip when the bundle was built: no JIT.
  std::string arch = cubinFor(bundle.cubins, computeCapability());
  bool loaded = false;
  if (!arch.empty()) {
    const std::string &image = bundle.cubins.at(arch);
    CUresult r = cu.cuModuleLoadDataEx(&impl->module, image.data(), 2, opts,
                                       vals);
    if (r == 0) {
      loaded = true;
      timings.loaded = "cubin " + arch;
      if (const char *f = getenv("ARCDSL_GPU_DUMP_CUBIN"))
        if (FILE *out = fopen(f, "wb")) {
          fwrite(image.data(), 1, image.size(), out);
          fclose(out);
        }
    } else {
      fprintf(stderr,
              "arcdsl-gpu: warning: the bundle's cubin for %s did not load "
              "(%s): compiling its PTX instead\n%s",
              arch.c_str(), cu.errorName(r).c_str(), log.data());
    }
  }
  if (!loaded && bundle.libraryPtx.empty()) {
    timings.loaded = "PTX (driver JIT)";
    CUresult r = cu.cuModuleLoadDataEx(&impl->module, bundle.ptx.c_str(), 2,
                                       opts, vals);
    if (r != 0) {
      error = "loading the PTX failed: " + cu.errorName(r) + "\n" +
              std::string(log.data());
      return false;
    }
  } else if (!loaded) {
    // Kernels and library are separate PTX modules: compile both as
    // relocatable code and link them with the driver's JIT linker.
    timings.loaded = "PTX (driver JIT)";
    std::vector<char> info(1 << 16, 0);
    int dopts[] = {CU_JIT_ERROR_LOG_BUFFER, CU_JIT_ERROR_LOG_BUFFER_SIZE_BYTES,
                   CU_JIT_INFO_LOG_BUFFER, CU_JIT_INFO_LOG_BUFFER_SIZE_BYTES,
                   CU_JIT_LOG_VERBOSE};
    void *dvals[] = {log.data(), (void *)(uintptr_t)log.size(), info.data(),
                     (void *)(uintptr_t)info.size(), (void *)(uintptr_t)1};
    void *link = nullptr;
    CUresult r = debug ? cu.cuLinkCreate(5, dopts, dvals, &link)
                       : cu.cuLinkCreate(2, opts, vals, &link);
    auto add = [&](const std::string &ptx, const char *name) {
      if (r == 0)
        r = cu.cuLinkAddData(link, CU_JIT_INPUT_PTX, (void *)ptx.c_str(),
                             ptx.size() + 1, name, 0, nullptr, nullptr);
    };
    add(bundle.libraryPtx, "arcdsl-primitives.ptx");
    add(bundle.ptx, "arcdsl-kernels.ptx");
    void *cubin = nullptr;
    size_t size = 0;
    if (r == 0)
      r = cu.cuLinkComplete(link, &cubin, &size);
    if (debug)
      fprintf(stderr, "arcdsl-gpu: JIT link log:\n%s\n", info.data());
    if (r == 0)
      if (const char *f = getenv("ARCDSL_GPU_DUMP_CUBIN"))
        if (FILE *out = fopen(f, "wb")) {
          fwrite(cubin, 1, size, out);
          fclose(out);
        }
    if (r == 0)
      r = cu.cuModuleLoadData(&impl->module, cubin);
    if (link)
      cu.cuLinkDestroy(link);
    if (r != 0) {
      error = "linking the PTX failed: " + cu.errorName(r) + "\n" +
              std::string(log.data());
      return false;
    }
  }
  impl->dispatch = nullptr;
  impl->dispatchIndex.clear();
  if (!bundle.dispatch.empty()) {
    if (!impl->check(impl->cu.cuModuleGetFunction(&impl->dispatch,
                                                  impl->module,
                                                  "arcdsl_dispatch"),
                     "cuModuleGetFunction(arcdsl_dispatch)", error))
      return false;
    for (size_t k = 0; k < bundle.dispatch.size(); ++k)
      impl->dispatchIndex[bundle.dispatch[k]] = (uint32_t)k;
    // The kernels use no shared memory: give the SM's on-chip memory to
    // the L1 cache, where the samples' arenas are cached.
    impl->cu.cuFuncSetAttribute(
        impl->dispatch, CU_FUNC_ATTRIBUTE_PREFERRED_SHARED_MEMORY_CARVEOUT, 0);
    if (debug) {
      int local = -1, regs = -1;
      size_t stack = 0;
      impl->cu.cuFuncGetAttribute(&local, CU_FUNC_ATTRIBUTE_LOCAL_SIZE_BYTES,
                                  impl->dispatch);
      impl->cu.cuFuncGetAttribute(&regs, CU_FUNC_ATTRIBUTE_NUM_REGS,
                                  impl->dispatch);
      impl->cu.cuCtxGetLimit(&stack, CU_LIMIT_STACK_SIZE);
      fprintf(stderr,
              "arcdsl-gpu: arcdsl_dispatch: %d registers, %d bytes of "
              "local memory; stack limit %zu bytes\n",
              regs, local, stack);
    }
  }
  timings.load += now() - t0;
  return true;
}


bool runtime::runOnHost(const HostLookup &code,
                        const std::vector<std::pair<Launch *, size_t>> &samples,
                        unsigned threads, uint64_t workLimit,
                        uint64_t arenaBytes, std::string &error,
                        double seconds) {
  HostPool pool(code, threads, workLimit, arenaBytes, seconds);
  bool ok = pool.add(samples, error);
  return pool.finish(error) && ok;
}

/// Unpack every launch's results on host threads (samples in chunks, each
/// thread with its own arena): `use(ctx, value, launch, k)` (value is ERR
/// with ctx's err set for a sample that failed).
static bool decodeResults(
    const std::vector<Launch> &launches, uint64_t arenaBytes,
    uint64_t workLimit, unsigned threads,
    const std::function<void(ArcCtx *, av, size_t, size_t)> &use,
    std::string &error) {
  std::vector<std::pair<size_t, size_t>> all; // (launch, sample)
  for (size_t j = 0; j < launches.size(); ++j)
    for (size_t i = 0; i < launches[j].results.size(); ++i)
      all.push_back({j, i});
  constexpr size_t kChunk = 64;
  std::atomic<size_t> next{0};
  std::atomic<bool> noArena{false};
  onThreads(threads, [&] {
    HostArena own(arenaBytes);
    if (!own.ok()) {
      noArena = true;
      return;
    }
    for (size_t c; (c = next.fetch_add(kChunk)) < all.size();)
      for (size_t n = c; n < std::min(all.size(), c + kChunk); ++n) {
        auto [j, i] = all[n];
        ArcCtx ctx = own.fresh(workLimit);
        const SampleResult &r = launches[j].results[i];
        av v = kErr;
        if (r.status)
          ctx.err = r.status;
        else
          v = unpackValue(&ctx, r.image);
        if (r.addressOrder)
          ctx.order |= ORDER_ADDRESS_HASH;
        use(&ctx, v, j, i);
      }
  });
  if (noArena) {
    error = "cannot reserve a host arena";
    return false;
  }
  return true;
}

/// Run the launches on the GPU (heavy samples on host code when given), or
/// all on host code when there is no GPU. Sets the options' work bound and
/// arena sizes.
static bool runLaunches(GpuDevice *gpu, std::vector<Launch> &launches,
                        uint64_t workLimit, uint64_t retryArenaBytes,
                        BatchOptions &opts, std::string &error) {
  opts.workLimit = workLimit;
  opts.fullArenaBytes = std::max(retryArenaBytes, opts.arenaBytes);
  opts.heavyArenaBytes = std::min(opts.heavyArenaBytes, opts.fullArenaBytes);
  if (gpu)
    return gpu->run(launches, opts, error);
  // No GPU: every sample on the host threads.
  if (!opts.host) {
    error = "neither a GPU nor host code to run on";
    return false;
  }
  std::vector<std::pair<Launch *, size_t>> all;
  for (Launch &L : launches) {
    L.results.assign(L.inputs.size(), {});
    for (size_t i = 0; i < L.inputs.size(); ++i)
      all.push_back({&L, i});
  }
  HostPool pool(opts.host, opts.hostThreads, workLimit, opts.fullArenaBytes,
                opts.sampleSeconds);
  bool added = pool.add(all, error);
  if (!pool.finish(error) || !added)
    return false;
  if (opts.profile)
    fprintf(stderr, "host: slowest samples:\n%s", pool.slowest(12).c_str());
  return true;
}

bool runtime::runBattOnGpu(GpuDevice *gpu, const std::string &kernel,
                           const BattLayout &layout,
                           const std::vector<BattRun> &runs,
                           HostArena &arena, uint64_t workLimit,
                           uint64_t retryArenaBytes,
                           std::vector<std::string> &lines,
                           std::vector<uint32_t> &status, std::string &error,
                           const BatchOptions *options) {
  std::vector<std::vector<uint8_t>> images(runs.size());
  std::vector<Launch> launches(1);
  launches[0].solver = kernel;
  for (size_t i = 0; i < runs.size(); ++i) {
    ArcCtx ctx = arena.fresh(workLimit);
    av in = battInput(&ctx, *runs[i].task, runs[i].sample, runs[i].mode);
    images[i] = packValue(&ctx, in);
    launches[0].inputs.push_back(&images[i]);
  }
  BatchOptions opts = options ? *options : BatchOptions();
  if (!runLaunches(gpu, launches, workLimit, retryArenaBytes, opts, error))
    return false;
  lines.assign(runs.size(), std::string());
  status.assign(runs.size(), 0);
  return decodeResults(
      launches, retryArenaBytes, workLimit, opts.hostThreads,
      [&](ArcCtx *c, av v, size_t, size_t i) {
        lines[i] = battLine(c, v, runs[i], layout, status[i]);
      },
      error);
}

bool runtime::runJobsOnGpu(GpuDevice *gpu, const std::vector<Job> &jobs,
                           HostArena &arena, uint64_t workLimit,
                           uint64_t retryArenaBytes,
                           std::vector<std::vector<SampleOutput>> &outs,
                           std::string &error, const BatchOptions *options) {
  // Input images: one per task input, shared by every program.
  std::map<const TaskPair *, std::vector<uint8_t>> images;
  std::vector<Launch> launches(jobs.size());
  for (size_t j = 0; j < jobs.size(); ++j) {
    launches[j].solver = jobs[j].solver;
    for (auto &[task, k] : jobs[j].samples) {
      const TaskPair *pair = &task->pairs[k];
      auto it = images.find(pair);
      if (it == images.end()) {
        ArcCtx ctx = arena.fresh(workLimit);
        av in = pairInput(&ctx, *pair);
        it = images.emplace(pair, packValue(&ctx, in)).first;
      }
      launches[j].inputs.push_back(&it->second);
    }
  }
  BatchOptions opts = options ? *options : BatchOptions();
  if (!runLaunches(gpu, launches, workLimit, retryArenaBytes, opts, error))
    return false;

  // Decode and score the results.
  outs.assign(jobs.size(), {});
  for (size_t j = 0; j < jobs.size(); ++j)
    outs[j].resize(launches[j].results.size());
  return decodeResults(
      launches, retryArenaBytes, workLimit, opts.hostThreads,
      [&](ArcCtx *c, av v, size_t j, size_t i) {
        const auto &[task, k] = jobs[j].samples[i];
        outs[j][i] = describeSample(c, v, &task->pairs[k], opts.values);
        outs[j][i].work = launches[j].results[i].work;
      },
      error);
}

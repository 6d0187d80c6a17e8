//===- GpuRuntime.cpp - CUDA driver API runtime ---------------------------===//
//
// libcuda.so.1 is opened at run time (like Triton's launcher), so this
// builds without the CUDA toolkit and fails with a message, not a loader
// error, where there is no GPU. Errors are reported with cuGetErrorName.
//===----------------------------------------------------------------------===//

#include "ArcDsl/Runtime/GpuRuntime.h"
#include "ArcDsl/Primitives/Hof.h"
#include "ArcDsl/Runtime/TaskSet.h"
#include "ArcDsl/Runtime/ValueJson.h"

#include <chrono>
#include <cstdio>
#include <cstring>
#include <deque>
#include <dlfcn.h>
#include <thread>

using namespace arcdsl;
using namespace arcdsl::runtime;

namespace {
using CUresult = int;
using CUdevice = int;
using CUcontext = void *;
using CUmodule = void *;
using CUfunction = void *;
using CUstream = void *;
using CUdeviceptr = unsigned long long;
constexpr int CU_LIMIT_STACK_SIZE = 0;
constexpr int CU_JIT_ERROR_LOG_BUFFER = 5;
constexpr int CU_JIT_ERROR_LOG_BUFFER_SIZE_BYTES = 6;
constexpr int CU_JIT_INPUT_PTX = 1;
constexpr CUresult CUDA_ERROR_NOT_READY = 600;

struct Driver {
  void *lib = nullptr;
#define CU_FN(name, ...) CUresult (*name)(__VA_ARGS__) = nullptr;
  CU_FN(cuInit, unsigned)
  CU_FN(cuDeviceGetCount, int *)
  CU_FN(cuDeviceGet, CUdevice *, int)
  CU_FN(cuDeviceGetName, char *, int, CUdevice)
  CU_FN(cuDevicePrimaryCtxRetain, CUcontext *, CUdevice)
  CU_FN(cuDevicePrimaryCtxRelease, CUdevice)
  CU_FN(cuCtxSetCurrent, CUcontext)
  CU_FN(cuCtxSetLimit, int, size_t)
  CU_FN(cuCtxSynchronize)
  CU_FN(cuModuleLoadDataEx, CUmodule *, const void *, unsigned, int *, void **)
  CU_FN(cuModuleUnload, CUmodule)
  CU_FN(cuModuleGetFunction, CUfunction *, CUmodule, const char *)
  CU_FN(cuMemAlloc, CUdeviceptr *, size_t)
  CU_FN(cuMemFree, CUdeviceptr)
  CU_FN(cuMemcpyHtoD, CUdeviceptr, const void *, size_t)
  CU_FN(cuMemcpyDtoH, void *, CUdeviceptr, size_t)
  CU_FN(cuLaunchKernel, CUfunction, unsigned, unsigned, unsigned, unsigned,
        unsigned, unsigned, unsigned, CUstream, void **, void **)
  CU_FN(cuGetErrorName, CUresult, const char **)
  CU_FN(cuLinkCreate, unsigned, int *, void **, void **)
  CU_FN(cuLinkAddData, void *, int, void *, size_t, const char *, unsigned,
        int *, void **)
  CU_FN(cuLinkComplete, void *, void **, size_t *)
  CU_FN(cuLinkDestroy, void *)
  CU_FN(cuModuleLoadData, CUmodule *, const void *)
  CU_FN(cuStreamCreate, CUstream *, unsigned)
  CU_FN(cuStreamDestroy, CUstream)
  CU_FN(cuStreamSynchronize, CUstream)
  CU_FN(cuStreamQuery, CUstream)
  CU_FN(cuMemGetInfo, size_t *, size_t *)
  CU_FN(cuMemcpyHtoDAsync, CUdeviceptr, const void *, size_t, CUstream)
  CU_FN(cuMemcpyDtoHAsync, void *, CUdeviceptr, size_t, CUstream)
  CU_FN(cuMemHostAlloc, void **, size_t, unsigned)
  CU_FN(cuMemFreeHost, void *)
#undef CU_FN

  bool open(std::string &error) {
    lib = dlopen("libcuda.so.1", RTLD_NOW | RTLD_LOCAL);
    if (!lib) {
      error = "no NVIDIA driver (libcuda.so.1 not found): the GPU backend "
              "needs an NVIDIA GPU and its driver";
      return false;
    }
    bool ok = true;
    auto bind = [&](auto &fn, const char *name) {
      fn = reinterpret_cast<std::remove_reference_t<decltype(fn)>>(
          dlsym(lib, name));
      if (!fn) {
        error = std::string("libcuda.so.1 lacks ") + name;
        ok = false;
      }
    };
    bind(cuInit, "cuInit");
    bind(cuDeviceGetCount, "cuDeviceGetCount");
    bind(cuDeviceGet, "cuDeviceGet");
    bind(cuDeviceGetName, "cuDeviceGetName");
    bind(cuDevicePrimaryCtxRetain, "cuDevicePrimaryCtxRetain");
    bind(cuDevicePrimaryCtxRelease, "cuDevicePrimaryCtxRelease_v2");
    bind(cuCtxSetCurrent, "cuCtxSetCurrent");
    bind(cuCtxSetLimit, "cuCtxSetLimit");
    bind(cuCtxSynchronize, "cuCtxSynchronize");
    bind(cuModuleLoadDataEx, "cuModuleLoadDataEx");
    bind(cuModuleUnload, "cuModuleUnload");
    bind(cuModuleGetFunction, "cuModuleGetFunction");
    bind(cuMemAlloc, "cuMemAlloc_v2");
    bind(cuMemFree, "cuMemFree_v2");
    bind(cuMemcpyHtoD, "cuMemcpyHtoD_v2");
    bind(cuMemcpyDtoH, "cuMemcpyDtoH_v2");
    bind(cuLaunchKernel, "cuLaunchKernel");
    bind(cuGetErrorName, "cuGetErrorName");
    bind(cuLinkCreate, "cuLinkCreate_v2");
    bind(cuLinkAddData, "cuLinkAddData_v2");
    bind(cuLinkComplete, "cuLinkComplete");
    bind(cuLinkDestroy, "cuLinkDestroy");
    bind(cuModuleLoadData, "cuModuleLoadData");
    bind(cuStreamCreate, "cuStreamCreate");
    bind(cuStreamDestroy, "cuStreamDestroy_v2");
    bind(cuStreamSynchronize, "cuStreamSynchronize");
    bind(cuStreamQuery, "cuStreamQuery");
    bind(cuMemGetInfo, "cuMemGetInfo_v2");
    bind(cuMemcpyHtoDAsync, "cuMemcpyHtoDAsync_v2");
    bind(cuMemcpyDtoHAsync, "cuMemcpyDtoHAsync_v2");
    bind(cuMemHostAlloc, "cuMemHostAlloc");
    bind(cuMemFreeHost, "cuMemFreeHost");
    return ok;
  }
  std::string errorName(CUresult r) {
    const char *s = nullptr;
    if (cuGetErrorName && cuGetErrorName(r, &s) == 0 && s)
      return s;
    return "CUDA error " + std::to_string(r);
  }
};

double now() {
  return std::chrono::duration<double>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

/// A kernel launch to make: samples of one program in one pass, each
/// remembered as (the caller's launch, its index there).
struct Work {
  int pass = 0;
  Launch *origin = nullptr;
  std::vector<size_t> index;
};

/// A device buffer that grows on demand.
struct DevBuf {
  CUdeviceptr ptr = 0;
  size_t size = 0;
};
} // namespace

struct GpuDevice::Impl {
  Driver cu;
  CUdevice dev = 0;
  CUcontext ctx = nullptr;
  CUmodule module = nullptr;
  std::vector<std::string> kernelNames;
  std::vector<CUfunction> kernels;

  /// One launch in flight: its stream, device buffers and pinned staging.
  struct Slot {
    CUstream stream = nullptr;
    DevBuf ctxs, arenas, in, offs, out;
    void *hostCtxs = nullptr, *hostIn = nullptr, *hostOffs = nullptr,
         *hostOut = nullptr;
    size_t hostCtxsSize = 0, hostInSize = 0, hostOffsSize = 0,
           hostOutSize = 0;
    Work *work = nullptr; ///< the launch in flight, if any
    size_t n = 0;
    double issued = 0;
  };
  /// Streams and buffers of each pass (light, heavy, full arena).
  std::vector<Slot> slots[3];

  bool ensureHost(void *&p, size_t &size, size_t bytes, std::string &error) {
    if (size >= bytes)
      return true;
    if (p)
      cu.cuMemFreeHost(p);
    p = nullptr;
    size = 0;
    if (!check(cu.cuMemHostAlloc(&p, bytes, 0), "cuMemHostAlloc", error))
      return false;
    size = bytes;
    return true;
  }

  bool check(CUresult r, const char *what, std::string &error) {
    if (r == 0)
      return true;
    error = std::string(what) + " failed: " + cu.errorName(r);
    return false;
  }
  bool ensure(DevBuf &b, size_t bytes, std::string &error) {
    if (b.size >= bytes)
      return true;
    if (b.ptr)
      cu.cuMemFree(b.ptr);
    b.ptr = 0;
    b.size = 0;
    if (!check(cu.cuMemAlloc(&b.ptr, bytes), "cuMemAlloc", error))
      return false;
    b.size = bytes;
    return true;
  }
};

GpuDevice::GpuDevice(std::unique_ptr<Impl> impl) : impl(std::move(impl)) {}

GpuDevice::~GpuDevice() {
  if (!impl)
    return;
  Driver &cu = impl->cu;
  for (auto &pool : impl->slots)
    for (Impl::Slot &s : pool) {
      for (DevBuf *b : {&s.ctxs, &s.arenas, &s.in, &s.offs, &s.out})
        if (b->ptr)
          cu.cuMemFree(b->ptr);
      for (void *h : {s.hostCtxs, s.hostIn, s.hostOffs, s.hostOut})
        if (h)
          cu.cuMemFreeHost(h);
      if (s.stream)
        cu.cuStreamDestroy(s.stream);
    }
  if (impl->module)
    cu.cuModuleUnload(impl->module);
  if (impl->ctx)
    cu.cuDevicePrimaryCtxRelease(impl->dev);
}

std::unique_ptr<GpuDevice> GpuDevice::open(std::string &error) {
  auto impl = std::make_unique<Impl>();
  if (!impl->cu.open(error))
    return nullptr;
  Driver &cu = impl->cu;
  if (!impl->check(cu.cuInit(0), "cuInit", error))
    return nullptr;
  int count = 0;
  if (!impl->check(cu.cuDeviceGetCount(&count), "cuDeviceGetCount", error))
    return nullptr;
  if (count == 0) {
    error = "no CUDA device found";
    return nullptr;
  }
  if (!impl->check(cu.cuDeviceGet(&impl->dev, 0), "cuDeviceGet", error) ||
      !impl->check(cu.cuDevicePrimaryCtxRetain(&impl->ctx, impl->dev),
                   "cuDevicePrimaryCtxRetain", error) ||
      !impl->check(cu.cuCtxSetCurrent(impl->ctx), "cuCtxSetCurrent", error))
    return nullptr;
  // The primitives recurse a little (comparisons, deep copies).
  if (!impl->check(cu.cuCtxSetLimit(CU_LIMIT_STACK_SIZE, 16384),
                   "cuCtxSetLimit(stack)", error))
    return nullptr;
  return std::unique_ptr<GpuDevice>(new GpuDevice(std::move(impl)));
}

std::string GpuDevice::name() const {
  char buf[256] = {0};
  impl->cu.cuDeviceGetName(buf, sizeof buf - 1, impl->dev);
  return buf;
}

bool GpuDevice::load(const KernelBundle &bundle, std::string &error) {
  double t0 = now();
  Driver &cu = impl->cu;
  std::vector<char> log(1 << 16, 0);
  int opts[] = {CU_JIT_ERROR_LOG_BUFFER, CU_JIT_ERROR_LOG_BUFFER_SIZE_BYTES};
  void *vals[] = {log.data(), (void *)(uintptr_t)log.size()};
  if (bundle.libraryPtx.empty()) {
    CUresult r = cu.cuModuleLoadDataEx(&impl->module, bundle.ptx.c_str(), 2,
                                       opts, vals);
    if (r != 0) {
      error = "loading the PTX failed: " + cu.errorName(r) + "\n" +
              std::string(log.data());
      return false;
    }
  } else {
    // Kernels and library are separate PTX modules: compile both as
    // relocatable code and link them with the driver's JIT linker.
    void *link = nullptr;
    CUresult r = cu.cuLinkCreate(2, opts, vals, &link);
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
  for (const std::string &k : bundle.kernels) {
    CUfunction f = nullptr;
    if (!impl->check(impl->cu.cuModuleGetFunction(&f, impl->module, k.c_str()),
                     ("cuModuleGetFunction(" + k + ")").c_str(), error))
      return false;
    impl->kernelNames.push_back(k);
    impl->kernels.push_back(f);
  }
  timings.load += now() - t0;
  return true;
}

bool GpuDevice::run(std::vector<Launch> &launches, const BatchOptions &o,
                    std::string &error) {
  Impl &I = *impl;
  Driver &cu = I.cu;
  struct Pass {
    uint64_t arena, out, work;
    size_t perLaunch;
    unsigned streams;
  };
  Pass passes[3] = {
      {o.arenaBytes, o.outBytes, std::min(o.lightWork, o.workLimit), 0,
       o.streams},
      {std::max(o.heavyArenaBytes, o.arenaBytes),
       std::max(o.heavyOutBytes, o.outBytes), o.workLimit, o.heavyPerLaunch,
       o.heavyStreams},
      {std::max(o.fullArenaBytes, o.heavyArenaBytes),
       std::max(o.fullOutBytes, o.heavyOutBytes), o.workLimit,
       o.fullPerLaunch, o.fullStreams}};
  size_t maxBatch = 1;
  for (const Launch &L : launches)
    maxBatch = std::max(maxBatch, L.inputs.size());
  // Fit the buffers of every stream in ~80% of free device memory: fewer
  // streams (never fewer than one per pass) when it is short.
  size_t freeMem = 0, totalMem = 0;
  if (!I.check(cu.cuMemGetInfo(&freeMem, &totalMem), "cuMemGetInfo", error))
    return false;
  for (int p = 0; p < 3; ++p)
    for (Impl::Slot &s : I.slots[p])
      freeMem += s.arenas.size; // reused, not reallocated
  double share[3] = {0.45, 0.4, 0.15};
  for (int p = 0; p < 3; ++p) {
    size_t per = (p == 0 ? maxBatch : passes[p].perLaunch) * passes[p].arena;
    size_t fit = (size_t)(0.8 * share[p] * (double)freeMem) / std::max<size_t>(per, 1);
    passes[p].streams = (unsigned)std::max<size_t>(
        1, std::min<size_t>(std::max(1u, passes[p].streams), fit));
    if (passes[p].perLaunch == 0)
      passes[p].perLaunch = maxBatch;
    auto &pool = I.slots[p];
    if (pool.size() < passes[p].streams)
      pool.resize(passes[p].streams);
    for (Impl::Slot &s : pool)
      if (!s.stream &&
          !I.check(cu.cuStreamCreate(&s.stream, 1 /*non-blocking*/),
                   "cuStreamCreate", error))
        return false;
  }

  std::deque<Work> queue[3];
  for (Launch &L : launches) {
    L.results.assign(L.inputs.size(), {});
    if (L.inputs.empty())
      continue;
    Work w;
    w.origin = &L;
    for (size_t i = 0; i < L.inputs.size(); ++i)
      w.index.push_back(i);
    queue[0].push_back(std::move(w));
  }
  std::deque<Work> inFlight; // stable addresses for Slot::work
  double start = now(), passStart[3] = {-1, -1, -1};

  auto issue = [&](Impl::Slot &s, int p, Work &w) -> bool {
    const Pass &P = passes[p];
    Launch &L = *w.origin;
    CUfunction fn = nullptr;
    for (size_t k = 0; k < I.kernelNames.size(); ++k)
      if (I.kernelNames[k] == L.solver)
        fn = I.kernels[k];
    if (!fn) {
      error = "no kernel for " + L.solver;
      return false;
    }
    size_t n = w.index.size();
    double t0 = now();
    size_t inBytes = 0;
    for (size_t i : w.index)
      inBytes += (L.inputs[i]->size() + 7) & ~size_t(7);
    if (!I.ensure(s.ctxs, n * sizeof(ArcCtx), error) ||
        !I.ensure(s.arenas, n * P.arena, error) ||
        !I.ensure(s.in, inBytes + 8, error) ||
        !I.ensure(s.offs, n * 8, error) ||
        !I.ensure(s.out, n * P.out, error) ||
        !I.ensureHost(s.hostCtxs, s.hostCtxsSize, n * sizeof(ArcCtx), error) ||
        !I.ensureHost(s.hostIn, s.hostInSize, inBytes + 8, error) ||
        !I.ensureHost(s.hostOffs, s.hostOffsSize, n * 8, error) ||
        !I.ensureHost(s.hostOut, s.hostOutSize, n * P.out, error))
      return false;
    uint8_t *in = (uint8_t *)s.hostIn;
    int64_t *offs = (int64_t *)s.hostOffs;
    size_t pos = 0;
    for (size_t k = 0; k < n; ++k) {
      const std::vector<uint8_t> &img = *L.inputs[w.index[k]];
      offs[k] = (int64_t)pos;
      memcpy(in + pos, img.data(), img.size());
      pos += (img.size() + 7) & ~size_t(7);
    }
    ArcCtx *ctxs = (ArcCtx *)s.hostCtxs;
    for (size_t k = 0; k < n; ++k) {
      ArcCtx &c = ctxs[k];
      c = ArcCtx{};
      c.base = (uint8_t *)(uintptr_t)(s.arenas.ptr + k * P.arena);
      c.cap = P.arena;
      c.top = 8;
      c.errPrim = ~0u;
      c.workLimit = P.work;
    }
    if (!I.check(cu.cuMemcpyHtoDAsync(s.ctxs.ptr, ctxs, n * sizeof(ArcCtx),
                                      s.stream),
                 "upload contexts", error) ||
        !I.check(cu.cuMemcpyHtoDAsync(s.in.ptr, in, pos, s.stream),
                 "upload inputs", error) ||
        !I.check(cu.cuMemcpyHtoDAsync(s.offs.ptr, offs, n * 8, s.stream),
                 "upload offsets", error))
      return false;
    timings.upload += now() - t0;
    CUdeviceptr ctxP = s.ctxs.ptr, inP = s.in.ptr, offP = s.offs.ptr,
                outP = s.out.ptr;
    int64_t outBytes = (int64_t)P.out, count = (int64_t)n;
    void *args[] = {&ctxP, &inP, &offP, &outP, &outBytes, &count};
    unsigned blocks = (unsigned)((n + o.blockSize - 1) / o.blockSize);
    if (!I.check(cu.cuLaunchKernel(fn, blocks, 1, 1, o.blockSize, 1, 1, 0,
                                   s.stream, args, nullptr),
                 "cuLaunchKernel", error) ||
        !I.check(cu.cuMemcpyDtoHAsync(s.hostCtxs, s.ctxs.ptr,
                                      n * sizeof(ArcCtx), s.stream),
                 "download contexts", error) ||
        !I.check(cu.cuMemcpyDtoHAsync(s.hostOut, s.out.ptr, n * P.out,
                                      s.stream),
                 "download results", error))
      return false;
    ++timings.launches;
    ++timings.passLaunches[p];
    timings.passSamples[p] += n;
    if (passStart[p] < 0)
      passStart[p] = now();
    inFlight.push_back(std::move(w));
    s.work = &inFlight.back();
    s.n = n;
    s.issued = now();
    return true;
  };

  // A finished launch: final results go to their caller's launch; samples
  // that outgrew this pass's arena, result image or work budget go on to
  // the next pass, a few per launch.
  auto finish = [&](Impl::Slot &s, int p) {
    double t1 = now();
    Work &w = *s.work;
    Launch &L = *w.origin;
    const Pass &P = passes[p];
    const ArcCtx *ctxs = (const ArcCtx *)s.hostCtxs;
    const uint8_t *out = (const uint8_t *)s.hostOut;
    uint64_t maxWork = 0;
    Work next;
    next.pass = p + 1;
    next.origin = &L;
    for (size_t k = 0; k < s.n; ++k) {
      uint32_t err = ctxs[k].err;
      maxWork = std::max(maxWork, ctxs[k].work);
      bool again = false;
      if (p < 2) {
        const Pass &N = passes[p + 1];
        again = (err == ERR_CAPACITY && N.arena > P.arena) ||
                (err == ERR_RESULT_IMAGE && N.out > P.out) ||
                (err == ERR_WORK && N.work > P.work);
      }
      if (again) {
        next.index.push_back(w.index[k]);
        if (next.index.size() >= passes[p + 1].perLaunch) {
          queue[p + 1].push_back(next);
          next.index.clear();
        }
        continue;
      }
      SampleResult &r = L.results[w.index[k]];
      r.status = err;
      r.work = ctxs[k].work;
      r.pass = (uint8_t)p;
      if (!err)
        r.image.assign(out + k * P.out, out + (k + 1) * P.out);
    }
    if (!next.index.empty())
      queue[p + 1].push_back(std::move(next));
    timings.download += now() - t1;
    timings.passSpan[p] = now() - passStart[p];
    if (o.profile)
      fprintf(stderr, "launch pass=%d %s n=%zu maxwork=%llu %.4f s\n", p,
              L.solver.c_str(), s.n, (unsigned long long)maxWork,
              now() - s.issued);
    s.work = nullptr;
  };

  for (;;) {
    bool busy = false;
    // Heavier passes first: their samples are the long ones.
    for (int p = 2; p >= 0; --p)
      for (size_t k = 0; k < passes[p].streams; ++k) {
        Impl::Slot &s = I.slots[p][k];
        if (s.work) {
          busy = true;
          continue;
        }
        if (queue[p].empty())
          continue;
        Work w = std::move(queue[p].front());
        queue[p].pop_front();
        if (!issue(s, p, w))
          return false;
        busy = true;
      }
    if (!busy)
      break;
    bool done = false;
    for (int p = 0; p < 3; ++p)
      for (size_t k = 0; k < passes[p].streams; ++k) {
        Impl::Slot &s = I.slots[p][k];
        if (!s.work)
          continue;
        CUresult r = cu.cuStreamQuery(s.stream);
        if (r == CUDA_ERROR_NOT_READY)
          continue;
        if (!I.check(r, "kernel", error))
          return false;
        finish(s, p);
        done = true;
      }
    if (!done)
      std::this_thread::sleep_for(std::chrono::microseconds(50));
    while (!inFlight.empty()) {
      // Drop finished work from the front (slots point into the deque).
      bool used = false;
      for (auto &pool : I.slots)
        for (Impl::Slot &s : pool)
          used |= s.work == &inFlight.front();
      if (used)
        break;
      inFlight.pop_front();
    }
  }
  timings.kernels += now() - start;
  return true;
}

bool runtime::runJobsOnGpu(GpuDevice &gpu, const std::vector<Job> &jobs,
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
        av in = jsonToValue(&ctx, pair->input);
        it = images.emplace(pair, packValue(&ctx, in)).first;
      }
      launches[j].inputs.push_back(&it->second);
    }
  }
  BatchOptions opts = options ? *options : BatchOptions();
  opts.workLimit = workLimit;
  opts.fullArenaBytes = std::max(retryArenaBytes, opts.arenaBytes);
  opts.heavyArenaBytes = std::min(opts.heavyArenaBytes, opts.fullArenaBytes);
  if (!gpu.run(launches, opts, error))
    return false;

  outs.assign(jobs.size(), {});
  for (size_t j = 0; j < jobs.size(); ++j)
    for (size_t i = 0; i < launches[j].results.size(); ++i) {
      ArcCtx ctx = arena.fresh(workLimit);
      const auto &[task, k] = jobs[j].samples[i];
      av v = kErr;
      if (launches[j].results[i].status)
        ctx.err = launches[j].results[i].status;
      else
        v = unpackValue(&ctx, launches[j].results[i].image);
      outs[j].push_back(describeSample(&ctx, v, &task->pairs[k]));
      outs[j].back().work = launches[j].results[i].work;
    }
  return true;
}

std::vector<uint8_t> runtime::packValue(ArcCtx *c, av v) {
  std::vector<uint8_t> img(4096);
  for (;;) {
    uint32_t saved = c->err;
    uint64_t used = arcdsl_rt_pack(c, v, img.data(), img.size());
    if (used) {
      img.resize(used);
      return img;
    }
    c->err = saved; // too small: grow and retry
    img.resize(img.size() * 4);
  }
}

av runtime::unpackValue(ArcCtx *c, const std::vector<uint8_t> &image) {
  return arcdsl_rt_unpack(c, image.data());
}

std::string KernelBundle::toJson() const {
  std::string s = "{\"format\": \"arcdsl-kernels-1\", \"chip\": ";
  appendJsonString(s, chip);
  s += ", \"kernels\": [";
  for (size_t i = 0; i < kernels.size(); ++i) {
    s += i ? ", " : "";
    appendJsonString(s, kernels[i]);
  }
  s += "], \"issues\": [";
  for (size_t i = 0; i < issues.size(); ++i) {
    s += i ? ", " : "";
    s += "{\"name\": ";
    appendJsonString(s, issues[i].name);
    s += ", \"kind\": ";
    appendJsonString(s, issues[i].kind);
    s += ", \"detail\": ";
    appendJsonString(s, issues[i].detail);
    s += "}";
  }
  s += "], \"ptx\": ";
  appendJsonString(s, ptx);
  s += ", \"library_ptx\": ";
  appendJsonString(s, libraryPtx);
  s += "}\n";
  return s;
}

bool KernelBundle::fromJson(const std::string &text, KernelBundle &out,
                            std::string &error) {
  Json j;
  if (!parseJson(text, j, error))
    return false;
  const Json *fmt = j.get("format");
  const Json *chip = j.get("chip"), *kernels = j.get("kernels"),
             *ptx = j.get("ptx"), *issues = j.get("issues");
  if (!fmt || fmt->str != "arcdsl-kernels-1" || !chip || !kernels ||
      kernels->kind != Json::Array || !ptx) {
    error = "not an arcdsl kernel bundle";
    return false;
  }
  out.chip = chip->str;
  out.ptx = ptx->str;
  if (const Json *lib = j.get("library_ptx"))
    out.libraryPtx = lib->str;
  for (const Json &k : kernels->arr)
    out.kernels.push_back(k.str);
  if (issues && issues->kind == Json::Array)
    for (const Json &i : issues->arr) {
      const Json *n = i.get("name"), *k = i.get("kind"), *d = i.get("detail");
      out.issues.push_back({n ? n->str : "", k ? k->str : "", d ? d->str : ""});
    }
  return true;
}

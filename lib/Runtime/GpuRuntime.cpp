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
#include <dlfcn.h>

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
    Launch *launch = nullptr; ///< pending results
    size_t n = 0;
    double issued = 0;
  };
  std::vector<Slot> slots;

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
  for (Impl::Slot &s : impl->slots) {
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
  if (I.slots.size() < std::max(1u, o.streams)) {
    I.slots.resize(std::max(1u, o.streams));
    for (Impl::Slot &s : I.slots)
      if (!s.stream &&
          !I.check(cu.cuStreamCreate(&s.stream, 1 /*non-blocking*/),
                   "cuStreamCreate", error))
        return false;
  }
  // Results of the launch in slot s, once its stream is done.
  auto finish = [&](Impl::Slot &s) -> bool {
    if (!s.launch)
      return true;
    double t0 = now();
    if (!I.check(cu.cuStreamSynchronize(s.stream), "kernel", error))
      return false;
    timings.kernels += now() - t0;
    if (o.profile && now() - s.issued > 0.25)
      fprintf(stderr, "slow launch %s: %zu samples (arena %llu), %.4f s "
              "since issue, %.4f s waited\n", s.launch->solver.c_str(), s.n,
              (unsigned long long)o.arenaBytes, now() - s.issued, now() - t0);
    double t1 = now();

    const ArcCtx *ctxs = (const ArcCtx *)s.hostCtxs;
    const uint8_t *out = (const uint8_t *)s.hostOut;
    Launch &L = *s.launch;
    L.results.assign(s.n, {});
    for (size_t i = 0; i < s.n; ++i) {
      L.results[i].status = ctxs[i].err;
      L.results[i].work = ctxs[i].work;
      if (!ctxs[i].err) {
        // The image's own length: its arena top is not kept, so take the
        // whole slot (it is small) but stop at the end of the last box.
        L.results[i].image.assign(out + i * o.outBytes,
                                  out + (i + 1) * o.outBytes);
      }
    }
    timings.download += now() - t1;
    s.launch = nullptr;
    return true;
  };

  size_t next = 0, used = std::min<size_t>(I.slots.size(), std::max(1u, o.streams));
  for (Launch &L : launches) {
    Impl::Slot &s = I.slots[next++ % used];
    if (!finish(s))
      return false;
    CUfunction fn = nullptr;
    for (size_t k = 0; k < I.kernelNames.size(); ++k)
      if (I.kernelNames[k] == L.solver)
        fn = I.kernels[k];
    if (!fn) {
      error = "no kernel for " + L.solver;
      return false;
    }
    size_t n = L.inputs.size();
    L.results.clear();
    if (n == 0)
      continue;
    double t0 = now();
    size_t inBytes = 0;
    for (const std::vector<uint8_t> *img : L.inputs)
      inBytes += (img->size() + 7) & ~size_t(7);
    if (!I.ensure(s.ctxs, n * sizeof(ArcCtx), error) ||
        !I.ensure(s.arenas, n * o.arenaBytes, error) ||
        !I.ensure(s.in, inBytes + 8, error) ||
        !I.ensure(s.offs, n * 8, error) ||
        !I.ensure(s.out, n * o.outBytes, error) ||
        !I.ensureHost(s.hostCtxs, s.hostCtxsSize, n * sizeof(ArcCtx), error) ||
        !I.ensureHost(s.hostIn, s.hostInSize, inBytes + 8, error) ||
        !I.ensureHost(s.hostOffs, s.hostOffsSize, n * 8, error) ||
        !I.ensureHost(s.hostOut, s.hostOutSize, n * o.outBytes, error))
      return false;
    if (o.profile && now() - t0 > 0.05)
      fprintf(stderr, "  slow staging for %s (%zu samples, arena %llu, out "
              "%llu): %.4f s\n", L.solver.c_str(), n,
              (unsigned long long)o.arenaBytes,
              (unsigned long long)o.outBytes, now() - t0);
    uint8_t *in = (uint8_t *)s.hostIn;
    int64_t *offs = (int64_t *)s.hostOffs;
    size_t pos = 0;
    for (size_t i = 0; i < n; ++i) {
      offs[i] = (int64_t)pos;
      memcpy(in + pos, L.inputs[i]->data(), L.inputs[i]->size());
      pos += (L.inputs[i]->size() + 7) & ~size_t(7);
    }
    ArcCtx *ctxs = (ArcCtx *)s.hostCtxs;
    for (size_t i = 0; i < n; ++i) {
      ArcCtx &c = ctxs[i];
      c = ArcCtx{};
      c.base = (uint8_t *)(uintptr_t)(s.arenas.ptr + i * o.arenaBytes);
      c.cap = o.arenaBytes;
      c.top = 8;
      c.errPrim = ~0u;
      c.workLimit = o.workLimit;
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
    int64_t outBytes = (int64_t)o.outBytes, count = (int64_t)n;
    void *args[] = {&ctxP, &inP, &offP, &outP, &outBytes, &count};
    unsigned blocks = (unsigned)((n + o.blockSize - 1) / o.blockSize);
    if (!I.check(cu.cuLaunchKernel(fn, blocks, 1, 1, o.blockSize, 1, 1, 0,
                                   s.stream, args, nullptr),
                 "cuLaunchKernel", error) ||
        !I.check(cu.cuMemcpyDtoHAsync(s.hostCtxs, s.ctxs.ptr,
                                      n * sizeof(ArcCtx), s.stream),
                 "download contexts", error) ||
        !I.check(cu.cuMemcpyDtoHAsync(s.hostOut, s.out.ptr, n * o.outBytes,
                                      s.stream),
                 "download results", error))
      return false;
    ++timings.launches;
    s.issued = now();
    s.launch = &L;
    s.n = n;
  }
  for (size_t k = 0; k < used; ++k)
    if (!finish(I.slots[k]))
      return false;
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
  if (!gpu.run(launches, opts, error))
    return false;

  // Results too big for their transfer image run again with a big image;
  // overflows of the small GPU arena run again with the CPU's arena, a few
  // samples per launch so that big arenas fit in device memory.
  auto retry = [&](uint32_t code, const BatchOptions &again,
                   size_t perLaunch) -> bool {
    std::vector<Launch> launchesAgain;
    std::vector<std::pair<size_t, size_t>> where;
    for (size_t j = 0; j < launches.size(); ++j)
      for (size_t i = 0; i < launches[j].results.size(); ++i)
        if (launches[j].results[i].status == code) {
          if (launchesAgain.empty() ||
              launchesAgain.back().solver != launches[j].solver ||
              launchesAgain.back().inputs.size() >= perLaunch)
            launchesAgain.push_back({launches[j].solver, {}, {}});
          launchesAgain.back().inputs.push_back(launches[j].inputs[i]);
          where.push_back({j, i});
        }
    if (launchesAgain.empty())
      return true;
    if (!gpu.run(launchesAgain, again, error))
      return false;
    size_t w = 0;
    for (Launch &L : launchesAgain)
      for (SampleResult &r : L.results) {
        auto [j, i] = where[w++];
        launches[j].results[i] = std::move(r);
      }
    return true;
  };
  BatchOptions bigImage = opts;
  bigImage.outBytes = 256ull << 10;
  bigImage.streams = 2;
  if (!retry(ERR_RESULT_IMAGE, bigImage, 256))
    return false;
  if (retryArenaBytes > opts.arenaBytes) {
    BatchOptions big = opts;
    big.arenaBytes = retryArenaBytes;
    big.outBytes = 4ull << 20;
    big.streams = 2;
    if (!retry(ERR_CAPACITY, big, 8) || !retry(ERR_RESULT_IMAGE, big, 8))
      return false;
  }

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

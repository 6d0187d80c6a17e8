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
  DevBuf ctxs, arenas, in, offs, out;

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
  for (DevBuf *b : {&impl->ctxs, &impl->arenas, &impl->in, &impl->offs,
                    &impl->out})
    if (b->ptr)
      cu.cuMemFree(b->ptr);
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

bool GpuDevice::run(const std::string &solver,
                    const std::vector<std::vector<uint8_t>> &inputs,
                    const BatchOptions &o, std::vector<SampleResult> &results,
                    std::string &error) {
  Impl &I = *impl;
  Driver &cu = I.cu;
  CUfunction fn = nullptr;
  for (size_t k = 0; k < I.kernelNames.size(); ++k)
    if (I.kernelNames[k] == solver)
      fn = I.kernels[k];
  if (!fn) {
    error = "no kernel for " + solver;
    return false;
  }
  size_t n = inputs.size();
  results.assign(n, {});
  if (n == 0)
    return true;

  double t0 = now();
  std::vector<uint8_t> in;
  std::vector<int64_t> offs(n);
  for (size_t i = 0; i < n; ++i) {
    offs[i] = (int64_t)in.size();
    in.insert(in.end(), inputs[i].begin(), inputs[i].end());
    while (in.size() % 8)
      in.push_back(0);
  }
  if (!I.ensure(I.ctxs, n * sizeof(ArcCtx), error) ||
      !I.ensure(I.arenas, n * o.arenaBytes, error) ||
      !I.ensure(I.in, in.size() + 8, error) ||
      !I.ensure(I.offs, n * 8, error) ||
      !I.ensure(I.out, n * o.outBytes, error))
    return false;
  std::vector<ArcCtx> ctxs(n);
  for (size_t i = 0; i < n; ++i) {
    ArcCtx &c = ctxs[i];
    c = ArcCtx{};
    c.base = (uint8_t *)(uintptr_t)(I.arenas.ptr + i * o.arenaBytes);
    c.cap = o.arenaBytes;
    c.top = 8;
    c.errPrim = ~0u;
    c.workLimit = o.workLimit;
  }
  if (!I.check(cu.cuMemcpyHtoD(I.ctxs.ptr, ctxs.data(), n * sizeof(ArcCtx)),
               "upload contexts", error) ||
      !I.check(cu.cuMemcpyHtoD(I.in.ptr, in.data(), in.size()),
               "upload inputs", error) ||
      !I.check(cu.cuMemcpyHtoD(I.offs.ptr, offs.data(), n * 8),
               "upload offsets", error))
    return false;
  double t1 = now();
  timings.upload += t1 - t0;

  CUdeviceptr ctxP = I.ctxs.ptr, inP = I.in.ptr, offP = I.offs.ptr,
              outP = I.out.ptr;
  int64_t outBytes = (int64_t)o.outBytes, count = (int64_t)n;
  void *args[] = {&ctxP, &inP, &offP, &outP, &outBytes, &count};
  unsigned blocks = (unsigned)((n + o.blockSize - 1) / o.blockSize);
  if (!I.check(cu.cuLaunchKernel(fn, blocks, 1, 1, o.blockSize, 1, 1, 0,
                                 nullptr, args, nullptr),
               "cuLaunchKernel", error) ||
      !I.check(cu.cuCtxSynchronize(), "kernel", error))
    return false;
  ++timings.launches;
  double t2 = now();
  timings.kernels += t2 - t1;

  std::vector<uint8_t> out(n * o.outBytes);
  if (!I.check(cu.cuMemcpyDtoH(ctxs.data(), I.ctxs.ptr, n * sizeof(ArcCtx)),
               "download contexts", error) ||
      !I.check(cu.cuMemcpyDtoH(out.data(), I.out.ptr, out.size()),
               "download results", error))
    return false;
  for (size_t i = 0; i < n; ++i) {
    results[i].status = ctxs[i].err;
    if (!ctxs[i].err)
      results[i].image.assign(out.begin() + i * o.outBytes,
                              out.begin() + (i + 1) * o.outBytes);
  }
  timings.download += now() - t2;
  return true;
}

/// GPU run of one job; samples that overflow the GPU arena run again with
/// the CPU's arena size, so both backends share one capacity limit.
bool runtime::runJobOnGpu(GpuDevice &gpu, const Job &job,
                          std::map<const void *, std::vector<uint8_t>> &images,
                          HostArena &arena, uint64_t workLimit,
                          uint64_t retryArenaBytes,
                          std::vector<SampleOutput> &outs,
                          std::string &error) {
  std::vector<std::vector<uint8_t>> inputs;
  for (auto &[task, k] : job.samples) {
    const TaskPair *pair = &task->pairs[k];
    auto it = images.find(pair);
    if (it == images.end()) {
      ArcCtx ctx = arena.fresh(workLimit);
      av in = jsonToValue(&ctx, pair->input);
      it = images.emplace(pair, packValue(&ctx, in)).first;
    }
    inputs.push_back(it->second);
  }
  BatchOptions opts;
  opts.workLimit = workLimit;
  std::vector<SampleResult> results;
  if (!gpu.run(job.solver, inputs, opts, results, error))
    return false;
  std::vector<size_t> retry;
  for (size_t i = 0; i < results.size(); ++i)
    if (results[i].status == ERR_CAPACITY)
      retry.push_back(i);
  if (!retry.empty() && retryArenaBytes > opts.arenaBytes) {
    std::vector<std::vector<uint8_t>> again;
    for (size_t i : retry)
      again.push_back(inputs[i]);
    BatchOptions big = opts;
    big.arenaBytes = retryArenaBytes;
    big.outBytes = 16ull << 20;
    std::vector<SampleResult> second;
    // In slices, so a few big arenas fit in device memory.
    for (size_t s = 0; s < again.size(); s += 64) {
      std::vector<std::vector<uint8_t>> slice(
          again.begin() + s, again.begin() + std::min(again.size(), s + 64));
      std::vector<SampleResult> part;
      if (!gpu.run(job.solver, slice, big, part, error))
        return false;
      second.insert(second.end(), part.begin(), part.end());
    }
    for (size_t r = 0; r < retry.size(); ++r)
      results[retry[r]] = std::move(second[r]);
  }
  outs.clear();
  for (size_t i = 0; i < results.size(); ++i) {
    ArcCtx ctx = arena.fresh(workLimit);
    const TaskPair *pair = &job.samples[i].first->pairs[job.samples[i].second];
    av v = kErr;
    if (results[i].status)
      ctx.err = results[i].status;
    else
      v = unpackValue(&ctx, results[i].image);
    outs.push_back(describeSample(&ctx, v, pair));
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

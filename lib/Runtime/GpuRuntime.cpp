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

struct GpuDevice::Impl {
  Driver cu;
  CUdevice dev = 0;
  CUcontext ctx = nullptr;
  CUmodule module = nullptr;
  CUfunction dispatch = nullptr;
  std::map<std::string, uint32_t> dispatchIndex;

  bool check(CUresult r, const char *what, std::string &error) {
    if (r == 0)
      return true;
    error = std::string(what) + " failed: " + cu.errorName(r);
    return false;
  }
};

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

namespace {
/// One call of GpuDevice::run, in named steps: collect the samples, upload
/// their inputs, plan the three passes (light, heavy, full arena), start the
/// host threads, run each pass (size it, launch it, read its results back)
/// and wait for the host threads. Owns the device buffers and the host-mapped
/// early list until it goes.
class BatchRun {
public:
  BatchRun(GpuDevice::Impl &I, const BatchOptions &o, GpuTimings &timings,
           std::string &error)
      : I(I), cu(I.cu), o(o), timings(timings), error(error) {}
  ~BatchRun() {
    if (early)
      cu.cuMemFreeHost(early);
    sentToHost.clear();
    pool.reset(); // its threads read `taken`
    if (taken)
      cu.cuMemFreeHost(taken);
    for (CUdeviceptr p : owned)
      cu.cuMemFree(p);
  }

  bool collect(std::vector<Launch> &launches);
  bool empty() const { return samples.empty(); }
  bool uploadInputs();
  void planPasses();
  bool startHost();
  bool runPasses();
  bool finishHost();

private:
  /// A sample of a launch: its program, its input image.
  struct Sample {
    Launch *launch;
    size_t index;
    uint32_t program, input;
  };
  /// A pass: its arena and work budget per sample, the most samples it
  /// runs at once (teams), and the lanes that run each.
  struct Pass {
    uint64_t arena, work;
    size_t teams;
    unsigned lanes;
    unsigned laneLog2; ///< each team's lane space: 2^laneLog2 bytes (0: none)
    /// A team's memory: its arena and its lane space.
    uint64_t teamBytes() const {
      return arena + (laneLog2 ? 1ull << laneLog2 : 0);
    }
  };
  /// The device buffers of one pass.
  struct PassBuffers {
    CUdeviceptr prog, input, arenas, counters, heap, status, work, off, bytes,
        batch, nanos = 0, ids = 0;
  };

  bool alloc(size_t bytes, CUdeviceptr &p);
  bool upload(CUdeviceptr &d, const void *h, size_t bytes);
  bool goesOn(int p, uint32_t err) const;
  bool drainEarly();
  bool wait(bool light);
  bool passThreads(int p, size_t n, size_t &threads, unsigned &block,
                   unsigned &blocks);
  bool launchPass(int p, size_t n, size_t threads, unsigned block,
                  unsigned blocks, double t1, PassBuffers &b, double &span);
  bool readPass(int p, size_t n, size_t threads, double span, size_t mark,
                PassBuffers &b);
  HostPool::Ref heavyRef(size_t id);
  bool slowestSamples(size_t n, CUdeviceptr dNanos,
                      const std::vector<uint32_t> &status,
                      const std::vector<uint64_t> &work, std::string &out);

  GpuDevice::Impl &I;
  Driver &cu;
  const BatchOptions &o;
  GpuTimings &timings;
  std::string &error;

  std::vector<Sample> samples;
  std::vector<const std::vector<uint8_t> *> images;
  std::vector<CUdeviceptr> owned;
  CUdeviceptr dIn = 0, dOffsets = 0;
  Pass passes[3];
  std::unique_ptr<HostPool> pool;
  double hostStart = 0;
  std::vector<uint8_t> sentToHost;
  uint64_t *early = nullptr;
  CUdeviceptr dEarly = 0;
  size_t earlyCap = 0, earlySeen = 0;
  /// Heavy samples on both (BatchOptions::shareHeavy): who took each sample
  /// (host-mapped, HostPool::share), the shared samples in the order the
  /// host's threads got them, and the heavy pass's results, kept until the
  /// host's threads are done (a sample a host thread ran is the host's).
  bool sharing = false;
  uint8_t *taken = nullptr;
  CUdeviceptr dTaken = 0;
  std::vector<size_t> sharedOrder;
  std::vector<std::pair<size_t, SampleResult>> held;
  std::vector<size_t> todo;
};
} // namespace

/// Every sample of every launch: its program, its input image (each input
/// image once).
bool BatchRun::collect(std::vector<Launch> &launches) {
  std::map<const std::vector<uint8_t> *, uint32_t> imageIndex;
  for (Launch &L : launches) {
    L.results.assign(L.inputs.size(), {});
    auto it = I.dispatchIndex.find(L.solver);
    if (it == I.dispatchIndex.end()) {
      error = "no kernel for " + L.solver;
      return false;
    }
    for (size_t i = 0; i < L.inputs.size(); ++i) {
      auto [img, fresh] =
          imageIndex.emplace(L.inputs[i], (uint32_t)images.size());
      if (fresh)
        images.push_back(L.inputs[i]);
      samples.push_back({&L, i, it->second, img->second});
    }
  }
  return true;
}

bool BatchRun::alloc(size_t bytes, CUdeviceptr &p) {
  p = 0;
  if (!I.check(cu.cuMemAlloc(&p, std::max<size_t>(bytes, 8)), "cuMemAlloc",
               error))
    return false;
  owned.push_back(p);
  return true;
}

bool BatchRun::upload(CUdeviceptr &d, const void *h, size_t bytes) {
  return alloc(bytes, d) &&
         I.check(cu.cuMemcpyHtoD(d, h, bytes), "upload", error);
}

/// Input images, once for all passes.
bool BatchRun::uploadInputs() {
  double t0 = now();
  std::vector<uint64_t> offsets;
  std::vector<uint8_t> blob;
  for (const std::vector<uint8_t> *img : images) {
    offsets.push_back(blob.size());
    blob.insert(blob.end(), img->begin(), img->end());
    blob.resize((blob.size() + 7) & ~size_t(7));
  }
  if (!upload(dIn, blob.data(), blob.size()) ||
      !upload(dOffsets, offsets.data(), offsets.size() * 8))
    return false;
  timings.upload += now() - t0;
  return true;
}

/// The status a shared heavy pass leaves on a sample a host thread took
/// (every byte 0xFF).
constexpr uint32_t kNotRunHere = 0xFFFFFFFFu;

/// Lanes of a team: a power of two from 1 to 32 (a warp).
static unsigned teamLanes(unsigned lanes) {
  unsigned n = 1;
  while (n * 2 <= std::min(lanes, 32u))
    n *= 2;
  return n;
}

/// log2 of a team's lane space: `lanes` regions of `region` bytes, rounded
/// up to a power of two (0: a team of one, or no regions).
static unsigned laneSpaceLog2(unsigned lanes, uint64_t region) {
  if (lanes < 2 || !region)
    return 0;
  unsigned log2 = 16;
  while (log2 < 40 && (1ull << log2) < lanes * region)
    ++log2;
  return log2;
}

/// Arena, work bound, most teams and lanes of the light, heavy and
/// full-arena passes.
void BatchRun::planPasses() {
  int sms = 1;
  cu.cuDeviceGetAttribute(&sms, CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT,
                          I.dev);
  unsigned light = teamLanes(o.lightLanes), heavy = teamLanes(o.heavyLanes);
  unsigned heavySpace = laneSpaceLog2(heavy, o.laneRegionBytes);
  passes[0] = {o.arenaBytes, std::min(o.lightWork, o.workLimit),
               (size_t)sms * std::max(32u, o.threadsPerSM) / light, light,
               laneSpaceLog2(light, o.laneRegionBytes)};
  passes[1] = {std::max(o.heavyArenaBytes, o.arenaBytes), o.workLimit,
               ~size_t(0), heavy, heavySpace};
  passes[2] = {std::max(o.fullArenaBytes, o.heavyArenaBytes), o.workLimit,
               ~size_t(0), heavy, heavySpace};
}

/// With host code, the samples that outgrow the light pass run on the
/// host's threads, which start on each as soon as the GPU gives it up: the
/// kernel announces them in host-mapped memory (ArcBatch::early) while the
/// rest of the light pass goes on.
bool BatchRun::startHost() {
  if (o.host) {
    pool = std::make_unique<HostPool>(o.host, o.hostThreads, o.workLimit,
                                      o.fullArenaBytes, o.sampleSeconds);
    hostStart = now();
    sentToHost.assign(samples.size(), 0);
    earlyCap = samples.size();
    if (!I.check(cu.cuMemHostAlloc((void **)&early, earlyCap * 8,
                                   CU_MEMHOSTALLOC_DEVICEMAP),
                 "cuMemHostAlloc", error) ||
        !I.check(cu.cuMemHostGetDevicePointer(&dEarly, early, 0),
                 "cuMemHostGetDevicePointer", error))
      return false;
    memset(early, 0, earlyCap * 8);
    if (o.shareHeavy) {
      if (!I.check(cu.cuMemHostAlloc((void **)&taken, samples.size(),
                                     CU_MEMHOSTALLOC_DEVICEMAP),
                   "cuMemHostAlloc", error) ||
          !I.check(cu.cuMemHostGetDevicePointer(&dTaken, taken, 0),
                   "cuMemHostGetDevicePointer", error))
        return false;
      memset(taken, 0, samples.size());
      pool->share(taken, samples.size());
      sharing = true;
    }
  }
  todo.resize(samples.size());
  for (size_t k = 0; k < todo.size(); ++k)
    todo[k] = k;
  return true;
}

/// Whether a sample that stopped with `err` in pass p starts over (in the
/// next pass or on the host).
bool BatchRun::goesOn(int p, uint32_t err) const {
  if (p >= 2)
    return false;
  const Pass &P = passes[p], &N = passes[p + 1];
  return (err == ERR_CAPACITY && N.arena > P.arena) ||
         err == ERR_RESULT_IMAGE || (err == ERR_WORK && N.work > P.work);
}

/// Hand the samples the light pass has announced so far to the host
/// threads.
bool BatchRun::drainEarly() {
  std::vector<HostPool::Ref> batch;
  for (; earlySeen < earlyCap; ++earlySeen) {
    uint64_t e = __atomic_load_n(&early[earlySeen], __ATOMIC_ACQUIRE);
    if (!e)
      break; // taken but not yet written: next time
    size_t id = todo[(uint32_t)e - 1];
    if (!goesOn(0, (uint32_t)(e >> 32)))
      continue;
    sentToHost[id] = 1;
    batch.push_back(heavyRef(id));
  }
  return batch.empty() || pool->add(batch, error);
}

/// A heavy sample for the host's threads: shared with the GPU's heavy
/// pass when sharing.
HostPool::Ref BatchRun::heavyRef(size_t id) {
  if (sharing)
    sharedOrder.push_back(id);
  return {samples[id].launch, samples[id].index, id,
          sharing ? HostPool::SHARED : HostPool::PLAIN};
}

/// Wait for the launched kernel without holding a core (host threads run
/// samples meanwhile), feeding the host threads as samples are announced.
bool BatchRun::wait(bool light) {
  for (;;) {
    CUresult r = cu.cuStreamQuery(nullptr);
    if (light && !drainEarly())
      return false;
    if (r != CUDA_ERROR_NOT_READY)
      return I.check(r, "kernel", error);
    std::this_thread::sleep_for(std::chrono::microseconds(200));
  }
}

bool BatchRun::runPasses() {
  for (int p = 0; p < 3 && !todo.empty(); ++p) {
    size_t n = todo.size(), threads;
    double t1 = now(), span;
    unsigned block, blocks;
    PassBuffers b;
    size_t mark = owned.size();
    if (!passThreads(p, n, threads, block, blocks) ||
        !launchPass(p, n, threads, block, blocks, t1, b, span) ||
        !readPass(p, n, threads, span, mark, b))
      return false;
  }
  return true;
}

/// Threads of pass p: a team of P.lanes per sample, as many teams as
/// useful and as device memory allows for their arenas (70% of what is
/// free), in whole blocks.
bool BatchRun::passThreads(int p, size_t n, size_t &threads, unsigned &block,
                           unsigned &blocks) {
  const Pass &P = passes[p];
  size_t freeMem = 0, totalMem = 0;
  if (!I.check(cu.cuMemGetInfo(&freeMem, &totalMem), "cuMemGetInfo", error))
    return false;
  size_t fixed = n * 40 + o.heapBytes + (64 << 20);
  size_t fit =
      freeMem > fixed ? (size_t)((freeMem - fixed) * 0.7) / P.teamBytes() : 0;
  size_t teams = std::min(std::min(P.teams, n), fit);
  threads = teams * P.lanes;
  if (threads == 0) {
    error = "not enough device memory for one arena of " +
            std::to_string(P.teamBytes() >> 20) + " MiB";
    return false;
  }
  // Whole warps, so that a team never straddles two.
  block = std::min<unsigned>((std::max(o.blockSize, 1u) + 31) / 32 * 32,
                             (unsigned)((threads + 31) / 32 * 32));
  blocks = (unsigned)((threads + block - 1) / block);
  threads = (size_t)blocks * block;
  return true;
}

/// Upload pass p's samples and buffers (the upload time counts from t1),
/// launch the dispatch kernel and wait for it (span: its time).
bool BatchRun::launchPass(int p, size_t n, size_t threads, unsigned block,
                          unsigned blocks, double t1, PassBuffers &b,
                          double &span) {
  const Pass &P = passes[p];
  std::vector<uint32_t> prog(n), input(n);
  for (size_t k = 0; k < n; ++k) {
    prog[k] = samples[todo[k]].program;
    input[k] = samples[todo[k]].input;
  }
  if (!upload(b.prog, prog.data(), n * 4) ||
      !upload(b.input, input.data(), n * 4) ||
      !alloc(threads / P.lanes * P.teamBytes(), b.arenas) ||
      !alloc(24, b.counters) ||
      !alloc(o.heapBytes, b.heap) || !alloc(n * 4, b.status) ||
      !alloc(n * 8, b.work) || !alloc(n * 8, b.off) || !alloc(n * 8, b.bytes) ||
      (o.profile && !alloc(n * 8, b.nanos)) ||
      !I.check(cu.cuMemsetD8(b.counters, 0, 24), "cuMemset", error))
    return false;
  bool light = p == 0 && early;
  bool shared = p == 1 && sharing;
  if (shared) {
    // A sample the host's threads took keeps this status: not run here.
    std::vector<uint32_t> ids(n);
    for (size_t k = 0; k < n; ++k)
      ids[k] = (uint32_t)todo[k];
    if (!upload(b.ids, ids.data(), n * 4) ||
        !I.check(cu.cuMemsetD8(b.status, 0xFF, n * 4), "cuMemset", error))
      return false;
  }
  ArcBatch batch{};
  batch.arenas = (uint8_t *)(uintptr_t)b.arenas;
  batch.arenaBytes = P.arena;
  batch.lanes = P.lanes;
  batch.laneLog2 = P.laneLog2;
  batch.nanos = (uint64_t *)(uintptr_t)b.nanos;
  if (shared) {
    batch.taken = (uint8_t *)(uintptr_t)dTaken;
    batch.ids = (const uint32_t *)(uintptr_t)b.ids;
  }
  batch.workLimit = P.work;
  batch.in = (const uint8_t *)(uintptr_t)dIn;
  batch.inOffsets = (const uint64_t *)(uintptr_t)dOffsets;
  batch.program = (const uint32_t *)(uintptr_t)b.prog;
  batch.input = (const uint32_t *)(uintptr_t)b.input;
  batch.n = n;
  batch.next = (unsigned long long *)(uintptr_t)b.counters;
  batch.heap = (uint8_t *)(uintptr_t)b.heap;
  batch.heapBytes = o.heapBytes;
  batch.heapTop = (unsigned long long *)(uintptr_t)(b.counters + 8);
  batch.status = (uint32_t *)(uintptr_t)b.status;
  batch.work = (uint64_t *)(uintptr_t)b.work;
  batch.resultOffset = (uint64_t *)(uintptr_t)b.off;
  batch.resultBytes = (uint64_t *)(uintptr_t)b.bytes;
  if (light) {
    batch.early = (uint64_t *)(uintptr_t)dEarly;
    batch.earlyCap = earlyCap;
    batch.earlyCount = (unsigned long long *)(uintptr_t)(b.counters + 16);
  }
  if (!upload(b.batch, &batch, sizeof batch))
    return false;
  timings.upload += now() - t1;

  double t2 = now();
  void *args[] = {&b.batch};
  if (!I.check(cu.cuLaunchKernel(I.dispatch, blocks, 1, 1, block, 1, 1, 0,
                                 nullptr, args, nullptr),
               "cuLaunchKernel", error) ||
      !wait(light))
    return false;
  span = now() - t2;
  timings.kernels += span;
  timings.passSpan[p] = span;
  timings.passSamples[p] = n;
  ++timings.launches;
  return true;
}

/// Read pass p's statuses and results back: a finished sample keeps its
/// result, one that goes on is queued for the next pass (or the host
/// threads); then free the pass's buffers (those from `mark` on).
bool BatchRun::readPass(int p, size_t n, size_t threads, double span,
                        size_t mark, PassBuffers &b) {
  const Pass &P = passes[p];
  double t3 = now();
  std::vector<uint32_t> status(n);
  std::vector<uint64_t> work(n), off(n), bytes(n);
  uint64_t heapTop = 0;
  if (!I.check(cu.cuMemcpyDtoH(status.data(), b.status, n * 4), "download",
               error) ||
      !I.check(cu.cuMemcpyDtoH(work.data(), b.work, n * 8), "download",
               error) ||
      !I.check(cu.cuMemcpyDtoH(off.data(), b.off, n * 8), "download", error) ||
      !I.check(cu.cuMemcpyDtoH(bytes.data(), b.bytes, n * 8), "download",
               error) ||
      !I.check(cu.cuMemcpyDtoH(&heapTop, b.counters + 8, 8), "download", error))
    return false;
  heapTop = std::min<uint64_t>(heapTop, o.heapBytes);
  std::vector<uint8_t> heap(heapTop);
  if (heapTop && !I.check(cu.cuMemcpyDtoH(heap.data(), b.heap, heapTop),
                          "download", error))
    return false;
  std::vector<size_t> again;
  std::vector<HostPool::Ref> toHost;
  uint64_t maxWork = 0;
  size_t early0 = pool ? pool->samples() : 0, hostHas = 0;
  bool shared = p == 1 && sharing;
  for (size_t k = 0; k < n; ++k) {
    if (shared && status[k] == kNotRunHere) {
      ++hostHas; // a host thread took it first
      continue;
    }
    uint32_t err = status[k] & ~kBatchAddressOrder;
    size_t id = todo[k];
    Sample &S = samples[id];
    maxWork = std::max(maxWork, work[k]);
    if (p == 0 && pool && sentToHost[id])
      continue; // announced early, already with the host threads
    if (goesOn(p, err)) {
      if (shared) // the rest of its passes, on the host
        toHost.push_back({S.launch, S.index, id, HostPool::AFTER});
      else if (pool)
        toHost.push_back(heavyRef(id));
      else
        again.push_back(id);
      continue;
    }
    SampleResult mine, &r = shared ? mine : S.launch->results[S.index];
    r.status = err;
    r.addressOrder = (status[k] & kBatchAddressOrder) != 0;
    r.work = work[k];
    r.pass = (uint8_t)p;
    if (!err)
      r.image.assign(heap.begin() + off[k], heap.begin() + off[k] + bytes[k]);
    if (shared) // the host's result, if a thread ran it too (finishHost)
      held.push_back({id, std::move(mine)});
  }
  if (pool && !pool->add(toHost, error))
    return false;
  if (p == 0 && sharing) // the heavy pass takes them from the other end
    again.assign(sharedOrder.rbegin(), sharedOrder.rend());
  std::string slowest;
  if (o.profile && b.nanos && !slowestSamples(n, b.nanos, status, work, slowest))
    return false;
  for (size_t k = owned.size(); k-- > mark;)
    cu.cuMemFree(owned[k]);
  owned.resize(mark);
  timings.download += now() - t3;
  if (o.profile) {
    fprintf(stderr,
            "pass %d: %zu samples, %zu teams of %u lanes x %llu KiB arena, "
            "work "
            "budget %llu: kernel %.3f s (largest work %llu), %zu go on, "
            "results %.1f MiB\n",
            p, n, threads / P.lanes, P.lanes, (unsigned long long)(P.arena >> 10),
            (unsigned long long)P.work, span, (unsigned long long)maxWork,
            pool ? pool->samples() : again.size(), heapTop / 1048576.0);
    if (shared)
      fprintf(stderr,
              "  shared with the host threads: %zu taken there first, %zu "
              "given up here\n",
              hostHas, toHost.size());
    else if (pool)
      fprintf(stderr,
              "  to the host threads: %zu while the kernel ran, "
              "%zu after\n",
              early0, toHost.size());
    fputs(slowest.c_str(), stderr);
  }
  todo = std::move(again);
  return true;
}

/// The pass's slowest samples on the GPU (their teams' time, from the
/// per-sample timer), a line each, for --profile.
bool BatchRun::slowestSamples(size_t n, CUdeviceptr dNanos,
                              const std::vector<uint32_t> &status,
                              const std::vector<uint64_t> &work,
                              std::string &out) {
  std::vector<uint64_t> nanos(n);
  if (!I.check(cu.cuMemcpyDtoH(nanos.data(), dNanos, n * 8), "download",
               error))
    return false;
  std::vector<size_t> order;
  for (size_t k = 0; k < n; ++k)
    if (status[k] != kNotRunHere)
      order.push_back(k);
  n = order.size();
  size_t shown = std::min<size_t>(n, 8);
  std::partial_sort(order.begin(), order.begin() + shown, order.end(),
                    [&](size_t a, size_t b) { return nanos[a] > nanos[b]; });
  out = "  slowest samples on the GPU:\n";
  for (size_t r = 0; r < shown; ++r) {
    size_t k = order[r];
    const Sample &S = samples[todo[k]];
    char line[256];
    snprintf(line, sizeof line,
             "    %9.3f ms  %s input %zu  status %u  work %llu\n",
             nanos[k] / 1e6, S.launch->solver.c_str(), S.index,
             status[k] & ~kBatchAddressOrder, (unsigned long long)work[k]);
    out += line;
  }
  return true;
}

/// Wait for the host threads' samples.
bool BatchRun::finishHost() {
  if (pool) {
    double t5 = now();
    if (!pool->finish(error))
      return false;
    timings.hostSpan += now() - hostStart;
    timings.hostWait += now() - t5;
    timings.hostSamples += pool->samples();
    for (auto &[id, r] : held)
      if (!pool->ranHere(id))
        samples[id].launch->results[samples[id].index] = std::move(r);
    held.clear();
    if (o.profile)
      fprintf(stderr,
              "host: %zu samples: %.3f s from the light pass's launch, %.3f "
              "s after the GPU's passes\nhost: slowest samples:\n%s",
              pool->samples(), now() - hostStart, now() - t5,
              pool->slowest(12).c_str());
  }
  return true;
}

bool GpuDevice::runHere(std::vector<Launch> &launches, const BatchOptions &o,
                        std::string &error) {
  if (!impl->check(impl->cu.cuCtxSetCurrent(impl->ctx), "cuCtxSetCurrent",
                   error))
    return false;
  if (!impl->dispatch) {
    error = "the kernel bundle has no dispatch kernel (made by an older "
            "arcdsl): compile it again";
    return false;
  }
  BatchRun run(*impl, o, timings, error);
  if (!run.collect(launches))
    return false;
  if (run.empty())
    return true;
  if (!run.uploadInputs())
    return false;
  run.planPasses();
  return run.startHost() && run.runPasses() && run.finishHost();
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

//===- GpuBatch.cpp - a batch's passes on the GPU, beside host threads ----===//
//
// GpuDevice::run's work (BatchRun): every (program, input) sample of the
// launches in one dispatch kernel launch per pass (light, heavy, full
// arena), the samples that outgrow the light pass on the host's threads
// when there is host code, sharing the heavy samples (and, with
// BatchOptions::shareLight, the light ones) with them (docs/gpu.md).
//===----------------------------------------------------------------------===//

#include "ArcDsl/Runtime/GpuRuntime.h"
#include "ArcDsl/Primitives/Hof.h"
#include "ArcDsl/Runtime/TaskSet.h"
#include "CudaDriver.h"
#include "GpuImpl.h"
#include "HostPool.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <thread>

using namespace arcdsl;
using namespace arcdsl::runtime;
using namespace arcdsl::runtime::cuda;

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
  /// Whether pass p's samples are shared with the host's threads (the
  /// heavy pass with shareHeavy, the light pass with shareLight).
  bool isShared(int p) const {
    return (p == 1 && sharing) || (p == 0 && lightSharing);
  }
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
  /// Light samples on both (BatchOptions::shareLight): the host's idle
  /// threads steal them from the end of the light pass.
  bool lightSharing = false;
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

/// The status a shared pass leaves on a sample a host thread took
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
    if (o.shareHeavy || o.shareLight) {
      if (!I.check(cu.cuMemHostAlloc((void **)&taken, samples.size(),
                                     CU_MEMHOSTALLOC_DEVICEMAP),
                   "cuMemHostAlloc", error) ||
          !I.check(cu.cuMemHostGetDevicePointer(&dTaken, taken, 0),
                   "cuMemHostGetDevicePointer", error))
        return false;
      memset(taken, 0, samples.size());
      pool->share(taken, samples.size());
      sharing = o.shareHeavy;
      lightSharing = o.shareLight;
    }
  }
  todo.resize(samples.size());
  for (size_t k = 0; k < todo.size(); ++k)
    todo[k] = k;
  if (lightSharing) {
    std::vector<HostPool::Ref> light;
    for (size_t id : todo)
      light.push_back({samples[id].launch, samples[id].index, id,
                       HostPool::SHARED});
    if (!pool->steal(light, error))
      return false;
  }
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
  // Stealing light samples alone: a host thread may have stolen this one
  // while the GPU ran it; it runs here once (AFTER).
  HostPool::Mode mode = sharing        ? HostPool::SHARED
                        : lightSharing ? HostPool::AFTER
                                       : HostPool::PLAIN;
  return {samples[id].launch, samples[id].index, id, mode};
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
  bool shared = isShared(p);
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
    batch.takenMark = p == 0 ? HostPool::kLightMark : 2;
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
  if (p == 0 && lightSharing)
    pool->stopStealing(); // ranHere() is now exact for the stolen ones
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
  bool shared = isShared(p), heavyShared = p == 1 && shared;
  for (size_t k = 0; k < n; ++k) {
    if (shared && status[k] == kNotRunHere) {
      ++hostHas; // a host thread took it first
      continue;
    }
    uint32_t err = status[k] & ~kBatchAddressOrder;
    size_t id = todo[k];
    Sample &S = samples[id];
    // A result the host's threads may have made too: decided in
    // finishHost (theirs is kept).
    bool hold = heavyShared || (p == 0 && shared && pool->ranHere(id));
    maxWork = std::max(maxWork, work[k]);
    if (p == 0 && pool && sentToHost[id])
      continue; // announced early, already with the host threads
    if (goesOn(p, err)) {
      if (heavyShared) // the rest of its passes, on the host
        toHost.push_back({S.launch, S.index, id, HostPool::AFTER});
      else if (pool)
        toHost.push_back(heavyRef(id));
      else
        again.push_back(id);
      continue;
    }
    SampleResult mine, &r = hold ? mine : S.launch->results[S.index];
    r.status = err;
    r.addressOrder = (status[k] & kBatchAddressOrder) != 0;
    r.work = work[k];
    r.pass = (uint8_t)p;
    if (!err)
      r.image.assign(heap.begin() + off[k], heap.begin() + off[k] + bytes[k]);
    if (hold) // the host's result, if a thread ran it too (finishHost)
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
    if (heavyShared)
      fprintf(stderr,
              "  shared with the host threads: %zu taken there first, %zu "
              "given up here\n",
              hostHas, toHost.size());
    if (p == 0 && shared)
      fprintf(stderr, "  light samples the host threads took: %zu\n",
              hostHas);
    if (pool && !heavyShared)
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
    timings.hostSamples += pool->samples() + pool->stolen();
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

//===- GpuRuntime.h - running compiled kernels on an NVIDIA GPU -*- C++ -*-===//
//
// A small runtime on the CUDA driver API only (libcuda is opened with
// dlopen, so hosts without a GPU or driver build and run, and get a clear
// error when they ask for the GPU). Nothing from LLVM/MLIR.
//
// Execution mapping (see docs/gpu.md): one thread per (program, input)
// sample; each sample owns a context (ArcCtx) and a bump arena in device
// memory where all its intermediate values live; inputs and results cross
// the bus as packed images (arcdsl_rt_pack). One launch runs one program
// over a whole batch of inputs.
//===----------------------------------------------------------------------===//

#ifndef ARCDSL_RUNTIME_GPURUNTIME_H
#define ARCDSL_RUNTIME_GPURUNTIME_H

#include "ArcDsl/Primitives/Value.h"
#include "ArcDsl/Runtime/Isolation.h"

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace arcdsl {
namespace runtime {

/// A compiled kernel bundle: PTX for one chip plus which solvers it holds.
struct KernelBundle {
  std::string chip;
  std::string ptx;
  /// The primitive library's PTX when the kernels call it as extern
  /// functions (linked at load time by the driver's JIT linker); empty when
  /// it is linked into `ptx` already.
  std::string libraryPtx;
  /// SASS for some chips ("sm_75" -> a linked cubin, the library inside),
  /// made by ptxas and nvlink when the bundle was built: loading one takes
  /// milliseconds, where the driver's JIT of the PTX takes tens of seconds.
  std::map<std::string, std::string> cubins;
  /// Solver function names with a kernel of the same name.
  std::vector<std::string> kernels;
  /// The programs of the `arcdsl_dispatch` kernel, in its switch's order
  /// (empty for bundles without it).
  std::vector<std::string> dispatch;
  /// Solvers that could not be compiled: name, "error"|"unsupported", detail.
  struct Issue {
    std::string name, kind, detail;
  };
  std::vector<Issue> issues;
  /// Batt programs: name -> layout JSON (see Batt.h).
  std::map<std::string, std::string> battLayouts;
  /// How the programs' frozensets iterate ("python" or "canonical"): their
  /// code sets it at entry; recorded for hosts and readers.
  std::string order = "canonical";

  /// The ABI its code was compiled for (abi::kAbiVersion; fromJson
  /// refuses a bundle of another).
  uint32_t abi = abi::kAbiVersion;

  /// Bundle file: a JSON object {"format", "abi", "chip", "order", "kernels",
  /// "dispatch", "issues", "batt_layouts", "ptx", "library_ptx", "cubins"}
  /// (cubins: {"sm_XY": base64 of the cubin}).
  std::string toJson() const;
  static bool fromJson(const std::string &text, KernelBundle &out,
                       std::string &error);
};

/// The chips the primitive library is built for (bitcode, PTX, relocatable
/// SASS), oldest first: T4, A100, L4, H100/H200.
inline constexpr const char *kLibraryChips[] = {"sm_75", "sm_80", "sm_89",
                                                "sm_90"};

/// The SM number of "sm_XY" (XY), or -1.
int smNumber(const std::string &chip);

/// Of `chips` ("sm_XY"), the one whose SASS runs on a device of compute
/// capability `cc` (major * 10 + minor): the same chip, else the newest of
/// the same major version at or below it (SASS runs on later minor versions
/// of its major). Empty when none does.
std::string sassChipFor(const std::vector<std::string> &chips, int cc);

/// The cubin of `cubins` (KernelBundle::cubins' keys) that runs on a device
/// of compute capability `cc` (sassChipFor). Empty when none does: the PTX
/// is JIT-ed.
std::string cubinFor(const std::map<std::string, std::string> &cubins,
                     int cc);

/// Base64 (RFC 4648, padded) of bytes, and back; false on a bad text.
std::string base64Encode(const std::string &bytes);
bool base64Decode(const std::string &text, std::string &bytes);

/// Why code made for ABI `version` (0: before versions) does not run
/// here; `what` is "bundle" or "host object".
std::string abiMismatch(const std::string &what, uint32_t version);

/// Compiled solvers for this CPU, loaded from a shared object (made from
/// `arcdsl-run --emit-host-object`, the primitive library inside): how
/// a host without a compiler runs programs on its cores.
class HostCode {
public:
  using Fn = av (*)(ArcCtx *, av);
  /// Null with a message when the file cannot be loaded or was made for
  /// another ABI (abi::kAbiSymbol).
  /// (A bare file name is the file in the current directory.)
  static std::unique_ptr<HostCode> open(const std::string &path,
                                        std::string &error);
  ~HostCode();
  /// solve_<id>, or null.
  Fn lookup(const std::string &name) const;

private:
  explicit HostCode(void *handle) : handle(handle) {}
  void *handle;
};

struct Launch;
struct GpuTimings;
/// Run the given samples (launch, index) on `threads` host threads (0: one
/// per core) with the full capacity and work bound (each sample first in a 1 MiB arena, again
/// in `arenaBytes` when it overflows, like the CPU backend).
/// Where host threads find a program's code (e.g. HostCode::lookup, or a
/// JIT's entry points); null for an unknown name.
using HostLookup = std::function<HostCode::Fn(const std::string &)>;

bool runOnHost(const HostLookup &code,
               const std::vector<std::pair<Launch *, size_t>> &samples,
               unsigned threads, uint64_t workLimit, uint64_t arenaBytes,
               std::string &error, double seconds = kDefaultSampleSeconds);

/// How a batch runs. All samples of all launches go to one launch of the
/// dispatch kernel (threads take samples until none is left, each thread
/// reusing its own arena), in passes: first every sample in a small arena
/// under a small work budget; the few that outgrow either run again in a
/// bigger arena under the full work bound (fewer threads), and those that
/// still outgrow the arena in the full one. A sample's value or error does
/// not depend on the pass it finished in: only the full capacity and work
/// bound decide, and those are the CPU backend's.
struct BatchOptions {
  uint64_t arenaBytes = 512ull << 10; ///< light pass: per-thread arena
  unsigned threadsPerSM = 512;        ///< light pass: threads per SM
  uint64_t workLimit = kDefaultWorkLimit; ///< the per-sample work bound
  /// Light pass work budget (cost units: 4 ms of estimated CPython time):
  /// a sample past it finishes in the heavy pass.
  uint64_t lightWork = 1ull << 22;
  uint64_t heavyArenaBytes = 16ull << 20; ///< heavy pass arena
  uint64_t fullArenaBytes = 256ull << 20; ///< last pass: the full arena
  uint64_t heapBytes = 1ull << 30;        ///< result images per pass
  unsigned blockSize = 128; ///< threads per block (rounded up to warps)
  /// Lanes that run one sample (docs/gpu.md "A team per sample"): 1, a
  /// thread per sample; up to 32, a warp per sample, whose team loops
  /// (Primitives/TeamLoops.h) share a primitive's cells or members out.
  /// Rounded down to a power of two. A warp per sample in every pass: on
  /// an H100 it ran the light pass as fast as a thread per sample on the
  /// cross workload (4x faster on the own workload) and the heavy passes
  /// 2.6x faster (bench/results/2026-12-06-warp-per-sample.md).
  unsigned lightLanes = 32;
  unsigned heavyLanes = 32;
  /// With lanes > 1, each lane's region for running a long loop's
  /// elements (SplitLoop.h, teamSplitRest): a team's lane space is
  /// lanes x this, rounded up to a power of two, past its arena (0: the
  /// lanes never split loops).
  uint64_t laneRegionBytes = 256ull << 10;
  /// With host code: the samples that outgrow the light pass go to the
  /// host's threads as they are announced, and the GPU's heavy pass takes
  /// the same samples from the other end of the list; each runs on the one
  /// that takes it first (docs/gpu.md "Heavy samples on both"). On by
  /// default: on an H100 with 4 host threads every sample of the own and
  /// cross workloads agreed with the CPU backend's, and the cross workload
  /// took 14.7 s against 15.8 s with the host's threads alone
  /// (bench/results/2026-12-06-h100-tuning.md). Off: the host's threads
  /// run every heavy sample.
  bool shareHeavy = true;
  /// With host code: while the GPU's light pass runs, a host thread with
  /// no heavy sample to run takes light samples from the end of the pass's
  /// list, by the same byte per sample (docs/gpu.md "Light samples on
  /// both"), so that the GPU and N host threads are never much slower than
  /// the N threads alone. Off (the default until it has run on a GPU).
  bool shareLight = false;
  /// Print each pass (samples, threads, arena, time) to stderr.
  bool profile = false;
  /// When set, the samples that outgrow the light pass run on
  /// `hostThreads` host threads (0: one per core) with this code instead of
  /// in the GPU's heavy passes (heavy samples are serial, latency-bound
  /// work: a CPU core runs them ~100x faster than one GPU thread).
  HostLookup host;
  unsigned hostThreads = 0;
  /// Wall-clock limit of a sample on a host thread (Isolation.h): past it
  /// the sample is a Timeout; a crash is a Crash; the others go on.
  double sampleSeconds = kDefaultSampleSeconds;
  /// Decode every result into canonical JSON (SampleOutput::value); off
  /// when only scores are wanted (no --outputs): decoding 675,174 results
  /// costs seconds of host time.
  bool values = true;
};

/// One program over a batch of packed input images.
struct Launch {
  std::string solver;
  std::vector<const std::vector<uint8_t> *> inputs;
  std::vector<struct SampleResult> results; ///< filled by run()
};

/// One sample's outcome: status 0 and a packed result image, or an error.
struct SampleResult {
  uint32_t status = 0; ///< ErrCode
  uint64_t work = 0;   ///< work units spent
  uint8_t pass = 0;    ///< 0 light, 1 heavy, 2 full arena, 3 host CPU
  float seconds = 0;   ///< host CPU: the sample's run time
  /// The result iterated a set ordered by a hash CPython takes from an
  /// address (ORDER_ADDRESS_HASH): CPython's own order is not reproducible.
  bool addressOrder = false;
  std::vector<uint8_t> image;
};

/// Where the time of a run went (seconds; per pass: its kernel's time).
struct GpuTimings {
  double upload = 0, kernels = 0, download = 0, load = 0;
  /// What load() loaded: "cubin sm_90" or "PTX (driver JIT)".
  std::string loaded;
  unsigned launches = 0;
  double passSpan[3] = {0, 0, 0};
  double hostSpan = 0;    ///< host threads: first launch to last sample
  double hostWait = 0;    ///< host threads: time left after the GPU's passes
  size_t hostSamples = 0;
  size_t passSamples[3] = {0, 0, 0}; ///< 0: the pass did not run

  /// One line per pass that ran, and one for the host threads:
  /// "<prefix>light pass: N samples, kernel S s".
  std::string passReport(const std::string &prefix) const;
};

/// Every CUDA device of the host as one: load() loads a bundle on each,
/// run() deals each launch's samples out to them in turn (sample i to
/// device i mod n: the heavy ones, rare and scattered, fall evenly) and
/// runs the devices at once, one host thread each, each with its share of
/// the host threads; results come back in input order, and a sample's
/// outcome does not depend on the device it ran on.
class GpuDevice {
public:
  /// Open every device the driver shows (CUDA_VISIBLE_DEVICES chooses;
  /// ARCDSL_GPU_DEVICES=N keeps the first N), a primary context each. Null
  /// with a message when there is no driver, no device, or the driver fails.
  static std::unique_ptr<GpuDevice> open(std::string &error);
  ~GpuDevice();

  /// "NVIDIA H100 80GB HBM3", or "2 x Tesla T4" for several devices.
  std::string name() const;
  /// How many devices run() spreads samples over.
  size_t devices() const { return 1 + peers.size(); }
  /// The compute capability as major * 10 + minor (90 for an H100); 0 when
  /// the driver does not say. Of the first device.
  int computeCapability() const;
  /// Load a bundle: its cubin for this device when it has one (cubinFor),
  /// else its PTX through the driver's JIT; false with a message (the JIT
  /// log) on failure. timings.loaded says which.
  bool load(const KernelBundle &bundle, std::string &error);
  /// Run every launch's samples with the dispatch kernel (one kernel
  /// launch per pass over all samples, see BatchOptions); each launch's
  /// results in input order.
  bool run(std::vector<Launch> &launches, const BatchOptions &options,
           std::string &error);
  GpuTimings timings;

  struct Impl;

private:
  explicit GpuDevice(std::unique_ptr<Impl> impl);
  /// Device `ordinal` alone; *count (when given) is how many there are.
  static std::unique_ptr<GpuDevice> openOrdinal(int ordinal, int *count,
                                                std::string &error);
  bool loadHere(const KernelBundle &bundle, std::string &error);
  bool runHere(std::vector<Launch> &launches, const BatchOptions &options,
               std::string &error);
  std::unique_ptr<Impl> impl;
  /// The other devices (GpuDevices.cpp).
  std::vector<std::unique_ptr<GpuDevice>> peers;
};

/// Launches split among n devices: sample i of each launch goes to part
/// i mod n, as its (i / n)-th sample there.
void splitLaunches(const std::vector<Launch> &launches, size_t n,
                   std::vector<std::vector<Launch>> &parts);
/// The parts' results put back in their launches, in input order.
void mergeLaunches(std::vector<Launch> &launches,
                   std::vector<std::vector<Launch>> &parts);

class HostArena;
struct Job;
struct SampleOutput;

/// Run each program over its samples on the GPU (GpuDevice::run), with the
/// CPU backend's capacity (`retryArenaBytes`) and work bound, so both
/// backends give the same outputs. outs[j] are job j's outputs. With a null
/// `gpu`, every sample runs on the host threads of `options->host`.
bool runJobsOnGpu(GpuDevice *gpu, const std::vector<Job> &jobs,
                  HostArena &arena, uint64_t workLimit,
                  uint64_t retryArenaBytes,
                  std::vector<std::vector<SampleOutput>> &outs,
                  std::string &error, const BatchOptions *options = nullptr);

/// Pack a value of `c` into a standalone image (arcdsl_rt_pack).
std::vector<uint8_t> packValue(ArcCtx *c, av v);
/// Unpack an image into `c`'s arena.
av unpackValue(ArcCtx *c, const std::vector<uint8_t> &image);

} // namespace runtime
} // namespace arcdsl

#endif // ARCDSL_RUNTIME_GPURUNTIME_H

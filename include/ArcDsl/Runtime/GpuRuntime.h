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
  /// Solver function names with a kernel of the same name.
  std::vector<std::string> kernels;
  /// Solvers that could not be compiled: name, "error"|"unsupported", detail.
  struct Issue {
    std::string name, kind, detail;
  };
  std::vector<Issue> issues;

  /// Bundle file: a JSON object {"format", "chip", "kernels", "issues",
  /// "ptx", "library_ptx"}.
  std::string toJson() const;
  static bool fromJson(const std::string &text, KernelBundle &out,
                       std::string &error);
};

/// How a batch runs. Every sample first runs in a small arena under a
/// small work budget (the light pass, one launch per program over all of
/// its inputs); the few that outgrow either finish in heavy launches (a
/// bigger arena, the full work bound, a few samples per launch, many
/// launches in flight), and those that still outgrow the arena in launches
/// with the full arena. A sample's value or error does not depend on the
/// pass it finished in: only its arena capacity and work bound decide, and
/// those are the full ones (the CPU backend's).
struct BatchOptions {
  uint64_t arenaBytes = 1ull << 20; ///< light pass: per-sample arena
  uint64_t outBytes = 4ull << 10;   ///< light pass: per-sample result image
  uint64_t workLimit = 200000000ull; ///< the per-sample work bound
  /// Light pass work budget: a sample past it is finished in the heavy
  /// pass, so that no light launch waits for one long sample.
  uint64_t lightWork = 1ull << 20;
  uint64_t heavyArenaBytes = 16ull << 20; ///< heavy pass arena
  uint64_t heavyOutBytes = 256ull << 10;
  unsigned heavyPerLaunch = 16;
  uint64_t fullArenaBytes = 256ull << 20; ///< last pass: the full arena
  uint64_t fullOutBytes = 4ull << 20;
  unsigned fullPerLaunch = 2;
  unsigned blockSize = 64;
  /// Launches in flight at once per pass, each on its own stream with its
  /// own buffers (fewer when device memory is short).
  unsigned streams = 16, heavyStreams = 48, fullStreams = 4;
  /// Print one line per launch (pass, program, samples, largest work,
  /// seconds from issue to completion) to stderr.
  bool profile = false;
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
  uint8_t pass = 0;    ///< 0 light, 1 heavy, 2 full arena
  std::vector<uint8_t> image;
};

/// Where the time of a run went (seconds; `kernels` is the wall time from
/// the first launch to the last completion, per pass the time from the
/// pass's first launch to its last completion).
struct GpuTimings {
  double upload = 0, kernels = 0, download = 0, load = 0;
  unsigned launches = 0;
  double passSpan[3] = {0, 0, 0};
  unsigned passLaunches[3] = {0, 0, 0};
  size_t passSamples[3] = {0, 0, 0};
};

class GpuDevice {
public:
  /// Open device 0 (primary context). Null with a message when there is no
  /// driver, no device, or the driver fails.
  static std::unique_ptr<GpuDevice> open(std::string &error);
  ~GpuDevice();

  std::string name() const;
  /// Load a bundle's PTX; false with a message (the JIT log) on failure.
  bool load(const KernelBundle &bundle, std::string &error);
  /// Run every launch's samples (light pass: one kernel launch per Launch;
  /// then the heavy and full-arena passes for the samples that need them,
  /// see BatchOptions); each launch's results in input order.
  bool run(std::vector<Launch> &launches, const BatchOptions &options,
           std::string &error);
  GpuTimings timings;

  struct Impl;

private:
  explicit GpuDevice(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl;
};

class HostArena;
struct Job;
struct SampleOutput;

/// Run each program over its samples on the GPU (GpuDevice::run), with the
/// CPU backend's capacity (`retryArenaBytes`) and work bound, so both
/// backends give the same outputs. outs[j] are job j's outputs.
bool runJobsOnGpu(GpuDevice &gpu, const std::vector<Job> &jobs,
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

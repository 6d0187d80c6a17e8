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

/// Per-launch settings.
struct BatchOptions {
  uint64_t arenaBytes = 1ull << 20; ///< per-sample arena
  uint64_t outBytes = 4ull << 10;   ///< per-sample result image
  uint64_t workLimit = 200000000ull;
  unsigned blockSize = 64;
  /// Launches in flight at once, each on its own stream with its own
  /// buffers: one program's batch is too small to fill the GPU.
  unsigned streams = 12;
  /// Print each launch's time (from issue to completion) to stderr.
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
  std::vector<uint8_t> image;
};

/// Where the time of the launches went (seconds).
struct GpuTimings {
  double upload = 0, kernels = 0, download = 0, load = 0;
  unsigned launches = 0;
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
  /// Run every launch (one kernel launch each, up to options.streams of
  /// them concurrently); each launch's results in input order.
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

/// Run each program over its samples, one launch per program, launches
/// overlapping on streams. Samples that overflow the GPU arena (or result
/// image) run again with `retryArenaBytes` (the CPU backend's arena), so
/// both backends share one capacity limit. outs[j] are job j's outputs.
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

//===- HostPool.h - host threads beside a GPU launch ------------*- C++ -*-===//
//
// Host threads running samples as they are queued (lib/Runtime/
// GpuRuntime.cpp): a sample that outgrows the GPU's light pass starts on a
// host core while the kernel still runs. With share(), the host threads
// and the GPU's heavy pass take the heavy samples from the two ends of one
// list: a byte per sample in memory both see says who took it (docs/gpu.md
// "Heavy samples on both"). With steal(), a thread that has no queued
// sample takes light samples from the end of the GPU's light pass the same
// way ("Light samples on both").
//===----------------------------------------------------------------------===//

#ifndef ARCDSL_LIB_RUNTIME_HOSTPOOL_H
#define ARCDSL_LIB_RUNTIME_HOSTPOOL_H

#include "ArcDsl/Runtime/GpuRuntime.h"

#include <atomic>
#include <condition_variable>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace arcdsl {
namespace runtime {

class HostPool {
public:
  /// taken[id] of a sample the GPU's light pass took (ArcBatch::takenMark).
  static constexpr uint8_t kLightMark = 3;
  /// How a queued sample is taken.
  enum Mode : uint8_t {
    PLAIN,  ///< always run here
    SHARED, ///< run here unless the GPU took it first (share())
    AFTER,  ///< the GPU gave it up: run here unless this pool ran it
  };
  struct Ref {
    Launch *launch;
    size_t index;
    size_t id = 0; ///< the sample's number in `taken` (SHARED, AFTER)
    Mode mode = PLAIN;
  };

  HostPool(const HostLookup &code, unsigned threads, uint64_t workLimit,
           uint64_t arenaBytes, double seconds);
  ~HostPool();

  /// Share samples with a GPU: taken[id] (n bytes the GPU reads and
  /// writes) is 0 while nobody has sample id, 1 once a host thread took it,
  /// 2 once the GPU's heavy pass did, kLightMark once its light pass did.
  /// Before add() of SHARED or AFTER samples.
  void share(uint8_t *taken, size_t n);
  /// While the GPU's light pass runs: a thread with no queued sample takes
  /// the last of `light` (SHARED refs, the pass's order) that neither the
  /// GPU nor another host thread has, and runs it; once it meets a sample
  /// the GPU took, the GPU's end has come this far and stealing stops.
  /// After share(); false with a message when a program has no host code.
  bool steal(const std::vector<Ref> &light, std::string &error);
  /// Stop stealing and wait until no thread is deciding whether to steal:
  /// afterwards ranHere() of every light sample a thread stole is set.
  void stopStealing();
  /// Light samples the threads stole so far.
  size_t stolen() const { return stolenRuns.load(); }
  /// Queue samples; false with a message when a program has no host code.
  bool add(const std::vector<Ref> &samples, std::string &error);
  bool add(const std::vector<std::pair<Launch *, size_t>> &samples,
           std::string &error);
  /// Wait until every queued sample has run (or been left to the GPU).
  bool finish(std::string &error);
  /// Samples queued, less those left to the GPU so far.
  size_t samples() const { return added.size() - skipped.load(); }
  /// Whether a host thread took shared sample `id` (after finish(), or for
  /// a stolen light sample after stopStealing()): then its result is this
  /// pool's, whatever the GPU made of it.
  bool ranHere(size_t id) const { return hostTook[id].load() != 0; }
  /// After finish(): the samples that ran, slowest first (at most `n`).
  std::string slowest(size_t n) const;

private:
  struct Item {
    HostCode::Fn fn;
    Ref ref;
  };
  void join();
  void work();
  bool take(const Ref &r);
  bool items(const std::vector<Ref> &refs, std::vector<Item> &out,
             std::string &error);
  bool next(Item &item);
  bool takeStolen(const Ref &r);
  bool claim(size_t id);
  void run(const Item &item, HostArena &small, HostArena &big);

  const HostLookup &code;
  uint64_t workLimit, arenaBytes;
  double seconds;
  std::map<std::string, HostCode::Fn> fns;
  std::mutex m;
  std::condition_variable cv;
  std::deque<Item> queue;
  /// Every sample queued (by add(), on the caller's thread).
  std::vector<std::pair<Launch *, size_t>> added;
  std::atomic<size_t> skipped{0};
  /// steal(): the light samples, how many of them (from the front) may
  /// still be stolen, the threads deciding on one now, and the count run.
  std::vector<Item> light;
  std::atomic<int64_t> lightLeft{0};
  std::atomic<unsigned> deciding{0};
  std::atomic<size_t> stolenRuns{0};
  uint8_t *taken = nullptr;
  std::unique_ptr<std::atomic<uint8_t>[]> hostTook;
  bool closed = false;
  std::atomic<bool> failed{false};
  std::vector<std::thread> pool;
};

} // namespace runtime
} // namespace arcdsl

#endif // ARCDSL_LIB_RUNTIME_HOSTPOOL_H

//===- GpuDevices.cpp - every GPU of the host as one device ---------------===//
//
// GpuDevice opens every CUDA device the driver shows and runs a batch on all
// of them at once: each launch's samples are dealt out in turn (sample i to
// device i mod n), each device runs its share on its own host thread (its
// context made current there) with its share of the host threads for heavy
// samples, and the results are put back in input order. A sample's outcome
// is the same on any device, so the split changes times, never outputs.
//===----------------------------------------------------------------------===//

#include "ArcDsl/Runtime/GpuRuntime.h"

#include <algorithm>
#include <cstdlib>
#include <thread>

using namespace arcdsl;
using namespace arcdsl::runtime;

std::unique_ptr<GpuDevice> GpuDevice::open(std::string &error) {
  int count = 0;
  std::unique_ptr<GpuDevice> first = openOrdinal(0, &count, error);
  if (!first)
    return nullptr;
  if (const char *e = getenv("ARCDSL_GPU_DEVICES")) {
    char *end = nullptr;
    long n = strtol(e, &end, 10);
    if (end == e || *end || n < 1) {
      error = std::string("ARCDSL_GPU_DEVICES must be a number of devices "
                          "of at least 1, not '") +
              e + "'";
      return nullptr;
    }
    count = std::min(count, (int)n);
  }
  for (int k = 1; k < count; ++k) {
    std::unique_ptr<GpuDevice> peer = openOrdinal(k, nullptr, error);
    if (!peer) {
      error = "device " + std::to_string(k) + ": " + error;
      return nullptr;
    }
    first->peers.push_back(std::move(peer));
  }
  return first;
}

bool GpuDevice::load(const KernelBundle &bundle, std::string &error) {
  if (!loadHere(bundle, error))
    return false;
  for (size_t k = 0; k < peers.size(); ++k) {
    if (!peers[k]->loadHere(bundle, error)) {
      error = "device " + std::to_string(k + 1) + ": " + error;
      return false;
    }
    timings.load += peers[k]->timings.load;
    peers[k]->timings.load = 0;
    if (peers[k]->timings.loaded != timings.loaded)
      timings.loaded += ", " + peers[k]->timings.loaded;
  }
  return true;
}

void runtime::splitLaunches(const std::vector<Launch> &launches, size_t n,
                            std::vector<std::vector<Launch>> &parts) {
  parts.assign(n, std::vector<Launch>(launches.size()));
  for (size_t j = 0; j < launches.size(); ++j)
    for (size_t k = 0; k < n; ++k) {
      parts[k][j].solver = launches[j].solver;
      for (size_t i = k; i < launches[j].inputs.size(); i += n)
        parts[k][j].inputs.push_back(launches[j].inputs[i]);
    }
}

void runtime::mergeLaunches(std::vector<Launch> &launches,
                            std::vector<std::vector<Launch>> &parts) {
  size_t n = parts.size();
  for (size_t j = 0; j < launches.size(); ++j) {
    launches[j].results.assign(launches[j].inputs.size(), {});
    for (size_t k = 0; k < n; ++k)
      for (size_t m = 0; m < parts[k][j].results.size(); ++m)
        launches[j].results[m * n + k] = std::move(parts[k][j].results[m]);
  }
}

bool GpuDevice::run(std::vector<Launch> &launches, const BatchOptions &o,
                    std::string &error) {
  if (peers.empty())
    return runHere(launches, o, error);
  size_t n = devices();
  std::vector<std::vector<Launch>> parts;
  splitLaunches(launches, n, parts);
  // The host threads for heavy samples, shared out (0: one per core).
  BatchOptions share = o;
  unsigned cores = o.hostThreads ? o.hostThreads
                                 : std::max(1u, std::thread::hardware_concurrency());
  share.hostThreads = std::max(1u, (unsigned)(cores / n));
  std::vector<GpuDevice *> all{this};
  for (auto &p : peers)
    all.push_back(p.get());
  std::vector<GpuTimings> before;
  for (GpuDevice *d : all)
    before.push_back(d->timings);
  std::vector<std::string> errors(n);
  std::vector<char> ok(n, 0);
  std::vector<std::thread> threads;
  for (size_t k = 0; k < n; ++k)
    threads.emplace_back([&, k] {
      ok[k] = all[k]->runHere(parts[k], share, errors[k]);
    });
  for (std::thread &t : threads)
    t.join();
  for (size_t k = 0; k < n; ++k)
    if (!ok[k]) {
      error = "device " + std::to_string(k) + ": " + errors[k];
      return false;
    }
  mergeLaunches(launches, parts);
  // This run's times: the devices ran side by side, so a span is the
  // longest device's; counts add up.
  GpuTimings sum = before[0];
  auto longest = [&](double GpuTimings::*f) {
    double m = 0;
    for (size_t k = 0; k < n; ++k)
      m = std::max(m, all[k]->timings.*f - before[k].*f);
    sum.*f += m;
  };
  longest(&GpuTimings::upload);
  longest(&GpuTimings::kernels);
  longest(&GpuTimings::download);
  longest(&GpuTimings::hostSpan);
  longest(&GpuTimings::hostWait);
  for (int p = 0; p < 3; ++p) {
    double span = 0;
    size_t samples = 0;
    for (size_t k = 0; k < n; ++k) {
      span = std::max(span, all[k]->timings.passSpan[p]);
      samples += all[k]->timings.passSamples[p];
    }
    sum.passSpan[p] = span;
    sum.passSamples[p] = samples;
  }
  for (size_t k = 0; k < n; ++k) {
    sum.launches += all[k]->timings.launches - before[k].launches;
    sum.hostSamples += all[k]->timings.hostSamples - before[k].hostSamples;
  }
  timings = sum;
  for (size_t k = 1; k < n; ++k)
    all[k]->timings = before[k];
  return true;
}

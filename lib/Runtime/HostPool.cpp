//===- HostPool.cpp - host threads beside a GPU launch --------------------===//
#include "HostPool.h"
#include "ArcDsl/Runtime/Isolation.h"
#include "ArcDsl/Runtime/TaskSet.h"

#include <algorithm>
#include <cstdio>
#include <system_error>

using namespace arcdsl;
using namespace arcdsl::runtime;

HostPool::HostPool(const HostLookup &code, unsigned threads,
                   uint64_t workLimit, uint64_t arenaBytes, double seconds)
    : code(code), workLimit(workLimit), seconds(seconds) {
  if (threads == 0)
    threads = std::max(1u, std::thread::hardware_concurrency());
  this->arenaBytes = arenaShare(arenaBytes, threads);
  for (unsigned t = 0; t < threads; ++t) {
    try {
      pool.emplace_back([this] { work(); });
    } catch (const std::system_error &) {
      break; // the system gives no more threads: the others share
    }
  }
}

HostPool::~HostPool() { join(); }

void HostPool::share(uint8_t *taken, size_t n) {
  this->taken = taken;
  hostTook.reset(new std::atomic<uint8_t>[n]);
  for (size_t k = 0; k < n; ++k)
    hostTook[k].store(0);
}

bool HostPool::add(const std::vector<std::pair<Launch *, size_t>> &samples,
                   std::string &error) {
  std::vector<Ref> refs;
  for (auto &[L, i] : samples)
    refs.push_back({L, i});
  return add(refs, error);
}

/// The queue items of refs (each program's host code looked up once).
bool HostPool::items(const std::vector<Ref> &refs, std::vector<Item> &out,
                     std::string &error) {
  for (const Ref &r : refs) {
    auto it = fns.find(r.launch->solver);
    if (it == fns.end())
      it = fns.emplace(r.launch->solver, code(r.launch->solver)).first;
    if (!it->second) {
      error = "no host code for " + r.launch->solver;
      return false;
    }
    out.push_back({it->second, r});
  }
  return true;
}

bool HostPool::add(const std::vector<Ref> &samples, std::string &error) {
  std::vector<Item> items;
  if (!this->items(samples, items, error))
    return false;
  {
    std::lock_guard<std::mutex> lock(m);
    queue.insert(queue.end(), items.begin(), items.end());
  }
  for (const Item &item : items)
    added.push_back({item.ref.launch, item.ref.index});
  cv.notify_all();
  return true;
}

bool HostPool::steal(const std::vector<Ref> &refs, std::string &error) {
  std::vector<Item> made;
  if (!items(refs, made, error))
    return false;
  {
    std::lock_guard<std::mutex> lock(m);
    light = std::move(made);
    lightLeft = (int64_t)light.size();
  }
  cv.notify_all();
  return true;
}

void HostPool::stopStealing() {
  {
    std::lock_guard<std::mutex> lock(m);
    lightLeft = 0;
  }
  while (deciding.load() != 0)
    std::this_thread::yield();
}

bool HostPool::finish(std::string &error) {
  join();
  if (failed) {
    error = "cannot reserve host arenas";
    return false;
  }
  return true;
}

std::string HostPool::slowest(size_t n) const {
  // A sample is queued twice when the GPU gave it back (AFTER): once here.
  std::vector<std::pair<Launch *, size_t>> v = added;
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
  auto secs = [](const std::pair<Launch *, size_t> &s) {
    return s.first->results[s.second].seconds;
  };
  std::sort(v.begin(), v.end(),
            [&](auto &a, auto &b) { return secs(a) > secs(b); });
  std::string out;
  char line[200];
  for (size_t k = 0; k < std::min(n, v.size()); ++k) {
    const SampleResult &r = v[k].first->results[v[k].second];
    if (r.pass != 3)
      continue; // left to the GPU
    snprintf(line, sizeof line,
             "  %s input %zu: %.3f s, %llu work units, status %u\n",
             v[k].first->solver.c_str(), v[k].second, r.seconds,
             (unsigned long long)r.work, r.status);
    out += line;
  }
  return out;
}

void HostPool::join() {
  {
    std::lock_guard<std::mutex> lock(m);
    closed = true;
  }
  cv.notify_all();
  if (pool.empty()) // no thread could be made: this one does the work
    work();
  for (std::thread &t : pool)
    t.join();
  pool.clear();
}

/// Whether this thread runs r: a SHARED sample once neither the GPU nor
/// another host thread has it (a sample the GPU's light pass ran and gave
/// up, kLightMark, is free again), an AFTER one once no host thread has.
/// (The GPU reads taken[id] and then writes its mark: a host thread that
/// takes the sample in between runs it too, and its result is the one
/// kept.)
bool HostPool::take(const Ref &r) {
  if (r.mode == PLAIN)
    return true;
  if (r.mode == SHARED) {
    uint8_t seen = 0;
    if (!__atomic_compare_exchange_n(&taken[r.id], &seen, 1, false,
                                     __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST) &&
        (seen != kLightMark ||
         !__atomic_compare_exchange_n(&taken[r.id], &seen, 1, false,
                                      __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST)))
      return false;
  }
  return claim(r.id);
}

/// Whether this thread is the first host thread to take sample `id`.
bool HostPool::claim(size_t id) {
  uint8_t none = 0;
  return hostTook[id].compare_exchange_strong(none, 1);
}

/// A light sample to steal: only one nobody has touched. Any mark of the
/// GPU's means its end of the pass has come this far: the steals stop.
bool HostPool::takeStolen(const Ref &r) {
  uint8_t seen = 0;
  if (!__atomic_compare_exchange_n(&taken[r.id], &seen, 1, false,
                                   __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST)) {
    if (seen != 1)
      lightLeft = 0;
    return false;
  }
  return claim(r.id);
}

/// The next sample for this thread: a queued one first (heavy samples are
/// the long ones), else a light one to steal; false when there is none
/// and the pool is closed.
bool HostPool::next(Item &item) {
  for (;;) {
    std::unique_lock<std::mutex> lock(m);
    cv.wait(lock, [&] {
      return closed || !queue.empty() || lightLeft.load() > 0;
    });
    if (!queue.empty()) {
      item = queue.front();
      queue.pop_front();
      lock.unlock();
      if (take(item.ref))
        return true;
      ++skipped;
      continue;
    }
    int64_t k = lightLeft.load() - 1;
    if (k < 0)
      return false; // closed, nothing queued, nothing to steal
    lightLeft = k;
    ++deciding;
    lock.unlock();
    item = light[(size_t)k];
    bool won = takeStolen(item.ref);
    --deciding;
    if (won) {
      ++stolenRuns;
      return true;
    }
  }
}

void HostPool::run(const Item &item, HostArena &small, HostArena &big) {
  SampleResult &r = item.ref.launch->results[item.ref.index];
  r.pass = 3;
  r.image.clear();
  if (failed) {
    r.status = ERR_CAPACITY;
    return;
  }
  const std::vector<uint8_t> &image = *item.ref.launch->inputs[item.ref.index];
  ArcCtx ctx;
  double t0 = now();
  av out = runSample(
      item.fn, small, big, workLimit,
      [&](ArcCtx *c) { return unpackValue(c, image); }, ctx,
      SampleGuard{seconds, item.ref.index});
  r.work = ctx.work;
  r.addressOrder = (ctx.order & ORDER_ADDRESS_HASH) != 0;
  if (!ctx.err)
    r.image = packValue(&ctx, out);
  r.status = ctx.err; // packing fails a value too deep to send
  r.seconds = (float)(now() - t0);
}

void HostPool::work() {
  HostArena small(std::min<uint64_t>(1ull << 20, arenaBytes)),
      big(arenaBytes);
  if (!small.ok() || !big.ok())
    failed = true;
  Item item;
  while (next(item))
    run(item, small, big);
}

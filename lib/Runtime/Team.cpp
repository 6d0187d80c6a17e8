//===- Team.cpp - idle host threads that help a heavy sample --------------===//
#include "ArcDsl/Runtime/Team.h"
#include "ArcDsl/Runtime/Isolation.h"
#include "ArcDsl/Runtime/TaskSet.h"

#include <chrono>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <linux/futex.h>
#include <sys/syscall.h>
#include <unistd.h>

using namespace arcdsl;
using namespace arcdsl::runtime;

namespace {
void futexWait(std::atomic<uint32_t> &word, uint32_t seen) {
  syscall(SYS_futex, (uint32_t *)&word, FUTEX_WAIT_PRIVATE, seen, nullptr,
          nullptr, 0);
}
void futexWakeAll(std::atomic<uint32_t> &word) {
  syscall(SYS_futex, (uint32_t *)&word, FUTEX_WAKE_PRIVATE, INT_MAX, nullptr,
          nullptr, 0);
}

/// A helper's lane as a guarded "program": `in` carries the lane.
struct LaneCall {
  TeamPool::Job *job;
  uint32_t k;
};
av runLane(ArcCtx *, av in) {
  LaneCall *l = (LaneCall *)(uintptr_t)in;
  l->job->lane(l->job->arg, l->k);
  return kNone;
}
} // namespace

bool runtime::splitLoops() {
  static const bool on = [] {
    const char *s = getenv("ARCDSL_SPLIT");
    return !(s && s[0] == '0' && !s[1]);
  }();
  return on;
}

namespace {
std::mutex callerLock;
std::shared_ptr<TeamPool> callerTeam;
} // namespace

void runtime::setCallerHelpers(unsigned n) {
  std::shared_ptr<TeamPool> pool;
  if (n) {
    pool = std::make_shared<TeamPool>();
    pool->startHelpers(n);
  }
  std::shared_ptr<TeamPool> old;
  {
    std::lock_guard<std::mutex> hold(callerLock);
    old = std::move(callerTeam);
    callerTeam = std::move(pool);
  }
  // `old` stops its helpers here, or when the last run using it ends.
}

std::shared_ptr<TeamPool> runtime::callerPool() {
  std::lock_guard<std::mutex> hold(callerLock);
  return callerTeam;
}

TeamPool::~TeamPool() {
  const char *stats = getenv("ARCDSL_SPLIT_STATS");
  if (stats && stats[0] == '1') {
    fprintf(stderr, "arcdsl: %llu loop(s) split, %llu lane(s) on helpers\n",
            (unsigned long long)loops.load(),
            (unsigned long long)lanesRun.load());
    if (team::emulatedLanes() > 1)
      fprintf(stderr, "arcdsl: %llu loop(s) split by teams of %u lanes\n",
              (unsigned long long)team::emulatedSplits(),
              team::emulatedLanes());
  }
  stopping.store(true);
  wake();
  for (std::thread &t : helpers)
    t.join();
}

void TeamPool::startHelpers(unsigned n) {
  if (n == 0)
    return;
  // onThreads gives them large stacks and stack floors, as sample threads.
  uint32_t before = waiting.load();
  started += n;
  helpers.emplace_back([this, n] { onThreads(n, [this] { serve(stopping); }); });
  // Ready before the first sample (a helper that is late misses its loops);
  // a system that gives fewer threads is waited for a second at most.
  awaitIdle(before + n, 1.0);
}

void TeamPool::awaitIdle(uint32_t n, double seconds) const {
  auto end = std::chrono::steady_clock::now() +
             std::chrono::duration<double>(seconds);
  while (waiting.load() < n && std::chrono::steady_clock::now() < end)
    std::this_thread::sleep_for(std::chrono::microseconds(100));
}

void TeamPool::wake() {
  epoch.fetch_add(1);
  futexWakeAll(epoch);
}

void TeamPool::serve(const std::atomic<bool> &done) {
  uint32_t served = epoch.load() - 1;
  while (!done.load() && !stopping.load()) {
    uint32_t e = epoch.load();
    Job *job = posted.load();
    if (!job || e == served) {
      waiting.fetch_add(1);
      if (!done.load() && !stopping.load())
        futexWait(epoch, e);
      waiting.fetch_sub(1);
      continue;
    }
    served = e;
    // Join: counted in first, then the job checked still posted, so a
    // sample that closed it either sees us or we see it closed.
    inJob.fetch_add(1);
    if (posted.load() == job) {
      uint32_t k = job->nextLane.fetch_add(1);
      if (k < job->lanes) {
        LaneCall call{job, k};
        ArcCtx scratch{};
        guardedCall(runLane, &scratch, (av)(uintptr_t)&call,
                    SampleGuard{job->seconds});
        if (scratch.err) // a lane jumped out of: its depth count is stale
          arcdslSplitting = 0;
      }
    }
    inJob.fetch_sub(1);
    futexWakeAll(inJob);
  }
}

uint32_t TeamPool::run(Job &job) {
  Job *none = nullptr;
  if (!posted.compare_exchange_strong(none, &job))
    return 0;
  wake();
  // ARCDSL_SPLIT_JOIN=1 (tests): wait up to a second for the lanes to be
  // taken, so that helpers run elements even where lane 0 alone would be
  // done before they wake.
  static const bool join = [] {
    const char *s = getenv("ARCDSL_SPLIT_JOIN");
    return s && s[0] == '1';
  }();
  for (int k = 0; join && k < 1000 && job.nextLane.load() < job.lanes; ++k)
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  job.lane(job.arg, 0);
  posted.store(nullptr);
  waitForHelpers();
  uint32_t joined = job.nextLane.load();
  joined = joined < job.lanes ? joined : job.lanes;
  loops.fetch_add(1, std::memory_order_relaxed);
  lanesRun.fetch_add(joined - 1, std::memory_order_relaxed);
  return joined;
}

void TeamPool::settle(Job *job) {
  Job *mine = job;
  if (posted.compare_exchange_strong(mine, nullptr))
    waitForHelpers();
}

void TeamPool::waitForHelpers() {
  for (uint32_t n; (n = inJob.load()) != 0;)
    futexWait(inJob, n);
}

//===----------------------------------------------------------------------===//
// SampleTeam
//===----------------------------------------------------------------------===//

namespace {
SampleTeam *self(ArcTeam *t) { return static_cast<SampleTeam *>(t); }
} // namespace

SampleTeam::SampleTeam(TeamPool &pool, const HostArena &small,
                       const HostArena &full, double seconds)
    : pool(pool), arenas{&small, &full}, seconds(seconds),
      outer(arcdslTeam) {
  ArcTeam::idle = [](ArcTeam *t) { return self(t)->pool.idle(); };
  ArcTeam::region = [](ArcTeam *t, const ArcCtx *c, uint32_t k, uint64_t *lo,
                       uint64_t *hi) {
    for (const HostArena *a : self(t)->arenas)
      if (a->holds(c))
        return a->laneRegion(k, *lo, *hi);
    return false;
  };
  ArcTeam::run = [](ArcTeam *t, uint32_t lanes, void (*lane)(void *, uint32_t),
                    void *arg) {
    SampleTeam *s = self(t);
    TeamPool::Job job{lane, arg, lanes, s->seconds};
    s->current = &job;
    uint32_t ran = s->pool.run(job);
    s->current = nullptr;
    return ran;
  };
  arcdslTeam = this;
}

SampleTeam::~SampleTeam() { arcdslTeam = outer; }

void SampleTeam::settle() {
  if (current) {
    pool.settle(current);
    current = nullptr;
  }
  arcdslSplitting = 0;
}

//===- SplitLoop.h - an element loop, run here or by a team -----*- C++ -*-===//
//
// runLoop(c, n, loop) runs a higher-order primitive's element loop
// (HofLoops.h): for i in [0, n) while the sample has no error,
// `loop.at(c, i, args)` reads and charges element i (false: stop before
// the call), `loop.call(c, args)` calls the function, `loop.consume(c, i,
// args, r)` takes the result (false: the loop ends early; runLoop returns
// false).
//
// On the host, once the elements left predict at least team::splitWork()
// of work and the thread's team (Team.h) has idle lanes, the rest of the
// loop goes to the team: each lane claims elements one by one, reads them
// (`loop.read`, uncharged) and calls the function without keeping its
// result (`loop.callOnLane`) in its own context and region; then this
// thread takes the elements in order exactly as the loop would have: the
// charge of reading it, its work and its kept result (team::laneAdopt),
// or runs it again itself where the lane's outcome cannot be taken. A loop
// over a grid's rows (whose rows are made as they are read) stays here.
//
// On the GPU, a sample run by a team of lanes (a warp, TeamLoops.h) hands
// the rest of a long loop to those lanes (teamSplitRest): lane k runs
// elements k, k + lanes, ... in a region of the team's lane space, the
// lanes meet, and every lane then takes the elements in order the same way
// (adoptRest). ARCDSL_TEAM_LANES=N makes the host run that algorithm too,
// its N lanes one after another, so that it is checked where there is no
// GPU (docs/gpu.md).
//===----------------------------------------------------------------------===//

#ifndef ARCDSL_PRIMITIVES_SPLITLOOP_H
#define ARCDSL_PRIMITIVES_SPLITLOOP_H

#include "ArcDsl/Primitives/Team.h"
#include "ArcDsl/Primitives/TeamLoops.h"

namespace arcdsl {
namespace hof {

/// Whether reading v's elements allocates nothing (not a grid's rows).
ARC_INLINE bool readsInPlace(ArcCtx *c, av v) {
  return !refsArena(v) || box(c, v)->kind != BOX_GRID;
}

/// Elements [from, n) of a loop, in order, each taken from its lane's
/// outcome rec[i - from] (team::laneAdopt) or run here where it cannot be:
/// 1 or 0 as runLoop returns.
template <class L>
ARC_HD int adoptRest(ArcCtx *c, int64_t from, int64_t n, L &loop,
                     const team::LaneResult *rec) {
  for (int64_t i = from; i < n && !c->err; ++i) {
    av args[2];
    if (!loop.at(c, i, args))
      break;
    av r;
    if (c->err || !team::laneAdopt(c, rec[i - from], &r))
      r = loop.call(c, args);
    if (!loop.consume(c, i, args, r))
      return 0;
  }
  return 1;
}

/// Lane k of a team split (teamSplitRest): elements from + k, from + k +
/// lanes, ... of the loop, each in lane context `l` (region [lo, hi) of
/// c's arena, at most `budget` work each), their outcomes in rec. A lane
/// stops after an element that ends the loop (a Python error, the bound)
/// or once its own elements have spent the budget: the sequential loop
/// ends before any later one.
template <class L>
ARC_HD void teamLane(ArcCtx *c, int64_t from, int64_t n, L &loop,
                     uint32_t lanes, uint32_t k, team::LaneResult *rec,
                     uint64_t lo, uint64_t hi, uint64_t budget) {
  for (int64_t i = from + k; i < n; i += lanes)
    rec[i - from].ran = 0;
  ArcCtx l;
  team::laneStart(c, &l, lo, hi, budget);
  uint64_t spent = 0;
  for (int64_t i = from + k; i < n; i += lanes) {
    team::laneElementStart(c, &l);
    l.workLimit = budget;
    uint64_t at = l.top;
    av args[2];
    loop.read(&l, i, args);
    av r = l.err ? kErr : loop.callOnLane(&l, args);
    team::LaneResult &out = rec[i - from];
    out.value = r;
    out.work = l.work;
    out.from = at;
    out.to = l.top;
    out.err = team::laneOutcome(&l);
    out.exact = 0; // its start is not known here: an error runs again
    out.ran = 1;
    spent += l.work;
    if (out.err) {
      l.top = at;
      if (team::laneStops(out.err))
        break;
    }
    if (spent > budget)
      break;
  }
}

/// The rest of the loop from element `from`, by the `lanes` lanes of c's
/// team, in lane space [lo, hi) of c's arena: 1 or 0 as runLoop returns,
/// -1 when it did not split (the space is too small; nothing changed).
/// On the GPU every lane of the team calls it; the host runs the lanes one
/// after another.
template <class L>
ARC_HD int teamSplitRest(ArcCtx *c, int64_t from, int64_t n, L &loop,
                         uint32_t lanes, uint64_t lo, uint64_t hi) {
  uint64_t recBytes =
      ((uint64_t)(n - from) * sizeof(team::LaneResult) + 127) & ~127ull;
  lo = (lo + 127) & ~127ull;
  if (hi < lo + recBytes ||
      (hi - lo - recBytes) / lanes < team::kTeamRegionMin)
    return -1;
  team::LaneResult *rec = (team::LaneResult *)(c->base + lo);
  uint64_t region = ((hi - lo - recBytes) / lanes) & ~127ull;
  uint64_t first = lo + recBytes, budget = c->workLimit - c->work;
#if defined(__CUDA_ARCH__)
  uint32_t k = team::lane(c);
  teamLane(c, from, n, loop, lanes, k, rec, first + k * region,
           first + (k + 1) * region, budget);
  team::sync(c);
#else
  ++arcdslSplitting; // the lanes and what runs here use the team's regions
  team::countEmulatedSplit();
  for (uint32_t k = 0; k < lanes; ++k)
    teamLane(c, from, n, loop, lanes, k, rec, first + k * region,
             first + (k + 1) * region, budget);
#endif
  // What runs here runs whole on every lane: it neither splits again (the
  // lane space holds the outcomes) nor shares loops out.
  uint8_t was = c->lanes;
  c->lanes = 1;
  int result = adoptRest(c, from, n, loop, rec);
  c->lanes = was;
#if !defined(__CUDA_ARCH__)
  --arcdslSplitting;
#endif
  return result;
}

/// Whether a loop that has run elements [0, done) of n, charging `spent`,
/// hands the rest to its team's lanes (checked after 1, 2, 4, 8 ...
/// elements), and where their space is.
ARC_HD inline bool wantTeamSplit(ArcCtx *c, int64_t done, int64_t n,
                                 uint64_t spent, uint32_t &lanes,
                                 uint64_t &lo, uint64_t &hi) {
  if ((done & (done - 1)) != 0 || n - done < 2 || c->err)
    return false;
#if defined(__CUDA_ARCH__)
  if (spent / (uint64_t)done < team::kTeamSplitElementWork)
    return false;
  lanes = team::lanes(c);
  if (lanes < 2 || !c->laneLog2)
    return false;
  lo = c->cap;
  hi = c->cap + (1ull << c->laneLog2);
  return true;
#else
  lanes = team::emulatedLanes();
  if (lanes < 2 || spent / (uint64_t)done < team::teamSplitElementWork())
    return false;
  ArcTeam *t = arcdslTeam;
  return t && !arcdslSplitting && !c->profile && !c->rawUnits &&
         t->region(t, c, 0, &lo, &hi);
#endif
}

#if !defined(__CUDA_ARCH__)

/// Most lanes of one split loop.
constexpr uint32_t kMaxLanes = 16;

/// The shared state of one split loop, at the start of lane 0's region.
template <class L> struct Split {
  ArcCtx *c;
  L *loop;
  ArcTeam *team;
  int64_t from, n;
  team::LaneResult *rec; ///< per element from `from`, in region 0
  uint64_t lane0Lo, lane0Hi;
  uint64_t workAtSplit;  ///< the sample's work before element `from`
  uint64_t budget;       ///< what it had left then
  int64_t next;          ///< next element to claim (atomic)
  int64_t stopAt;        ///< no element past it is needed (atomic)
  uint64_t spent;        ///< work of the elements run so far (atomic)
  int64_t finished;      ///< how many have run (atomic)
  /// Elements [from, frontier) all ran without an error, and
  /// frontierWork is what they charged, reading them included: the work
  /// the sample will have before element `frontier` (guarded by `lock`).
  int64_t frontier;
  uint64_t frontierWork;
  int lock;
  uint32_t lanesRun;      ///< lanes asked for
  /// Each lane's context (cancelled in place) and the element it runs
  /// (atomic), a cache line pair of its own: the context's work changes at
  /// every charge.
  struct alignas(128) Lane {
    ArcCtx ctx;
    int64_t at;
  } lane_[kMaxLanes];

  ARC_INLINE void acquire() {
    while (__atomic_exchange_n(&lock, 1, __ATOMIC_ACQUIRE))
      while (__atomic_load_n(&lock, __ATOMIC_RELAXED)) {
#if defined(__x86_64__) || defined(__i386__)
        __builtin_ia32_pause();
#endif
      }
  }
  ARC_INLINE void release() { __atomic_store_n(&lock, 0, __ATOMIC_RELEASE); }

  /// No element past i is needed: lanes running one are cancelled (their
  /// bound set to 0, so their next charge stops them).
  void stopAfter(int64_t i) {
    int64_t s = __atomic_load_n(&stopAt, __ATOMIC_SEQ_CST);
    while (i < s && !__atomic_compare_exchange_n(&stopAt, &s, i, false,
                                                 __ATOMIC_SEQ_CST,
                                                 __ATOMIC_SEQ_CST)) {
    }
    for (uint32_t k = 0; k < kMaxLanes; ++k)
      if (__atomic_load_n(&lane_[k].at, __ATOMIC_SEQ_CST) > i)
        __atomic_store_n(&lane_[k].ctx.workLimit, 0, __ATOMIC_RELAXED);
  }

  enum Start { EXACT, PENDING, NEVER };
  /// Whether element i starts from the sample's exact work: EXACT (then
  /// `*work` is the work the sample will have once it is read) when every
  /// element before it ran without an error, PENDING while some still
  /// runs, NEVER once one of them raised or must run again.
  Start exactStart(int64_t i, uint64_t unitNs, uint64_t *work) {
    acquire();
    // Move the frontier over the elements that have finished since.
    while (frontier < i &&
           __atomic_load_n(&rec[frontier - from].ran, __ATOMIC_ACQUIRE) &&
           !rec[frontier - from].err) {
      uint64_t at = loop->atUnits(frontier) * unitNs;
      frontierWork += at + rec[frontier - from].work;
      ++frontier;
    }
    Start s = frontier == i ? EXACT
              : __atomic_load_n(&rec[frontier - from].ran, __ATOMIC_ACQUIRE)
                  ? NEVER
                  : PENDING;
    *work = workAtSplit + frontierWork + loop->atUnits(i) * unitNs;
    release();
    return s;
  }

  /// Whether the next element may be where the sample's bound falls: the
  /// work run so far and a mean element on each lane would reach the
  /// budget.
  bool nearBound(uint32_t lanes) {
    int64_t k = __atomic_load_n(&finished, __ATOMIC_RELAXED);
    uint64_t w = __atomic_load_n(&spent, __ATOMIC_RELAXED);
    return k > 0 && w + w / (uint64_t)k * (lanes + 1) >= budget;
  }

  static void lane(void *arg, uint32_t k) {
    Split *j = (Split *)arg;
    ++arcdslSplitting; // no loop inside a lane splits again
    uint64_t lo = j->lane0Lo, hi = j->lane0Hi;
    if (k == 0 || j->team->region(j->team, j->c, k, &lo, &hi)) {
      ArcCtx &l = j->lane_[k].ctx;
      team::laneStart(j->c, &l, lo, hi, j->budget);
      uint64_t limit = j->c->workLimit, unitNs = j->c->unitNs;
      for (;;) {
        int64_t i = __atomic_fetch_add(&j->next, 1, __ATOMIC_RELAXED);
        if (i >= j->n)
          break;
        // An element that starts from the sample's exact work runs with
        // its exact bound: whatever it raises is the sequential outcome.
        uint64_t at;
        Start st = j->exactStart(i, unitNs, &at);
        // Near the bound, an element that does not start exactly may be
        // the one where the bound falls: run on a lane, it would run again
        // here. The rest of the loop is left to the sample's thread.
        if (st != EXACT && j->nearBound(j->lanesRun))
          break;
        bool exact = st == EXACT && at <= limit;
        team::laneElementStart(j->c, &l);
        l.workLimit = exact ? limit - at : j->budget;
        __atomic_store_n(&j->lane_[k].at, i, __ATOMIC_SEQ_CST);
        if (i > __atomic_load_n(&j->stopAt, __ATOMIC_SEQ_CST))
          break;
        uint64_t from = l.top;
        av args[2];
        j->loop->read(&l, i, args);
        av r = l.err ? kErr : j->loop->callOnLane(&l, args);
        team::LaneResult &out = j->rec[i - j->from];
        out.value = r;
        out.work = l.work;
        out.from = from;
        out.to = l.top;
        out.err = team::laneOutcome(&l);
        out.exact = exact;
        __atomic_store_n(&out.ran, 1u, __ATOMIC_RELEASE);
        if (out.err) {
          l.top = from;
          if (team::laneStops(out.err)) // every later element is moot
            j->stopAfter(i);
        }
        // Every element run so far lies below `next`: once their work
        // passes the budget, the sample's bound falls before it.
        __atomic_add_fetch(&j->finished, 1, __ATOMIC_RELAXED);
        if (__atomic_add_fetch(&j->spent, l.work, __ATOMIC_RELAXED) >
            j->budget)
          j->stopAfter(__atomic_load_n(&j->next, __ATOMIC_RELAXED) - 1);
      }
      __atomic_store_n(&j->lane_[k].at, -1, __ATOMIC_SEQ_CST);
    }
    --arcdslSplitting;
  }
};

/// The rest of the loop from element `from`, by the team: 1 or 0 as
/// runLoop returns, -1 when it did not split (nothing changed).
template <class L>
int splitRest(ArcCtx *c, int64_t from, int64_t n, L &loop) {
  ArcTeam *t = arcdslTeam;
  uint32_t idle = t->idle(t);
  int64_t left = n - from;
  if (idle == 0 || left < 8)
    return -1;
  uint64_t lo, hi;
  if (!t->region(t, c, 0, &lo, &hi))
    return -1;
  uint64_t recBytes = (uint64_t)left * sizeof(team::LaneResult);
  uint64_t head = (sizeof(Split<L>) + 127) & ~127ull;
  lo = (uint64_t)((uintptr_t)(c->base + lo + 127) & ~(uintptr_t)127) -
       (uint64_t)(uintptr_t)c->base;
  if (hi < lo || hi - lo < head + recBytes + (64u << 10))
    return -1;
  Split<L> *job = (Split<L> *)(c->base + lo);
  team::LaneResult *rec = (team::LaneResult *)(c->base + lo + head);
  __builtin_memset((void *)job, 0, head + recBytes);
  job->c = c;
  job->loop = &loop;
  job->team = t;
  job->from = job->next = job->frontier = from;
  job->n = job->stopAt = n;
  job->rec = rec;
  job->lane0Lo = lo + head + recBytes;
  job->lane0Hi = hi;
  job->workAtSplit = c->work;
  job->budget = c->workLimit - c->work;
  for (uint32_t k = 0; k < kMaxLanes; ++k)
    job->lane_[k].at = -1;
  uint32_t lanes = 1 + (idle < left - 1 ? idle : (uint32_t)(left - 1));
  if (lanes > kMaxLanes)
    lanes = kMaxLanes;
  job->lanesRun = lanes;
  ++arcdslSplitting;
  uint32_t ran = t->run(t, lanes, &Split<L>::lane, job);
  // Every lane has returned: take the elements in order.
  int result = ran ? adoptRest(c, from, n, loop, rec) : -1;
  --arcdslSplitting;
  return result;
}

/// Whether a loop that has run elements [0, done) of n, charging `spent`,
/// should hand the rest to the team (checked after 1, 2, 4, 8 ...
/// elements).
inline bool wantSplit(ArcCtx *c, int64_t done, int64_t n, uint64_t spent) {
  if ((done & (done - 1)) != 0 || done >= n || !arcdslTeam ||
      arcdslSplitting || c->err || c->profile || c->rawUnits)
    return false;
  // Elements cheaper than taking their results would not gain.
  uint64_t each = spent / (uint64_t)done, predicted;
  if (each < team::splitElementWork())
    return false;
  if (__builtin_mul_overflow(each, (uint64_t)(n - done), &predicted))
    return true;
  return predicted >= team::splitWork();
}

#endif // !__CUDA_ARCH__

template <class L> ARC_HD bool runLoop(ArcCtx *c, int64_t n, L &loop) {
  uint64_t w0 = c->work;
  for (int64_t i = 0; i < n && !c->err; ++i) {
    av args[2];
    if (!loop.at(c, i, args))
      break;
    av r = loop.call(c, args);
    if (!loop.consume(c, i, args, r))
      return false;
    uint32_t lanes;
    uint64_t lo, hi;
    if (wantTeamSplit(c, i + 1, n, c->work - w0, lanes, lo, hi) &&
        loop.splittable(c)) {
      int r = teamSplitRest(c, i + 1, n, loop, lanes, lo, hi);
      if (r >= 0)
        return r != 0;
    }
#if !defined(__CUDA_ARCH__)
    if (wantSplit(c, i + 1, n, c->work - w0) && loop.splittable(c)) {
      int r = splitRest(c, i + 1, n, loop);
      if (r >= 0)
        return r != 0;
    }
#endif
  }
  return true;
}

} // namespace hof
} // namespace arcdsl

#endif // ARCDSL_PRIMITIVES_SPLITLOOP_H

//===- Team.h - lanes that share one sample's long element loop -*- C++ -*-===//
//
// A sample whose higher-order loop is long (an `apply`/`sfilter`/`argmax`
// ... over hundreds of elements with a costly body) may hand the rest of
// that loop to a team of lanes: each lane runs whole elements in a context
// of its own, and the sample's thread then takes the elements' results in
// order, as if it had run them itself (HofLoops.h: runLoop). The team is
// what the machine has spare: idle host threads here (lib/Runtime/Team.cpp);
// on a GPU the lanes of the sample's warp will be the same mechanism. The
// library only calls the hook below; it starts no thread and takes no lock.
//
// What a lane runs is exactly what the sample would have run, so the value,
// the work charged and the error of the sample are those of the sequential
// loop (docs/runtime.md "Heavy samples on several cores"):
//   * a lane context shares the sample's arena base (it reads the sample's
//     values by offset) and allocates in a region of its own past the
//     sample's capacity (`region`);
//   * the sample's thread charges each element's cost and copies its kept
//     result down in element order, where the loop would have kept it: the
//     same bytes at the same offsets;
//   * an element that started from the sample's exact work (every element
//     before it had finished) runs with the sample's exact bound, so its
//     error, too, is the sequential one and is taken as it is;
//   * any other element that raised, outgrew its lane's region or budget,
//     or ordered a set by an address is run again on the sample's thread,
//     in order, so its outcome is the sequential one.
//===----------------------------------------------------------------------===//

#ifndef ARCDSL_PRIMITIVES_TEAM_H
#define ARCDSL_PRIMITIVES_TEAM_H

#include "ArcDsl/Primitives/Value.h"

namespace arcdsl {

/// The host's hook (null on the device and where no thread is spare).
struct ArcTeam {
  /// How many lanes beyond the caller could join a loop now (0: none).
  uint32_t (*idle)(ArcTeam *self);
  /// The offsets [*lo, *hi) of c's arena that lane k (0 <= k < lanes) may
  /// allocate in; false when c's arena has no such region.
  bool (*region)(ArcTeam *self, const ArcCtx *c, uint32_t k, uint64_t *lo,
                 uint64_t *hi);
  /// Run lane(arg, 0) here and lane(arg, k) on up to `lanes - 1` spare
  /// threads (1 <= k < lanes), each thread under its own guard; returns
  /// once every lane that started has returned. Returns how many lanes
  /// ran (0: the team is busy with another loop, nothing ran).
  uint32_t (*run)(ArcTeam *self, uint32_t lanes,
                  void (*lane)(void *arg, uint32_t k), void *arg);
};

#if !defined(__CUDA_ARCH__)
/// The team of the samples this thread runs (null: loops stay on it).
extern thread_local ArcTeam *arcdslTeam;
/// > 0 while this thread runs a lane or takes a split loop's results: a
/// loop inside does not split again (the team and its regions are in use).
/// A host that abandons a lane (a crash or timeout jumped out of it) resets
/// it to 0.
extern thread_local int arcdslSplitting;
#endif

/// A loop is split once the work it predicts for its remaining elements
/// (the mean of those run so far) reaches this many cost units (CPython-
/// nanoseconds): about 50 ms of CPython, a few milliseconds here, far
/// above what handing elements to other threads costs. ARCDSL_SPLIT_WORK
/// overrides it (tests force splits with 0; runtime.md).
constexpr uint64_t kSplitWork = 50000000;
/// ... and once its elements have cost this much each on average (about
/// 50 us of CPython): a cheaper element costs about as much to take from
/// its lane (its result copied) as to run here. ARCDSL_SPLIT_WORK=0 sets
/// both to 0.
constexpr uint64_t kSplitElementWork = 50000;

namespace team {

/// One element's outcome on a lane.
struct LaneResult {
  av value;      ///< the kept result (a truth as a BOOL)
  uint64_t work; ///< cost the element charged on the lane
  uint64_t from; ///< where its kept result starts in the lane's region
  uint64_t to;   ///< and ends
  uint32_t err;  ///< its error (0: none); also set when it must rerun
  uint32_t ran;  ///< 1 once a lane has run it
  uint32_t exact; ///< it ran from the sample's exact work and bound
  uint32_t spare;
};

/// The lane context for lane region [lo, hi) of sample context `c`.
ARC_HD void laneStart(const ArcCtx *c, ArcCtx *lane, uint64_t lo, uint64_t hi,
                      uint64_t budget);

/// Before a lane runs an element: its context as fresh as the sample's,
/// its top 8-aligned (where the sample's first allocation would start).
ARC_HD void laneElementStart(const ArcCtx *c, ArcCtx *lane);

/// LaneResult::err of an element that ran with no error but must run again
/// on the sample's thread (it ordered a set by an address: lane addresses
/// are not the sample's).
constexpr uint32_t kLaneRerun = 0xFFFFFFFFu;

/// The LaneResult::err of the element the lane just ran.
ARC_HD uint32_t laneOutcome(const ArcCtx *lane);

/// Whether an element with LaneResult::err `err` ends the loop, whatever
/// its rerun gives (a Python error, or past the sample's bound), so later
/// elements need not run; a lane's own limits (its region, an address
/// order, a crash) do not.
ARC_HD bool laneStops(uint32_t err);

/// Charge element r's work to `c` and copy its kept result (in lane memory
/// [r.from, r.to)) to the top of c's arena, where the sequential loop
/// would have kept it; or, for an element that raised after starting from
/// the sample's exact work and bound (`exact`), raise its error with its
/// work. False (c untouched) when the element must run again on c
/// instead: it raised otherwise, ordered by an address, or c's bound,
/// arena or the copy's room would not hold it as the sequential run
/// would.
ARC_HD bool laneAdopt(ArcCtx *c, const LaneResult &r, av *out);

/// The split thresholds (kSplitWork and kSplitElementWork, or
/// ARCDSL_SPLIT_WORK and a thousandth of it on the host).
uint64_t splitWork();
uint64_t splitElementWork();

/// A team's lanes (a GPU warp) take over a loop's rest once its elements
/// have cost this much each on average (cost units: about 20 us of
/// CPython; a lane's result costs a copy to take), with at least two
/// elements left (SplitLoop.h, teamSplitRest) ...
constexpr uint64_t kTeamSplitElementWork = 20000;
/// ... when each lane gets at least this much of the lane space.
constexpr uint64_t kTeamRegionMin = 64u << 10;

/// ARCDSL_TEAM_LANES on the host (0 when unset): the lanes that a host
/// run's loops are handed to, one after another, by the GPU's team
/// algorithm (teamSplitRest), where a SampleTeam gives it a region.
uint32_t emulatedLanes();
/// kTeamSplitElementWork, or as splitElementWork() when ARCDSL_SPLIT_WORK
/// is set (host).
uint64_t teamSplitElementWork();
/// Loops the host has split by the team algorithm so far (all threads).
uint64_t emulatedSplits();
void countEmulatedSplit();

} // namespace team
} // namespace arcdsl

#endif // ARCDSL_PRIMITIVES_TEAM_H

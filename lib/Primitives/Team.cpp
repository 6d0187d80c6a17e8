//===- Team.cpp - lane contexts of a split loop (Team.h) ------------------===//
#include "ArcDsl/Primitives/Team.h"

#if !defined(__CUDA_ARCH__)
#include <stdlib.h>
#endif

using namespace arcdsl;

#if !defined(__CUDA_ARCH__)
thread_local ArcTeam *arcdsl::arcdslTeam = nullptr;
thread_local int arcdsl::arcdslSplitting = 0;

/// ARCDSL_SPLIT_WORK, or ~0 when unset.
static uint64_t splitWorkSetting() {
  static const uint64_t work = [] {
    const char *s = getenv("ARCDSL_SPLIT_WORK");
    return s && *s ? strtoull(s, nullptr, 10) : ~0ull;
  }();
  return work;
}

uint64_t team::splitWork() {
  uint64_t w = splitWorkSetting();
  return w == ~0ull ? kSplitWork : w;
}

/// An element threshold: `standard`, or a thousandth of ARCDSL_SPLIT_WORK.
static uint64_t elementWork(uint64_t standard) {
  uint64_t w = splitWorkSetting();
  return w == ~0ull ? standard : w / 1000;
}

uint64_t team::splitElementWork() { return elementWork(kSplitElementWork); }

uint64_t team::teamSplitElementWork() {
  return elementWork(kTeamSplitElementWork);
}

static uint64_t splitsByTeams = 0;
uint64_t team::emulatedSplits() {
  return __atomic_load_n(&splitsByTeams, __ATOMIC_RELAXED);
}
void team::countEmulatedSplit() {
  __atomic_fetch_add(&splitsByTeams, 1, __ATOMIC_RELAXED);
}

uint32_t team::emulatedLanes() {
  static const uint32_t lanes = [] {
    const char *s = getenv("ARCDSL_TEAM_LANES");
    unsigned long n = s && *s ? strtoul(s, nullptr, 10) : 0;
    return (uint32_t)(n > 64 ? 64 : n);
  }();
  return lanes;
}
#endif

ARC_HD void team::laneStart(const ArcCtx *c, ArcCtx *lane, uint64_t lo,
                            uint64_t hi, uint64_t budget) {
  ctxStart(lane, c->base, hi, budget);
  lane->top = lo;
  lane->dialect = c->dialect;
  laneElementStart(c, lane);
}

ARC_HD void team::laneElementStart(const ArcCtx *c, ArcCtx *lane) {
  lane->err = 0;
  lane->work = 0;
  lane->callDepth = c->callDepth;
  lane->pyFrames = c->pyFrames;
  lane->order = c->order & ~ORDER_ADDRESS_HASH;
  lane->unitNs = c->unitNs;
  lane->top = (lane->top + 7) & ~7ull;
}

ARC_HD uint32_t team::laneOutcome(const ArcCtx *lane) {
  if (lane->order & ORDER_ADDRESS_HASH)
    return kLaneRerun; // whatever else happened: the flag is the sample's
  return lane->err;
}

ARC_HD bool team::laneStops(uint32_t err) {
  return err != 0 && err != kLaneRerun && err != ERR_CAPACITY &&
         err != ERR_CRASH && err != ERR_TIMEOUT;
}

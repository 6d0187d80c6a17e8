//===- TeamLoops.h - a primitive's data-parallel loops, over a team -*- C++ -*-===//
//
// The loops of a primitive that touch every cell of a grid or every member
// of a container independently are written once, over the team of lanes
// that runs the sample (ArcCtx::lane / lanes):
//
//   * on the host a team is one lane: each loop is the plain loop it
//     replaces (the compiler sees `k += 1` from 0), and outputs cannot
//     change;
//   * on the GPU, a warp-per-sample kernel runs one sample on a warp's 32
//     lanes in lockstep: every lane runs the primitive's scalar code with
//     the same context (so allocations, charges and errors are the same on
//     every lane and need no broadcast), and the team loops below share
//     their iterations out (lane l takes k = l, l + 32, ...), then meet at
//     a warp barrier so that each lane sees the others' writes; reductions
//     combine the lanes' partial results by shuffles, so every lane gets
//     the same total.
//
// A team loop's body must not fail, charge work or allocate: those stay in
// the scalar code around it, where every lane does the same. The GPU's
// dispatch kernel still runs a sample per thread (lanes = 1): the warp
// mapping is the next step of docs/gpu.md ("Team loops").
//===----------------------------------------------------------------------===//

#ifndef ARCDSL_PRIMITIVES_TEAMLOOPS_H
#define ARCDSL_PRIMITIVES_TEAMLOOPS_H

#include "ArcDsl/Primitives/Value.h"

namespace arcdsl {
namespace team {

/// How many lanes run c's sample (1 on the host), and which one this is.
ARC_INLINE uint32_t lanes(const ArcCtx *c) { return c->lanes > 1 ? c->lanes : 1; }
ARC_INLINE uint32_t lane(const ArcCtx *c) { return c->lanes > 1 ? c->lane : 0; }

/// Every lane's writes so far are seen by the team's other lanes.
ARC_INLINE void sync(const ArcCtx *c) {
#if defined(__CUDA_ARCH__)
  if (lanes(c) > 1)
    __nvvm_bar_warp_sync(0xffffffffu);
#else
  (void)c;
#endif
}

/// The sum of every lane's `x`, on every lane.
ARC_INLINE int64_t combine(const ArcCtx *c, int64_t x) {
#if defined(__CUDA_ARCH__)
  if (lanes(c) > 1)
    for (int d = 16; d > 0; d >>= 1) {
      int lo = __nvvm_shfl_sync_bfly_i32(0xffffffffu, (int)(x & 0xffffffff), d, 31);
      int hi = __nvvm_shfl_sync_bfly_i32(0xffffffffu, (int)(x >> 32), d, 31);
      x += (int64_t)(((uint64_t)(uint32_t)hi << 32) | (uint32_t)lo);
    }
#else
  (void)c;
#endif
  return x;
}

/// f(k) for k in [0, n), shared out over the lanes; every write is seen by
/// every lane afterwards.
template <typename F>
ARC_INLINE void forEach(const ArcCtx *c, int64_t n, F f) {
  for (int64_t k = lane(c), step = lanes(c); k < n; k += step)
    f(k);
  sync(c);
}

/// How many k in [0, n) satisfy pred(k), on every lane.
template <typename F>
ARC_INLINE int64_t count(const ArcCtx *c, int64_t n, F pred) {
  int64_t m = 0;
  for (int64_t k = lane(c), step = lanes(c); k < n; k += step)
    m += pred(k) ? 1 : 0;
  return combine(c, m);
}

} // namespace team
} // namespace arcdsl

#endif // ARCDSL_PRIMITIVES_TEAMLOOPS_H

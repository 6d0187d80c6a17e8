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
// the scalar code around it, where every lane does the same. What one lane
// must decide for all (the sample it takes, its result's place in the
// heap: atomics) it decides and broadcasts (Batch.cpp). The dispatch
// kernel runs a team of ArcBatch::lanes lanes per sample (docs/gpu.md
// "A team per sample").
//===----------------------------------------------------------------------===//

#ifndef ARCDSL_PRIMITIVES_TEAMLOOPS_H
#define ARCDSL_PRIMITIVES_TEAMLOOPS_H

#include "ArcDsl/Primitives/Value.h"

namespace arcdsl {
namespace team {

/// How many lanes run c's sample (1 on the host), and which one this is.
ARC_INLINE uint32_t lanes(const ArcCtx *c) { return c->lanes > 1 ? c->lanes : 1; }
ARC_INLINE uint32_t lane(const ArcCtx *c) { return c->lanes > 1 ? c->lane : 0; }

#if defined(__CUDA_ARCH__)
/// The warp lanes of a team of `n` lanes (a power of two up to 32; teams
/// are aligned in their warp): the mask of its barriers and shuffles.
ARC_INLINE uint32_t warpMask(uint32_t n) {
  if (n >= 32)
    return 0xffffffffu;
  uint32_t first = __nvvm_read_ptx_sreg_laneid() & ~(n - 1);
  return ((1u << n) - 1) << first;
}

/// A 64-bit shuffle as two 32-bit ones: `shfl(v)` moves one half.
template <typename F> ARC_INLINE uint64_t shuffle64(uint64_t x, F shfl) {
  uint32_t lo = (uint32_t)shfl((int)(x & 0xffffffff));
  uint32_t hi = (uint32_t)shfl((int)(x >> 32));
  return ((uint64_t)hi << 32) | lo;
}

/// Lane 0's `x`, on every lane of a team of `n` lanes.
ARC_INLINE uint64_t broadcastOf(uint32_t n, uint64_t x) {
  if (n <= 1)
    return x;
  uint32_t mask = warpMask(n);
  int from = (int)(__nvvm_read_ptx_sreg_laneid() & ~(n - 1));
  return shuffle64(x, [&](int v) {
    return __nvvm_shfl_sync_idx_i32(mask, v, from, 31);
  });
}
#endif

/// Every lane's writes so far are seen by the team's other lanes.
ARC_INLINE void sync(const ArcCtx *c) {
#if defined(__CUDA_ARCH__)
  if (lanes(c) > 1)
    __nvvm_bar_warp_sync(warpMask(lanes(c)));
#else
  (void)c;
#endif
}

/// Lane 0's `x`, on every lane (what one lane decided for the team: an
/// atomic's result).
ARC_INLINE uint64_t broadcast(const ArcCtx *c, uint64_t x) {
#if defined(__CUDA_ARCH__)
  return broadcastOf(lanes(c), x);
#else
  (void)c;
  return x;
#endif
}

/// op over every lane's `x` (op associative and commutative), on every
/// lane.
template <typename Op>
ARC_INLINE int64_t reduce(const ArcCtx *c, int64_t x, Op op) {
#if defined(__CUDA_ARCH__)
  uint32_t n = lanes(c);
  if (n > 1) {
    uint32_t mask = warpMask(n);
    for (int d = (int)n / 2; d > 0; d >>= 1)
      x = op(x, (int64_t)shuffle64((uint64_t)x, [&](int v) {
               return __nvvm_shfl_sync_bfly_i32(mask, v, d, 31);
             }));
  }
#else
  (void)c;
  (void)op;
#endif
  return x;
}

/// The sum of every lane's `x`, on every lane.
ARC_INLINE int64_t combine(const ArcCtx *c, int64_t x) {
  return reduce(c, x, [](int64_t a, int64_t b) { return a + b; });
}

/// *p += x where the team's lanes may add to *p at once (a count shared
/// by a team loop's iterations).
ARC_INLINE void add(const ArcCtx *c, uint32_t *p, uint32_t x) {
#if defined(__CUDA_ARCH__)
  if (lanes(c) > 1) {
    __atomic_fetch_add(p, x, __ATOMIC_RELAXED);
    return;
  }
#endif
  (void)c;
  *p += x;
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

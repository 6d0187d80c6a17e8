//===- HofLoops.h - the loops of the higher-order primitives ----*- C++ -*-===//
//
// One definition of what `apply`, `sfilter`, `argmax`, `order`, `power` ...
// do with their function, as templates over a callee `f(const av *args)`:
//   * the interpreter of function values (Fn.cpp) instantiates them with a
//     call of a run-time function value (a primitive or a closure box),
//   * compiled code calls the `arcdsl_hof_*` entries (Hof.cpp), which
//     instantiate them with the specialized function the compiler made
//     (an ArcCallee and its captured values); where the library's bitcode
//     is linked into the program (host objects, GPU kernels) LLVM inlines
//     the entry and the callee into the caller.
// The arena is reclaimed around every call of f (arcdsl_rt_mark/keep):
// what a call allocated is freed except what its kept result needs.
// Every loop stops at the sample's first error. Host/device neutral.
//===----------------------------------------------------------------------===//

#ifndef ARCDSL_PRIMITIVES_HOFLOOPS_H
#define ARCDSL_PRIMITIVES_HOFLOOPS_H

#include "ArcDsl/Primitives/Hof.h"
#include "ArcDsl/Primitives/Primitives.h"

namespace arcdsl {
namespace hof {

/// f(args), keeping only what its result needs of what it allocated.
template <class F>
ARC_HD av callKeep(ArcCtx *c, F &f, const av *args) {
  CostScope call(c, kCallCost, "call");
  uint64_t mark = arcdsl_rt_mark(c);
  return arcdsl_rt_keep(c, mark, f(args));
}

/// bool(f(x)), freeing everything the call allocated.
template <class F> ARC_HD bool callTruth(ArcCtx *c, F &f, av x) {
  CostScope call(c, kCallCost, "call");
  uint64_t mark = arcdsl_rt_mark(c);
  bool t = arcdsl_rt_truthy(c, f(&x)) != 0;
  arcdsl_rt_release(c, mark);
  return t;
}

/// callKeep and callTruth for a call that dsl.py makes inside a generator
/// expression (apply, sfilter, extract's condition, papply, prapply,
/// rapply): a StopIteration it raises comes out as RuntimeError (PEP 479).
template <class F>
ARC_HD av genKeep(ArcCtx *c, F &f, const av *args) {
  av r = callKeep(c, f, args);
  inGenerator(c);
  return r;
}
template <class F> ARC_HD bool genTruth(ArcCtx *c, F &f, av x) {
  bool t = callTruth(c, f, x);
  inGenerator(c);
  return t;
}

/// `type(xs)(g(e) for e in xs)`, g(e) already kept.
template <class G> ARC_HD av mapEach(ArcCtx *c, av xs, G g) {
  int64_t n = arcdsl_rt_len(c, xs);
  av *buf = arcdsl_rt_buf(c, n);
  for (int64_t i = 0; i < n && !c->err; ++i)
    arcdsl_rt_buf_set(c, buf, i, g(arcdsl_rt_at(c, xs, i)));
  return arcdsl_rt_like(c, xs, buf, n);
}

/// apply(f, xs): `type(xs)(f(e) for e in xs)`
template <class F> ARC_HD av apply(ArcCtx *c, av xs, F f) {
  return mapEach(c, xs, [&](av e) { return genKeep(c, f, &e); });
}

/// sfilter(xs, f): `type(xs)(e for e in xs if f(e))`
template <class F> ARC_HD av sfilter(ArcCtx *c, av xs, F f) {
  int64_t n = arcdsl_rt_len(c, xs), k = 0;
  av *buf = arcdsl_rt_buf(c, n);
  for (int64_t i = 0; i < n && !c->err; ++i) {
    av e = arcdsl_rt_at(c, xs, i);
    if (genTruth(c, f, e))
      arcdsl_rt_buf_set(c, buf, k++, e);
  }
  return arcdsl_rt_like(c, xs, buf, k);
}

/// extract(xs, f): `next(e for e in xs if f(e))`, StopIteration when none
/// matches (raised by next(), outside the generator).
template <class F> ARC_HD av extract(ArcCtx *c, av xs, F f) {
  int64_t n = arcdsl_rt_len(c, xs);
  for (int64_t i = 0; i < n && !c->err; ++i) {
    av e = arcdsl_rt_at(c, xs, i);
    if (genTruth(c, f, e))
      return c->err ? kErr : e;
  }
  return c->err ? kErr : fail(c, ERR_STOP_ITERATION);
}

/// max/min(xs, key=key): the first of equal keys (keys compare as Python's
/// `<`; a lone element is never compared); `*found` false when xs is empty.
template <class K>
ARC_HD av best(ArcCtx *c, av xs, K key, bool isMax, bool *found) {
  int64_t n = arcdsl_rt_len(c, xs);
  av top = kErr, topKey = kErr;
  *found = false;
  for (int64_t i = 0; i < n && !c->err; ++i) {
    av e = arcdsl_rt_at(c, xs, i);
    av k = key(e);
    if (c->err)
      return kErr;
    int64_t r = i == 0 ? 0 : arcdsl_rt_cmp(c, k, topKey);
    if (i == 0 || (isMax ? r > 0 : r < 0)) {
      top = e;
      topKey = k;
    }
  }
  *found = n > 0;
  return top;
}

/// The kept key f(e) of a loop over a specialized or run-time function.
template <class F> struct KeyOf {
  ArcCtx *c;
  F &f;
  ARC_HD av operator()(av e) const { return callKeep(c, f, &e); }
};
template <class F> ARC_HD KeyOf<F> keyOf(ArcCtx *c, F &f) { return {c, f}; }

/// argmax/argmin(xs, key): `max(xs, key=key)`, ValueError when xs is empty.
template <class K> ARC_HD av argBest(ArcCtx *c, av xs, K key, bool isMax) {
  bool found;
  av r = best(c, xs, key, isMax, &found);
  if (c->err)
    return kErr;
  return found ? r : fail(c, ERR_VALUE);
}

/// valmax/valmin(xs, f): `f(max(xs, key=key, default=0))` (key: f's kept
/// result).
template <class K, class F>
ARC_HD av valBest(ArcCtx *c, av xs, K key, F f, bool isMax) {
  bool found;
  av r = best(c, xs, key, isMax, &found);
  if (c->err)
    return kErr;
  if (!found)
    r = mkInt(c, 0);
  CostScope call(c, kCallCost, "call");
  return f(&r);
}

/// order(xs, key): `tuple(sorted(xs, key=key))` (stable), key(e) kept.
template <class K> ARC_HD av order(ArcCtx *c, av xs, K key) {
  int64_t n = arcdsl_rt_len(c, xs);
  av *items = arcdsl_rt_buf(c, n);
  av *keys = arcdsl_rt_buf(c, n);
  for (int64_t i = 0; i < n && !c->err; ++i) {
    av e = arcdsl_rt_at(c, xs, i);
    arcdsl_rt_buf_set(c, items, i, e);
    arcdsl_rt_buf_set(c, keys, i, key(e));
  }
  return arcdsl_rt_sorted(c, items, keys, n);
}

/// papply(f, a, b): `tuple(f(i, j) for i, j in zip(a, b))`
template <class F> ARC_HD av papply(ArcCtx *c, av a, av b, F f) {
  int64_t na = arcdsl_rt_len(c, a), nb = arcdsl_rt_len(c, b);
  int64_t n = na < nb ? na : nb;
  av *buf = arcdsl_rt_buf(c, n);
  for (int64_t i = 0; i < n && !c->err; ++i) {
    av xy[2] = {arcdsl_rt_at(c, a, i), arcdsl_rt_at(c, b, i)};
    arcdsl_rt_buf_set(c, buf, i, genKeep(c, f, xy));
  }
  return arcdsl_rt_tuple(c, buf, n);
}

/// prapply(f, a, b): `frozenset(f(i, j) for j in b for i in a)`
template <class F> ARC_HD av prapply(ArcCtx *c, av a, av b, F f) {
  int64_t na = arcdsl_rt_len(c, a), nb = arcdsl_rt_len(c, b);
  av *buf = arcdsl_rt_buf(c, na * nb);
  for (int64_t j = 0; j < nb && !c->err; ++j) {
    av y = arcdsl_rt_at(c, b, j);
    for (int64_t i = 0; i < na && !c->err; ++i) {
      av xy[2] = {arcdsl_rt_at(c, a, i), y};
      arcdsl_rt_buf_set(c, buf, j * na + i, genKeep(c, f, xy));
    }
  }
  return arcdsl_rt_set(c, buf, na * nb);
}

/// power(f, n)(x): f applied n times (n >= 1; arcdsl_rt_power_count).
template <class F> ARC_HD av power(ArcCtx *c, av n, av x, F f) {
  int64_t k = arcdsl_rt_power_count(c, n);
  for (int64_t i = 0; i < k && !c->err; ++i)
    x = callKeep(c, f, &x);
  return x;
}

} // namespace hof
} // namespace arcdsl

#endif // ARCDSL_PRIMITIVES_HOFLOOPS_H

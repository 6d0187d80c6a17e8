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
// Every loop stops at the sample's first error.
//
// Each loop is a Loop (below): how element i's arguments are read and
// charged (`at`), how f is called on them (`call`), and what the loop does
// with the result (`consume`). runLoop runs it; on the host, once the
// elements left predict enough work and threads are idle, it hands them to
// a team of lanes and takes their results in order (Team.h, SplitLoop.h):
// the value, work and error are the sequential loop's. A callee rebinds to
// a lane's context with `on(ctx)`. Host/device neutral.
//===----------------------------------------------------------------------===//

#ifndef ARCDSL_PRIMITIVES_HOFLOOPS_H
#define ARCDSL_PRIMITIVES_HOFLOOPS_H

#include "ArcDsl/Primitives/Hof.h"
#include "ArcDsl/Primitives/Primitives.h"
#include "SplitLoop.h"

namespace arcdsl {
namespace hof {

/// f(args), keeping only what its result needs of what it allocated.
template <class F>
ARC_HD av callKeep(ArcCtx *c, F &f, const av *args) {
  CostScope call(c, kCallCost, "call");
  uint64_t mark = arcdsl_rt_mark(c);
  return arcdsl_rt_keep(c, mark, f(args));
}

/// callKeep without the keep: on a lane, what the call allocated stays
/// where it is, and the sample's thread keeps it (team::laneAdopt).
template <class F>
ARC_HD av callRaw(ArcCtx *c, F &f, const av *args) {
  CostScope call(c, kCallCost, "call");
  return f(args);
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


/// Element i of a loop over the elements of xs, and its function f.
template <class F> struct OverElements {
  av xs;
  F f;
  ARC_HD bool at(ArcCtx *c, int64_t i, av *args) {
    args[0] = arcdsl_rt_at(c, xs, i);
    return true;
  }
  ARC_HD void read(ArcCtx *c, int64_t i, av *args) {
    args[0] = seqAt(c, xs, i);
  }
  ARC_HD bool splittable(ArcCtx *c) { return readsInPlace(c, xs); }
  /// The units `at` charges for element i.
  ARC_HD uint64_t atUnits(int64_t) const { return 1; }
};

/// A loop over xs whose call keeps f's result (apply, order's and the
/// arg/val loops' keys): `consume` takes it.
template <class F, class Consume> struct KeepLoop : OverElements<F> {
  Consume consume;
  bool gen;  ///< inside a generator expression (genKeep)
  bool self; ///< no call: the key is the element (Python's key=None)
  ARC_HD av call(ArcCtx *c, const av *args) {
    if (self)
      return args[0];
    F g = this->f.on(c);
    return gen ? genKeep(c, g, args) : callKeep(c, g, args);
  }
  ARC_HD av callOnLane(ArcCtx *c, const av *args) {
    if (self)
      return args[0];
    F g = this->f.on(c);
    av r = callRaw(c, g, args);
    if (gen)
      inGenerator(c);
    return r;
  }
};

/// A loop over xs whose call is a truth (sfilter, extract).
template <class F, class Consume> struct TruthLoop : OverElements<F> {
  Consume consume;
  ARC_HD av call(ArcCtx *c, const av *args) {
    F g = this->f.on(c);
    return mkBoolRaw(genTruth(c, g, args[0]));
  }
  ARC_HD av callOnLane(ArcCtx *c, const av *args) { return call(c, args); }
};

template <class F, class C>
ARC_HD KeepLoop<F, C> keepLoop(av xs, F f, C consume, bool gen,
                               bool self = false) {
  return {{xs, f}, consume, gen, self};
}
template <class F, class C>
ARC_HD TruthLoop<F, C> truthLoop(av xs, F f, C consume) {
  return {{xs, f}, consume};
}

/// `type(xs)(f(e) for e in xs)`: f(e) kept, the results in order.
template <class F> ARC_HD av apply(ArcCtx *c, av xs, F f) {
  int64_t n = arcdsl_rt_len(c, xs);
  av *buf = arcdsl_rt_buf(c, n);
  auto loop = keepLoop(
      xs, f,
      [buf](ArcCtx *c, int64_t i, const av *, av r) {
        arcdsl_rt_buf_set(c, buf, i, r);
        return true;
      },
      true);
  runLoop(c, n, loop);
  return arcdsl_rt_like(c, xs, buf, n);
}

/// sfilter(xs, f): `type(xs)(e for e in xs if f(e))`
template <class F> ARC_HD av sfilter(ArcCtx *c, av xs, F f) {
  int64_t n = arcdsl_rt_len(c, xs), k = 0;
  av *buf = arcdsl_rt_buf(c, n);
  auto loop = truthLoop(xs, f,
                        [buf, &k](ArcCtx *c, int64_t, const av *args, av t) {
                          if (t == mkBoolRaw(true))
                            arcdsl_rt_buf_set(c, buf, k++, args[0]);
                          return true;
                        });
  runLoop(c, n, loop);
  return arcdsl_rt_like(c, xs, buf, k);
}

/// extract(xs, f): `next(e for e in xs if f(e))`, StopIteration when none
/// matches (raised by next(), outside the generator).
template <class F> ARC_HD av extract(ArcCtx *c, av xs, F f) {
  int64_t n = arcdsl_rt_len(c, xs);
  av found = kErr;
  auto loop = truthLoop(xs, f,
                        [&found](ArcCtx *, int64_t, const av *args, av t) {
                          if (t != mkBoolRaw(true))
                            return true;
                          found = args[0];
                          return false;
                        });
  if (!runLoop(c, n, loop))
    return c->err ? kErr : found;
  return c->err ? kErr : fail(c, ERR_STOP_ITERATION);
}

/// max/min(xs, key=key): the first of equal keys (keys compare as Python's
/// `<`; a lone element is never compared); `*found` false when xs is empty.
/// `key` is a KeyOf or a KeyOrSelf (Fn.cpp): `key.loop(xs, consume)` is
/// the loop that computes the keys.
template <class K>
ARC_HD av best(ArcCtx *c, av xs, K key, bool isMax, bool *found) {
  int64_t n = arcdsl_rt_len(c, xs);
  av top = kErr, topKey = kErr;
  *found = false;
  auto consume = [&](ArcCtx *c, int64_t i, const av *args, av k) {
    if (c->err)
      return false;
    int64_t r = i == 0 ? 0 : arcdsl_rt_cmp(c, k, topKey);
    if (i == 0 || (isMax ? r > 0 : r < 0)) {
      top = args[0];
      topKey = k;
    }
    return true;
  };
  auto loop = key.loop(xs, consume);
  if (!runLoop(c, n, loop))
    return kErr;
  *found = n > 0;
  return top;
}

/// The kept key f(e) of a loop over a specialized or run-time function.
template <class F> struct KeyOf {
  F f;
  template <class C> ARC_HD KeepLoop<F, C> loop(av xs, C consume) {
    return keepLoop(xs, f, consume, false);
  }
};
template <class F> ARC_HD KeyOf<F> keyOf(F f) { return {f}; }

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
  auto loop =
      key.loop(xs, [items, keys](ArcCtx *c, int64_t i, const av *args, av k) {
        arcdsl_rt_buf_set(c, items, i, args[0]);
        arcdsl_rt_buf_set(c, keys, i, k);
        return true;
      });
  runLoop(c, n, loop);
  return arcdsl_rt_sorted(c, items, keys, n);
}

/// The calls and results of papply's and prapply's loops: f's result
/// kept (inside a generator), stored at the element's index.
template <class F> struct IntoBuffer {
  F f;
  av *buf;
  ARC_HD av call(ArcCtx *c, const av *args) {
    F g = f.on(c);
    return genKeep(c, g, args);
  }
  ARC_HD av callOnLane(ArcCtx *c, const av *args) {
    F g = f.on(c);
    av r = callRaw(c, g, args);
    inGenerator(c);
    return r;
  }
  ARC_HD bool consume(ArcCtx *c, int64_t i, const av *, av r) {
    arcdsl_rt_buf_set(c, buf, i, r);
    return true;
  }
};

/// The loop of papply: element i is (a[i], b[i]).
template <class F> struct PairLoop : IntoBuffer<F> {
  av a, b;
  ARC_HD bool at(ArcCtx *c, int64_t i, av *args) {
    args[0] = arcdsl_rt_at(c, a, i);
    args[1] = arcdsl_rt_at(c, b, i);
    return true;
  }
  ARC_HD void read(ArcCtx *c, int64_t i, av *args) {
    args[0] = seqAt(c, a, i);
    args[1] = seqAt(c, b, i);
  }
  ARC_HD bool splittable(ArcCtx *c) {
    return readsInPlace(c, a) && readsInPlace(c, b);
  }
  ARC_HD uint64_t atUnits(int64_t) const { return 2; }
};

/// papply(f, a, b): `tuple(f(i, j) for i, j in zip(a, b))`
template <class F> ARC_HD av papply(ArcCtx *c, av a, av b, F f) {
  int64_t na = arcdsl_rt_len(c, a), nb = arcdsl_rt_len(c, b);
  int64_t n = na < nb ? na : nb;
  av *buf = arcdsl_rt_buf(c, n);
  PairLoop<F> loop{{f, buf}, a, b};
  runLoop(c, n, loop);
  return arcdsl_rt_tuple(c, buf, n);
}

/// The loop of prapply: element t is (a[t % na], b[t / na]), b's element
/// read (and charged) as each row of a starts.
template <class F> struct ProductLoop : IntoBuffer<F> {
  av a, b;
  int64_t na;
  av y;
  ARC_HD bool at(ArcCtx *c, int64_t t, av *args) {
    if (t % na == 0) {
      y = arcdsl_rt_at(c, b, t / na);
      if (c->err)
        return false;
    }
    args[0] = arcdsl_rt_at(c, a, t % na);
    args[1] = y;
    return true;
  }
  ARC_HD void read(ArcCtx *c, int64_t t, av *args) {
    args[0] = seqAt(c, a, t % na);
    args[1] = seqAt(c, b, t / na);
  }
  ARC_HD bool splittable(ArcCtx *c) {
    return readsInPlace(c, a) && readsInPlace(c, b);
  }
  ARC_HD uint64_t atUnits(int64_t t) const { return t % na == 0 ? 2 : 1; }
};

/// prapply(f, a, b): `frozenset(f(i, j) for j in b for i in a)`
template <class F> ARC_HD av prapply(ArcCtx *c, av a, av b, F f) {
  int64_t na = arcdsl_rt_len(c, a), nb = arcdsl_rt_len(c, b);
  av *buf = arcdsl_rt_buf(c, na * nb);
  if (na == 0) {
    // Each of b's elements is still read (and charged).
    for (int64_t j = 0; j < nb && !c->err; ++j)
      arcdsl_rt_at(c, b, j);
  } else {
    ProductLoop<F> loop{{f, buf}, a, b, na, kErr};
    runLoop(c, na * nb, loop);
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

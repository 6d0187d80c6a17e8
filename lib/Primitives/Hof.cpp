//===- Hof.cpp - run-time helpers of compiled higher-order loops ----------===//
#include "ArcDsl/Primitives/Hof.h"
#include "HofLoops.h"

using namespace arcdsl;

ARCDSL_EXPORT int64_t arcdsl_rt_len(ArcCtx *c, av v) {
  if (c->err)
    return 0;
  int64_t n = seqLen(c, v);
  return c->err ? 0 : n;
}

ARCDSL_EXPORT av arcdsl_rt_at(ArcCtx *c, av v, int64_t i) {
  if (c->err)
    return kErr;
  if (!charge(c, 1))
    return kErr;
  return seqAt(c, v, i);
}

ARCDSL_EXPORT av *arcdsl_rt_buf(ArcCtx *c, int64_t n) {
  if (c->err)
    return nullptr;
  return scratch(c, n > 0 ? (uint64_t)n : 1);
}

ARCDSL_EXPORT void arcdsl_rt_buf_set(ArcCtx *c, av *buf, int64_t i, av v) {
  if (buf && !c->err)
    buf[i] = v;
}

ARCDSL_EXPORT av arcdsl_rt_tuple(ArcCtx *c, av *buf, int64_t n) {
  if (c->err || !buf)
    return fail(c, ERR_CAPACITY);
  return makeTuple(c, buf, (uint32_t)n);
}

ARCDSL_EXPORT av arcdsl_rt_set(ArcCtx *c, av *buf, int64_t n) {
  if (c->err || !buf)
    return fail(c, ERR_CAPACITY);
  return makeSet(c, buf, (uint32_t)n);
}

ARCDSL_EXPORT av arcdsl_rt_like(ArcCtx *c, av like, av *buf, int64_t n) {
  if (c->err)
    return kErr;
  return isSet(c, like) ? arcdsl_rt_set(c, buf, n) : arcdsl_rt_tuple(c, buf, n);
}

ARCDSL_EXPORT int64_t arcdsl_rt_truthy(ArcCtx *c, av v) {
  if (c->err)
    return 0;
  return truthy(c, v) ? 1 : 0;
}

ARCDSL_EXPORT int64_t arcdsl_rt_cmp(ArcCtx *c, av a, av b) {
  if (c->err)
    return 0;
  return comparePy(c, a, b);
}

ARCDSL_EXPORT av arcdsl_rt_sorted(ArcCtx *c, av *xs, av *keys, int64_t n) {
  if (c->err || !xs || !keys)
    return fail(c, ERR_CAPACITY);
  sortByKeys(c, xs, keys, (uint32_t)n);
  if (c->err)
    return kErr;
  return makeTuple(c, xs, (uint32_t)n);
}

ARCDSL_EXPORT void arcdsl_rt_fail(ArcCtx *c, int64_t code) {
  fail(c, (uint32_t)code);
}

ARCDSL_EXPORT int64_t arcdsl_rt_power_count(ArcCtx *c, av n) {
  if (c->err)
    return 0;
  if (!isNum(n)) {
    fail(c, ERR_TYPE);
    return 0;
  }
  int64_t k = numOf(n);
  // As arcdsl_prim_power: Python's recursion builds the composition.
  if (k < 1 || k + pyDepth(c) > (int64_t)kPyMaxFrames) {
    fail(c, ERR_RECURSION);
    return 0;
  }
  if (!charge(c, (uint64_t)k))
    return 0;
  return k;
}

//===----------------------------------------------------------------------===//
// Higher-order primitives over a specialized function (HofLoops.h)
//===----------------------------------------------------------------------===//

namespace {
/// A compiled callee with its captured values.
struct Specialized {
  ArcCtx *c;
  ArcCallee f;
  const av *env;
  ARC_HD av operator()(const av *args) const { return f(c, env, args); }
  ARC_HD Specialized on(ArcCtx *to) const { return {to, f, env}; }
};
} // namespace

ARCDSL_EXPORT av arcdsl_hof_apply(ArcCtx *c, av xs, ArcCallee f,
                                  const av *env) {
  return hof::apply(c, xs, Specialized{c, f, env});
}
ARCDSL_EXPORT av arcdsl_hof_mapply(ArcCtx *c, av xs, ArcCallee f,
                                   const av *env) {
  return arcdsl_prim_merge(c, hof::apply(c, xs, Specialized{c, f, env}));
}
ARCDSL_EXPORT av arcdsl_hof_sfilter(ArcCtx *c, av xs, ArcCallee f,
                                    const av *env) {
  return hof::sfilter(c, xs, Specialized{c, f, env});
}
ARCDSL_EXPORT av arcdsl_hof_mfilter(ArcCtx *c, av xs, ArcCallee f,
                                    const av *env) {
  return arcdsl_prim_merge(c, hof::sfilter(c, xs, Specialized{c, f, env}));
}
ARCDSL_EXPORT av arcdsl_hof_extract(ArcCtx *c, av xs, ArcCallee f,
                                    const av *env) {
  return hof::extract(c, xs, Specialized{c, f, env});
}
ARCDSL_EXPORT av arcdsl_hof_argmax(ArcCtx *c, av xs, ArcCallee f,
                                   const av *env) {
  Specialized s{c, f, env};
  return hof::argBest(c, xs, hof::keyOf(s), true);
}
ARCDSL_EXPORT av arcdsl_hof_argmin(ArcCtx *c, av xs, ArcCallee f,
                                   const av *env) {
  Specialized s{c, f, env};
  return hof::argBest(c, xs, hof::keyOf(s), false);
}
ARCDSL_EXPORT av arcdsl_hof_valmax(ArcCtx *c, av xs, ArcCallee f,
                                   const av *env) {
  Specialized s{c, f, env};
  return hof::valBest(c, xs, hof::keyOf(s), s, true);
}
ARCDSL_EXPORT av arcdsl_hof_valmin(ArcCtx *c, av xs, ArcCallee f,
                                   const av *env) {
  Specialized s{c, f, env};
  return hof::valBest(c, xs, hof::keyOf(s), s, false);
}
ARCDSL_EXPORT av arcdsl_hof_order(ArcCtx *c, av xs, ArcCallee f,
                                  const av *env) {
  Specialized s{c, f, env};
  return hof::order(c, xs, hof::keyOf(s));
}
ARCDSL_EXPORT av arcdsl_hof_papply(ArcCtx *c, av a, av b, ArcCallee f,
                                   const av *env) {
  return hof::papply(c, a, b, Specialized{c, f, env});
}
ARCDSL_EXPORT av arcdsl_hof_mpapply(ArcCtx *c, av a, av b, ArcCallee f,
                                    const av *env) {
  return arcdsl_prim_merge(c, hof::papply(c, a, b, Specialized{c, f, env}));
}
ARCDSL_EXPORT av arcdsl_hof_prapply(ArcCtx *c, av a, av b, ArcCallee f,
                                    const av *env) {
  return hof::prapply(c, a, b, Specialized{c, f, env});
}
ARCDSL_EXPORT av arcdsl_hof_power(ArcCtx *c, av n, av x, ArcCallee f,
                                  const av *env) {
  return hof::power(c, n, x, Specialized{c, f, env});
}

//===- Selection.cpp - picking elements of containers ---------------------===//
//
// first, last, other, maximum, minimum, mostcommon and leastcommon, and
// tokpidjin's selectors: second, the get_nth / rank / common-rank families,
// valmax/valmin, extract and the _t/_f firsts, lasts and others.
// Host/device neutral: no STL, no heap, no function pointers.
//===----------------------------------------------------------------------===//

#include "ArcDsl/Primitives/Hof.h"
#include "ArcDsl/Primitives/Primitives.h"
#include "ArcDsl/Primitives/PySet.h"
#include "ContainerUtil.h"
#include "PrimUtil.h"
#include "PyRules.h"
#include "TokUtil.h"

using namespace arcdsl;

PRIM_FN1(maximum, container, extremum(c, container, true))

PRIM_FN1(minimum, container, extremum(c, container, false))

PRIM_FN1(mostcommon, container, commonest(c, container, true))

PRIM_FN1(leastcommon, container, commonest(c, container, false))

ARCDSL_EXPORT av arcdsl_prim_first(ArcCtx *c, av container) {
  ARC_PRIM_ENTER(c);
  Seq s;
  if (!openSeq(c, container, s))
    return kErr;
  if (s.n == 0)
    return fail(c, ERR_STOP_ITERATION);
  return seqGet(c, s, 0);
}

ARCDSL_EXPORT av arcdsl_prim_last(ArcCtx *c, av container) {
  ARC_PRIM_ENTER(c);
  Seq s;
  if (!openSeq(c, container, s))
    return kErr;
  if (s.n == 0)
    return fail(c, ERR_VALUE); // max() of an empty sequence
  return seqGet(c, s, s.n - 1);
}

//===----------------------------------------------------------------------===//
// tokpidjin's variants
//===----------------------------------------------------------------------===//

//===----------------------------------------------------------------------===//
// Selection by position and rank
//===----------------------------------------------------------------------===//

ARCDSL_EXPORT av arcdsl_tok_second(ArcCtx *c, av container) {
  ARC_PRIM_ENTER(c);
  int64_t n = seqLen(c, container);
  if (c->err)
    return kErr;
  if (n == 0)
    return fail(c, ERR_STOP_ITERATION);
  return n == 1 ? kNone : seqAt(c, container, 1);
}

ARCDSL_EXPORT av arcdsl_tok_get_nth_t(ArcCtx *c, av container, av rank) {
  ARC_PRIM_ENTER(c);
  if (!isPyTuple(c, container))
    return mkFloat(FLOAT_NAN);
  int64_t n = seqLen(c, container), idx;
  if (!rankIn(c, rank, n, &idx))
    return c->err ? kErr : mkFloat(FLOAT_NAN);
  return seqAt(c, container, idx);
}

ARCDSL_EXPORT av arcdsl_tok_get_nth_f(ArcCtx *c, av container, av rank) {
  ARC_PRIM_ENTER(c);
  if (!isNum(rank)) // `rank < 0`, range(rank): TypeError
    return fail(c, ERR_TYPE);
  int64_t n = seqLen(c, container);
  if (c->err)
    return kErr;
  int64_t r = numOf(rank);
  int64_t idx = r < 0 ? n + r : r;
  if (idx < 0 || idx >= n)
    return makeSet(c, nullptr, 0);
  return seqAt(c, container, idx);
}

/// get_nth_by_key_t (asTuple): sorted(container, key=key)[rank], None for
/// an empty container; get_nth_by_key_f: the rank-th (from 0, negative as
/// 0) of the sorted elements, None past the end.
static ARC_HD av nthByKey(ArcCtx *c, av container, av rank, av key,
                          bool asTuple) {
  int64_t n;
  av *xs = sortedItems(c, container, key, false, &n);
  if (!xs)
    return kErr;
  if (asTuple && n == 0)
    return kNone;
  if (!isNum(rank)) // [rank], range(rank)
    return fail(c, ERR_TYPE);
  int64_t r = numOf(rank);
  if (!asTuple) {
    if (r < 0)
      r = 0;
    return r < n ? xs[r] : kNone;
  }
  if (r < -n || r >= n)
    return fail(c, ERR_INDEX);
  return xs[r < 0 ? r + n : r];
}

TOK_FN3(get_nth_by_key_t, container, rank, key,
        nthByKey(c, container, rank, key, true))
TOK_FN3(get_nth_by_key_f, container, rank, key,
        nthByKey(c, container, rank, key, false))

namespace {
/// sorted(container, key=f, reverse)[rank] or `outside` when out of range.
ARC_HD av rankedArg(ArcCtx *c, av container, av f, av rank, bool reverse,
                    av outside, bool applyKey) {
  int64_t n, idx;
  av *xs = sortedItems(c, container, f, reverse, &n);
  if (!xs)
    return kErr;
  if (!rankIn(c, rank, n, &idx)) {
    if (c->err)
      return kErr;
    return applyKey ? callFn(c, f, 1, &outside) : outside;
  }
  return applyKey ? callFn(c, f, 1, &xs[idx]) : xs[idx];
}

} // namespace

TOK_FN3(get_arg_rank, container, f, rank,
        rankedArg(c, container, f, rank, true, emptyLike(c, container), false))

TOK_FN3(get_arg_rank_t, container, f, rank,
        rankedArg(c, container, f, rank, true, makeTuple(c, nullptr, 0), false))

TOK_FN3(get_arg_rank_f, container, f, rank,
        rankedArg(c, container, f, rank, true, makeSet(c, nullptr, 0), false))

TOK_FN3(get_val_rank, container, f, rank,
        rankedArg(c, container, f, rank, false, intW(0), true))

TOK_FN2(get_rank, container, rank,
        rankedArg(c, container, kNone, rank, true, intW(0), false))

namespace {
/// sorted(set(xs), key=xs.count)[rank] (ascending count, ties in set
/// order) or `outside`.
ARC_HD av commonRank(ArcCtx *c, av *xs, int64_t n, av rank, av outside) {
  av *vals, *counts;
  int64_t m = setCounts(c, xs, n, &vals, &counts), idx;
  if (c->err)
    return kErr;
  sortByKeys(c, vals, counts, (uint32_t)m);
  if (!rankIn(c, rank, m, &idx))
    return c->err ? kErr : outside;
  return vals[idx];
}

} // namespace

ARCDSL_EXPORT av arcdsl_tok_get_common_rank(ArcCtx *c, av container, av rank) {
  ARC_PRIM_ENTER(c);
  if (isSet(c, container) || !isPyTuple(c, container)) // no .count
    return fail(c, ERR_TYPE);
  int64_t n;
  av *xs = items(c, container, &n);
  if (!xs)
    return kErr;
  return commonRank(c, xs, n, rank, emptyLike(c, container));
}

ARCDSL_EXPORT av arcdsl_tok_get_common_rank_t(ArcCtx *c, av container,
                                              av rank) {
  ARC_PRIM_ENTER(c);
  if (isSet(c, container) || !isPyTuple(c, container))
    return fail(c, ERR_TYPE);
  int64_t n;
  av *xs = items(c, container, &n);
  if (!xs)
    return kErr;
  return commonRank(c, xs, n, rank, makeTuple(c, nullptr, 0));
}

ARCDSL_EXPORT av arcdsl_tok_get_common_rank_f(ArcCtx *c, av container,
                                              av rank) {
  ARC_PRIM_ENTER(c);
  int64_t n;
  av *xs = items(c, container, &n);
  if (!xs)
    return kErr;
  return commonRank(c, xs, n, rank, makeSet(c, nullptr, 0));
}

ARCDSL_EXPORT av arcdsl_tok_valmax(ArcCtx *c, av container, av f) {
  ARC_PRIM_ENTER(c);
  av best = extreme(c, container, f, true);
  return c->err ? kErr : callFn(c, f, 1, &best);
}

ARCDSL_EXPORT av arcdsl_tok_valmin(ArcCtx *c, av container, av f) {
  ARC_PRIM_ENTER(c);
  av best = extreme(c, container, f, false);
  return c->err ? kErr : callFn(c, f, 1, &best);
}

TOK_FN1(mostcommon_f, container, commonExtreme(c, container, true))

TOK_FN1(leastcommon_f, container, commonExtreme(c, container, false))

ARCDSL_EXPORT av arcdsl_tok_extract(ArcCtx *c, av container, av condition) {
  ARC_PRIM_ENTER(c);
  int64_t n = seqLen(c, container);
  for (int64_t k = 0; k < n && !c->err; ++k) {
    av e = seqAt(c, container, k);
    if (truthy(c, callFn(c, condition, 1, &e)) && !c->err)
      return e;
  }
  return c->err ? kErr : makeSet(c, nullptr, 0);
}

ARCDSL_EXPORT av arcdsl_tok_first_t(ArcCtx *c, av container) {
  ARC_PRIM_ENTER(c);
  if (!truthy(c, container))
    return makeTuple(c, nullptr, 0);
  return pySubscriptValue(c, container, intW(0));
}
ARCDSL_EXPORT av arcdsl_tok_last_t(ArcCtx *c, av container) {
  ARC_PRIM_ENTER(c);
  if (!truthy(c, container))
    return makeTuple(c, nullptr, 0);
  return pySubscriptValue(c, container, intW(-1));
}
ARCDSL_EXPORT av arcdsl_tok_first_f(ArcCtx *c, av container) {
  ARC_PRIM_ENTER(c);
  if (!truthy(c, container))
    return makeSet(c, nullptr, 0);
  int64_t n = seqLen(c, container); // next(iter(c), None)
  return c->err ? kErr : n ? seqAt(c, container, 0) : kNone;
}
namespace {
/// `max(enumerate(c))[1] if c else empty`: the last element.
ARC_HD av lastOf(ArcCtx *c, av container, av empty) {
  if (!truthy(c, container))
    return empty;
  int64_t n = seqLen(c, container);
  return c->err ? kErr : seqAt(c, container, n - 1);
}
} // namespace

TOK_FN1(last, container, lastOf(c, container, makeTuple(c, nullptr, 0)))
TOK_FN1(last_f, container, lastOf(c, container, makeSet(c, nullptr, 0)))

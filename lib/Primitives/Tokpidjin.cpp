//===- Tokpidjin.cpp - the tokpidjin DSL's safe calls and own functions ---===//
//
// pierreb4/tokpidjin extends Hodel's DSL (TokpidjinPrimitives.td lists its
// public functions). Two things differ from the Hodel primitives:
//
//  * Every function is "safe": its wrapper catches any exception (a wrong
//    argument count included) and returns the function's default, the
//    value its annotations give (Tokpidjin.def). Calls between DSL
//    functions go through the wrapped globals, so every inner call below
//    that tokpidjin's code makes through a DSL name is a catch point too
//    (`tok(...)`). Capacity and work-bound errors are arcdsl's own: never
//    caught.
//  * Some functions are new (rank selectors, o_g, mir_rot, c_iz...), and
//    some return a value where Hodel's raise (`first` of an empty container
//    is None, `uppermost` of an empty patch nan...): the OnEmpty column of
//    the table where the difference is just that, an entry here otherwise.
//
// Everything else runs the Hodel primitive's code under the tokpidjin
// dialect (cells are (i, j, c) TRIPLEs: see PrimUtil.h's cell helpers).
// Host/device neutral, like the rest of the library.
//===----------------------------------------------------------------------===//

#include "ArcDsl/Primitives/Hof.h"
#include "ArcDsl/Primitives/Primitives.h"
#include "ArcDsl/Primitives/PySet.h"
#include "PrimUtil.h"
#include "PyRules.h"

using namespace arcdsl;

//===----------------------------------------------------------------------===//
// The table
//===----------------------------------------------------------------------===//

namespace {
enum OnEmpty : uint8_t {
  OE_KEEP,
  OE_NONE,
  OE_FROZENSET,
  OE_NAN,
  OE_NEG_INF,
  OE_TRUE
};

struct TokInfo {
  const char *name;
  uint8_t arity, minArity, onEmpty;
  SafeDefault dflt;
};

ARC_HD TokInfo tokInfo(uint32_t k) {
  switch (k) {
#define ARCDSL_TOK(name, Entry, Arity, MinArity, Default, OnEmpty)             \
  case TOK_ID_##name:                                                          \
    return TokInfo{#name, Arity, MinArity, OE_##OnEmpty, SD_##Default};
#include "ArcDsl/Primitives/Tokpidjin.def"
  default:
    return TokInfo{nullptr, 0, 0, OE_KEEP, SD_TUPLE};
  }
}

#define TOK_ARGS_1 x[0]
#define TOK_ARGS_2 x[0], x[1]
#define TOK_ARGS_3 x[0], x[1], x[2]
#define TOK_ARGS_4 x[0], x[1], x[2], x[3]

ARC_HD av callEntry(ArcCtx *c, uint32_t k, const av *x) {
  switch (k) {
#define ARCDSL_TOK(name, Entry, Arity, MinArity, Default, OnEmpty)             \
  case TOK_ID_##name:                                                          \
    return arcdsl_##Entry(c, TOK_ARGS_##Arity);
#include "ArcDsl/Primitives/Tokpidjin.def"
  default:
    return fail(c, ERR_TYPE);
  }
}

ARC_HD bool isEmptyContainer(ArcCtx *c, av v) {
  return isBox(v) && box(c, v)->n == 0;
}

ARC_HD av onEmptyValue(ArcCtx *c, uint8_t e) {
  switch (e) {
  case OE_NONE:
    return kNone;
  case OE_FROZENSET:
    return makeSet(c, nullptr, 0);
  case OE_NAN:
    return mkFloat(FLOAT_NAN);
  case OE_NEG_INF:
    return mkFloat(FLOAT_NEG_INF);
  default:
    return mkBool(true);
  }
}
} // namespace

ARC_HD const char *arcdsl_tok_name(uint32_t k) { return tokInfo(k).name; }
ARC_HD uint32_t arcdsl_tok_argcount(uint32_t k) { return tokInfo(k).arity; }
ARC_HD av arcdsl_tok_default(ArcCtx *c, uint32_t k) {
  return safeDefaultValue(c, tokInfo(k).dflt);
}

ARCDSL_EXPORT void arcdsl_rt_set_dialect(ArcCtx *c, int64_t dialect) {
  c->dialect = (uint16_t)dialect;
}

ARCDSL_EXPORT av arcdsl_rt_tok_call(ArcCtx *c, uint32_t k, uint32_t n,
                                    const av *a) {
  if (c->err)
    return kErr;
  TokInfo t = tokInfo(k);
  if (!t.name)
    return fail(c, ERR_TYPE);
  if (n < t.minArity || n > t.arity) // the wrapper's TypeError
    return safeDefaultValue(c, t.dflt);
  av x[4];
  for (uint32_t i = 0; i < n; ++i)
    x[i] = a[i];
  for (uint32_t i = n; i < t.arity; ++i) // `key=identity`: the unwrapped one
    x[i] = mkFn(PRIM_ID_identity);
  if (t.onEmpty != OE_KEEP && isEmptyContainer(c, x[0]))
    return onEmptyValue(c, t.onEmpty);
  av r = callEntry(c, k, x);
  if (c->err && c->err < ERR_CAPACITY) { // a Python exception: caught
    c->err = 0;
    return safeDefaultValue(c, t.dflt);
  }
  return c->err ? kErr : r;
}

//===----------------------------------------------------------------------===//
// Helpers
//===----------------------------------------------------------------------===//

namespace {
/// Python `a == b` where nan equals nothing (defined with the arithmetic).
ARC_HD bool pyEq(ArcCtx *c, av a, av b);

/// An inner call of tokpidjin's code through a DSL name (a catch point).
ARC_HD av tok(ArcCtx *c, uint32_t k, av a0) {
  return arcdsl_rt_tok_call(c, k, 1, &a0);
}
ARC_HD av tok(ArcCtx *c, uint32_t k, av a0, av a1) {
  av a[2] = {a0, a1};
  return arcdsl_rt_tok_call(c, k, 2, a);
}
ARC_HD av tok(ArcCtx *c, uint32_t k, av a0, av a1, av a2) {
  av a[3] = {a0, a1, a2};
  return arcdsl_rt_tok_call(c, k, 3, a);
}
ARC_HD av tok(ArcCtx *c, uint32_t k, av a0, av a1, av a2, av a3) {
  av a[4] = {a0, a1, a2, a3};
  return arcdsl_rt_tok_call(c, k, 4, a);
}

ARC_HD av intW(int64_t x) { return intWordRaw(x); }

/// Python `type(v) is tuple`.
ARC_HD bool isPyTuple(ArcCtx *c, av v) {
  uint32_t t = tagOf(v);
  return t == TAG_PAIR || t == TAG_CELL || t == TAG_TRIPLE ||
         isTupleBox(c, v) || isGrid(c, v);
}

/// `hasattr(v, '__len__')`.
ARC_HD bool hasLen(ArcCtx *c, av v) {
  uint32_t t = tagOf(v);
  return t == TAG_BOX || t == TAG_PAIR || t == TAG_CELL || t == TAG_TRIPLE;
}
/// `v == ()`, `v == frozenset()`.
ARC_HD bool isEmptyTuple(ArcCtx *c, av v) {
  return isTupleBox(c, v) && box(c, v)->n == 0;
}
ARC_HD bool isEmptySet(ArcCtx *c, av v) {
  return isSet(c, v) && box(c, v)->n == 0;
}

/// Python `v == k` for an int constant k (never raises).
ARC_HD bool eqInt(av v, int64_t k) { return isNum(v) && numOf(v) == k; }

/// Python `-n <= rank < n`: false for inf/nan, TypeError for non-numbers;
/// the index (rank, or rank + n when negative) in *idx.
ARC_HD bool rankIn(ArcCtx *c, av rank, int64_t n, int64_t *idx) {
  if (isFloat(rank))
    return false;
  if (!isNum(rank)) {
    fail(c, ERR_TYPE);
    return false;
  }
  int64_t r = numOf(rank);
  if (r < -n || r >= n)
    return false;
  *idx = r < 0 ? r + n : r;
  return true;
}

/// The elements of an iterable, in iteration order, on the arena (n set);
/// TypeError for a non-iterable.
ARC_HD av *items(ArcCtx *c, av v, int64_t *n) {
  *n = seqLen(c, v);
  if (c->err)
    return nullptr;
  av *xs = scratch(c, (uint64_t)*n);
  if (!xs)
    return nullptr;
  for (int64_t k = 0; k < *n; ++k)
    xs[k] = seqAt(c, v, k);
  return c->err ? nullptr : xs;
}

/// `tuple(e for e in container if keep(e))` (a frozenset with asSet): the
/// filters' one loop; keep may raise (an error stops it).
template <class Keep>
ARC_HD av keepIf(ArcCtx *c, av container, bool asSet, Keep keep) {
  int64_t n, m = 0;
  av *xs = items(c, container, &n);
  if (!xs)
    return kErr;
  for (int64_t k = 0; k < n && !c->err; ++k)
    if (keep(xs[k]) && !c->err)
      xs[m++] = xs[k];
  if (c->err)
    return kErr;
  return asSet ? makeSet(c, xs, (uint32_t)m) : makeTuple(c, xs, (uint32_t)m);
}

/// The distinct values of xs[0..n) in set order (*vals, returned count)
/// and how often each occurs in xs (*counts, INT words): what
/// `sorted(set(xs), key=xs.count)` and `max(set(xs), key=xs.count)` need.
ARC_HD int64_t setCounts(ArcCtx *c, const av *xs, int64_t n, av **vals,
                         av **counts) {
  *vals = scratch(c, (uint64_t)n);
  *counts = scratch(c, (uint64_t)n);
  if (!*vals || !*counts)
    return 0;
  for (int64_t k = 0; k < n; ++k)
    (*vals)[k] = xs[k];
  uint32_t m = isPyOrder(c) ? pySetOrderOf(c, *vals, (uint32_t)n)
                            : sortUnique(c, *vals, (uint32_t)n);
  if (c->err || !charge(c, (uint64_t)(n * (m + 1))))
    return 0;
  for (uint32_t j = 0; j < m; ++j) {
    int64_t cnt = 0;
    for (int64_t k = 0; k < n; ++k)
      cnt += equalValues(c, (*vals)[j], xs[k]);
    (*counts)[j] = intWordRaw(cnt);
  }
  return m;
}

/// `type(like)()`: frozenset() for a frozenset, () otherwise.
ARC_HD av emptyLike(ArcCtx *c, av like) {
  return isSet(c, like) ? makeSet(c, nullptr, 0) : makeTuple(c, nullptr, 0);
}

/// The sort key of x: f(x), or x itself for `key=None`.
ARC_HD av keyOf(ArcCtx *c, av f, av x) {
  return tagOf(f) == TAG_NONE ? x : callFn(c, f, 1, &x);
}

/// sorted(xs, key=f[, reverse]) in place (Python's stable sort; reverse
/// keeps equal keys in their order, as CPython's reverse=True does).
ARC_HD bool sortBy(ArcCtx *c, av *xs, int64_t n, av f, bool reverse) {
  av *keys = scratch(c, (uint64_t)n);
  if (!keys)
    return false;
  if (reverse)
    for (int64_t i = 0, j = n - 1; i < j; ++i, --j) {
      av t = xs[i];
      xs[i] = xs[j];
      xs[j] = t;
    }
  for (int64_t k = 0; k < n; ++k) {
    keys[k] = keyOf(c, f, xs[k]);
    if (c->err)
      return false;
  }
  sortByKeys(c, xs, keys, (uint32_t)n);
  if (reverse)
    for (int64_t i = 0, j = n - 1; i < j; ++i, --j) {
      av t = xs[i];
      xs[i] = xs[j];
      xs[j] = t;
    }
  return !c->err;
}

/// Counter(xs).most_common(): distinct values by count descending, ties in
/// first-seen order. Returns how many distinct values (vals/counts filled).
ARC_HD int64_t mostCommon(ArcCtx *c, const av *xs, int64_t n, av *vals,
                          int64_t *counts) {
  int64_t m = 0;
  for (int64_t k = 0; k < n; ++k) {
    int64_t j = 0;
    while (j < m && !equalValues(c, vals[j], xs[k]))
      ++j;
    if (j == m) {
      vals[m] = xs[k];
      counts[m++] = 0;
    }
    ++counts[j];
  }
  if (!charge(c, (uint64_t)(n * (m + 1))))
    return 0;
  // Stable insertion sort by count, descending.
  for (int64_t i = 1; i < m; ++i) {
    av v = vals[i];
    int64_t cnt = counts[i], j = i;
    while (j > 0 && counts[j - 1] < cnt) {
      vals[j] = vals[j - 1];
      counts[j] = counts[j - 1];
      --j;
    }
    vals[j] = v;
    counts[j] = cnt;
  }
  return m;
}

/// The colours of a container of (i, j, c) cells (`for _, _, c in obj`).
ARC_HD av *cellColors(ArcCtx *c, av obj, int64_t *n) {
  av *xs = items(c, obj, n);
  if (!xs)
    return nullptr;
  for (int64_t k = 0; k < *n; ++k) {
    av e = xs[k];
    if (tagOf(e) == TAG_TRIPLE) {
      xs[k] = intW(tripleC(e));
      continue;
    }
    int64_t len = seqLen(c, e); // a tuple of another length: ValueError
    if (c->err)
      return nullptr;
    if (len != 3) {
      fail(c, ERR_VALUE);
      return nullptr;
    }
    xs[k] = seqAt(c, e, 2);
  }
  return c->err ? nullptr : xs;
}

/// max/min(container, key=f, default=0) (first of equal keys).
ARC_HD av extreme(ArcCtx *c, av container, av f, bool wantMax) {
  int64_t n;
  av *xs = items(c, container, &n);
  if (!xs)
    return kErr;
  if (n == 0)
    return intW(0);
  av best = xs[0], bestKey = keyOf(c, f, xs[0]);
  for (int64_t k = 1; k < n && !c->err; ++k) {
    av key = keyOf(c, f, xs[k]);
    if (c->err)
      break;
    int r = comparePy(c, key, bestKey);
    if (wantMax ? r > 0 : r < 0) {
      best = xs[k];
      bestKey = key;
    }
  }
  return c->err ? kErr : best;
}

} // namespace

/// Entries whose whole body is one expression of their arguments.
#define TOK_FN1(name, a, expr)                                                 \
  ARCDSL_EXPORT av arcdsl_tok_##name(ArcCtx *c, av a) {                        \
    ARC_PRIM_ENTER(c);                                                         \
    return expr;                                                               \
  }
#define TOK_FN2(name, a, b, expr)                                              \
  ARCDSL_EXPORT av arcdsl_tok_##name(ArcCtx *c, av a, av b) {                  \
    ARC_PRIM_ENTER(c);                                                         \
    return expr;                                                               \
  }

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

ARCDSL_EXPORT av arcdsl_tok_get_nth_by_key_t(ArcCtx *c, av container, av rank,
                                             av key) {
  ARC_PRIM_ENTER(c);
  int64_t n;
  av *xs = items(c, container, &n);
  if (!xs || !sortBy(c, xs, n, key, false))
    return kErr;
  if (n == 0)
    return kNone;
  if (!isNum(rank))
    return fail(c, ERR_TYPE);
  int64_t r = numOf(rank);
  if (r < -n || r >= n)
    return fail(c, ERR_INDEX);
  return xs[r < 0 ? r + n : r];
}

ARCDSL_EXPORT av arcdsl_tok_get_nth_by_key_f(ArcCtx *c, av container, av rank,
                                             av key) {
  ARC_PRIM_ENTER(c);
  int64_t n;
  av *xs = items(c, container, &n);
  if (!xs || !sortBy(c, xs, n, key, false))
    return kErr;
  if (!isNum(rank)) // range(rank)
    return fail(c, ERR_TYPE);
  int64_t r = numOf(rank);
  if (r < 0)
    r = 0;
  return r < n ? xs[r] : kNone;
}

namespace {
/// sorted(container, key=f, reverse)[rank] or `outside` when out of range.
ARC_HD av rankedArg(ArcCtx *c, av container, av f, av rank, bool reverse,
                    av outside, bool applyKey) {
  int64_t n, idx;
  av *xs = items(c, container, &n);
  if (!xs || !sortBy(c, xs, n, f, reverse))
    return kErr;
  if (!rankIn(c, rank, n, &idx)) {
    if (c->err)
      return kErr;
    return applyKey ? callFn(c, f, 1, &outside) : outside;
  }
  return applyKey ? callFn(c, f, 1, &xs[idx]) : xs[idx];
}
} // namespace

ARCDSL_EXPORT av arcdsl_tok_get_arg_rank(ArcCtx *c, av container, av f,
                                         av rank) {
  ARC_PRIM_ENTER(c);
  return rankedArg(c, container, f, rank, true, emptyLike(c, container), false);
}

ARCDSL_EXPORT av arcdsl_tok_get_arg_rank_t(ArcCtx *c, av container, av f,
                                           av rank) {
  ARC_PRIM_ENTER(c);
  return rankedArg(c, container, f, rank, true, makeTuple(c, nullptr, 0),
                   false);
}

ARCDSL_EXPORT av arcdsl_tok_get_arg_rank_f(ArcCtx *c, av container, av f,
                                           av rank) {
  ARC_PRIM_ENTER(c);
  return rankedArg(c, container, f, rank, true, makeSet(c, nullptr, 0), false);
}

ARCDSL_EXPORT av arcdsl_tok_get_val_rank(ArcCtx *c, av container, av f,
                                         av rank) {
  ARC_PRIM_ENTER(c);
  return rankedArg(c, container, f, rank, false, intW(0), true);
}

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

namespace {
/// Counter(colours).most_common()[rank][0], or `outside`.
ARC_HD av colorRank(ArcCtx *c, av *colors, int64_t n, av rank, av outside) {
  av *vals = scratch(c, (uint64_t)n);
  int64_t *counts = (int64_t *)scratch(c, (uint64_t)n);
  if (!vals || !counts)
    return kErr;
  int64_t m = mostCommon(c, colors, n, vals, counts), idx;
  if (c->err)
    return kErr;
  if (!rankIn(c, rank, m, &idx))
    return c->err ? kErr : outside;
  return vals[idx];
}
} // namespace

ARCDSL_EXPORT av arcdsl_tok_get_color_rank_t(ArcCtx *c, av grid, av rank) {
  ARC_PRIM_ENTER(c);
  // [v for row in grid for v in row]
  int64_t h;
  av *rows = items(c, grid, &h);
  if (!rows)
    return kErr;
  int64_t total = 0;
  for (int64_t i = 0; i < h && !c->err; ++i)
    total += seqLen(c, rows[i]);
  if (c->err)
    return kErr;
  av *xs = scratch(c, (uint64_t)total);
  if (!xs)
    return kErr;
  int64_t k = 0;
  for (int64_t i = 0; i < h; ++i) {
    int64_t w = seqLen(c, rows[i]);
    for (int64_t j = 0; j < w; ++j)
      xs[k++] = seqAt(c, rows[i], j);
  }
  if (c->err)
    return kErr;
  return colorRank(c, xs, total, rank, makeTuple(c, nullptr, 0));
}

ARCDSL_EXPORT av arcdsl_tok_get_color_rank_f(ArcCtx *c, av obj, av rank) {
  ARC_PRIM_ENTER(c);
  int64_t n;
  av *xs = cellColors(c, obj, &n);
  if (!xs)
    return kErr;
  return colorRank(c, xs, n, rank, makeSet(c, nullptr, 0));
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

namespace {
/// max/min(set(list(c)), key=list(c).count): the first (max) or first
/// (min) of the values in set order with the extreme count.
ARC_HD av commonExtreme(ArcCtx *c, av container, bool wantMax) {
  int64_t n;
  av *xs = items(c, container, &n);
  if (!xs)
    return kErr;
  if (n == 0)
    return fail(c, ERR_VALUE); // max() of an empty sequence
  av *vals, *counts;
  int64_t m = setCounts(c, xs, n, &vals, &counts), best = 0;
  if (c->err)
    return kErr;
  for (int64_t j = 1; j < m; ++j) // the first value with the extreme count
    if (wantMax ? numOf(counts[j]) > numOf(counts[best])
                : numOf(counts[j]) < numOf(counts[best]))
      best = j;
  return vals[best];
}
} // namespace

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

ARCDSL_EXPORT av arcdsl_tok_other(ArcCtx *c, av container, av value) {
  ARC_PRIM_ENTER(c);
  av rest = tok(c, TOK_ID_remove, value, container);
  return tok(c, TOK_ID_first, rest);
}

ARCDSL_EXPORT av arcdsl_tok_other_f(ArcCtx *c, av container, av value) {
  ARC_PRIM_ENTER(c);
  av rest = tok(c, TOK_ID_remove_f, value, container);
  if (!truthy(c, rest))
    return makeSet(c, nullptr, 0);
  int64_t n = seqLen(c, rest);
  if (c->err)
    return kErr;
  return n ? seqAt(c, rest, 0) : fail(c, ERR_STOP_ITERATION);
}

//===----------------------------------------------------------------------===//
// Cells, tuples and filters
//===----------------------------------------------------------------------===//

ARCDSL_EXPORT av arcdsl_tok_astriple(ArcCtx *c, av i, av j, av col) {
  ARC_PRIM_ENTER(c);
  av xs[3] = {i, j, col};
  return makeTuple(c, xs, 3);
}

ARCDSL_EXPORT av arcdsl_tok_ascell(ArcCtx *c, av ij, av col) {
  ARC_PRIM_ENTER(c);
  av xs[3] = {pySubscriptValue(c, ij, intW(0)),
              pySubscriptValue(c, ij, intW(1)), col};
  return c->err ? kErr : makeTuple(c, xs, 3);
}

ARCDSL_EXPORT av arcdsl_tok_toij(ArcCtx *c, av cell) {
  ARC_PRIM_ENTER(c);
  av xs[2] = {pySubscriptValue(c, cell, intW(0)),
              pySubscriptValue(c, cell, intW(1))};
  return c->err ? kErr : makeTuple(c, xs, 2);
}

ARCDSL_EXPORT av arcdsl_tok_celltuple(ArcCtx *c, av a, av b) {
  ARC_PRIM_ENTER(c);
  int64_t na, nb;
  av *xa = items(c, a, &na);
  av *xb = xa ? items(c, b, &nb) : nullptr;
  if (!xb)
    return kErr;
  int64_t n = na < nb ? na : nb;
  av *out = scratch(c, (uint64_t)n);
  if (!out)
    return kErr;
  for (int64_t k = 0; k < n; ++k) { // (x, y), z = pair, value
    int64_t len = seqLen(c, xa[k]);
    if (c->err)
      return kErr;
    if (len != 2 || isSet(c, xa[k]))
      return fail(c, len != 2 ? ERR_VALUE : ERR_TYPE);
    av t[3] = {seqAt(c, xa[k], 0), seqAt(c, xa[k], 1), xb[k]};
    out[k] = makeTuple(c, t, 3);
  }
  return c->err ? kErr : makeTuple(c, out, (uint32_t)n);
}

ARCDSL_EXPORT av arcdsl_tok_c_branch(ArcCtx *c, av condition, av a, av b) {
  ARC_PRIM_ENTER(c);
  return truthy(c, condition) ? a : b;
}

TOK_FN1(normalize_t, piece, piece)

ARCDSL_EXPORT av arcdsl_tok_is_no_grid(ArcCtx *c, av x) {
  ARC_PRIM_ENTER(c);
  if (!isPyTuple(c, x))
    return mkBool(true);
  if (isGrid(c, x))
    return mkBool(false);
  int64_t n = seqLen(c, x);
  for (int64_t k = 0; k < n; ++k) {
    av r = seqAt(c, x, k);
    if (!isPyTuple(c, r))
      return mkBool(true);
    int64_t w = seqLen(c, r);
    for (int64_t j = 0; j < w; ++j)
      if (!isNum(seqAt(c, r, j)))
        return mkBool(true);
  }
  return c->err ? kErr : mkBool(false);
}

ARCDSL_EXPORT av arcdsl_tok_sizefilter_t(ArcCtx *c, av container, av size) {
  ARC_PRIM_ENTER(c);
  return keepIf(c, container, false, [&](av e) {
    int64_t len = seqLen(c, e);
    return !c->err && equalValues(c, intW(len), size);
  });
}

ARCDSL_EXPORT av arcdsl_tok_colorfilter_t(ArcCtx *c, av objs, av color) {
  ARC_PRIM_ENTER(c);
  return keepIf(c, objs, false, [&](av obj) { // obj[0][2] == color
    av col = pySubscriptValue(c, pySubscriptValue(c, obj, intW(0)), intW(2));
    return !c->err && equalValues(c, col, color);
  });
}

ARCDSL_EXPORT av arcdsl_tok_dedupe_pair_tuple(ArcCtx *c, av samples) {
  ARC_PRIM_ENTER(c);
  return keepIf(c, samples, false, [&](av pair) { // a, b = pair; a != b
    if (seqLen(c, pair) != 2) {
      if (!c->err)
        fail(c, ERR_VALUE);
      return false;
    }
    return !equalValues(c, seqAt(c, pair, 0), seqAt(c, pair, 1));
  });
}

ARCDSL_EXPORT av arcdsl_tok_p_g(ArcCtx *c, av grid) {
  ARC_PRIM_ENTER(c);
  // tuple({cell for row in grid for cell in row}): ascending (set order).
  int64_t h;
  av *rows = items(c, grid, &h);
  if (!rows)
    return kErr;
  int64_t total = 0;
  for (int64_t i = 0; i < h && !c->err; ++i)
    total += seqLen(c, rows[i]);
  av *xs = c->err ? nullptr : scratch(c, (uint64_t)total);
  if (!xs)
    return kErr;
  int64_t k = 0;
  for (int64_t i = 0; i < h; ++i) {
    int64_t w = seqLen(c, rows[i]);
    for (int64_t j = 0; j < w; ++j)
      xs[k++] = seqAt(c, rows[i], j);
  }
  uint32_t m = c->err         ? 0
               : isPyOrder(c) ? pySetOrderOf(c, xs, (uint32_t)total)
                              : sortUnique(c, xs, (uint32_t)total);
  return c->err ? kErr : makeTuple(c, xs, m);
}

ARCDSL_EXPORT av arcdsl_tok_p_o(ArcCtx *c, av obj) {
  ARC_PRIM_ENTER(c);
  int64_t n;
  av *xs = cellColors(c, obj, &n);
  if (!xs)
    return kErr;
  uint32_t m = isPyOrder(c) ? pySetOrderOf(c, xs, (uint32_t)n)
                            : sortUnique(c, xs, (uint32_t)n);
  return c->err ? kErr : makeTuple(c, xs, m);
}

//===----------------------------------------------------------------------===//
// Grids and patches
//===----------------------------------------------------------------------===//

ARCDSL_EXPORT av arcdsl_tok_index(ArcCtx *c, av grid, av loc) {
  ARC_PRIM_ENTER(c);
  if (isEmptyTuple(c, loc))
    return mkFloat(FLOAT_NEG_INF); // loc == ()
  // i, j = loc
  int64_t len = seqLen(c, loc);
  if (c->err)
    return kErr;
  if (len != 2)
    return fail(c, ERR_VALUE);
  av i = seqAt(c, loc, 0), j = seqAt(c, loc, 1);
  int64_t h = seqLen(c, grid);
  if (c->err)
    return kErr;
  if (h == 0 || isSet(c, grid))
    return fail(c, h == 0 ? ERR_INDEX : ERR_TYPE); // grid[0]
  av row0 = seqAt(c, grid, 0);
  int64_t w = seqLen(c, row0);
  if (c->err)
    return kErr;
  auto within = [&](av x, int64_t n) -> bool { // 0 <= x < n
    if (isFloat(x))
      return false;
    if (!isNum(x)) {
      fail(c, ERR_TYPE);
      return false;
    }
    return numOf(x) >= 0 && numOf(x) < n;
  };
  bool inI = within(i, h);
  bool in = inI && within(j, w);
  if (c->err)
    return kErr;
  if (!in)
    return mkFloat(FLOAT_NEG_INF);
  if (isGrid(c, grid))
    return intW(gridAt(box(c, grid), numOf(i), numOf(j)));
  return pySubscriptValue(c, seqAt(c, grid, numOf(i)), j);
}

ARCDSL_EXPORT av arcdsl_tok_crop(ArcCtx *c, av grid, av start, av dims) {
  ARC_PRIM_ENTER(c);
  if (isEmptyTuple(c, grid))
    return makeTuple(c, nullptr, 0); // grid == ()
  int64_t h = seqLen(c, grid);
  if (c->err)
    return kErr;
  if (isSet(c, grid))
    return fail(c, ERR_TYPE);
  if (h == 0)
    return fail(c, ERR_INDEX);
  int64_t w = seqLen(c, seqAt(c, grid, 0));
  av s0 = pySubscriptValue(c, start, intW(0)),
     s1 = pySubscriptValue(c, start, intW(1));
  av d0 = pySubscriptValue(c, dims, intW(0)),
     d1 = pySubscriptValue(c, dims, intW(1));
  if (c->err)
    return kErr;
  if (!isNum(s0) || !isNum(s1) || !isNum(d0) || !isNum(d1))
    return fail(c, ERR_TYPE);
  int64_t a = numOf(s0), b = numOf(s1), da = numOf(d0), db = numOf(d1);
  if (!(a >= 0 && a < h && b >= 0 && b < w && a + da <= h && b + db <= w))
    return makeTuple(c, nullptr, 0);
  int64_t r0, r1, c0, c1;
  pySliceBounds(h, a, a + da, r0, r1);
  pySliceBounds(w, b, b + db, c0, c1);
  if (!charge(c, (uint64_t)((r1 - r0) * (c1 - c0 + 1) + 1)))
    return kErr;
  av *rows = scratch(c, (uint64_t)(r1 - r0));
  if (!rows)
    return kErr;
  for (int64_t i = r0; i < r1; ++i) {
    av row = seqAt(c, grid, i);
    if (isSet(c, row))
      return fail(c, ERR_TYPE);
    int64_t rw = seqLen(c, row), lo, hi;
    if (c->err)
      return kErr;
    pySliceBounds(rw, b, b + db, lo, hi);
    av *cellsOut = scratch(c, (uint64_t)(hi - lo));
    if (!cellsOut)
      return kErr;
    for (int64_t j = lo; j < hi; ++j)
      cellsOut[j - lo] = seqAt(c, row, j);
    rows[i - r0] = makeTuple(c, cellsOut, (uint32_t)(hi - lo));
  }
  return c->err ? kErr : makeTuple(c, rows, (uint32_t)(r1 - r0));
}

ARCDSL_EXPORT av arcdsl_tok_subgrid(ArcCtx *c, av patch, av grid) {
  ARC_PRIM_ENTER(c);
  if (isEmptyContainer(c, patch)) // patch in [frozenset(), ()]
    return makeTuple(c, nullptr, 0);
  av start = tok(c, TOK_ID_ulcorner, patch);
  av dims = tok(c, TOK_ID_shape_f, patch);
  return tok(c, TOK_ID_crop, grid, start, dims);
}

namespace {
/// hsplit/vsplit: n pieces through the bounds-checked crop.
ARC_HD av split(ArcCtx *c, av grid, av n, bool horizontal) {
  int64_t h = seqLen(c, grid);
  if (c->err)
    return kErr;
  if (isSet(c, grid))
    return fail(c, ERR_TYPE);
  if (h == 0)
    return fail(c, ERR_INDEX); // grid[0]
  int64_t w = seqLen(c, seqAt(c, grid, 0));
  if (c->err)
    return kErr;
  if (!isNum(n))
    return fail(c, ERR_TYPE);
  int64_t k = numOf(n);
  if (k == 0)
    return fail(c, ERR_ZERO_DIVISION);
  int64_t len = horizontal ? w : h;
  int64_t part = pyFloorDiv(len, k);
  int64_t offset = (len - part * k) != 0;
  if (k < 0)
    return makeTuple(c, nullptr, 0);
  av *out = scratch(c, (uint64_t)k);
  if (!out)
    return kErr;
  for (int64_t i = 0; i < k; ++i) {
    int64_t at = part * i + i * offset;
    av start = horizontal ? mkPairRaw(0, at) : mkPairRaw(at, 0);
    av dims = horizontal ? mkPairRaw(h, part) : mkPairRaw(part, w);
    out[i] = tok(c, TOK_ID_crop, grid, start, dims);
  }
  return c->err ? kErr : makeTuple(c, out, (uint32_t)k);
}
} // namespace

TOK_FN2(hsplit, grid, n, split(c, grid, n, true))

TOK_FN2(vsplit, grid, n, split(c, grid, n, false))

ARCDSL_EXPORT av arcdsl_tok_cellwise(ArcCtx *c, av a, av b, av fallback) {
  ARC_PRIM_ENTER(c);
  int64_t h = seqLen(c, a);
  if (c->err)
    return kErr;
  if (isSet(c, a))
    return fail(c, ERR_TYPE);
  if (h == 0)
    return fail(c, ERR_INDEX);
  int64_t w = seqLen(c, seqAt(c, a, 0));
  if (c->err)
    return kErr;
  if (!charge(c, (uint64_t)(h * w + 1)))
    return kErr;
  av *rows = scratch(c, (uint64_t)h);
  av *vals = scratch(c, (uint64_t)w);
  if (!rows || !vals)
    return kErr;
  for (int64_t i = 0; i < h; ++i) {
    av row = seqAt(c, a, i);
    for (int64_t j = 0; j < w; ++j) {
      av x = pySubscriptValue(c, row, intW(j));
      av y = tok(c, TOK_ID_index, b, mkPairRaw(i, j));
      if (c->err)
        return kErr;
      bool same =
          equalValues(c, x, y) && !(isFloat(x) && floatOf(x) == FLOAT_NAN);
      vals[j] = same ? x : fallback;
    }
    rows[i] = makeTuple(c, vals, (uint32_t)w);
  }
  return c->err ? kErr : makeTuple(c, rows, (uint32_t)h);
}

namespace {
/// The border of the box spanned by rows a..b and columns p..q (either
/// order), as tokpidjin's box/inbox/outbox build it; TypeError when a bound
/// is not an int (range() of nan).
ARC_HD av borderOf(ArcCtx *c, av a, av p, av b, av q) {
  if (!isNum(a) || !isNum(b) || !isNum(p) || !isNum(q))
    return fail(c, ERR_TYPE);
  int64_t ai = numOf(a), aj = numOf(p), bi = numOf(b), bj = numOf(q);
  int64_t si = ai < bi ? ai : bi, ei = ai < bi ? bi : ai;
  int64_t sj = aj < bj ? aj : bj, ej = aj < bj ? bj : aj;
  int64_t n = 2 * (ei - si + 1) + 2 * (ej - sj + 1);
  if (!pairFits(si, sj) || !pairFits(ei, ej) || !charge(c, (uint64_t)n))
    return c->err ? kErr : fail(c, ERR_CAPACITY);
  if (isPyOrder(c))
    return pyOutline(c, si, sj, ei, ej);
  av *xs = scratch(c, (uint64_t)n);
  if (!xs)
    return kErr;
  int64_t k = 0;
  for (int64_t i = si; i <= ei; ++i) {
    xs[k++] = mkPairRaw(i, sj);
    xs[k++] = mkPairRaw(i, ej);
  }
  for (int64_t j = sj; j <= ej; ++j) {
    xs[k++] = mkPairRaw(si, j);
    xs[k++] = mkPairRaw(ei, j);
  }
  return makeSet(c, xs, (uint32_t)k);
}

/// inbox (d = 1) / outbox (d = -1): the extremes come from the wrapped
/// uppermost... (0 where one raises, nan for an empty patch).
ARC_HD av shiftedBox(ArcCtx *c, av patch, int64_t d) {
  if (isEmptyContainer(c, patch)) // patch in [frozenset(), ()]
    return makeSet(c, nullptr, 0);
  av u = tok(c, TOK_ID_uppermost, patch), l = tok(c, TOK_ID_leftmost, patch);
  av lo = tok(c, TOK_ID_lowermost, patch), r = tok(c, TOK_ID_rightmost, patch);
  if (c->err)
    return kErr;
  auto plus = [&](av v, int64_t k) {
    return isNum(v) ? intW(numOf(v) + k) : v; // nan - 1 is nan
  };
  return borderOf(c, plus(u, d), plus(l, d), plus(lo, -d), plus(r, -d));
}
} // namespace

TOK_FN1(inbox, patch, shiftedBox(c, patch, 1))

TOK_FN1(outbox, patch, shiftedBox(c, patch, -1))

ARCDSL_EXPORT av arcdsl_tok_col_row(ArcCtx *c, av patch, av type) {
  ARC_PRIM_ENTER(c);
  if (eqInt(type, 0))
    return tok(c, TOK_ID_lowermost, patch);
  if (eqInt(type, 1))
    return tok(c, TOK_ID_uppermost, patch);
  if (eqInt(type, 2))
    return tok(c, TOK_ID_leftmost, patch);
  if (eqInt(type, 3))
    return tok(c, TOK_ID_rightmost, patch);
  return kNone;
}

ARCDSL_EXPORT av arcdsl_tok_corner(ArcCtx *c, av patch, av type) {
  ARC_PRIM_ENTER(c);
  if (eqInt(type, 1))
    return tok(c, TOK_ID_urcorner, patch);
  if (eqInt(type, 2))
    return tok(c, TOK_ID_llcorner, patch);
  if (eqInt(type, 3))
    return tok(c, TOK_ID_lrcorner, patch);
  return tok(c, TOK_ID_ulcorner, patch);
}

ARCDSL_EXPORT av arcdsl_tok_mir_rot_t(ArcCtx *c, av grid, av type) {
  ARC_PRIM_ENTER(c);
  static constexpr uint32_t kOps[7] = {
      TOK_ID_hmirror_t, TOK_ID_dmirror_t, TOK_ID_vmirror_t, TOK_ID_cmirror_t,
      TOK_ID_rot90,     TOK_ID_rot180,    TOK_ID_rot270};
  for (int64_t k = 0; k < 7; ++k)
    if (eqInt(type, k))
      return tok(c, kOps[k], grid);
  return grid;
}

ARCDSL_EXPORT av arcdsl_tok_mir_rot_f(ArcCtx *c, av patch, av type) {
  ARC_PRIM_ENTER(c);
  static constexpr uint32_t kOps[4] = {TOK_ID_hmirror_f, TOK_ID_dmirror_f,
                                       TOK_ID_vmirror_f, TOK_ID_cmirror_f};
  for (int64_t k = 0; k < 4; ++k)
    if (eqInt(type, k))
      return tok(c, kOps[k], patch);
  return patch;
}

ARCDSL_EXPORT av arcdsl_tok_o_g(ArcCtx *c, av grid, av type) {
  ARC_PRIM_ENTER(c);
  for (int64_t k = 0; k < 8; ++k)
    if (eqInt(type, k))
      return tok(c, TOK_ID_objects, grid, mkBool(k >= 4),
                 mkBool(k == 2 || k == 3 || k == 6 || k == 7), mkBool(k & 1));
  return kNone;
}

ARCDSL_EXPORT av arcdsl_tok_o_g_t(ArcCtx *c, av grid, av type) {
  ARC_PRIM_ENTER(c);
  for (int64_t k = 0; k < 8; ++k)
    if (eqInt(type, k))
      return tok(c, TOK_ID_objects_t, grid, mkBool(k >= 4),
                 mkBool(k == 2 || k == 3 || k == 6 || k == 7), mkBool(k & 1));
  return kNone;
}

/// objects() as a tuple of tuples of cells in discovery order: locations
/// row by row; each object grows breadth-first, a round's candidates
/// visited in ascending order (the set order), as tokpidjin's loop does.
ARCDSL_EXPORT av arcdsl_tok_objects_t(ArcCtx *c, av grid, av univalued,
                                      av diagonal, av withoutBg) {
  ARC_PRIM_ENTER(c);
  if (isEmptyTuple(c, grid))
    return makeTuple(c, nullptr, 0); // grid == ()
  bool uni = truthy(c, univalued), diag = truthy(c, diagonal);
  av bg = truthy(c, withoutBg) ? tok(c, TOK_ID_mostcolor_t, grid) : kNone;
  // h, w = len(grid), len(grid[0]); every grid[i][j] is read.
  int64_t h = seqLen(c, grid);
  if (c->err)
    return kErr;
  if (isSet(c, grid) || h == 0)
    return fail(c, h == 0 ? ERR_INDEX : ERR_TYPE);
  int64_t w = seqLen(c, pySubscriptValue(c, grid, intW(0))), n = h * w;
  if (c->err)
    return kErr;
  av *vals = scratch(c, (uint64_t)n);
  if (!vals)
    return kErr;
  for (int64_t k = 0; k < n && !c->err; ++k)
    vals[k] = pySubscriptValue(c, seqAt(c, grid, k / w), intW(k % w));
  if (!charge(c, (uint64_t)(n * 10 + 1)))
    return kErr;
  if (isPyOrder(c)) // cells and objects in the order the sets visit them
    return pyObjects(c, vals, h, w, uni, diag, bg, true);
  uint8_t *occupied = (uint8_t *)arenaAlloc(c, (uint64_t)n + 1);
  uint8_t *mark = (uint8_t *)arenaAlloc(c, (uint64_t)n + 1);
  int64_t *cands = (int64_t *)scratch(c, (uint64_t)n);
  int64_t *next = (int64_t *)scratch(c, (uint64_t)n);
  av *objs = scratch(c, (uint64_t)n);
  av *cellsOut = scratch(c, (uint64_t)n);
  if (!occupied || !mark || !cands || !next || !objs || !cellsOut)
    return kErr;
  for (int64_t k = 0; k < n; ++k)
    occupied[k] = 0;
  auto isBg = [&](av v) { return pyEq(c, v, bg); };
  int64_t nObjs = 0;
  for (int64_t loc = 0; loc < n; ++loc) {
    if (occupied[loc])
      continue;
    av val = vals[loc];
    if (isBg(val))
      continue;
    int64_t nCells = 0, nCands = 1;
    cands[0] = loc;
    while (nCands) {
      for (int64_t k = 0; k < n; ++k)
        mark[k] = 0;
      for (int64_t q = 0; q < nCands; ++q) {
        int64_t cand = cands[q], ci = cand / w, cj = cand % w;
        av v = vals[cand];
        if (!(uni ? pyEq(c, val, v) : !isBg(v)))
          continue;
        av t[3] = {intW(ci), intW(cj), v};
        cellsOut[nCells++] = makeTuple(c, t, 3);
        occupied[cand] = 1;
        for (int64_t di = -1; di <= 1; ++di)
          for (int64_t dj = -1; dj <= 1; ++dj) {
            if ((di == 0 && dj == 0) || (!diag && di != 0 && dj != 0))
              continue;
            int64_t i = ci + di, j = cj + dj;
            if (i >= 0 && i < h && j >= 0 && j < w)
              mark[i * w + j] = 1;
          }
      }
      nCands = 0;
      for (int64_t k = 0; k < n; ++k)
        if (mark[k] && !occupied[k])
          next[nCands++] = k;
      for (int64_t q = 0; q < nCands; ++q)
        cands[q] = next[q];
      if (!charge(c, (uint64_t)n))
        return kErr;
    }
    objs[nObjs++] = makeTuple(c, cellsOut, (uint32_t)nCells);
  }
  return c->err ? kErr : makeTuple(c, objs, (uint32_t)nObjs);
}

ARCDSL_EXPORT av arcdsl_tok_gravitate(ArcCtx *c, av source, av destination) {
  ARC_PRIM_ENTER(c);
  if (!truthy(c, destination))
    return source;
  av sc = tok(c, TOK_ID_center, source),
     dc = tok(c, TOK_ID_center, destination);
  if (c->err)
    return kErr;
  if (seqLen(c, sc) != 2 || seqLen(c, dc) != 2) // si, sj = center(...)
    return c->err ? kErr : fail(c, ERR_VALUE);
  av si = seqAt(c, sc, 0), sj = seqAt(c, sc, 1);
  av di = seqAt(c, dc, 0), dj = seqAt(c, dc, 1);
  int64_t i = 0, j = 0;
  if (truthy(c, tok(c, TOK_ID_vmatching, source, destination)))
    i = comparePy(c, si, di) < 0 ? 1 : -1;
  else
    j = comparePy(c, sj, dj) < 0 ? 1 : -1;
  if (c->err)
    return kErr;
  int64_t gi = i, gj = j;
  av current = source;
  for (int64_t k = 0; k < 42; ++k) {
    if (truthy(c, tok(c, TOK_ID_adjacent, current, destination)))
      break;
    gi += i;
    gj += j;
    current = tok(c, TOK_ID_shift, current, mkPairRaw(i, j));
  }
  return c->err ? kErr : mkPairRaw(gi - i, gj - j);
}

ARCDSL_EXPORT av arcdsl_tok_manhattan(ArcCtx *c, av a, av b) {
  ARC_PRIM_ENTER(c);
  if (!hasLen(c, a) || !hasLen(c, b))
    return mkFloat(FLOAT_INF);
  if (seqLen(c, a) == 0 || seqLen(c, b) == 0)
    return mkFloat(FLOAT_INF);
  return arcdsl_prim_manhattan(c, a, b);
}

//===----------------------------------------------------------------------===//
// Helpers that read the demonstrations S
//===----------------------------------------------------------------------===//

namespace {
/// c_iz / c_zo: dedupe(mapply_t(f, inputs)) minus dedupe(mapply_t(f,
/// outputs)) (or the other way round).
ARC_HD av cDiff(ArcCtx *c, av samples, av f, bool inputsFirst) {
  av ins = tok(c, TOK_ID_apply, mkFn(kTokBase + TOK_ID_first), samples);
  av outs = tok(c, TOK_ID_apply, mkFn(kTokBase + TOK_ID_second), samples);
  av x3 = tok(c, TOK_ID_dedupe, tok(c, TOK_ID_mapply_t, f, ins));
  av x4 = tok(c, TOK_ID_dedupe, tok(c, TOK_ID_mapply_t, f, outs));
  return inputsFirst ? tok(c, TOK_ID_difference_tuple, x3, x4)
                     : tok(c, TOK_ID_difference_tuple, x4, x3);
}
} // namespace

TOK_FN2(c_iz, samples, f, cDiff(c, samples, f, true))

TOK_FN2(c_zo, samples, f, cDiff(c, samples, f, false))

ARCDSL_EXPORT av arcdsl_tok_c_iz_n(ArcCtx *c, av samples, av f, av pick) {
  ARC_PRIM_ENTER(c);
  av t = tok(c, TOK_ID_c_iz, samples, f);
  return callFn(c, pick, 1, &t);
}

ARCDSL_EXPORT av arcdsl_tok_c_zo_n(ArcCtx *c, av samples, av f, av pick) {
  ARC_PRIM_ENTER(c);
  av t = tok(c, TOK_ID_c_zo, samples, f);
  return callFn(c, pick, 1, &t);
}

ARCDSL_EXPORT av arcdsl_tok_a_mr(ArcCtx *c, av samples) {
  ARC_PRIM_ENTER(c);
  int64_t n;
  av *pairs = items(c, samples, &n);
  if (!pairs)
    return kErr;
  for (int64_t a = 0; a < 8; ++a) {
    bool all = true;
    for (int64_t k = 0; k < n && all; ++k) {
      if (seqLen(c, pairs[k]) != 2) // ex_i, ex_o = pair
        return c->err ? kErr : fail(c, ERR_VALUE);
      av in = seqAt(c, pairs[k], 0), out = seqAt(c, pairs[k], 1);
      all = equalValues(c, out, tok(c, TOK_ID_mir_rot_t, in, intW(a)));
      if (c->err)
        return kErr;
    }
    if (all)
      return intW(a);
  }
  return kNone;
}

//===----------------------------------------------------------------------===//
// Compositions: tokpidjin functions written in terms of other DSL functions.
// Each inner call is a catch point (an inner function that raises gives its
// own default, 0 for an Integer, and the outer one goes on), and the special
// floats flow through the arithmetic, so these follow tokpidjin's code.
//===----------------------------------------------------------------------===//

namespace {
/// Python a + sign * b for ints and the special floats (inf - inf is nan);
/// TypeError for anything else.
ARC_HD av pyAddSub(ArcCtx *c, av a, av b, int sign) {
  if (isNum(a) && isNum(b))
    return mkInt(c, numOf(a) + sign * numOf(b));
  if (!(isNum(a) || isFloat(a)) || !(isNum(b) || isFloat(b)))
    return fail(c, ERR_TYPE);
  // At least one special float: the result is one too.
  auto val = [](av v) -> int { // -1 -inf, 0 finite, 1 inf, 2 nan
    if (!isFloat(v))
      return 0;
    return floatOf(v) == FLOAT_NAN ? 2 : floatOf(v) == FLOAT_INF ? 1 : -1;
  };
  int x = val(a), y = val(b) * sign;
  if (val(b) == 2)
    y = 2;
  if (x == 2 || y == 2 || (x == 1 && y == -1) || (x == -1 && y == 1))
    return mkFloat(FLOAT_NAN);
  int r = x ? x : y;
  return mkFloat(r > 0 ? FLOAT_INF : FLOAT_NEG_INF);
}

/// Python `a == b` (numbers and special floats: nan equals nothing).
ARC_HD bool pyEq(ArcCtx *c, av a, av b) {
  if ((isFloat(a) && floatOf(a) == FLOAT_NAN) ||
      (isFloat(b) && floatOf(b) == FLOAT_NAN))
    return false;
  return equalValues(c, a, b);
}

/// Python `a > b` (comparisons with nan are false).
ARC_HD bool pyGt(ArcCtx *c, av a, av b) {
  if ((isFloat(a) && floatOf(a) == FLOAT_NAN) ||
      (isFloat(b) && floatOf(b) == FLOAT_NAN))
    return false;
  return comparePy(c, a, b) > 0;
}

/// len(v) as Python computes it (TypeError without __len__).
ARC_HD av pyLen(ArcCtx *c, av v) {
  int64_t n = seqLen(c, v);
  return c->err ? kErr : intW(n);
}

/// height/width of a patch: 0 when empty, else hi - lo + 1 of the wrapped
/// extremes.
ARC_HD av span(ArcCtx *c, av piece, uint32_t hi, uint32_t lo) {
  int64_t n = seqLen(c, piece);
  if (c->err)
    return kErr;
  if (n == 0)
    return intW(0);
  av d = pyAddSub(c, tok(c, hi, piece), tok(c, lo, piece), -1);
  return c->err ? kErr : pyAddSub(c, d, intW(1), 1);
}
} // namespace

TOK_FN1(height_f, p, span(c, p, TOK_ID_lowermost, TOK_ID_uppermost))
TOK_FN1(height_i, p, span(c, p, TOK_ID_lowermost_i, TOK_ID_uppermost_i))
TOK_FN1(height_o, p, span(c, p, TOK_ID_lowermost_o, TOK_ID_uppermost_o))
TOK_FN1(width_f, p, span(c, p, TOK_ID_rightmost, TOK_ID_leftmost))
TOK_FN1(width_i, p, span(c, p, TOK_ID_rightmost_i, TOK_ID_leftmost_i))
TOK_FN1(width_o, p, span(c, p, TOK_ID_rightmost_o, TOK_ID_leftmost_o))

ARCDSL_EXPORT av arcdsl_tok_shape_t(ArcCtx *c, av g) {
  ARC_PRIM_ENTER(c);
  av xs[2] = {tok(c, TOK_ID_height_t, g), tok(c, TOK_ID_width_t, g)};
  return c->err ? kErr : makeTuple(c, xs, 2);
}
ARCDSL_EXPORT av arcdsl_tok_shape_f(ArcCtx *c, av p) {
  ARC_PRIM_ENTER(c);
  av xs[2] = {tok(c, TOK_ID_height_f, p), tok(c, TOK_ID_width_f, p)};
  return c->err ? kErr : makeTuple(c, xs, 2);
}
ARCDSL_EXPORT av arcdsl_tok_portrait_f(ArcCtx *c, av p) {
  ARC_PRIM_ENTER(c);
  av h = tok(c, TOK_ID_height_f, p), w = tok(c, TOK_ID_width_f, p);
  return c->err ? kErr : mkBool(pyGt(c, h, w));
}
ARCDSL_EXPORT av arcdsl_tok_portrait_t(ArcCtx *c, av g) {
  ARC_PRIM_ENTER(c);
  av h = tok(c, TOK_ID_height_t, g), w = tok(c, TOK_ID_width_t, g);
  return c->err ? kErr : mkBool(pyGt(c, h, w));
}

namespace {
/// vline/hline: len-th extent == len(patch) and the other extent == 1.
ARC_HD av line(ArcCtx *c, av p, uint32_t along, uint32_t across) {
  av a = tok(c, along, p);
  av n = pyLen(c, p);
  if (c->err)
    return kErr;
  if (!pyEq(c, a, n))
    return mkBool(false);
  av b = tok(c, across, p);
  return c->err ? kErr : mkBool(pyEq(c, b, intW(1)));
}
} // namespace

TOK_FN1(vline_i, p, line(c, p, TOK_ID_height_i, TOK_ID_width_i))
TOK_FN1(vline_o, p, line(c, p, TOK_ID_height_o, TOK_ID_width_o))
TOK_FN1(hline_i, p, line(c, p, TOK_ID_width_i, TOK_ID_height_i))
TOK_FN1(hline_o, p, line(c, p, TOK_ID_width_o, TOK_ID_height_o))

ARCDSL_EXPORT av arcdsl_tok_square_f(ArcCtx *c, av p) {
  ARC_PRIM_ENTER(c);
  av h = tok(c, TOK_ID_height_f, p), w = tok(c, TOK_ID_width_f, p);
  av n = pyLen(c, p);
  if (c->err)
    return kErr;
  bool area;
  if (isNum(h) && isNum(w))
    area = pyEq(c, mkInt(c, numOf(h) * numOf(w)), n);
  else if ((isNum(h) || isFloat(h)) && (isNum(w) || isFloat(w)))
    area = false; // a product with inf/nan is no int
  else
    return fail(c, ERR_TYPE);
  return mkBool(area && pyEq(c, h, w));
}

TOK_FN2(mapply, f, container,
        tok(c, TOK_ID_merge, tok(c, TOK_ID_apply, f, container)))
TOK_FN2(mapply_t, f, container,
        tok(c, TOK_ID_merge_t, tok(c, TOK_ID_apply_t, f, container)))
TOK_FN2(mapply_f, f, container,
        tok(c, TOK_ID_merge_f, tok(c, TOK_ID_apply_f, f, container)))
TOK_FN2(mfilter, container, f,
        tok(c, TOK_ID_merge_f, tok(c, TOK_ID_sfilter, container, f)))
TOK_FN2(mfilter_f, container, f,
        tok(c, TOK_ID_merge_f, tok(c, TOK_ID_sfilter, container, f)))
TOK_FN1(numcolors_t, g, pyLen(c, tok(c, TOK_ID_palette_t, g)))
TOK_FN1(numcolors_f, obj, pyLen(c, tok(c, TOK_ID_palette_f, obj)))

ARCDSL_EXPORT av arcdsl_tok_bordering(ArcCtx *c, av patch, av grid) {
  ARC_PRIM_ENTER(c);
  if (pyEq(c, tok(c, TOK_ID_uppermost, patch), intW(0)) ||
      pyEq(c, tok(c, TOK_ID_leftmost, patch), intW(0)))
    return c->err ? kErr : mkBool(true);
  av h = pyLen(c, grid);
  if (c->err)
    return kErr;
  if (pyEq(c, tok(c, TOK_ID_lowermost, patch), pyAddSub(c, h, intW(1), -1)))
    return c->err ? kErr : mkBool(true);
  av w = pyLen(c, pySubscriptValue(c, grid, intW(0)));
  if (c->err)
    return kErr;
  return mkBool(
      pyEq(c, tok(c, TOK_ID_rightmost, patch), pyAddSub(c, w, intW(1), -1)));
}

ARCDSL_EXPORT av arcdsl_tok_corners(ArcCtx *c, av patch) {
  ARC_PRIM_ENTER(c);
  av xs[4] = {tok(c, TOK_ID_ulcorner, patch), tok(c, TOK_ID_urcorner, patch),
              tok(c, TOK_ID_llcorner, patch), tok(c, TOK_ID_lrcorner, patch)};
  return c->err ? kErr : makeSet(c, xs, 4);
}

ARCDSL_EXPORT av arcdsl_tok_adjacent(ArcCtx *c, av a, av b) {
  ARC_PRIM_ENTER(c);
  av d = tok(c, TOK_ID_manhattan, a, b);
  return c->err ? kErr : mkBool(pyEq(c, d, intW(1)));
}

//===----------------------------------------------------------------------===//
// Patches as tokpidjin reads them: toindices and what goes through it
//===----------------------------------------------------------------------===//

namespace {
/// `a, b = e` of an element (ValueError for another length, TypeError for
/// a non-iterable); k picks which item to return.
ARC_HD av unpackItem(ArcCtx *c, av e, int64_t len, int64_t k) {
  if (!hasLen(c, e))
    return fail(c, ERR_TYPE);
  int64_t n = seqLen(c, e);
  if (c->err)
    return kErr;
  if (n != len)
    return fail(c, ERR_VALUE);
  return seqAt(c, e, k);
}

/// min/max of item k of the (i, j) elements of idx (ValueError when empty).
ARC_HD av coordExtreme(ArcCtx *c, av idx, int64_t k, bool wantMax) {
  int64_t n = seqLen(c, idx);
  if (c->err)
    return kErr;
  if (n == 0)
    return fail(c, ERR_VALUE);
  av best = kErr;
  for (int64_t q = 0; q < n; ++q) {
    av e = seqAt(c, idx, q);
    av x = tagOf(e) == TAG_PAIR ? intW(k ? pairJ(e) : pairI(e))
                                : unpackItem(c, e, 2, k);
    if (c->err)
      return kErr;
    if (q == 0 ||
        (wantMax ? comparePy(c, x, best) > 0 : comparePy(c, x, best) < 0))
      best = x;
    if (c->err)
      return kErr;
  }
  return best;
}

/// uppermost...: `min/max(i or j for i, j in TOIDX(patch)) if patch else
/// nan` (guard false: no `if patch`).
ARC_HD av extremeOf(ArcCtx *c, av patch, uint32_t toIdx, int64_t k,
                    bool wantMax, bool guard) {
  if (guard && !truthy(c, patch))
    return mkFloat(FLOAT_NAN);
  av idx = toIdx == TOK_ID_toindices_i ? patch : tok(c, toIdx, patch);
  return c->err ? kErr : coordExtreme(c, idx, k, wantMax);
}
} // namespace

ARCDSL_EXPORT av arcdsl_tok_toindices(ArcCtx *c, av patch) {
  ARC_PRIM_ENTER(c);
  if (!hasLen(c, patch) || seqLen(c, patch) == 0)
    return makeSet(c, nullptr, 0);
  av first = seqAt(c, patch, 0);
  if (!hasLen(c, first))
    return makeSet(c, nullptr, 0);
  if (seqLen(c, first) != 3)
    return patch;
  return tok(c, TOK_ID_toindices_o, patch);
}

ARCDSL_EXPORT av arcdsl_tok_toindices_o(ArcCtx *c, av obj) {
  ARC_PRIM_ENTER(c);
  if (!hasLen(c, obj))
    return makeSet(c, nullptr, 0);
  int64_t n = seqLen(c, obj);
  if (c->err)
    return kErr;
  av *xs = scratch(c, (uint64_t)n);
  if (!xs)
    return kErr;
  for (int64_t q = 0; q < n; ++q) { // (i, j) for i, j, c in obj
    av e = seqAt(c, obj, q);
    if (tagOf(e) == TAG_TRIPLE) {
      xs[q] = mkPairRaw(tripleA(e), tripleB(e));
      continue;
    }
    av ij[2] = {unpackItem(c, e, 3, 0), unpackItem(c, e, 3, 1)};
    if (c->err)
      return kErr;
    xs[q] = makeTuple(c, ij, 2);
  }
  return c->err ? kErr : makeSet(c, xs, (uint32_t)n);
}

TOK_FN1(uppermost, p, extremeOf(c, p, TOK_ID_toindices, 0, false, true))
TOK_FN1(uppermost_i, p, extremeOf(c, p, TOK_ID_toindices_i, 0, false, true))
TOK_FN1(uppermost_o, p, extremeOf(c, p, TOK_ID_toindices_o, 0, false, true))
TOK_FN1(lowermost, p, extremeOf(c, p, TOK_ID_toindices, 0, true, true))
TOK_FN1(lowermost_i, p, extremeOf(c, p, TOK_ID_toindices_i, 0, true, true))
TOK_FN1(lowermost_o, p, extremeOf(c, p, TOK_ID_toindices_o, 0, true, true))
TOK_FN1(leftmost, p, extremeOf(c, p, TOK_ID_toindices, 1, false, true))
TOK_FN1(leftmost_i, p, extremeOf(c, p, TOK_ID_toindices_i, 1, false, true))
TOK_FN1(leftmost_o, p, extremeOf(c, p, TOK_ID_toindices_o, 1, false, true))
TOK_FN1(rightmost, p, extremeOf(c, p, TOK_ID_toindices, 1, true, true))
TOK_FN1(rightmost_i, p, extremeOf(c, p, TOK_ID_toindices_i, 1, true, false))
TOK_FN1(rightmost_o, p, extremeOf(c, p, TOK_ID_toindices_o, 1, true, false))

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

ARCDSL_EXPORT av arcdsl_tok_asobject(ArcCtx *c, av grid) {
  ARC_PRIM_ENTER(c);
  if (truthy(c, tok(c, TOK_ID_is_no_grid, grid)))
    return makeSet(c, nullptr, 0);
  return arcdsl_prim_asobject(c, grid);
}

ARCDSL_EXPORT av arcdsl_tok_fill(ArcCtx *c, av grid, av color, av patch) {
  ARC_PRIM_ENTER(c);
  return arcdsl_prim_fill(c, grid, color, tok(c, TOK_ID_toindices, patch));
}
ARCDSL_EXPORT av arcdsl_tok_underfill(ArcCtx *c, av grid, av color, av patch) {
  ARC_PRIM_ENTER(c);
  return arcdsl_prim_underfill(c, grid, color, tok(c, TOK_ID_toindices, patch));
}
ARCDSL_EXPORT av arcdsl_tok_cover(ArcCtx *c, av grid, av patch) {
  ARC_PRIM_ENTER(c);
  av bg = tok(c, TOK_ID_mostcolor_t, grid);
  return tok(c, TOK_ID_fill, grid, bg, tok(c, TOK_ID_toindices, patch));
}

//===----------------------------------------------------------------------===//
// Mirrors, palettes and the tuple-typed variants, as tokpidjin writes them
//===----------------------------------------------------------------------===//

namespace {
enum MirrorKind { MK_H, MK_V, MK_D };
enum MirrorMode { MM_F, MM_I, MM_O }; // by element length / pairs / triples

/// The _f/_i/_o mirrors of a patch about its box (ulcorner/lrcorner are
/// wrapped inner calls).
ARC_HD av mirrorPatch(ArcCtx *c, av patch, MirrorKind kind, MirrorMode mode) {
  av ul = tok(c, TOK_ID_ulcorner, patch);
  int64_t a = 0, b = 0, d = 0;
  if (kind == MK_D) { // a, b = ulcorner(patch)
    av x = unpackItem(c, ul, 2, 0), y = unpackItem(c, ul, 2, 1);
    if (c->err)
      return kErr;
    if (!isNum(x) || !isNum(y))
      return fail(c, ERR_TYPE);
    a = numOf(x), b = numOf(y);
  } else {
    av lr = tok(c, TOK_ID_lrcorner, patch);
    int64_t k = kind == MK_H ? 0 : 1;
    av x = pySubscriptValue(c, ul, intW(k)),
       y = pySubscriptValue(c, lr, intW(k));
    if (c->err)
      return kErr;
    if (!isNum(x) || !isNum(y))
      return fail(c, ERR_TYPE);
    d = numOf(x) + numOf(y);
  }
  int64_t n = seqLen(c, patch);
  if (c->err)
    return kErr;
  int64_t len = mode == MM_O ? 3 : 2;
  if (mode == MM_F) { // len(next(iter(patch))) == 3
    if (n == 0)
      return fail(c, ERR_STOP_ITERATION);
    av e0 = seqAt(c, patch, 0);
    if (!hasLen(c, e0))
      return fail(c, ERR_TYPE);
    len = seqLen(c, e0) == 3 ? 3 : 2;
  }
  av *xs = scratch(c, (uint64_t)n);
  if (!xs || !charge(c, (uint64_t)n + 1))
    return kErr;
  for (int64_t q = 0; q < n; ++q) {
    av e = seqAt(c, patch, q);
    av iv = unpackItem(c, e, len, 0), jv = unpackItem(c, e, len, 1);
    av cv = len == 3 ? unpackItem(c, e, 3, 2) : kNone;
    if (c->err)
      return kErr;
    if (!isNum(iv) || !isNum(jv))
      return fail(c, ERR_TYPE);
    int64_t i = numOf(iv), j = numOf(jv), ni, nj;
    switch (kind) {
    case MK_H:
      ni = d - i, nj = j;
      break;
    case MK_V:
      ni = i, nj = d - j;
      break;
    default:
      ni = j - b + a, nj = i - a + b;
      break;
    }
    av t[3] = {mkInt(c, ni), mkInt(c, nj), cv};
    xs[q] = makeTuple(c, t, (uint32_t)len);
  }
  return c->err ? kErr : makeSet(c, xs, (uint32_t)n);
}

ARC_HD av vmirrorF(ArcCtx *c, av patch) {
  if (isEmptySet(c, patch))
    return patch;
  return mirrorPatch(c, patch, MK_V, MM_F);
}
} // namespace

TOK_FN1(hmirror_f, p, mirrorPatch(c, p, MK_H, MM_F))
TOK_FN1(hmirror_i, p, mirrorPatch(c, p, MK_H, MM_I))
TOK_FN1(hmirror_o, p, mirrorPatch(c, p, MK_H, MM_O))
TOK_FN1(vmirror_f, p, vmirrorF(c, p))
TOK_FN1(vmirror_i, p, mirrorPatch(c, p, MK_V, MM_I))
TOK_FN1(vmirror_o, p, mirrorPatch(c, p, MK_V, MM_O))
TOK_FN1(dmirror_f, p, mirrorPatch(c, p, MK_D, MM_F))
TOK_FN1(dmirror_i, p, mirrorPatch(c, p, MK_D, MM_I))
TOK_FN1(dmirror_o, p, mirrorPatch(c, p, MK_D, MM_O))
/// cmirror_f/_i/_o: vmirror_f(dmirror_f(vmirror_f(patch))), all wrapped.
ARCDSL_EXPORT av arcdsl_tok_cmirror_f(ArcCtx *c, av p) {
  ARC_PRIM_ENTER(c);
  av x = tok(c, TOK_ID_vmirror_f, p);
  return tok(c, TOK_ID_vmirror_f, tok(c, TOK_ID_dmirror_f, x));
}

ARCDSL_EXPORT av arcdsl_tok_palette_f(ArcCtx *c, av element) {
  ARC_PRIM_ENTER(c);
  int64_t n;
  av *xs = cellColors(c, element, &n);
  return xs ? makeSet(c, xs, (uint32_t)n) : kErr;
}

ARCDSL_EXPORT av arcdsl_tok_color(ArcCtx *c, av obj) {
  ARC_PRIM_ENTER(c);
  int64_t n = seqLen(c, obj); // next(iter(obj), (0, 0, -inf))
  if (c->err)
    return kErr;
  if (n == 0)
    return mkFloat(FLOAT_NEG_INF);
  av e = seqAt(c, obj, 0);
  if (!isPyTuple(c, e))
    return mkFloat(FLOAT_NEG_INF);
  return pySubscriptValue(c, e, intW(2));
}

ARCDSL_EXPORT av arcdsl_tok_colorcount_f(ArcCtx *c, av obj, av color) {
  ARC_PRIM_ENTER(c);
  int64_t n, k = 0;
  av *xs = cellColors(c, obj, &n);
  if (!xs)
    return kErr;
  for (int64_t q = 0; q < n; ++q)
    k += pyEq(c, xs[q], color);
  return intW(k);
}

namespace {
/// tuple(f(e) for e in container) (apply_t), or of f(value) for f in
/// functions (rapply_t).
ARC_HD av applyTuple(ArcCtx *c, av f, av container, bool reverse) {
  int64_t n;
  av *xs = items(c, container, &n);
  if (!xs)
    return kErr;
  for (int64_t q = 0; q < n && !c->err; ++q)
    xs[q] = reverse ? callFn(c, xs[q], 1, &f) : callFn(c, f, 1, &xs[q]);
  return c->err ? kErr : makeTuple(c, xs, (uint32_t)n);
}
} // namespace

TOK_FN2(apply_t, f, container, applyTuple(c, f, container, false))
TOK_FN2(rapply_t, functions, value, applyTuple(c, value, functions, true))
TOK_FN2(sfilter_t, container, f, keepIf(c, container, false, [&](av e) {
          return truthy(c, callFn(c, f, 1, &e));
        }))
TOK_FN2(remove_t, value, container, keepIf(c, container, false, [&](av e) {
          return !pyEq(c, e, value); // e != value (nan != nan: kept)
        }))

//===----------------------------------------------------------------------===//
// Corners, shift, toobject, recolor: over the wrapped toindices variants
//===----------------------------------------------------------------------===//

namespace {
enum CornerKind { CK_UL, CK_UR, CK_LL, CK_LR };

/// `tuple(map(f_k, zip(*idx)))` with f_k min or max per column k (ur/ll
/// pick them from a dict of columns 0 and 1: a third column is a KeyError).
ARC_HD av zipCorner(ArcCtx *c, av idx, CornerKind kind) {
  int64_t n = seqLen(c, idx);
  if (c->err)
    return kErr;
  int64_t cols = -1;
  for (int64_t q = 0; q < n; ++q) {
    av e = seqAt(c, idx, q);
    if (!hasLen(c, e))
      return fail(c, ERR_TYPE); // zip argument is not iterable
    int64_t len = seqLen(c, e);
    if (cols < 0 || len < cols)
      cols = len;
  }
  if (cols < 0)
    cols = 0;
  if ((kind == CK_UR || kind == CK_LL) && cols > 2)
    return fail(c, ERR_INDEX); // KeyError: a LookupError, like IndexError
  av out[2];
  av *res = cols <= 2 ? out : scratch(c, (uint64_t)cols);
  if (!res || !charge(c, (uint64_t)(n * cols + 1)))
    return kErr;
  for (int64_t k = 0; k < cols; ++k) {
    bool wantMax =
        kind == CK_LR || (kind == CK_UR && k == 1) || (kind == CK_LL && k == 0);
    av best = kErr;
    for (int64_t q = 0; q < n; ++q) {
      av x = seqAt(c, seqAt(c, idx, q), k);
      if (c->err)
        return kErr;
      int r = q == 0 ? 0 : comparePy(c, x, best);
      if (q == 0 || (wantMax ? r > 0 : r < 0))
        best = x;
      if (c->err)
        return kErr;
    }
    res[k] = best;
  }
  return makeTuple(c, res, (uint32_t)cols);
}

ARC_HD av indicesOf(ArcCtx *c, av patch, uint32_t toIdx) {
  return toIdx == TOK_ID_toindices_i ? patch : tok(c, toIdx, patch);
}

ARC_HD av cornerOf(ArcCtx *c, av patch, uint32_t toIdx, CornerKind kind) {
  av idx = indicesOf(c, patch, toIdx);
  return c->err ? kErr : zipCorner(c, idx, kind);
}
} // namespace

#define TOK_CORNER(fn, toIdx, kind)                                            \
  ARCDSL_EXPORT av arcdsl_tok_##fn(ArcCtx *c, av p) {                          \
    ARC_PRIM_ENTER(c);                                                         \
    return cornerOf(c, p, toIdx, kind);                                        \
  }
TOK_CORNER(ulcorner, TOK_ID_toindices, CK_UL)
TOK_CORNER(ulcorner_i, TOK_ID_toindices_i, CK_UL)
TOK_CORNER(ulcorner_o, TOK_ID_toindices_o, CK_UL)
TOK_CORNER(urcorner, TOK_ID_toindices, CK_UR)
TOK_CORNER(urcorner_i, TOK_ID_toindices_i, CK_UR)
TOK_CORNER(urcorner_o, TOK_ID_toindices_o, CK_UR)
TOK_CORNER(llcorner, TOK_ID_toindices, CK_LL)
TOK_CORNER(llcorner_i, TOK_ID_toindices_i, CK_LL)
TOK_CORNER(llcorner_o, TOK_ID_toindices_o, CK_LL)
TOK_CORNER(lrcorner, TOK_ID_toindices, CK_LR)
TOK_CORNER(lrcorner_i, TOK_ID_toindices_i, CK_LR)
TOK_CORNER(lrcorner_o, TOK_ID_toindices_o, CK_LR)
#undef TOK_CORNER

ARCDSL_EXPORT av arcdsl_tok_shift(ArcCtx *c, av patch, av directions) {
  ARC_PRIM_ENTER(c);
  if (!truthy(c, patch))
    return makeSet(c, nullptr, 0);
  if (isEmptyTuple(c, directions))
    return patch; // directions == ()
  av di = unpackItem(c, directions, 2, 0), dj = unpackItem(c, directions, 2, 1);
  int64_t n = seqLen(c, patch);
  if (c->err)
    return kErr;
  av e0 = seqAt(c, patch, 0); // len(next(iter(patch))) == 3
  if (!hasLen(c, e0))
    return fail(c, ERR_TYPE);
  int64_t len = seqLen(c, e0) == 3 ? 3 : 2;
  av *xs = scratch(c, (uint64_t)n);
  if (!xs || !charge(c, (uint64_t)n + 1))
    return kErr;
  for (int64_t q = 0; q < n; ++q) {
    av e = seqAt(c, patch, q);
    av t[3] = {unpackItem(c, e, len, 0), unpackItem(c, e, len, 1),
               len == 3 ? unpackItem(c, e, 3, 2) : kNone};
    if (c->err)
      return kErr;
    t[0] = pyAddSub(c, t[0], di, 1);
    t[1] = pyAddSub(c, t[1], dj, 1);
    if (c->err)
      return kErr;
    xs[q] = makeTuple(c, t, (uint32_t)len);
  }
  return c->err ? kErr : makeSet(c, xs, (uint32_t)n);
}

ARCDSL_EXPORT av arcdsl_tok_toobject(ArcCtx *c, av patch, av grid) {
  ARC_PRIM_ENTER(c);
  int64_t h = seqLen(c, grid);
  if (c->err)
    return kErr;
  if (isSet(c, grid))
    return fail(c, ERR_TYPE);
  if (h == 0)
    return fail(c, ERR_INDEX);
  int64_t w = seqLen(c, seqAt(c, grid, 0));
  av idx = tok(c, TOK_ID_toindices, patch);
  int64_t n = seqLen(c, idx), m = 0;
  if (c->err)
    return kErr;
  av *xs = scratch(c, (uint64_t)n);
  if (!xs)
    return kErr;
  for (int64_t q = 0; q < n; ++q) {
    av e = seqAt(c, idx, q);
    av i = unpackItem(c, e, 2, 0), j = unpackItem(c, e, 2, 1);
    if (c->err)
      return kErr;
    if (!isNum(i) || !isNum(j))
      return fail(c, isFloat(i) || isFloat(j) ? ERR_INDEX : ERR_TYPE);
    int64_t a = numOf(i), b = numOf(j);
    if (a < 0 || a >= h || b < 0 || b >= w)
      continue;
    av t[3] = {i, j, pySubscriptValue(c, seqAt(c, grid, a), j)};
    if (c->err)
      return kErr;
    xs[m++] = makeTuple(c, t, 3);
  }
  return c->err ? kErr : makeSet(c, xs, (uint32_t)m);
}

namespace {
ARC_HD av recolorOf(ArcCtx *c, av color, av patch, uint32_t toIdx) {
  av idx = indicesOf(c, patch, toIdx);
  int64_t n = seqLen(c, idx);
  if (c->err)
    return kErr;
  av *xs = scratch(c, (uint64_t)n);
  if (!xs)
    return kErr;
  for (int64_t q = 0; q < n; ++q) {
    av e = seqAt(c, idx, q);
    av t[3] = {unpackItem(c, e, 2, 0), unpackItem(c, e, 2, 1), color};
    if (c->err)
      return kErr;
    xs[q] = makeTuple(c, t, 3);
  }
  return makeSet(c, xs, (uint32_t)n);
}
} // namespace

TOK_FN2(recolor_i, color, indices,
        recolorOf(c, color, indices, TOK_ID_toindices_i))
TOK_FN2(recolor_o, color, obj, recolorOf(c, color, obj, TOK_ID_toindices_o))

//===----------------------------------------------------------------------===//
// Boxes, matching, centres and occurrences
//===----------------------------------------------------------------------===//

TOK_FN1(height_t, piece, pyLen(c, piece))

ARCDSL_EXPORT av arcdsl_tok_width_t(ArcCtx *c, av piece) {
  ARC_PRIM_ENTER(c);
  if (!truthy(c, piece))
    return intW(0);
  return pyLen(c, pySubscriptValue(c, piece, intW(0)));
}

ARCDSL_EXPORT av arcdsl_tok_backdrop(ArcCtx *c, av patch) {
  ARC_PRIM_ENTER(c);
  if (!hasLen(c, patch) || seqLen(c, patch) == 0)
    return makeSet(c, nullptr, 0);
  av ul = tok(c, TOK_ID_ulcorner, patch), lr = tok(c, TOK_ID_lrcorner, patch);
  av a = unpackItem(c, ul, 2, 0), b = unpackItem(c, ul, 2, 1);
  av e = unpackItem(c, lr, 2, 0), f = unpackItem(c, lr, 2, 1);
  if (c->err)
    return kErr;
  if (!isNum(a) || !isNum(b) || !isNum(e) || !isNum(f))
    return fail(c, ERR_TYPE); // range() of a float or a tuple
  int64_t si = numOf(a), sj = numOf(b), ei = numOf(e), ej = numOf(f);
  int64_t hh = ei >= si ? ei - si + 1 : 0, ww = ej >= sj ? ej - sj + 1 : 0;
  if (!pairFits(si, sj) || !pairFits(ei, ej))
    return fail(c, ERR_CAPACITY);
  if (!charge(c, (uint64_t)(hh * ww + 1)))
    return kErr;
  av *xs = scratch(c, (uint64_t)(hh * ww));
  if (!xs)
    return kErr;
  int64_t k = 0;
  for (int64_t i = si; i < si + hh; ++i)
    for (int64_t j = sj; j < sj + ww; ++j)
      xs[k++] = mkPairRaw(i, j);
  return makeSet(c, xs, (uint32_t)k);
}

ARCDSL_EXPORT av arcdsl_tok_delta(ArcCtx *c, av patch) {
  ARC_PRIM_ENTER(c);
  if (!hasLen(c, patch) || seqLen(c, patch) == 0)
    return makeSet(c, nullptr, 0);
  av bd = tok(c, TOK_ID_backdrop, patch), idx = tok(c, TOK_ID_toindices, patch);
  if (c->err)
    return kErr;
  if (!isSet(c, bd) || !isSet(c, idx)) // frozenset - tuple
    return fail(c, ERR_TYPE);
  return arcdsl_prim_difference(c, bd, idx);
}

namespace {
/// len({e[k] for e in toindices(a)} & {e[k] for e in toindices(b)}) > 0.
ARC_HD av matching(ArcCtx *c, av a, av b, int64_t k) {
  av ia = tok(c, TOK_ID_toindices, a), ib = tok(c, TOK_ID_toindices, b);
  int64_t na = seqLen(c, ia), nb = seqLen(c, ib);
  if (c->err)
    return kErr;
  av *xa = scratch(c, (uint64_t)na), *xb = scratch(c, (uint64_t)nb);
  if (!xa || !xb)
    return kErr;
  for (int64_t q = 0; q < na; ++q)
    xa[q] = unpackItem(c, seqAt(c, ia, q), 2, k);
  for (int64_t q = 0; q < nb; ++q)
    xb[q] = unpackItem(c, seqAt(c, ib, q), 2, k);
  if (c->err)
    return kErr;
  for (int64_t p = 0; p < na; ++p)
    for (int64_t q = 0; q < nb; ++q)
      if (equalValues(c, xa[p], xb[q]))
        return mkBool(true);
  return mkBool(false);
}
} // namespace

TOK_FN2(hmatching, a, b, matching(c, a, b, 0))
TOK_FN2(vmatching, a, b, matching(c, a, b, 1))

namespace {
/// Python a // b for ints (floor), TypeError otherwise (a special float
/// floor-divided is nan or inf: returned as such).
ARC_HD av pyFloorDivValues(ArcCtx *c, av a, av b) {
  if (isNum(a) && isNum(b)) {
    int64_t x = numOf(a), y = numOf(b);
    if (y == 0)
      return fail(c, ERR_ZERO_DIVISION);
    return intW(pyFloorDiv(x, y));
  }
  if ((isFloat(a) || isNum(a)) && (isFloat(b) || isNum(b)))
    return mkFloat(FLOAT_NAN);
  return fail(c, ERR_TYPE);
}
} // namespace

ARCDSL_EXPORT av arcdsl_tok_center(ArcCtx *c, av patch) {
  ARC_PRIM_ENTER(c);
  av u = tok(c, TOK_ID_uppermost, patch);
  if (isFloat(u) && floatOf(u) == FLOAT_NAN) // `is math.nan`
    return makeTuple(c, nullptr, 0);
  av l = tok(c, TOK_ID_leftmost, patch);
  if (isFloat(l) && floatOf(l) == FLOAT_NAN)
    return makeTuple(c, nullptr, 0);
  av h = tok(c, TOK_ID_height_f, patch), w = tok(c, TOK_ID_width_f, patch);
  av xs[2] = {pyAddSub(c, u, pyFloorDivValues(c, h, intW(2)), 1),
              pyAddSub(c, l, pyFloorDivValues(c, w, intW(2)), 1)};
  return c->err ? kErr : makeTuple(c, xs, 2);
}

namespace {
/// normalize(_i/_o): shift by minus the wrapped uppermost/leftmost.
ARC_HD av normalizeBy(ArcCtx *c, av indices, uint32_t upper, uint32_t left) {
  int64_t n = seqLen(c, indices);
  if (c->err)
    return kErr;
  if (n == 0)
    return indices;
  av u = tok(c, upper, indices), l = tok(c, left, indices);
  auto neg = [&](av v) -> av {
    if (isNum(v))
      return intW(-numOf(v));
    if (isFloat(v))
      return floatOf(v) == FLOAT_NAN
                 ? v
                 : mkFloat(floatOf(v) == FLOAT_INF ? FLOAT_NEG_INF : FLOAT_INF);
    return fail(c, ERR_TYPE); // -() raises
  };
  av d[2] = {neg(u), neg(l)};
  if (c->err)
    return kErr;
  return tok(c, TOK_ID_shift, indices, makeTuple(c, d, 2));
}
} // namespace

TOK_FN1(normalize, p, normalizeBy(c, p, TOK_ID_uppermost, TOK_ID_leftmost))
TOK_FN1(normalize_i, p,
        normalizeBy(c, p, TOK_ID_uppermost_i, TOK_ID_leftmost_i))
TOK_FN1(normalize_o, p,
        normalizeBy(c, p, TOK_ID_uppermost_o, TOK_ID_leftmost_o))

ARCDSL_EXPORT av arcdsl_tok_occurrences(ArcCtx *c, av grid, av obj) {
  ARC_PRIM_ENTER(c);
  av normed = tok(c, TOK_ID_normalize, obj);
  int64_t h = seqLen(c, grid);
  if (c->err)
    return kErr;
  if (isSet(c, grid))
    return fail(c, ERR_TYPE);
  if (h == 0)
    return fail(c, ERR_INDEX);
  int64_t w = seqLen(c, seqAt(c, grid, 0));
  av shp = tok(c, TOK_ID_shape_f, obj);
  av oh = unpackItem(c, shp, 2, 0), ow = unpackItem(c, shp, 2, 1);
  if (c->err)
    return kErr;
  if (!isNum(oh) || !isNum(ow))
    return fail(c, ERR_TYPE);
  int64_t h2 = h - numOf(oh) + 1, w2 = w - numOf(ow) + 1;
  int64_t nOut = (h2 > 0 ? h2 : 0) * (w2 > 0 ? w2 : 0), m = 0;
  av *xs = scratch(c, (uint64_t)nOut);
  if (!xs)
    return kErr;
  for (int64_t i = 0; i < h2; ++i)
    for (int64_t j = 0; j < w2; ++j) {
      uint64_t mark = arcdsl_rt_mark(c);
      av sh = tok(c, TOK_ID_shift, normed, mkPairRaw(i, j));
      int64_t n = seqLen(c, sh);
      bool occurs = true;
      for (int64_t q = 0; q < n && occurs && !c->err; ++q) {
        av e = seqAt(c, sh, q);
        av a = unpackItem(c, e, 3, 0), b = unpackItem(c, e, 3, 1);
        av v = unpackItem(c, e, 3, 2);
        if (c->err)
          break;
        if (!isNum(a) || !isNum(b)) { // 0 <= a < h with nan/tuples
          if (!isFloat(a) && !isFloat(b))
            fail(c, ERR_TYPE);
          occurs = false;
          break;
        }
        int64_t ai = numOf(a), bi = numOf(b);
        occurs = ai >= 0 && ai < h && bi >= 0 && bi < w &&
                 pyEq(c, pySubscriptValue(c, seqAt(c, grid, ai), b), v);
      }
      arcdsl_rt_release(c, mark);
      if (c->err)
        return kErr;
      if (!charge(c, (uint64_t)n + 1))
        return kErr;
      if (occurs)
        xs[m++] = mkPairRaw(i, j);
    }
  if (isPyOrder(c)) // occs = set(); occs.add(...); frozenset(occs)
    return pySetFromSetOf(c, xs, (uint32_t)m);
  return makeSet(c, xs, (uint32_t)m);
}

//===----------------------------------------------------------------------===//
// Arithmetic: tokpidjin's reads an empty tuple (a failed line's value) as
// the operation's identity (0 for + and -, 1 for * and //).
//===----------------------------------------------------------------------===//

namespace {
ARC_HD av orIdentity(ArcCtx *c, av v, int64_t unit) {
  return isEmptyTuple(c, v) ? intW(unit) : v;
}
} // namespace

TOK_FN2(add, a, b, arcdsl_prim_add(c, orIdentity(c, a, 0), orIdentity(c, b, 0)))
TOK_FN2(subtract, a, b,
        arcdsl_prim_subtract(c, orIdentity(c, a, 0), orIdentity(c, b, 0)))
TOK_FN2(multiply, a, b,
        arcdsl_prim_multiply(c, orIdentity(c, a, 1), orIdentity(c, b, 1)))
TOK_FN2(divide, a, b,
        arcdsl_prim_divide(c, orIdentity(c, a, 1), orIdentity(c, b, 1)))

//===----------------------------------------------------------------------===//
// Colours of grids and objects, partitions, neighbourhoods and lines
//===----------------------------------------------------------------------===//

namespace {
/// [v for r in grid for v in r] (any rows).
ARC_HD av *flatValues(ArcCtx *c, av grid, int64_t *total) {
  int64_t h;
  av *rows = items(c, grid, &h);
  if (!rows)
    return nullptr;
  *total = 0;
  for (int64_t i = 0; i < h && !c->err; ++i) {
    if (!hasLen(c, rows[i])) {
      fail(c, ERR_TYPE);
      return nullptr;
    }
    *total += seqLen(c, rows[i]);
  }
  av *xs = c->err ? nullptr : scratch(c, (uint64_t)*total);
  if (!xs)
    return nullptr;
  int64_t k = 0;
  for (int64_t i = 0; i < h; ++i)
    for (int64_t j = 0, w = seqLen(c, rows[i]); j < w; ++j)
      xs[k++] = seqAt(c, rows[i], j);
  return c->err ? nullptr : xs;
}

/// max/min(set(values), key=values.count) if values else nan.
ARC_HD av colourExtreme(ArcCtx *c, av *xs, int64_t n, bool wantMax) {
  if (!xs)
    return kErr;
  if (n == 0)
    return mkFloat(FLOAT_NAN);
  return commonExtreme(c, makeTuple(c, xs, (uint32_t)n), wantMax);
}
} // namespace

ARCDSL_EXPORT av arcdsl_tok_mostcolor_t(ArcCtx *c, av grid) {
  ARC_PRIM_ENTER(c);
  int64_t n = 0;
  av *xs = flatValues(c, grid, &n);
  return colourExtreme(c, xs, n, true);
}
ARCDSL_EXPORT av arcdsl_tok_leastcolor_t(ArcCtx *c, av grid) {
  ARC_PRIM_ENTER(c);
  int64_t n = 0;
  av *xs = flatValues(c, grid, &n);
  return colourExtreme(c, xs, n, false);
}
ARCDSL_EXPORT av arcdsl_tok_mostcolor_f(ArcCtx *c, av obj) {
  ARC_PRIM_ENTER(c);
  int64_t n = 0;
  av *xs = cellColors(c, obj, &n);
  return colourExtreme(c, xs, n, true);
}
ARCDSL_EXPORT av arcdsl_tok_leastcolor_f(ArcCtx *c, av obj) {
  ARC_PRIM_ENTER(c);
  int64_t n = 0;
  av *xs = cellColors(c, obj, &n);
  return colourExtreme(c, xs, n, false);
}

namespace {
/// frozenset(frozenset((i, j, c) for ... if c == color) for color in
/// colours): partition / fgpartition over any rows.
ARC_HD av partitionBy(ArcCtx *c, av grid, av colours) {
  int64_t nc = seqLen(c, colours), h;
  av *rows = c->err ? nullptr : items(c, grid, &h);
  if (!rows)
    return kErr;
  int64_t total = 0;
  for (int64_t i = 0; i < h && !c->err; ++i)
    total += seqLen(c, rows[i]);
  av *parts = scratch(c, (uint64_t)nc), *cs = scratch(c, (uint64_t)total);
  if (c->err || !parts || !cs || !charge(c, (uint64_t)(total * (nc + 1))))
    return kErr;
  for (int64_t k = 0; k < nc; ++k) {
    av colour = seqAt(c, colours, k);
    int64_t m = 0;
    for (int64_t i = 0; i < h; ++i)
      for (int64_t j = 0, w = seqLen(c, rows[i]); j < w; ++j) {
        av v = seqAt(c, rows[i], j);
        if (pyEq(c, v, colour)) {
          av t[3] = {intW(i), intW(j), v};
          cs[m++] = makeTuple(c, t, 3);
        }
      }
    parts[k] = makeSet(c, cs, (uint32_t)m);
  }
  return c->err ? kErr : makeSet(c, parts, (uint32_t)nc);
}
} // namespace

TOK_FN1(partition, grid, partitionBy(c, grid, tok(c, TOK_ID_palette_t, grid)))
ARCDSL_EXPORT av arcdsl_tok_fgpartition(ArcCtx *c, av grid) {
  ARC_PRIM_ENTER(c);
  av pal = tok(c, TOK_ID_palette_t, grid);
  av bg = tok(c, TOK_ID_mostcolor_t, grid);
  if (c->err)
    return kErr;
  if (!isSet(c, pal)) // palette_t - {bg}
    return fail(c, ERR_TYPE);
  if (isPyOrder(c)) {
    av one = pySetFromSetOf(c, &bg, 1);
    return c->err ? kErr : partitionBy(c, grid, pySetSub(c, pal, one));
  }
  return partitionBy(c, grid, arcdsl_prim_remove(c, bg, pal));
}

ARCDSL_EXPORT av arcdsl_tok_move(ArcCtx *c, av grid, av obj, av offset) {
  ARC_PRIM_ENTER(c);
  av covered = tok(c, TOK_ID_cover, grid, obj);
  return tok(c, TOK_ID_paint, covered, tok(c, TOK_ID_shift, obj, offset));
}

namespace {
/// The neighbours of loc at the given offsets (frozenset() for () or a
/// value that is not a tuple).
ARC_HD av around(ArcCtx *c, av loc, const int8_t (*d)[2], int n) {
  if (!isPyTuple(c, loc) || seqLen(c, loc) == 0)
    return makeSet(c, nullptr, 0);
  av i = pySubscriptValue(c, loc, intW(0)),
     j = pySubscriptValue(c, loc, intW(1));
  av xs[8];
  for (int k = 0; k < n && !c->err; ++k) {
    av t[2] = {pyAddSub(c, i, intW(d[k][0]), 1),
               pyAddSub(c, j, intW(d[k][1]), 1)};
    xs[k] = c->err ? kErr : makeTuple(c, t, 2);
  }
  return c->err ? kErr : makeSet(c, xs, (uint32_t)n);
}
constexpr int8_t kDN[4][2] = {{-1, 0}, {1, 0}, {0, -1}, {0, 1}};
constexpr int8_t kIN[4][2] = {{-1, -1}, {-1, 1}, {1, -1}, {1, 1}};
} // namespace

TOK_FN1(dneighbors, loc, around(c, loc, kDN, 4))
TOK_FN1(ineighbors, loc, around(c, loc, kIN, 4))
ARCDSL_EXPORT av arcdsl_tok_neighbors(ArcCtx *c, av loc) {
  ARC_PRIM_ENTER(c);
  av a = tok(c, TOK_ID_dneighbors, loc), b = tok(c, TOK_ID_ineighbors, loc);
  if (c->err)
    return kErr;
  if (!isSet(c, a) || !isSet(c, b))
    return fail(c, ERR_TYPE);
  return arcdsl_prim_combine(c, a, b);
}

ARCDSL_EXPORT av arcdsl_tok_hfrontier(ArcCtx *c, av loc) {
  ARC_PRIM_ENTER(c);
  if (isEmptyTuple(c, loc))
    return makeSet(c, nullptr, 0);
  av i = pySubscriptValue(c, loc, intW(0));
  av xs[30];
  for (int64_t j = 0; j < 30 && !c->err; ++j) {
    av t[2] = {i, intW(j)};
    xs[j] = makeTuple(c, t, 2);
  }
  return c->err ? kErr : makeSet(c, xs, 30);
}
ARCDSL_EXPORT av arcdsl_tok_vfrontier(ArcCtx *c, av loc) {
  ARC_PRIM_ENTER(c);
  av j = pySubscriptValue(c, loc, intW(1));
  av xs[30];
  for (int64_t i = 0; i < 30 && !c->err; ++i) {
    av t[2] = {intW(i), j};
    xs[i] = makeTuple(c, t, 2);
  }
  return c->err ? kErr : makeSet(c, xs, 30);
}

ARCDSL_EXPORT av arcdsl_tok_connect(ArcCtx *c, av a, av b) {
  ARC_PRIM_ENTER(c);
  if (isEmptyTuple(c, a) || isEmptyTuple(c, b))
    return makeSet(c, nullptr, 0);
  return arcdsl_prim_connect(c, a, b);
}

ARCDSL_EXPORT av arcdsl_tok_shoot(ArcCtx *c, av start, av direction) {
  ARC_PRIM_ENTER(c);
  if (isEmptyTuple(c, start) || isEmptySet(c, start) ||
      isEmptyTuple(c, direction) || isEmptySet(c, direction))
    return makeSet(c, nullptr, 0);
  av s0 = pySubscriptValue(c, start, intW(0)),
     s1 = pySubscriptValue(c, start, intW(1));
  av d0 = pySubscriptValue(c, direction, intW(0)),
     d1 = pySubscriptValue(c, direction, intW(1));
  if (c->err)
    return kErr;
  av m0 = arcdsl_prim_multiply(c, intW(42), d0);
  av m1 = arcdsl_prim_multiply(c, intW(42), d1);
  av e[2] = {arcdsl_prim_add(c, s0, m0), arcdsl_prim_add(c, s1, m1)};
  if (c->err)
    return kErr;
  return tok(c, TOK_ID_connect, start, makeTuple(c, e, 2));
}

TOK_FN2(sfilter_f, container, f, keepIf(c, container, true, [&](av e) {
          return truthy(c, callFn(c, f, 1, &e));
        }))

ARCDSL_EXPORT av arcdsl_tok_palette_t(ArcCtx *c, av element) {
  ARC_PRIM_ENTER(c);
  int64_t n = 0;
  av *xs = flatValues(c, element, &n);
  return xs ? makeSet(c, xs, (uint32_t)n) : kErr;
}

//===----------------------------------------------------------------------===//
// Grid transforms written with slices and zip: a GRID box goes to the
// Hodel primitive (same result); other values follow Python's sequence
// rules (a frozenset cannot be sliced, zip stops at the shortest row).
//===----------------------------------------------------------------------===//

namespace {
/// v[::-1] of a tuple (TypeError for sets and scalars).
ARC_HD av reversedSeq(ArcCtx *c, av v) {
  if (!isPyTuple(c, v))
    return fail(c, ERR_TYPE);
  int64_t n;
  av *xs = items(c, v, &n);
  if (!xs)
    return kErr;
  for (int64_t i = 0, j = n - 1; i < j; ++i, --j) {
    av t = xs[i];
    xs[i] = xs[j];
    xs[j] = t;
  }
  return makeTuple(c, xs, (uint32_t)n);
}

/// tuple(zip(*rows)) of an iterable of iterables.
ARC_HD av zipRows(ArcCtx *c, av rows) {
  int64_t h;
  av *rs = items(c, rows, &h);
  if (!rs)
    return kErr;
  int64_t w = -1;
  for (int64_t i = 0; i < h; ++i) {
    if (!hasLen(c, rs[i]))
      return fail(c, ERR_TYPE);
    int64_t len = seqLen(c, rs[i]);
    if (w < 0 || len < w)
      w = len;
  }
  if (w < 0)
    w = 0;
  av *cols = scratch(c, (uint64_t)w), *col = scratch(c, (uint64_t)h);
  if (!cols || !col || !charge(c, (uint64_t)(h * w + 1)))
    return kErr;
  for (int64_t j = 0; j < w; ++j) {
    for (int64_t i = 0; i < h; ++i)
      col[i] = seqAt(c, rs[i], j);
    cols[j] = makeTuple(c, col, (uint32_t)h);
  }
  return c->err ? kErr : makeTuple(c, cols, (uint32_t)w);
}

/// tuple(row[::-1] for row in rows).
ARC_HD av reverseEach(ArcCtx *c, av rows) {
  int64_t h;
  av *rs = items(c, rows, &h);
  if (!rs)
    return kErr;
  for (int64_t i = 0; i < h && !c->err; ++i)
    rs[i] = reversedSeq(c, rs[i]);
  return c->err ? kErr : makeTuple(c, rs, (uint32_t)h);
}
} // namespace

TOK_FN1(hmirror_t, g,
        isGrid(c, g) ? arcdsl_prim_hmirror(c, g) : reversedSeq(c, g))
TOK_FN1(vmirror_t, g,
        isGrid(c, g) ? arcdsl_prim_vmirror(c, g) : reverseEach(c, g))
TOK_FN1(dmirror_t, g, isGrid(c, g) ? arcdsl_prim_dmirror(c, g) : zipRows(c, g))
ARCDSL_EXPORT av arcdsl_tok_cmirror_t(ArcCtx *c, av g) {
  ARC_PRIM_ENTER(c);
  if (isGrid(c, g))
    return arcdsl_prim_cmirror(c, g);
  return zipRows(c, reverseEach(c, reversedSeq(c, g)));
}
TOK_FN1(rot90, g,
        isGrid(c, g) ? arcdsl_prim_rot90(c, g) : zipRows(c, reversedSeq(c, g)))
ARCDSL_EXPORT av arcdsl_tok_rot180(ArcCtx *c, av g) {
  ARC_PRIM_ENTER(c);
  if (isGrid(c, g))
    return arcdsl_prim_rot180(c, g);
  return reverseEach(c, reversedSeq(c, g));
}
ARCDSL_EXPORT av arcdsl_tok_rot270(ArcCtx *c, av g) {
  ARC_PRIM_ENTER(c);
  if (isGrid(c, g))
    return arcdsl_prim_rot270(c, g);
  return reversedSeq(c, reverseEach(c, zipRows(c, reversedSeq(c, g))));
}

//===----------------------------------------------------------------------===//
// Operators, upscaling, centre of mass and periods
//===----------------------------------------------------------------------===//

ARCDSL_EXPORT av arcdsl_tok_combine_f(ArcCtx *c, av a, av b) { // a | b
  ARC_PRIM_ENTER(c);
  if (isSet(c, a) && isSet(c, b))
    return isPyOrder(c) ? pySetOr(c, a, b) : arcdsl_prim_combine(c, a, b);
  if (isNum(a) && isNum(b)) {
    int64_t r = numOf(a) | numOf(b);
    return tagOf(a) == TAG_BOOL && tagOf(b) == TAG_BOOL ? mkBool(r != 0)
                                                        : intW(r);
  }
  return fail(c, ERR_TYPE);
}

ARCDSL_EXPORT av arcdsl_tok_combine_t(ArcCtx *c, av a, av b) { // a + b
  ARC_PRIM_ENTER(c);
  if (isPyTuple(c, a) && isPyTuple(c, b))
    return arcdsl_prim_combine(c, a, b);
  if (isNum(a) && isNum(b))
    return mkInt(c, numOf(a) + numOf(b));
  return fail(c, ERR_TYPE);
}

ARCDSL_EXPORT av arcdsl_tok_centerofmass(ArcCtx *c, av patch) {
  ARC_PRIM_ENTER(c);
  av idx = tok(c, TOK_ID_toindices, patch);
  av cols = zipRows(c, idx);
  int64_t n = seqLen(c, patch), k = seqLen(c, cols);
  if (c->err)
    return kErr;
  av *out = scratch(c, (uint64_t)k);
  if (!out)
    return kErr;
  for (int64_t q = 0; q < k; ++q) { // sum(col) // len(patch)
    av col = seqAt(c, cols, q);
    av sum = intW(0);
    for (int64_t i = 0, m = seqLen(c, col); i < m && !c->err; ++i)
      sum = pyAddSub(c, sum, seqAt(c, col, i), 1);
    out[q] = pyFloorDivValues(c, sum, intW(n));
  }
  return c->err ? kErr : makeTuple(c, out, (uint32_t)k);
}

namespace {
/// hupscale / vupscale over any rows: each value (or row) `factor` times.
ARC_HD av upscaleRows(ArcCtx *c, av grid, av factor, bool horizontal) {
  if (!isNum(factor))
    return fail(c, ERR_TYPE); // range(factor)
  int64_t f = numOf(factor) > 0 ? numOf(factor) : 0, h;
  av *rows = items(c, grid, &h);
  if (!rows)
    return kErr;
  if (!horizontal) {
    av *out = scratch(c, (uint64_t)(h * f));
    if (!out || !charge(c, (uint64_t)(h * f + 1)))
      return kErr;
    for (int64_t i = 0; i < h; ++i)
      for (int64_t k = 0; k < f; ++k)
        out[i * f + k] = rows[i];
    return makeTuple(c, out, (uint32_t)(h * f));
  }
  for (int64_t i = 0; i < h && !c->err; ++i) {
    if (!hasLen(c, rows[i]))
      return fail(c, ERR_TYPE);
    int64_t w = seqLen(c, rows[i]);
    av *r = scratch(c, (uint64_t)(w * f));
    if (!r || !charge(c, (uint64_t)(w * f + 1)))
      return kErr;
    for (int64_t j = 0; j < w; ++j) {
      av v = seqAt(c, rows[i], j);
      for (int64_t k = 0; k < f; ++k)
        r[j * f + k] = v;
    }
    rows[i] = makeTuple(c, r, (uint32_t)(w * f));
  }
  return c->err ? kErr : makeTuple(c, rows, (uint32_t)h);
}
} // namespace

ARCDSL_EXPORT av arcdsl_tok_hupscale(ArcCtx *c, av grid, av factor) {
  ARC_PRIM_ENTER(c);
  if (isGrid(c, grid) && isNum(factor))
    return arcdsl_prim_hupscale(c, grid, factor);
  return upscaleRows(c, grid, factor, true);
}
ARCDSL_EXPORT av arcdsl_tok_vupscale(ArcCtx *c, av grid, av factor) {
  ARC_PRIM_ENTER(c);
  if (isGrid(c, grid) && isNum(factor))
    return arcdsl_prim_vupscale(c, grid, factor);
  return upscaleRows(c, grid, factor, false);
}

namespace {
/// vperiod (k = 0) / hperiod (k = 1): the smallest p whose shifted copy,
/// cut at 0, lies inside the normalized object; else its height/width.
ARC_HD av period(ArcCtx *c, av obj, int64_t k) {
  av norm = tok(c, TOK_ID_normalize, obj);
  av ext = tok(c, k == 0 ? TOK_ID_height_f : TOK_ID_width_f, norm);
  if (c->err)
    return kErr;
  if (!isNum(ext))
    return fail(c, ERR_TYPE); // range(1, nan)
  int64_t n = seqLen(c, norm);
  if (c->err)
    return kErr;
  for (int64_t p = 1; p < numOf(ext); ++p) {
    uint64_t mark = arcdsl_rt_mark(c);
    av off = k == 0 ? mkPairRaw(-p, 0) : mkPairRaw(0, -p);
    av sh = tok(c, TOK_ID_shift, norm, off);
    int64_t m = seqLen(c, sh);
    bool subset = true;
    for (int64_t q = 0; q < m && subset && !c->err; ++q) {
      av e = seqAt(c, sh, q);
      av x = unpackItem(c, e, 3, k);
      (void)unpackItem(c, e, 3, 2);
      if (c->err)
        break;
      if (comparePy(c, x, intW(0)) < 0) // pruned: i >= 0
        continue;
      bool found = false;
      for (int64_t r = 0; r < n && !found; ++r)
        found = equalValues(c, e, seqAt(c, norm, r));
      subset = found;
    }
    arcdsl_rt_release(c, mark);
    if (c->err)
      return kErr;
    if (!charge(c, (uint64_t)(m * n + 1)))
      return kErr;
    if (subset)
      return intW(p);
  }
  return ext;
}
} // namespace

TOK_FN1(vperiod, obj, period(c, obj, 0))
TOK_FN1(hperiod, obj, period(c, obj, 1))

/// Deepest power(f, n) that tokpidjin's recursion (two frames a level,
/// the wrapper's and power's) completes under the reference's recursion
/// limit of 10,000 (refbatt.py); measured near 4,990, depending on the
/// depth it starts at: n between 4,900 and that is not modelled exactly.
constexpr int64_t kTokPowerDepth = 4900;

/// power(f, n): f for n == 1, n-fold composition for n >= 2. Any other
/// number (n <= 0, nan, inf, or past kTokPowerDepth) recurses until the
/// recursion limit; the innermost wrapped call falls back to () and each
/// level above composes over it, so calling the result raises TypeError
/// at once (modelled by one compose level over ()). A value that is no
/// number fails at once (`n - 1`).
ARCDSL_EXPORT av arcdsl_tok_power(ArcCtx *c, av f, av n) {
  ARC_PRIM_ENTER(c);
  if (isNum(n) && numOf(n) >= 1 && numOf(n) <= kTokPowerDepth)
    return arcdsl_prim_power(c, f, n);
  if (!isNum(n) && !isFloat(n)) // n - 1 raises in this very call
    return fail(c, ERR_TYPE);
  // The recursion never reaches n == 1: at the recursion limit the
  // innermost call's fallback is (), and every level above composes over
  // it. Calling the chain calls () first: a TypeError before f runs.
  return arcdsl_prim_compose(c, f, emptyTuple(c));
}

ARCDSL_EXPORT av arcdsl_tok_upscale_t(ArcCtx *c, av grid, av factor) {
  ARC_PRIM_ENTER(c);
  if (isGrid(c, grid) && isNum(factor))
    return arcdsl_prim_upscale(c, grid, factor);
  return upscaleRows(c, upscaleRows(c, grid, factor, true), factor, false);
}

ARCDSL_EXPORT av arcdsl_tok_square_t(ArcCtx *c, av grid) {
  ARC_PRIM_ENTER(c);
  av h = pyLen(c, grid);
  av w = pyLen(c, pySubscriptValue(c, grid, intW(0)));
  return c->err ? kErr : mkBool(pyEq(c, h, w));
}

ARCDSL_EXPORT av arcdsl_tok_box(ArcCtx *c, av patch) {
  ARC_PRIM_ENTER(c);
  if (isEmptyContainer(c, patch)) // patch in [frozenset(), ()]
    return makeSet(c, nullptr, 0);
  av ul = tok(c, TOK_ID_ulcorner, patch), lr = tok(c, TOK_ID_lrcorner, patch);
  av a = unpackItem(c, ul, 2, 0), b = unpackItem(c, ul, 2, 1);
  av e = unpackItem(c, lr, 2, 0), f = unpackItem(c, lr, 2, 1);
  return c->err ? kErr : borderOf(c, a, b, e, f);
}

//===----------------------------------------------------------------------===//
// Functions whose tokpidjin code differs from Hodel's where it shows
//===----------------------------------------------------------------------===//

/// `filtered = tuple(e for e in container if e != value)`; its first
/// element, or (): the first of the container's own order (Hodel's other
/// takes the first of a new set).
ARCDSL_EXPORT av arcdsl_tok_other_t(ArcCtx *c, av container, av value) {
  ARC_PRIM_ENTER(c);
  int64_t n;
  av *xs = items(c, container, &n);
  if (!xs)
    return kErr;
  for (int64_t k = 0; k < n; ++k)
    if (!pyEq(c, xs[k], value))
      return xs[k];
  return emptyTuple(c);
}

/// `sum(row.count(color) for row in grid)`, whatever the container: the
/// rows of a set of (i, j, c) cells are the cells (i and j count too).
ARCDSL_EXPORT av arcdsl_tok_colorcount_t(ArcCtx *c, av grid, av color) {
  ARC_PRIM_ENTER(c);
  if (isGrid(c, grid))
    return arcdsl_prim_colorcount(c, grid, color);
  int64_t n, total = 0;
  av *rows = items(c, grid, &n);
  if (!rows)
    return kErr;
  for (int64_t k = 0; k < n; ++k) {
    if (isSet(c, rows[k]) || !hasLen(c, rows[k])) // no .count
      return fail(c, ERR_TYPE);
    int64_t m = seqLen(c, rows[k]);
    for (int64_t q = 0; q < m && !c->err; ++q) // tuple.count: is, then ==
      total += seqAt(c, rows[k], q) == color ||
               equalValues(c, seqAt(c, rows[k], q), color);
  }
  return c->err ? kErr : mkInt(c, total);
}

/// Hodel's code over tokpidjin's toindices and center (a tuple of (i, j, c)
/// cells is a patch there; center of nothing is ()), so `ia, ja = ...`
/// fails where a centre is not a pair; None when no comparison holds.
ARCDSL_EXPORT av arcdsl_tok_position(ArcCtx *c, av a, av b) {
  ARC_PRIM_ENTER(c);
  av ca = tok(c, TOK_ID_center, tok(c, TOK_ID_toindices, a));
  av cb = tok(c, TOK_ID_center, tok(c, TOK_ID_toindices, b));
  av ia = unpackItem(c, ca, 2, 0), ja = unpackItem(c, ca, 2, 1);
  av ib = unpackItem(c, cb, 2, 0), jb = unpackItem(c, cb, 2, 1);
  if (c->err)
    return kErr;
  auto lt = [&](av x, av y) { return pyGt(c, y, x); };
  auto side = [&](bool less) { return intW(less ? 1 : -1); };
  av xs[2];
  if (pyEq(c, ia, ib)) {
    xs[0] = intW(0), xs[1] = side(lt(ja, jb));
  } else if (pyEq(c, ja, jb)) {
    xs[0] = side(lt(ia, ib)), xs[1] = intW(0);
  } else if (lt(ia, ib)) {
    xs[0] = intW(1), xs[1] = side(lt(ja, jb));
  } else if (pyGt(c, ia, ib)) {
    xs[0] = intW(-1), xs[1] = side(lt(ja, jb));
  } else {
    return c->err ? kErr : kNone; // nan: the function falls through
  }
  return c->err ? kErr : makeTuple(c, xs, 2);
}

/// Hodel's code, but the background is tokpidjin's mostcolor_t: nan for a
/// grid with no cells, where Hodel's mostcolor raises; such a grid comes
/// back as `tuple(tuple(r) for r in g)` once obj unpacks.
ARCDSL_EXPORT av arcdsl_tok_underpaint(ArcCtx *c, av grid, av obj) {
  ARC_PRIM_ENTER(c);
  int64_t h = seqLen(c, grid);
  av row0 = c->err ? kErr : pySubscriptValue(c, grid, intW(0)); // len(grid[0])
  av bg = c->err ? kErr : tok(c, TOK_ID_mostcolor_t, grid);
  if (c->err || !(isFloat(bg) && floatOf(bg) == FLOAT_NAN))
    return c->err ? kErr : arcdsl_prim_underpaint(c, grid, obj);
  seqLen(c, row0); // w = len(grid[0]): 0, so no cell qualifies below
  int64_t n;
  av *cs = c->err ? nullptr : items(c, obj, &n);
  if (!cs)
    return kErr;
  for (int64_t k = 0; k < n; ++k) { // for i, j, c in obj: 0 <= i < h ...
    av i = unpackItem(c, cs[k], 3, 0), j = unpackItem(c, cs[k], 3, 1);
    if (c->err)
      return kErr;
    if (!isNum(i) && !isFloat(i))
      return fail(c, ERR_TYPE);
    if (isNum(i) && numOf(i) >= 0 && numOf(i) < h && !isNum(j) && !isFloat(j))
      return fail(c, ERR_TYPE);
  }
  av *rows = items(c, grid, &n);
  if (!rows)
    return kErr;
  for (int64_t k = 0; k < n; ++k) {
    int64_t m;
    av *r = items(c, rows[k], &m);
    if (!r && m)
      return kErr;
    rows[k] = makeTuple(c, r, (uint32_t)m);
  }
  return c->err ? kErr : makeTuple(c, rows, (uint32_t)n);
}

/// tokpidjin's upscale_f: the object branch for any argument (a tuple of
/// cells too): shift(element, (-i0, -j0)), every (i, j, c) of it scaled
/// into o = set(), shift(frozenset(o), (i0, j0)).
ARCDSL_EXPORT av arcdsl_tok_upscale_f(ArcCtx *c, av element, av factor) {
  ARC_PRIM_ENTER(c);
  if (isSet(c, element) && isNum(factor) && !isPyOrder(c))
    return arcdsl_prim_upscale(c, element, factor);
  int64_t n = seqLen(c, element);
  if (c->err)
    return kErr;
  if (n == 0)
    return makeSet(c, nullptr, 0);
  av ul = tok(c, TOK_ID_ulcorner, element);
  av di = unpackItem(c, ul, 2, 0), dj = unpackItem(c, ul, 2, 1);
  if (c->err)
    return kErr;
  if (!isNum(di) || !isNum(dj) || !isNum(factor)) // -x, range(factor)
    return fail(c, ERR_TYPE);
  int64_t f = numOf(factor) > 0 ? numOf(factor) : 0;
  av normed = tok(c, TOK_ID_shift, element, mkPairRaw(-numOf(di), -numOf(dj)));
  int64_t m;
  av *cs = c->err ? nullptr : items(c, normed, &m);
  if (!cs || !charge(c, (uint64_t)(m * f * f + 1)))
    return kErr;
  av *xs = scratch(c, (uint64_t)(m * f * f));
  if (!xs && m * f)
    return kErr;
  int64_t k = 0;
  for (int64_t q = 0; q < m; ++q) {
    av i = unpackItem(c, cs[q], 3, 0), j = unpackItem(c, cs[q], 3, 1);
    av col = unpackItem(c, cs[q], 3, 2);
    if (c->err)
      return kErr;
    if (f && (!isNum(i) || !isNum(j)))
      return fail(c, ERR_TYPE);
    for (int64_t a = 0; a < f; ++a)
      for (int64_t b = 0; b < f; ++b) {
        av t[3] = {mkInt(c, numOf(i) * f + a), mkInt(c, numOf(j) * f + b), col};
        xs[k++] = makeTuple(c, t, 3);
      }
  }
  if (c->err)
    return kErr;
  av o = isPyOrder(c) ? pySetFromSetOf(c, xs, (uint32_t)k)
                      : makeSet(c, xs, (uint32_t)k);
  return c->err ? kErr : tok(c, TOK_ID_shift, o, ul);
}

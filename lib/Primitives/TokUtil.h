//===- TokUtil.h - helpers of the tokpidjin functions -----------*- C++ -*-===//
//
// Private to lib/Primitives: what the tokpidjin entries of every topic file
// share: inner calls through the wrapped DSL names (`tok(...)`, each a catch
// point), Python's equality, ordering and len as tokpidjin's code meets them,
// and the TOK_FN1/2/3 one-expression entries. Host/device neutral.
//===----------------------------------------------------------------------===//

#ifndef ARCDSL_LIB_PRIMITIVES_TOK_UTIL_H
#define ARCDSL_LIB_PRIMITIVES_TOK_UTIL_H

#include "ArcDsl/Primitives/Hof.h"
#include "ArcDsl/Primitives/Primitives.h"
#include "ArcDsl/Primitives/PySet.h"
#include "PrimUtil.h"
#include "PyRules.h"

namespace arcdsl {

namespace {
inline ARC_HD bool isEmptyContainer(ArcCtx *c, av v) {
  return isBox(v) && box(c, v)->n == 0;
}

} // namespace

//===----------------------------------------------------------------------===//
// Helpers
//===----------------------------------------------------------------------===//

namespace {
/// Python `a == b` where nan equals nothing (defined with the arithmetic).
inline ARC_HD bool pyEq(ArcCtx *c, av a, av b);

/// An inner call of tokpidjin's code through a DSL name (a catch point).
inline ARC_HD av tok(ArcCtx *c, uint32_t k, av a0) {
  return arcdsl_rt_tok_call(c, k, 1, &a0);
}
inline ARC_HD av tok(ArcCtx *c, uint32_t k, av a0, av a1) {
  av a[2] = {a0, a1};
  return arcdsl_rt_tok_call(c, k, 2, a);
}
inline ARC_HD av tok(ArcCtx *c, uint32_t k, av a0, av a1, av a2) {
  av a[3] = {a0, a1, a2};
  return arcdsl_rt_tok_call(c, k, 3, a);
}
inline ARC_HD av tok(ArcCtx *c, uint32_t k, av a0, av a1, av a2, av a3) {
  av a[4] = {a0, a1, a2, a3};
  return arcdsl_rt_tok_call(c, k, 4, a);
}

/// Python `type(v) is tuple`.
inline ARC_HD bool isPyTuple(ArcCtx *c, av v) {
  uint32_t t = tagOf(v);
  return t == TAG_PAIR || t == TAG_CELL || t == TAG_TRIPLE ||
         isTupleBox(c, v) || isGrid(c, v);
}

/// `hasattr(v, '__len__')`.
inline ARC_HD bool hasLen(ArcCtx *c, av v) {
  uint32_t t = tagOf(v);
  return t == TAG_BOX || t == TAG_PAIR || t == TAG_CELL || t == TAG_TRIPLE;
}
/// `v == ()`, `v == frozenset()`.
inline ARC_HD bool isEmptyTuple(ArcCtx *c, av v) {
  return isTupleBox(c, v) && box(c, v)->n == 0;
}
inline ARC_HD bool isEmptySet(ArcCtx *c, av v) {
  return isSet(c, v) && box(c, v)->n == 0;
}

/// Python `v == k` for an int constant k (never raises).
inline ARC_HD bool eqInt(av v, int64_t k) { return isNum(v) && numOf(v) == k; }

/// Python `-n <= rank < n`: false for inf/nan, TypeError for non-numbers;
/// the index (rank, or rank + n when negative) in *idx.
inline ARC_HD bool rankIn(ArcCtx *c, av rank, int64_t n, int64_t *idx) {
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
inline ARC_HD av *items(ArcCtx *c, av v, int64_t *n) {
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
inline ARC_HD av keepIf(ArcCtx *c, av container, bool asSet, Keep keep) {
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
inline ARC_HD int64_t setCounts(ArcCtx *c, const av *xs, int64_t n, av **vals,
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

/// h, w = len(grid), len(grid[0]) as tokpidjin's code reads them: grid[0]
/// of a frozenset is a TypeError, of () an IndexError; false with the error
/// set (w may come with an error set: the caller checks).
static inline ARC_HD bool gridDims(ArcCtx *c, av grid, int64_t &h, int64_t &w) {
  h = seqLen(c, grid);
  if (c->err)
    return false;
  if (isSet(c, grid)) {
    fail(c, ERR_TYPE);
    return false;
  }
  if (h == 0) {
    fail(c, ERR_INDEX);
    return false;
  }
  w = seqLen(c, seqAt(c, grid, 0));
  return true;
}

/// `type(like)()`: frozenset() for a frozenset, () otherwise.
inline ARC_HD av emptyLike(ArcCtx *c, av like) {
  return isSet(c, like) ? makeSet(c, nullptr, 0) : makeTuple(c, nullptr, 0);
}

/// The sort key of x: f(x), or x itself for `key=None`.
inline ARC_HD av keyOf(ArcCtx *c, av f, av x) {
  return tagOf(f) == TAG_NONE ? x : callFn(c, f, 1, &x);
}

/// sorted(xs, key=f[, reverse]) in place (Python's stable sort; reverse
/// keeps equal keys in their order, as CPython's reverse=True does).
inline ARC_HD bool sortBy(ArcCtx *c, av *xs, int64_t n, av f, bool reverse) {
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

/// len(v) (n) and a scratch array of that many words; null on error.
static inline ARC_HD av *lenScratch(ArcCtx *c, av v, int64_t *n) {
  *n = seqLen(c, v);
  if (c->err)
    return nullptr;
  return scratch(c, (uint64_t)*n);
}

/// sorted(container, key=f, reverse=reverse) on the arena (n set); null
/// on error.
static inline ARC_HD av *sortedItems(ArcCtx *c, av container, av f,
                                     bool reverse, int64_t *n) {
  av *xs = items(c, container, n);
  if (!xs || !sortBy(c, xs, *n, f, reverse))
    return nullptr;
  return xs;
}

/// Counter(xs).most_common(): distinct values by count descending, ties in
/// first-seen order. Returns how many distinct values (vals/counts filled).
inline ARC_HD int64_t mostCommon(ArcCtx *c, const av *xs, int64_t n, av *vals,
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
inline ARC_HD av *cellColors(ArcCtx *c, av obj, int64_t *n) {
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
inline ARC_HD av extreme(ArcCtx *c, av container, av f, bool wantMax) {
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

//===----------------------------------------------------------------------===//
// Compositions: tokpidjin functions written in terms of other DSL functions.
// Each inner call is a catch point (an inner function that raises gives its
// own default, 0 for an Integer, and the outer one goes on), and the special
// floats flow through the arithmetic, so these follow tokpidjin's code.
//===----------------------------------------------------------------------===//

namespace {
/// Python a + sign * b for ints and the special floats (inf - inf is nan);
/// TypeError for anything else.
inline ARC_HD av pyAddSub(ArcCtx *c, av a, av b, int sign) {
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
inline ARC_HD bool pyEq(ArcCtx *c, av a, av b) {
  if ((isFloat(a) && floatOf(a) == FLOAT_NAN) ||
      (isFloat(b) && floatOf(b) == FLOAT_NAN))
    return false;
  return equalValues(c, a, b);
}

/// Python `a > b` (comparisons with nan are false).
inline ARC_HD bool pyGt(ArcCtx *c, av a, av b) {
  if ((isFloat(a) && floatOf(a) == FLOAT_NAN) ||
      (isFloat(b) && floatOf(b) == FLOAT_NAN))
    return false;
  return comparePy(c, a, b) > 0;
}

/// len(v) as Python computes it (TypeError without __len__).
inline ARC_HD av pyLen(ArcCtx *c, av v) {
  int64_t n = seqLen(c, v);
  return c->err ? kErr : intW(n);
}

/// max/min(set(list(c)), key=list(c).count): the first (max) or first
/// (min) of the values in set order with the extreme count.
inline ARC_HD av commonExtreme(ArcCtx *c, av container, bool wantMax) {
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

/// `a, b = e` of an element (ValueError for another length, TypeError for
/// a non-iterable); k picks which item to return.
inline ARC_HD av unpackItem(ArcCtx *c, av e, int64_t len, int64_t k) {
  if (!hasLen(c, e))
    return fail(c, ERR_TYPE);
  int64_t n = seqLen(c, e);
  if (c->err)
    return kErr;
  if (n != len)
    return fail(c, ERR_VALUE);
  return seqAt(c, e, k);
}

inline ARC_HD av indicesOf(ArcCtx *c, av patch, uint32_t toIdx) {
  return toIdx == TOK_ID_toindices_i ? patch : tok(c, toIdx, patch);
}

/// tuple(zip(*rows)) of an iterable of iterables.
inline ARC_HD av zipRows(ArcCtx *c, av rows) {
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
#define TOK_FN3(name, a, b, d, expr)                                           \
  ARCDSL_EXPORT av arcdsl_tok_##name(ArcCtx *c, av a, av b, av d) {            \
    ARC_PRIM_ENTER(c);                                                         \
    return expr;                                                               \
  }

} // namespace arcdsl

#endif // ARCDSL_LIB_PRIMITIVES_TOK_UTIL_H

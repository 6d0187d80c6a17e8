//===- ContainerUtil.h - helpers of the container primitives ----*- C++ -*-===//
//
// Private to lib/Primitives: sequence views, the sorted-set algebra and the
// generic container builders that Arith, Containers and Selection share.
// Host/device neutral: no STL, no heap, no function pointers.
//===----------------------------------------------------------------------===//

#ifndef ARCDSL_LIB_PRIMITIVES_CONTAINER_UTIL_H
#define ARCDSL_LIB_PRIMITIVES_CONTAINER_UTIL_H

#include "ArcDsl/Primitives/Hof.h"
#include "ArcDsl/Primitives/Primitives.h"
#include "ArcDsl/Primitives/PySet.h"
#include "PrimUtil.h"
#include "PyRules.h"

namespace arcdsl {

namespace {
//===----------------------------------------------------------------------===//
// Classification and sequence views
//===----------------------------------------------------------------------===//

/// A read view of any iterable value. `p` is set for tuple/set boxes, whose
/// elements are read directly; other kinds go through seqAt.
struct Seq {
  av v;
  const av *p;
  int64_t n;
  uint32_t kind; ///< box kind, or 0 for PAIR/CELL
};

/// Open a view; false (and ERR_TYPE) when v is not iterable.
static inline ARC_HD bool openSeq(ArcCtx *c, av v, Seq &s) {
  s.v = v;
  s.p = nullptr;
  s.kind = 0;
  uint32_t t = tagOf(v);
  if (t == TAG_PAIR || t == TAG_CELL || t == TAG_TRIPLE) {
    s.n = t == TAG_TRIPLE ? 3 : 2;
    return true;
  }
  if (t != TAG_BOX) {
    fail(c, ERR_TYPE);
    return false;
  }
  Box *b = box(c, v);
  s.kind = b->kind;
  s.n = b->n;
  if (b->kind == BOX_TUPLE || b->kind == BOX_SET)
    s.p = elems(b);
  return true;
}

static inline ARC_HD av seqGet(ArcCtx *c, const Seq &s, int64_t k) {
  return s.p ? s.p[k] : seqAt(c, s.v, k);
}

/// The 2-tuple (x, y), canonical.
static inline ARC_HD av mk2(ArcCtx *c, av x, av y) {
  if (tagOf(x) == TAG_INT && tagOf(y) == TAG_INT) {
    int64_t i = numOf(x), j = numOf(y);
    if (pairFits(i, j))
      return mkPairRaw(i, j);
  }
  av t[2] = {x, y};
  return makeTuple(c, t, 2);
}

/// Give back the unused tail of the last allocated sequence box and set its
/// length to n.
static inline ARC_HD void shrinkSeq(ArcCtx *c, Box *b, uint32_t n) {
  uint64_t end = (uint64_t)((uint8_t *)(elems(b) + b->n) - c->base);
  if (c->top == end)
    c->top = (uint64_t)((uint8_t *)(elems(b) + n) - c->base);
  b->n = n;
}

/// Does `v` equal row r of grid g (Python ==)? Rows are tuples of ints.
static inline ARC_HD bool rowEquals(ArcCtx *c, av v, Box *g, int64_t r) {
  const GridCell *row = cells(g) + r * (int64_t)g->w;
  uint32_t t = tagOf(v);
  if (t == TAG_PAIR)
    return g->w == 2 && pairI(v) == row[0] && pairJ(v) == row[1];
  if (t == TAG_TRIPLE)
    return g->w == 3 && tripleA(v) == row[0] && tripleB(v) == row[1] &&
           tripleC(v) == row[2];
  if (t != TAG_BOX)
    return false;
  Box *b = box(c, v);
  if (b->kind != BOX_TUPLE || b->n != g->w)
    return false;
  const av *e = elems(b);
  for (uint32_t k = 0; k < b->n; ++k)
    if (!isNum(e[k]) || numOf(e[k]) != row[k])
      return false;
  return true;
}

/// `yes if cond else no` (truthiness may raise).
static inline ARC_HD av truthPick(ArcCtx *c, av cond, av yes, av no) {
  bool t = truthy(c, cond);
  if (c->err)
    return kErr;
  return t ? yes : no;
}

/// Python `value in container`: 1, 0, or -1 with an error set.
static inline ARC_HD int contains(ArcCtx *c, av value, av container) {
  uint32_t t = tagOf(container);
  if (t == TAG_PAIR) {
    if (!isNum(value))
      return 0;
    int64_t x = numOf(value);
    return x == pairI(container) || x == pairJ(container);
  }
  if (t == TAG_TRIPLE) {
    if (!isNum(value))
      return 0;
    int64_t x = numOf(value);
    return x == tripleA(container) || x == tripleB(container) ||
           x == tripleC(container);
  }
  if (t == TAG_CELL) {
    if (isNum(value))
      return numOf(value) == cellC(container);
    return tagOf(value) == TAG_PAIR && pairI(value) == cellI(container) &&
           pairJ(value) == cellJ(container);
  }
  if (t != TAG_BOX) {
    fail(c, ERR_TYPE);
    return -1;
  }
  Box *b = box(c, container);
  if (b->kind == BOX_GRID) {
    for (uint32_t r = 0; r < b->n; ++r)
      if (rowEquals(c, value, b, r))
        return 1;
    return 0;
  }
  const av *e = elems(b);
  uint32_t n = b->n;
  if (b->kind == BOX_SET && isPyLayout(b))
    return pySetHas(c, container, value) ? 1 : 0;
  if (b->kind == BOX_SET && n > 8) {
    // Sorted in canonical order: binary search.
    uint32_t lo = 0, hi = n;
    while (lo < hi) {
      uint32_t mid = lo + (hi - lo) / 2;
      int r = compareCanon(c, e[mid], value);
      if (r == 0)
        return equalValues(c, e[mid], value) ? 1 : 0;
      if (r < 0)
        lo = mid + 1;
      else
        hi = mid;
    }
    return 0;
  }
  for (uint32_t k = 0; k < n; ++k)
    if (e[k] == value || equalValues(c, e[k], value))
      return 1;
  return 0;
}

//===----------------------------------------------------------------------===//
// Sorted-set algebra (SET boxes are sorted ascending and unique)
//===----------------------------------------------------------------------===//

enum SetOp { SO_UNION, SO_INTER, SO_DIFF };

static inline ARC_HD av setAlgebra(ArcCtx *c, av a, av b, SetOp op) {
  Box *ba = box(c, a), *bb = box(c, b);
  uint32_t na = ba->n, nb = bb->n;
  uint64_t cap = op == SO_UNION ? (uint64_t)na + nb
                                : (op == SO_INTER ? (na < nb ? na : nb) : na);
  if (cap > 0xFFFFFFFFull)
    return fail(c, ERR_CAPACITY);
  if (!charge(c, na + nb + 1))
    return kErr;
  if (isPyOrder(c)) // a | b, a & b, a - b as CPython builds them
    return op == SO_UNION   ? pySetOr(c, a, b)
           : op == SO_INTER ? pySetAnd(c, a, b)
                            : pySetSub(c, a, b);
  // Fast answers that reuse an argument.
  if (op == SO_UNION && nb == 0)
    return a;
  if (op == SO_UNION && na == 0)
    return b;
  if (op == SO_DIFF && (nb == 0 || na == 0))
    return a;
  if (op == SO_INTER && (na == 0 || nb == 0))
    return na == 0 ? a : b;
  Box *r = newSeq(c, BOX_SET, (uint32_t)cap);
  if (!r)
    return kErr;
  // Re-read after allocation (the arena does not move, but be explicit).
  const av *ea = elems(box(c, a)), *eb = elems(box(c, b));
  av *out = elems(r);
  uint32_t i = 0, j = 0, k = 0;
  while (i < na && j < nb) {
    int cmp = compareCanon(c, ea[i], eb[j]);
    if (cmp < 0) {
      if (op != SO_INTER)
        out[k++] = ea[i];
      ++i;
    } else if (cmp > 0) {
      if (op == SO_UNION)
        out[k++] = eb[j];
      ++j;
    } else {
      if (op != SO_DIFF)
        out[k++] = ea[i];
      ++i;
      ++j;
    }
  }
  if (op != SO_INTER)
    while (i < na)
      out[k++] = ea[i++];
  if (op == SO_UNION)
    while (j < nb)
      out[k++] = eb[j++];
  shrinkSeq(c, r, k);
  return boxRef(c, r);
}

//===----------------------------------------------------------------------===//
// Generic container building
//===----------------------------------------------------------------------===//

/// Append the elements of `v` (any iterable) to xs at *k.
static inline ARC_HD bool appendAll(ArcCtx *c, av *xs, uint64_t *k,
                                    const Seq &s) {
  if (s.p) {
    for (int64_t i = 0; i < s.n; ++i)
      xs[(*k)++] = s.p[i];
  } else {
    for (int64_t i = 0; i < s.n; ++i) {
      xs[(*k)++] = seqAt(c, s.v, i);
      if (c->err)
        return false;
    }
  }
  return true;
}

/// A grid stacking two grids of one width.
static inline ARC_HD av stackGrids(ArcCtx *c, av a, av b) {
  Box *ga = box(c, a), *gb = box(c, b);
  uint64_t h = (uint64_t)ga->n + gb->n, w = ga->w;
  if (!charge(c, h * w + 1))
    return kErr;
  Box *g = newGrid(c, (int64_t)h, (int64_t)w);
  if (!g)
    return kErr;
  ga = box(c, a);
  gb = box(c, b);
  GridCell *o = cells(g);
  uint64_t na = (uint64_t)ga->n * w, nb = (uint64_t)gb->n * w;
  const GridCell *pa = cells(ga), *pb = cells(gb);
  for (uint64_t i = 0; i < na; ++i)
    o[i] = pa[i];
  for (uint64_t i = 0; i < nb; ++i)
    o[na + i] = pb[i];
  return boxRef(c, g);
}

/// A charged scratch array for n elements of a new container (CAPACITY past
/// 2^32 - 1); false with the error set.
static inline ARC_HD bool elemScratch(ArcCtx *c, uint64_t n, av *&xs) {
  if (n > 0xFFFFFFFFull) {
    fail(c, ERR_CAPACITY);
    return false;
  }
  if (!charge(c, n + 1))
    return false;
  xs = scratch(c, n);
  return xs || !n;
}

/// A scratch array for n >= 0 elements, charged first (then CAPACITY past
/// 2^32 - 1); false with the error set.
static inline ARC_HD bool countScratch(ArcCtx *c, int64_t n, av *&xs) {
  if (!charge(c, (uint64_t)n + 1))
    return false;
  if (n > 0xFFFFFFFFll) {
    fail(c, ERR_CAPACITY);
    return false;
  }
  xs = scratch(c, (uint64_t)n);
  return xs || !n;
}

/// The elements of a, then those of b, on the arena (xs, n); false with the
/// error set.
static inline ARC_HD bool concatElems(ArcCtx *c, av a, av b, av *&xs,
                                      uint32_t &n) {
  Seq sa, sb;
  if (!openSeq(c, a, sa) || !openSeq(c, b, sb))
    return false;
  uint64_t m = (uint64_t)sa.n + (uint64_t)sb.n;
  if (!elemScratch(c, m, xs))
    return false;
  uint64_t k = 0;
  if (!appendAll(c, xs, &k, sa) || !appendAll(c, xs, &k, sb))
    return false;
  n = (uint32_t)m;
  return true;
}

static inline ARC_HD av concatSeq(ArcCtx *c, av a, av b) {
  if (isGrid(c, a) && isGrid(c, b) && box(c, a)->w == box(c, b)->w)
    return stackGrids(c, a, b);
  av *xs;
  uint32_t n;
  if (!concatElems(c, a, b, xs, n))
    return kErr;
  return makeTuple(c, xs, n);
}

/// A scratch copy of the n >= 1 elements of s; nullptr on error.
static inline ARC_HD av *copyElems(ArcCtx *c, const Seq &s) {
  av *xs = scratch(c, (uint64_t)s.n);
  if (!xs)
    return nullptr;
  uint64_t k = 0;
  if (!appendAll(c, xs, &k, s))
    return nullptr;
  return xs;
}

/// Stable merge sort of an index permutation by compareCanon of the values.
static inline ARC_HD bool sortIndices(ArcCtx *c, const av *vals, uint32_t *idx,
                                      uint32_t n) {
  uint32_t *tmp = (uint32_t *)arenaAlloc(c, 4ull * n + 8);
  if (!tmp)
    return false;
  uint32_t *src = idx, *dst = tmp;
  for (uint32_t width = 1; width < n; width *= 2) {
    for (uint32_t lo = 0; lo < n; lo += 2 * width) {
      uint32_t mid = lo + width < n ? lo + width : n;
      uint32_t hi = lo + 2 * width < n ? lo + 2 * width : n;
      uint32_t i = lo, j = mid, k = lo;
      while (i < mid && j < hi) {
        if (compareCanon(c, vals[src[j]], vals[src[i]]) < 0)
          dst[k++] = src[j++];
        else
          dst[k++] = src[i++];
      }
      while (i < mid)
        dst[k++] = src[i++];
      while (j < hi)
        dst[k++] = src[j++];
    }
    uint32_t *t = src;
    src = dst;
    dst = t;
  }
  if (src != idx)
    for (uint32_t k = 0; k < n; ++k)
      idx[k] = src[k];
  return true;
}

/// Shared body of mostcommon/leastcommon.
static inline ARC_HD av commonest(ArcCtx *c, av container, bool most) {
  Seq s;
  if (!openSeq(c, container, s))
    return kErr;
  if (s.kind == BOX_SET)
    return fail(c, ERR_TYPE); // frozenset has no .count
  if (s.n == 0)
    return fail(c, ERR_VALUE);
  if (!charge(c, (uint64_t)s.n + 1))
    return kErr;
  if (isPyOrder(c)) {
    av *xs = copyElems(c, s);
    return xs ? pyCommonest(c, xs, (uint32_t)s.n, most) : kErr;
  }
  if (tagOf(container) == TAG_PAIR) {
    int64_t x = pairI(container), y = pairJ(container);
    if (x == y)
      return mkInt(c, x);
    return mkInt(c, x < y ? x : y); // both counts 1: smallest wins
  }
  av *xs = copyElems(c, s);
  if (!xs)
    return kErr;
  uint32_t n = (uint32_t)s.n;
  sortValues(c, xs, n);
  if (c->err)
    return kErr;
  av best = xs[0];
  uint32_t bestCount = 0;
  bool have = false;
  uint32_t i = 0;
  while (i < n) {
    uint32_t j = i + 1;
    while (j < n && equalValues(c, xs[i], xs[j]))
      ++j;
    uint32_t cnt = j - i;
    if (!have || (most ? cnt > bestCount : cnt < bestCount)) {
      best = xs[i];
      bestCount = cnt;
      have = true;
    }
    i = j;
  }
  return best;
}

/// Shared body of maximum/minimum: Python max/min with default 0.
static inline ARC_HD av extremum(ArcCtx *c, av container, bool wantMax) {
  Seq s;
  if (!openSeq(c, container, s))
    return kErr;
  if (s.n == 0)
    return mkInt(c, 0);
  if (tagOf(container) == TAG_PAIR) {
    int64_t x = pairI(container), y = pairJ(container);
    return mkInt(c, wantMax ? (y > x ? y : x) : (y < x ? y : x));
  }
  if (s.kind == BOX_SET && !isPyOrder(c) && isNum(s.p[s.n - 1]))
    return wantMax ? s.p[s.n - 1] : s.p[0]; // all ints, sorted
  if (!charge(c, (uint64_t)s.n + 1))
    return kErr;
  av best = seqGet(c, s, 0);
  for (int64_t k = 1; k < s.n; ++k) {
    av e = seqGet(c, s, k);
    int r = comparePy(c, e, best);
    if (c->err)
      return kErr;
    if (wantMax ? r > 0 : r < 0)
      best = e;
  }
  return best;
}

} // namespace

} // namespace arcdsl

#endif // ARCDSL_LIB_PRIMITIVES_CONTAINER_UTIL_H

//===- PatchUtil.h - helpers of the patch primitives ------------*- C++ -*-===//
//
// Private to lib/Primitives: the toindices view and the small helpers that the
// patch topic files (PatchShape, PatchPlace, PatchLines, ObjectFilters) share.
// Host/device neutral: no STL, no heap, no function pointers.
//===----------------------------------------------------------------------===//

#ifndef ARCDSL_LIB_PRIMITIVES_PATCH_UTIL_H
#define ARCDSL_LIB_PRIMITIVES_PATCH_UTIL_H

#include "ArcDsl/Primitives/Hof.h"
#include "ArcDsl/Primitives/Primitives.h"
#include "ArcDsl/Primitives/PySet.h"
#include "PrimUtil.h"
#include "PyRules.h"

namespace arcdsl {

namespace {
/// How `toindices(patch)` is iterated.
enum PtsMode : uint8_t {
  PM_EMPTY = 0, ///< no elements
  PM_PAIRS = 1, ///< elements are the indices themselves
  PM_CELLS = 2, ///< elements are (value, index); indices form a new set
  PM_GRID = 3,  ///< a grid: its rows are the elements (returned as is)
};

struct Pts {
  uint8_t mode;
  bool isSet;        ///< the patch is a frozenset
  uint32_t n;        ///< number of elements of the patch
  const av *e;       ///< elements (PAIRS / CELLS)
  const GridCell *g; ///< grid cells (GRID)
  uint32_t w;        ///< grid width (GRID)
};

} // namespace

static constexpr int64_t kI64Max = INT64_MAX;
static constexpr int64_t kI64Min = INT64_MIN;

//===----------------------------------------------------------------------===//
// Small helpers
//===----------------------------------------------------------------------===//

static inline ARC_HD int64_t absI(int64_t x) { return x < 0 ? -x : x; }

/// PAIR (i, j), ERR_CAPACITY when a coordinate does not fit.
static inline ARC_HD av pairChk(ArcCtx *c, int64_t i, int64_t j) {
  if (!pairFits(i, j))
    return fail(c, ERR_CAPACITY);
  return mkPairRaw(i, j);
}

/// The tuple (value, idx) in canonical form (a CELL when it fits).
static inline ARC_HD av cellOf(ArcCtx *c, av value, av idx) {
  if (tagOf(value) == TAG_INT && tagOf(idx) == TAG_PAIR) {
    int64_t col = numOf(value), i = pairI(idx), j = pairJ(idx);
    if (cFits(c, col, i, j))
      return mkCellW(c, col, i, j);
  }
  if (isTok(c)) { // (i, j, value)
    av t[3] = {seqAt(c, idx, 0), seqAt(c, idx, 1), value};
    return c->err ? kErr : makeTuple(c, t, 3);
  }
  av xs[2] = {value, idx};
  return makeTuple(c, xs, 2);
}

/// (value, (i, j)) with computed coordinates.
static inline ARC_HD av cellIJ(ArcCtx *c, av value, int64_t i, int64_t j) {
  if (tagOf(value) == TAG_INT && cFits(c, numOf(value), i, j))
    return mkCellW(c, numOf(value), i, j);
  av p = pairChk(c, i, j);
  if (c->err)
    return kErr;
  return cellOf(c, value, p);
}

/// `a, b = v` where both must be numbers.
static inline ARC_HD bool numPair(ArcCtx *c, av v, int64_t &a, int64_t &b) {
  uint32_t t = tagOf(v);
  if (t == TAG_PAIR) {
    a = pairI(v);
    b = pairJ(v);
    return true;
  }
  if (t != TAG_BOX) { // CELL: second item is a pair; scalars: not iterable
    fail(c, ERR_TYPE);
    return false;
  }
  Box *bx = box(c, v);
  if (bx->n != 2) {
    fail(c, ERR_VALUE);
    return false;
  }
  if (bx->kind == BOX_GRID) {
    fail(c, ERR_TYPE);
    return false;
  }
  av x = elems(bx)[0], y = elems(bx)[1];
  if (!isNum(x) || !isNum(y)) {
    fail(c, ERR_TYPE);
    return false;
  }
  a = numOf(x);
  b = numOf(y);
  return true;
}

/// `value, index = e`: the index item (any value).
static inline ARC_HD bool unpackIdx(ArcCtx *c, av e, av &idx) {
  uint32_t t = tagOf(e);
  if (t == cellTag(c)) {
    idx = mkPairRaw(cRow(c, e), cCol(c, e));
    return true;
  }
  if (t != TAG_PAIR && t != TAG_BOX) {
    fail(c, ERR_TYPE);
    return false;
  }
  int64_t n = seqLen(c, e);
  if (c->err)
    return false;
  if (n != 2) {
    fail(c, ERR_VALUE);
    return false;
  }
  idx = seqAt(c, e, 1);
  return !c->err;
}

static inline ARC_HD av emptySet(ArcCtx *c) {
  if (isPyOrder(c))
    return pySetFromSeq(c, nullptr, 0);
  Box *b = newSeq(c, BOX_SET, 0);
  return b ? boxRef(c, b) : kErr;
}

static inline ARC_HD Box *newSet(ArcCtx *c, uint64_t n) {
  if (n > 0xFFFFFFFFull) {
    fail(c, ERR_CAPACITY);
    return nullptr;
  }
  return newSeq(c, BOX_SET, (uint32_t)n);
}

/// A set box of n elements after charging n units of work (null, with the
/// error set, when either fails).
static inline ARC_HD Box *chargedSet(ArcCtx *c, uint64_t n) {
  if (!charge(c, n))
    return nullptr;
  return newSet(c, n);
}

/// Keep the first m elements of box b; give the tail back to the arena when
/// b is the last allocation.
static inline ARC_HD av finishBox(ArcCtx *c, Box *b, uint32_t m) {
  uint8_t *end = (uint8_t *)(elems(b) + b->n);
  if (c->base + c->top == end)
    c->top = (uint64_t)((uint8_t *)(elems(b) + m) - c->base);
  b->n = m;
  return boxRef(c, b);
}

/// Drop everything allocated after box b (its n elements are kept). Only
/// for temporaries that nothing in b refers to.
static inline ARC_HD void releaseAfter(ArcCtx *c, Box *b) {
  c->top = (uint64_t)((uint8_t *)(elems(b) + b->n) - c->base);
}

/// A set built from n values of a box b allocated by the caller (b->n >= n):
/// sorted, deduped and trimmed in place; under the python order, the
/// values added in turn to a new set (frozenset of a generator).
static inline ARC_HD av setFromBox(ArcCtx *c, Box *b, uint32_t n) {
  if (isPyOrder(c))
    return pySetFromSeq(c, elems(b), n);
  uint32_t m = sortUnique(c, elems(b), n);
  if (c->err)
    return kErr;
  return finishBox(c, b, m);
}

//===----------------------------------------------------------------------===//
// The toindices view
//===----------------------------------------------------------------------===//

/// Classify `patch` the way toindices does. False (error set) when Python
/// raises (len() of a scalar, `next(iter(patch))[1]` failing).
static inline ARC_HD bool ptsOf(ArcCtx *c, av patch, Pts &p) {
  p.mode = PM_EMPTY;
  p.isSet = false;
  p.n = 0;
  p.e = nullptr;
  p.g = nullptr;
  p.w = 0;
  if (c->err)
    return false;
  uint32_t t = tagOf(patch);
  if (t != TAG_BOX) { // scalars: len() fails; PAIR/CELL: int[1] fails
    fail(c, ERR_TYPE);
    return false;
  }
  Box *b = box(c, patch);
  p.n = b->n;
  p.isSet = b->kind == BOX_SET;
  if (p.n == 0)
    return true;
  if (b->kind == BOX_GRID) {
    if (b->w < 2) {
      fail(c, ERR_INDEX);
      return false;
    }
    p.mode = PM_GRID;
    p.g = cells(b);
    p.w = b->w;
    return true;
  }
  p.e = elems(b);
  av x = p.e[0];
  if (isCellW(c, x)) {
    p.mode = PM_CELLS;
    return true;
  }
  switch (tagOf(x)) {
  case TAG_PAIR:
    p.mode = PM_PAIRS;
    return true;
  case TAG_CELL:
  case TAG_TRIPLE: // a cell of the other dialect: a tuple of a tuple
    p.mode = isTok(c) ? PM_PAIRS : PM_CELLS;
    return true;
  case TAG_BOX: {
    Box *xb = box(c, x);
    if (xb->kind == BOX_SET) {
      fail(c, ERR_TYPE);
      return false;
    }
    if (xb->n < 2) {
      fail(c, ERR_INDEX);
      return false;
    }
    if (xb->kind == BOX_GRID) { // x[1] is a row: a tuple
      p.mode = PM_CELLS;
      return true;
    }
    p.mode = isTupleLike(c, elems(xb)[1]) ? PM_CELLS : PM_PAIRS;
    return true;
  }
  default:
    fail(c, ERR_TYPE);
    return false;
  }
}

/// Slow path of pt().
static inline ARC_HD bool ptSlow(ArcCtx *c, const Pts &p, uint32_t k,
                                 int64_t &i, int64_t &j) {
  switch (p.mode) {
  case PM_GRID:
    if (p.w != 2) {
      fail(c, ERR_VALUE);
      return false;
    }
    i = p.g[2 * k];
    j = p.g[2 * k + 1];
    return true;
  case PM_PAIRS:
    return numPair(c, p.e[k], i, j);
  default: {
    av idx;
    if (!unpackIdx(c, p.e[k], idx))
      return false;
    return numPair(c, idx, i, j);
  }
  }
}

/// `for i, j in toindices(patch)`: element k's coordinates.
static ARC_INLINE bool pt(ArcCtx *c, const Pts &p, uint32_t k, int64_t &i,
                          int64_t &j) {
  if (p.mode == PM_PAIRS) {
    av e = p.e[k];
    if (tagOf(e) == TAG_PAIR) {
      i = pairI(e);
      j = pairJ(e);
      return true;
    }
  } else if (p.mode == PM_CELLS) {
    av e = p.e[k];
    if (isCellW(c, e)) {
      i = cRow(c, e);
      j = cCol(c, e);
      return true;
    }
  }
  return ptSlow(c, p, k, i, j);
}

/// min/max of i and j over toindices(patch); ValueError when empty.
static inline ARC_HD bool bounds(ArcCtx *c, const Pts &p, int64_t &i0,
                                 int64_t &i1, int64_t &j0, int64_t &j1) {
  if (p.n == 0) {
    fail(c, ERR_VALUE);
    return false;
  }
  i0 = j0 = kI64Max;
  i1 = j1 = kI64Min;
  for (uint32_t k = 0; k < p.n; ++k) {
    int64_t i, j;
    if (!pt(c, p, k, i, j))
      return false;
    if (i < i0)
      i0 = i;
    if (i > i1)
      i1 = i;
    if (j < j0)
      j0 = j;
    if (j > j1)
      j1 = j;
  }
  return true;
}

static inline ARC_HD bool boundsOf(ArcCtx *c, av patch, int64_t &i0,
                                   int64_t &i1, int64_t &j0, int64_t &j1) {
  Pts p;
  if (!ptsOf(c, patch, p))
    return false;
  return bounds(c, p, i0, i1, j0, j1);
}

/// The index items of an object-like patch as a new sorted unique set box
/// (toindices of PM_CELLS).
static inline ARC_HD Box *cellIndices(ArcCtx *c, const Pts &p) {
  Box *b = newSet(c, p.n);
  if (!b)
    return nullptr;
  av *xs = elems(b);
  for (uint32_t k = 0; k < p.n; ++k) {
    av e = p.e[k];
    if (isCellW(c, e)) {
      xs[k] = mkPairRaw(cRow(c, e), cCol(c, e));
    } else if (!unpackIdx(c, e, xs[k])) {
      return nullptr;
    }
  }
  if (isPyOrder(c)) {
    av s = pySetFromSeq(c, xs, p.n);
    return c->err ? nullptr : box(c, s);
  }
  uint32_t m = sortUnique(c, xs, p.n);
  if (c->err)
    return nullptr;
  finishBox(c, b, m);
  return b;
}

/// Coordinates of toindices(patch) as two int64 arrays on the arena
/// (duplicates of objects kept: harmless for min-based uses).
static inline ARC_HD bool loadPts(ArcCtx *c, const Pts &p, int64_t *&I,
                                  int64_t *&J) {
  I = (int64_t *)arenaAlloc(c, 16ull * (p.n ? p.n : 1));
  if (!I)
    return false;
  J = I + p.n;
  for (uint32_t k = 0; k < p.n; ++k)
    if (!pt(c, p, k, I[k], J[k]))
      return false;
  return true;
}

static inline ARC_HD bool heightOf(ArcCtx *c, av v, int64_t &h) {
  int64_t n = seqLen(c, v);
  if (c->err)
    return false;
  if (n == 0 || isTupleLike(c, v)) {
    h = n;
    return true;
  }
  int64_t i0, i1, j0, j1;
  if (!boundsOf(c, v, i0, i1, j0, j1))
    return false;
  h = i1 - i0 + 1;
  return true;
}

static inline ARC_HD bool widthOf(ArcCtx *c, av v, int64_t &w) {
  int64_t n = seqLen(c, v);
  if (c->err)
    return false;
  if (n == 0) {
    w = 0;
    return true;
  }
  if (isTupleLike(c, v)) {
    if (isGrid(c, v)) {
      w = box(c, v)->w;
      return true;
    }
    av x = seqAt(c, v, 0);
    if (c->err)
      return false;
    w = seqLen(c, x);
    return !c->err;
  }
  int64_t i0, i1, j0, j1;
  if (!boundsOf(c, v, i0, i1, j0, j1))
    return false;
  w = j1 - j0 + 1;
  return true;
}

/// center(piece): (uppermost + height // 2, leftmost + width // 2).
static inline ARC_HD bool centerOf(ArcCtx *c, av v, int64_t &ci, int64_t &cj) {
  int64_t i0, i1, j0, j1;
  if (!boundsOf(c, v, i0, i1, j0, j1))
    return false;
  int64_t h = i1 - i0 + 1, w = j1 - j0 + 1;
  if (isTupleLike(c, v) && !(heightOf(c, v, h) && widthOf(c, v, w)))
    return false;
  ci = i0 + pyFloorDiv(h, 2);
  cj = j0 + pyFloorDiv(w, 2);
  return true;
}

/// `ai, aj = corner(patch)` for box/backdrop: the corner must be a pair.
static inline ARC_HD bool rectOf(ArcCtx *c, const Pts &p, int64_t &i0,
                                 int64_t &i1, int64_t &j0, int64_t &j1) {
  if (p.mode == PM_GRID && p.w != 2) {
    fail(c, ERR_VALUE);
    return false;
  }
  return bounds(c, p, i0, i1, j0, j1);
}

/// len(v): 1 when non-empty, 0 when empty, -1 with the error set.
static inline ARC_HD int lenState(ArcCtx *c, av v) {
  int64_t n = seqLen(c, v);
  if (c->err)
    return -1;
  return n ? 1 : 0;
}

/// ptsOf for a patch that may be empty: 1, 0 for an empty patch, -1 with
/// the error set.
static inline ARC_HD int ptsOfAny(ArcCtx *c, av patch, Pts &p) {
  if (!ptsOf(c, patch, p))
    return -1;
  return p.n ? 1 : 0;
}

/// The points and the bounding rectangle of a patch: 1, or 0 for an empty
/// patch (nothing read), -1 with the error set.
static inline ARC_HD int patchRect(ArcCtx *c, av patch, Pts &p, int64_t &i0,
                                   int64_t &i1, int64_t &j0, int64_t &j1) {
  if (int r = lenState(c, patch); r <= 0)
    return r;
  if (!ptsOf(c, patch, p) || !rectOf(c, p, i0, i1, j0, j1))
    return -1;
  return 1;
}

} // namespace arcdsl

#endif // ARCDSL_LIB_PRIMITIVES_PATCH_UTIL_H

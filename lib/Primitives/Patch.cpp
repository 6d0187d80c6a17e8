//===- Patch.cpp - patch and piece primitives -----------------------------===//
//
// Primitives over patches (Indices: sets of (i, j); Objects: sets of
// (value, (i, j))) and pieces (a patch or a grid): sizes, corners, bounds,
// shifts, neighbourhoods, lines, boxes, distances and periods.
//
// Python semantics are followed through `toindices`: a patch whose first
// element's [1] is a tuple is an object (its indices form a new frozenset);
// anything else (Indices, a tuple of pairs, a grid) is iterated as is. The
// fast paths work directly on PAIR / CELL words; other element forms (boxed
// tuples, bools, grid rows) go through the generic sequence view.
//
// Host/device neutral: no STL, no heap, no function pointers; temporaries
// live on the arena and are released when the result does not need them.
//===----------------------------------------------------------------------===//

#include "ArcDsl/Primitives/Primitives.h"
#include "ArcDsl/Primitives/PySet.h"
#include "PrimUtil.h"
#include "PyRules.h"

using namespace arcdsl;

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

static ARC_HD av intW(int64_t x) {
  return ((av)TAG_INT << 60) | ((uint64_t)x & ((1ull << 60) - 1));
}

static ARC_HD int64_t absI(int64_t x) { return x < 0 ? -x : x; }

/// PAIR (i, j), ERR_CAPACITY when a coordinate does not fit.
static ARC_HD av pairChk(ArcCtx *c, int64_t i, int64_t j) {
  if (!pairFits(i, j))
    return fail(c, ERR_CAPACITY);
  return mkPairRaw(i, j);
}

/// The tuple (value, idx) in canonical form (a CELL when it fits).
static ARC_HD av cellOf(ArcCtx *c, av value, av idx) {
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
static ARC_HD av cellIJ(ArcCtx *c, av value, int64_t i, int64_t j) {
  if (tagOf(value) == TAG_INT && cFits(c, numOf(value), i, j))
    return mkCellW(c, numOf(value), i, j);
  av p = pairChk(c, i, j);
  if (c->err)
    return kErr;
  return cellOf(c, value, p);
}

/// `a, b = v` where both must be numbers.
static ARC_HD bool numPair(ArcCtx *c, av v, int64_t &a, int64_t &b) {
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
static ARC_HD bool unpackIdx(ArcCtx *c, av e, av &idx) {
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

static ARC_HD av emptySet(ArcCtx *c) {
  if (isPyOrder(c))
    return pySetFromSeq(c, nullptr, 0);
  Box *b = newSeq(c, BOX_SET, 0);
  return b ? boxRef(c, b) : kErr;
}

static ARC_HD Box *newSet(ArcCtx *c, uint64_t n) {
  if (n > 0xFFFFFFFFull) {
    fail(c, ERR_CAPACITY);
    return nullptr;
  }
  return newSeq(c, BOX_SET, (uint32_t)n);
}

/// Keep the first m elements of box b; give the tail back to the arena when
/// b is the last allocation.
static ARC_HD av finishBox(ArcCtx *c, Box *b, uint32_t m) {
  uint8_t *end = (uint8_t *)(elems(b) + b->n);
  if (c->base + c->top == end)
    c->top = (uint64_t)((uint8_t *)(elems(b) + m) - c->base);
  b->n = m;
  return boxRef(c, b);
}

/// Drop everything allocated after box b (its n elements are kept). Only
/// for temporaries that nothing in b refers to.
static ARC_HD void releaseAfter(ArcCtx *c, Box *b) {
  c->top = (uint64_t)((uint8_t *)(elems(b) + b->n) - c->base);
}

/// A set built from n values of a box b allocated by the caller (b->n >= n):
/// sorted, deduped and trimmed in place; under the python order, the
/// values added in turn to a new set (frozenset of a generator).
static ARC_HD av setFromBox(ArcCtx *c, Box *b, uint32_t n) {
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
static ARC_HD bool ptsOf(ArcCtx *c, av patch, Pts &p) {
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
static ARC_HD bool ptSlow(ArcCtx *c, const Pts &p, uint32_t k, int64_t &i,
                          int64_t &j) {
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
static ARC_HD bool bounds(ArcCtx *c, const Pts &p, int64_t &i0, int64_t &i1,
                          int64_t &j0, int64_t &j1) {
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

static ARC_HD bool boundsOf(ArcCtx *c, av patch, int64_t &i0, int64_t &i1,
                            int64_t &j0, int64_t &j1) {
  Pts p;
  if (!ptsOf(c, patch, p))
    return false;
  return bounds(c, p, i0, i1, j0, j1);
}

/// The index items of an object-like patch as a new sorted unique set box
/// (toindices of PM_CELLS).
static ARC_HD Box *cellIndices(ArcCtx *c, const Pts &p) {
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
static ARC_HD bool loadPts(ArcCtx *c, const Pts &p, int64_t *&I, int64_t *&J) {
  I = (int64_t *)arenaAlloc(c, 16ull * (p.n ? p.n : 1));
  if (!I)
    return false;
  J = I + p.n;
  for (uint32_t k = 0; k < p.n; ++k)
    if (!pt(c, p, k, I[k], J[k]))
      return false;
  return true;
}

//===----------------------------------------------------------------------===//
// Piece sizes
//===----------------------------------------------------------------------===//

static ARC_HD bool heightOf(ArcCtx *c, av v, int64_t &h) {
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

static ARC_HD bool widthOf(ArcCtx *c, av v, int64_t &w) {
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
static ARC_HD bool centerOf(ArcCtx *c, av v, int64_t &ci, int64_t &cj) {
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

ARCDSL_EXPORT av arcdsl_prim_height(ArcCtx *c, av piece) {
  ARC_PRIM_ENTER(c);
  int64_t h;
  if (!heightOf(c, piece, h))
    return kErr;
  return mkInt(c, h);
}

ARCDSL_EXPORT av arcdsl_prim_width(ArcCtx *c, av piece) {
  ARC_PRIM_ENTER(c);
  int64_t w;
  if (!widthOf(c, piece, w))
    return kErr;
  return mkInt(c, w);
}

ARCDSL_EXPORT av arcdsl_prim_shape(ArcCtx *c, av piece) {
  ARC_PRIM_ENTER(c);
  int64_t h, w;
  if (!heightOf(c, piece, h) || !widthOf(c, piece, w))
    return kErr;
  return pairChk(c, h, w);
}

ARCDSL_EXPORT av arcdsl_prim_portrait(ArcCtx *c, av piece) {
  ARC_PRIM_ENTER(c);
  int64_t h, w;
  if (!heightOf(c, piece, h) || !widthOf(c, piece, w))
    return kErr;
  return mkBool(h > w);
}

ARCDSL_EXPORT av arcdsl_prim_square(ArcCtx *c, av piece) {
  ARC_PRIM_ENTER(c);
  if (isTupleLike(c, piece)) {
    int64_t n = seqLen(c, piece);
    int64_t w;
    if (isGrid(c, piece)) {
      w = box(c, piece)->w;
    } else {
      av x = seqAt(c, piece, 0);
      if (c->err)
        return kErr;
      w = seqLen(c, x);
      if (c->err)
        return kErr;
    }
    return mkBool(n == w);
  }
  int64_t n = seqLen(c, piece);
  if (c->err)
    return kErr;
  int64_t h, w;
  if (!heightOf(c, piece, h) || !widthOf(c, piece, w))
    return kErr;
  return mkBool(h * w == n && h == w);
}

ARCDSL_EXPORT av arcdsl_prim_vline(ArcCtx *c, av patch) {
  ARC_PRIM_ENTER(c);
  int64_t h, n = seqLen(c, patch);
  if (c->err || !heightOf(c, patch, h))
    return kErr;
  if (h != n)
    return mkBool(false);
  int64_t w;
  if (!widthOf(c, patch, w))
    return kErr;
  return mkBool(w == 1);
}

ARCDSL_EXPORT av arcdsl_prim_hline(ArcCtx *c, av patch) {
  ARC_PRIM_ENTER(c);
  int64_t w, n = seqLen(c, patch);
  if (c->err || !widthOf(c, patch, w))
    return kErr;
  if (w != n)
    return mkBool(false);
  int64_t h;
  if (!heightOf(c, patch, h))
    return kErr;
  return mkBool(h == 1);
}

//===----------------------------------------------------------------------===//
// Bounds and corners
//===----------------------------------------------------------------------===//

ARCDSL_EXPORT av arcdsl_prim_uppermost(ArcCtx *c, av patch) {
  ARC_PRIM_ENTER(c);
  int64_t i0, i1, j0, j1;
  if (!boundsOf(c, patch, i0, i1, j0, j1))
    return kErr;
  return mkInt(c, i0);
}

ARCDSL_EXPORT av arcdsl_prim_lowermost(ArcCtx *c, av patch) {
  ARC_PRIM_ENTER(c);
  int64_t i0, i1, j0, j1;
  if (!boundsOf(c, patch, i0, i1, j0, j1))
    return kErr;
  return mkInt(c, i1);
}

ARCDSL_EXPORT av arcdsl_prim_leftmost(ArcCtx *c, av patch) {
  ARC_PRIM_ENTER(c);
  int64_t i0, i1, j0, j1;
  if (!boundsOf(c, patch, i0, i1, j0, j1))
    return kErr;
  return mkInt(c, j0);
}

ARCDSL_EXPORT av arcdsl_prim_rightmost(ArcCtx *c, av patch) {
  ARC_PRIM_ENTER(c);
  int64_t i0, i1, j0, j1;
  if (!boundsOf(c, patch, i0, i1, j0, j1))
    return kErr;
  return mkInt(c, j1);
}

/// tuple(map(min|max, zip(*toindices(patch)))). rowMax/colMax pick max for
/// coordinate 0/1; `anyCol` tells what columns >= 2 of a grid use: 0 = min,
/// 1 = max, -1 = KeyError (urcorner/llcorner's dict has keys 0 and 1 only).
static ARC_HD av cornerOf(ArcCtx *c, av patch, bool rowMax, bool colMax,
                          int anyCol) {
  Pts p;
  if (!ptsOf(c, patch, p))
    return kErr;
  if (p.n == 0)
    return emptyTuple(c);
  if (p.mode == PM_GRID) {
    uint64_t saved = c->top;
    av *xs = scratch(c, p.w);
    if (!xs)
      return kErr;
    for (uint32_t col = 0; col < p.w; ++col) {
      int useMax = col == 0 ? rowMax : col == 1 ? colMax : anyCol;
      if (useMax < 0) {
        c->top = saved;
        return fail(c, ERR_INDEX);
      }
      int64_t best = p.g[col];
      for (uint32_t r = 1; r < p.n; ++r) {
        int64_t x = p.g[(uint64_t)r * p.w + col];
        if (useMax ? x > best : x < best)
          best = x;
      }
      xs[col] = intW(best);
    }
    av t = makeTuple(c, xs, p.w);
    return t;
  }
  int64_t i0, i1, j0, j1;
  if (!bounds(c, p, i0, i1, j0, j1))
    return kErr;
  return pairChk(c, rowMax ? i1 : i0, colMax ? j1 : j0);
}

ARCDSL_EXPORT av arcdsl_prim_ulcorner(ArcCtx *c, av patch) {
  ARC_PRIM_ENTER(c);
  return cornerOf(c, patch, false, false, 0);
}

ARCDSL_EXPORT av arcdsl_prim_urcorner(ArcCtx *c, av patch) {
  ARC_PRIM_ENTER(c);
  return cornerOf(c, patch, false, true, -1);
}

ARCDSL_EXPORT av arcdsl_prim_llcorner(ArcCtx *c, av patch) {
  ARC_PRIM_ENTER(c);
  return cornerOf(c, patch, true, false, -1);
}

ARCDSL_EXPORT av arcdsl_prim_lrcorner(ArcCtx *c, av patch) {
  ARC_PRIM_ENTER(c);
  return cornerOf(c, patch, true, true, 1);
}

ARCDSL_EXPORT av arcdsl_prim_corners(ArcCtx *c, av patch) {
  ARC_PRIM_ENTER(c);
  av xs[4];
  xs[0] = cornerOf(c, patch, false, false, 0);
  xs[1] = cornerOf(c, patch, false, true, -1);
  xs[2] = cornerOf(c, patch, true, false, -1);
  xs[3] = cornerOf(c, patch, true, true, 1);
  if (c->err)
    return kErr;
  if (isPyOrder(c)) // frozenset({ul, ur, ll, lr})
    return pySetFromSetOf(c, xs, 4);
  return makeSet(c, xs, 4);
}

/// `ai, aj = corner(patch)` for box/backdrop: the corner must be a pair.
static ARC_HD bool rectOf(ArcCtx *c, const Pts &p, int64_t &i0, int64_t &i1,
                          int64_t &j0, int64_t &j1) {
  if (p.mode == PM_GRID && p.w != 2) {
    fail(c, ERR_VALUE);
    return false;
  }
  return bounds(c, p, i0, i1, j0, j1);
}

ARCDSL_EXPORT av arcdsl_prim_center(ArcCtx *c, av patch) {
  ARC_PRIM_ENTER(c);
  int64_t ci, cj;
  if (!centerOf(c, patch, ci, cj))
    return kErr;
  return pairChk(c, ci, cj);
}

ARCDSL_EXPORT av arcdsl_prim_centerofmass(ArcCtx *c, av patch) {
  ARC_PRIM_ENTER(c);
  Pts p;
  if (!ptsOf(c, patch, p))
    return kErr;
  if (p.n == 0)
    return emptyTuple(c);
  int64_t n = p.n; // len(patch)
  uint64_t saved = c->top;
  if (p.mode == PM_GRID) {
    av *xs = scratch(c, p.w);
    if (!xs)
      return kErr;
    for (uint32_t col = 0; col < p.w; ++col) {
      int64_t s = 0;
      for (uint32_t r = 0; r < p.n; ++r)
        s += p.g[(uint64_t)r * p.w + col];
      xs[col] = intW(pyFloorDiv(s, n));
    }
    return makeTuple(c, xs, p.w);
  }
  int64_t si = 0, sj = 0;
  if (p.mode == PM_PAIRS) {
    for (uint32_t k = 0; k < p.n; ++k) {
      int64_t i, j;
      if (!pt(c, p, k, i, j))
        return kErr;
      si += i;
      sj += j;
    }
  } else {
    Box *b = cellIndices(c, p);
    if (!b)
      return kErr;
    for (uint32_t k = 0; k < b->n; ++k) {
      int64_t i, j;
      if (!numPair(c, elems(b)[k], i, j))
        return kErr;
      si += i;
      sj += j;
    }
    c->top = saved;
  }
  return pairChk(c, pyFloorDiv(si, n), pyFloorDiv(sj, n));
}

//===----------------------------------------------------------------------===//
// toindices, recolor, shift, normalize
//===----------------------------------------------------------------------===//

ARCDSL_EXPORT av arcdsl_prim_toindices(ArcCtx *c, av patch) {
  ARC_PRIM_ENTER(c);
  Pts p;
  if (!ptsOf(c, patch, p))
    return kErr;
  if (p.n == 0)
    return emptySet(c);
  if (p.mode != PM_CELLS)
    return patch;
  Box *b = cellIndices(c, p);
  return b ? boxRef(c, b) : kErr;
}

ARCDSL_EXPORT av arcdsl_prim_recolor(ArcCtx *c, av value, av patch) {
  ARC_PRIM_ENTER(c);
  Pts p;
  if (!ptsOf(c, patch, p))
    return kErr;
  if (p.n == 0)
    return emptySet(c);
  if (!charge(c, p.n))
    return kErr;
  if (p.mode == PM_CELLS) {
    // The index set is sorted and unique, so (value, index) stays so.
    Box *b = cellIndices(c, p);
    if (!b)
      return kErr;
    if (isPyOrder(c)) { // (value, index) for index in toindices(patch)
      av *ys = scratch(c, b->n);
      if (!ys && b->n)
        return kErr;
      for (uint32_t k = 0; k < b->n; ++k)
        ys[k] = cellOf(c, value, elems(b)[k]);
      return c->err ? kErr : pySetFromSeq(c, ys, b->n);
    }
    av *xs = elems(b);
    for (uint32_t k = 0; k < b->n; ++k) {
      xs[k] = cellOf(c, value, xs[k]);
      if (c->err)
        return kErr;
    }
    return boxRef(c, b);
  }
  Box *b = newSet(c, p.n);
  if (!b)
    return kErr;
  av *xs = elems(b);
  for (uint32_t k = 0; k < p.n; ++k) {
    av idx = p.mode == PM_GRID ? seqAt(c, patch, k) : p.e[k];
    xs[k] = cellOf(c, value, idx);
    if (c->err)
      return kErr;
  }
  if (p.isSet && !isPyOrder(c)) // a set of indices: sorted and unique
    return boxRef(c, b);
  return setFromBox(c, b, p.n);
}

/// shift(patch, (di, dj)) for a non-empty patch.
static ARC_HD av shiftBy(ArcCtx *c, av patch, const Pts &p, int64_t di,
                         int64_t dj) {
  if (!charge(c, p.n))
    return kErr;
  Box *b = newSet(c, p.n);
  if (!b)
    return kErr;
  av *xs = elems(b);
  // Translation keeps a canonical set canonical.
  bool fast = p.isSet && !isPyOrder(c);
  if (p.mode == PM_CELLS) {
    for (uint32_t k = 0; k < p.n; ++k) {
      av e = p.e[k];
      if (isCellW(c, e)) {
        int64_t col = cColor(c, e), i = cRow(c, e) + di, j = cCol(c, e) + dj;
        if (cFits(c, col, i, j)) {
          xs[k] = mkCellW(c, col, i, j);
          continue;
        }
        xs[k] = cellIJ(c, intW(col), i, j);
      } else {
        fast = false;
        av idx;
        int64_t i, j;
        if (!unpackIdx(c, e, idx) || !numPair(c, idx, i, j))
          return kErr;
        av v = seqAt(c, e, 0);
        xs[k] = cellIJ(c, v, i + di, j + dj);
      }
      if (c->err)
        return kErr;
    }
  } else {
    for (uint32_t k = 0; k < p.n; ++k) {
      int64_t i, j;
      if (p.mode == PM_PAIRS && tagOf(p.e[k]) == TAG_PAIR) {
        i = pairI(p.e[k]) + di;
        j = pairJ(p.e[k]) + dj;
        if (pairFits(i, j)) {
          xs[k] = mkPairRaw(i, j);
          continue;
        }
        return fail(c, ERR_CAPACITY);
      }
      fast = false;
      if (!pt(c, p, k, i, j))
        return kErr;
      xs[k] = pairChk(c, i + di, j + dj);
      if (c->err)
        return kErr;
    }
  }
  if (fast)
    return boxRef(c, b);
  return setFromBox(c, b, p.n);
}

ARCDSL_EXPORT av arcdsl_prim_shift(ArcCtx *c, av patch, av directions) {
  ARC_PRIM_ENTER(c);
  int64_t n = seqLen(c, patch);
  if (c->err)
    return kErr;
  if (n == 0)
    return patch;
  int64_t di, dj;
  if (!numPair(c, directions, di, dj))
    return kErr;
  Pts p;
  if (!ptsOf(c, patch, p))
    return kErr;
  return shiftBy(c, patch, p, di, dj);
}

ARCDSL_EXPORT av arcdsl_prim_normalize(ArcCtx *c, av patch) {
  ARC_PRIM_ENTER(c);
  int64_t n = seqLen(c, patch);
  if (c->err)
    return kErr;
  if (n == 0)
    return patch;
  Pts p;
  int64_t i0, i1, j0, j1;
  if (!ptsOf(c, patch, p) || !bounds(c, p, i0, i1, j0, j1))
    return kErr;
  return shiftBy(c, patch, p, -i0, -j0);
}

//===----------------------------------------------------------------------===//
// Neighbourhoods, lines, frontiers
//===----------------------------------------------------------------------===//

/// A point of a line: coordinates that come straight from an endpoint keep
/// their Python type (a bool stays a bool).
static ARC_HD av linePoint(ArcCtx *c, av ai, int64_t i, av aj, int64_t j) {
  if (tagOf(ai) != TAG_BOOL && tagOf(aj) != TAG_BOOL)
    return pairChk(c, i, j);
  av xs[2] = {tagOf(ai) == TAG_BOOL ? ai : intW(i),
              tagOf(aj) == TAG_BOOL ? aj : intW(j)};
  if (!pairFits(i, j))
    return fail(c, ERR_CAPACITY);
  return makeTuple(c, xs, 2);
}

/// loc[0], loc[1]: numbers, kept as words (bools pass through).
static ARC_HD bool locOf(ArcCtx *c, av loc, av &a, av &b) {
  if (tagOf(loc) == TAG_PAIR) {
    a = intW(pairI(loc));
    b = intW(pairJ(loc));
    return true;
  }
  a = pySubscript(c, loc, 0);
  b = pySubscript(c, loc, 1);
  if (c->err)
    return false;
  if (!isNum(a) || !isNum(b)) {
    fail(c, ERR_TYPE);
    return false;
  }
  return true;
}

/// A set of n pairs given in canonical order by offsets (di[k], dj[k]).
static ARC_HD av offsetsSet(ArcCtx *c, av a, av b, const int *di, const int *dj,
                            uint32_t n) {
  Box *bx = newSet(c, n);
  if (!bx)
    return kErr;
  int64_t i = numOf(a), j = numOf(b);
  for (uint32_t k = 0; k < n; ++k) {
    elems(bx)[k] = linePoint(c, di[k] ? intW(0) : a, i + di[k],
                             dj[k] ? intW(0) : b, j + dj[k]);
    if (c->err)
      return kErr;
  }
  return boxRef(c, bx);
}

/// The python order's dneighbors (diagonal: ineighbors): the set display
/// of dsl.py, in its order, frozen.
static ARC_HD av pyNeighbors(ArcCtx *c, av i, av j, bool diagonal) {
  static const int kD[2][2][4] = {{{-1, 1, 0, 0}, {0, 0, -1, 1}},
                                  {{-1, -1, 1, 1}, {-1, 1, -1, 1}}};
  const int *di = kD[diagonal][0], *dj = kD[diagonal][1];
  av xs[4];
  for (int k = 0; k < 4; ++k)
    xs[k] = linePoint(c, di[k] ? intW(0) : i, numOf(i) + di[k],
                      dj[k] ? intW(0) : j, numOf(j) + dj[k]);
  return c->err ? kErr : pySetFromSetOf(c, xs, 4);
}

ARCDSL_EXPORT av arcdsl_prim_dneighbors(ArcCtx *c, av loc) {
  ARC_PRIM_ENTER(c);
  av i, j;
  if (!locOf(c, loc, i, j))
    return kErr;
  if (isPyOrder(c))
    return pyNeighbors(c, i, j, false);
  const int di[4] = {-1, 0, 0, 1}, dj[4] = {0, -1, 1, 0};
  return offsetsSet(c, i, j, di, dj, 4);
}

ARCDSL_EXPORT av arcdsl_prim_ineighbors(ArcCtx *c, av loc) {
  ARC_PRIM_ENTER(c);
  av i, j;
  if (!locOf(c, loc, i, j))
    return kErr;
  if (isPyOrder(c))
    return pyNeighbors(c, i, j, true);
  const int di[4] = {-1, -1, 1, 1}, dj[4] = {-1, 1, -1, 1};
  return offsetsSet(c, i, j, di, dj, 4);
}

ARCDSL_EXPORT av arcdsl_prim_neighbors(ArcCtx *c, av loc) {
  ARC_PRIM_ENTER(c);
  av i, j;
  if (!locOf(c, loc, i, j))
    return kErr;
  if (isPyOrder(c)) { // dneighbors(loc) | ineighbors(loc)
    av d = pyNeighbors(c, i, j, false);
    av n = pyNeighbors(c, i, j, true);
    return c->err ? kErr : pySetOr(c, d, n);
  }
  const int di[8] = {-1, -1, -1, 0, 0, 1, 1, 1};
  const int dj[8] = {-1, 0, 1, -1, 1, -1, 0, 1};
  return offsetsSet(c, i, j, di, dj, 8);
}

/// {(fixed, k) or (k, fixed) for k in range(30)}; `fixed` passes through as
/// is (Python keeps its type).
static ARC_HD av frontier(ArcCtx *c, av fixed, bool fixedFirst) {
  if (!charge(c, 30))
    return kErr;
  Box *b = newSet(c, 30);
  if (!b)
    return kErr;
  for (int k = 0; k < 30; ++k) {
    av x;
    if (tagOf(fixed) == TAG_INT) {
      x = fixedFirst ? pairChk(c, numOf(fixed), k)
                     : pairChk(c, k, numOf(fixed));
    } else {
      av xs[2] = {fixedFirst ? fixed : intW(k), fixedFirst ? intW(k) : fixed};
      x = makeTuple(c, xs, 2);
    }
    if (c->err)
      return kErr;
    elems(b)[k] = x;
  }
  if (tagOf(fixed) == TAG_INT && !isPyOrder(c))
    return boxRef(c, b);
  return setFromBox(c, b, 30);
}

ARCDSL_EXPORT av arcdsl_prim_vfrontier(ArcCtx *c, av location) {
  ARC_PRIM_ENTER(c);
  av j = pySubscript(c, location, 1);
  if (c->err)
    return kErr;
  return frontier(c, j, false);
}

ARCDSL_EXPORT av arcdsl_prim_hfrontier(ArcCtx *c, av location) {
  ARC_PRIM_ENTER(c);
  av i = pySubscript(c, location, 0);
  if (c->err)
    return kErr;
  return frontier(c, i, true);
}

/// The endpoints of connect: `ai, aj = a` with number items (kept as words
/// so that bools pass through).
static ARC_HD bool endpoint(ArcCtx *c, av a, av &x, av &y) {
  if (tagOf(a) == TAG_PAIR) {
    x = intW(pairI(a));
    y = intW(pairJ(a));
    return true;
  }
  int64_t i, j;
  if (!numPair(c, a, i, j))
    return false;
  x = elems(box(c, a))[0];
  y = elems(box(c, a))[1];
  return true;
}

static ARC_HD av connectVals(ArcCtx *c, av a0, av a1, av b0, av b1) {
  int64_t ai = numOf(a0), aj = numOf(a1), bi = numOf(b0), bj = numOf(b1);
  int64_t si = ai < bi ? ai : bi, ei = (ai > bi ? ai : bi) + 1;
  int64_t sj = aj < bj ? aj : bj, ej = (aj > bj ? aj : bj) + 1;
  int kind; // 0 row, 1 column, 2 diagonal, 3 anti-diagonal
  uint64_t n;
  if (ai == bi) {
    kind = 0;
    n = (uint64_t)(ej - sj);
  } else if (aj == bj) {
    kind = 1;
    n = (uint64_t)(ei - si);
  } else if (bi - ai == bj - aj) {
    kind = 2;
    n = (uint64_t)(ei - si);
  } else if (bi - ai == aj - bj) {
    kind = 3;
    n = (uint64_t)(ei - si);
  } else {
    return emptySet(c);
  }
  if (!pairFits(si, sj) || !pairFits(ei - 1, ej - 1))
    return fail(c, ERR_CAPACITY);
  if (!charge(c, n))
    return kErr;
  Box *b = newSet(c, n);
  if (!b)
    return kErr;
  av *xs = elems(b);
  for (uint64_t k = 0; k < n; ++k) {
    int64_t d = (int64_t)k;
    switch (kind) {
    case 0:
      xs[k] = linePoint(c, a0, ai, intW(0), sj + d);
      break;
    case 1:
      xs[k] = linePoint(c, intW(0), si + d, a1, aj);
      break;
    case 2:
      xs[k] = mkPairRaw(si + d, sj + d);
      break;
    default:
      xs[k] = mkPairRaw(si + d, ej - 1 - d);
      break;
    }
    if (c->err)
      return kErr;
  }
  return isPyOrder(c) ? setFromBox(c, b, (uint32_t)n) : boxRef(c, b);
}

ARCDSL_EXPORT av arcdsl_prim_connect(ArcCtx *c, av a, av b) {
  ARC_PRIM_ENTER(c);
  av a0, a1, b0, b1;
  if (!endpoint(c, a, a0, a1) || !endpoint(c, b, b0, b1))
    return kErr;
  return connectVals(c, a0, a1, b0, b1);
}

ARCDSL_EXPORT av arcdsl_prim_shoot(ArcCtx *c, av start, av direction) {
  ARC_PRIM_ENTER(c);
  const int64_t kLim = (int64_t)1 << 50;
  av s0 = pySubscript(c, start, 0), d0 = pySubscript(c, direction, 0);
  if (c->err)
    return kErr;
  if (!isNum(s0) || !isNum(d0))
    return fail(c, ERR_TYPE);
  av s1 = pySubscript(c, start, 1), d1 = pySubscript(c, direction, 1);
  if (c->err)
    return kErr;
  if (!isNum(s1) || !isNum(d1))
    return fail(c, ERR_TYPE);
  int64_t x0 = numOf(d0), x1 = numOf(d1);
  if (x0 > kLim || x0 < -kLim || x1 > kLim || x1 < -kLim)
    return fail(c, ERR_CAPACITY);
  av e0 = intW(numOf(s0) + 42 * x0), e1 = intW(numOf(s1) + 42 * x1);
  av a0, a1;
  if (!endpoint(c, start, a0, a1))
    return kErr;
  return connectVals(c, a0, a1, e0, e1);
}

//===----------------------------------------------------------------------===//
// Rectangles and outlines
//===----------------------------------------------------------------------===//

/// All pairs of [i0, i1] x [j0, j1] (non-empty), row-major.
static ARC_HD av rectSet(ArcCtx *c, int64_t i0, int64_t i1, int64_t j0,
                         int64_t j1) {
  if (!pairFits(i0, j0) || !pairFits(i1, j1))
    return fail(c, ERR_CAPACITY);
  uint64_t h = (uint64_t)(i1 - i0 + 1), w = (uint64_t)(j1 - j0 + 1);
  if (!charge(c, h * w))
    return kErr;
  Box *b = newSet(c, h * w);
  if (!b)
    return kErr;
  av *xs = elems(b);
  for (int64_t i = i0; i <= i1; ++i)
    for (int64_t j = j0; j <= j1; ++j)
      *xs++ = mkPairRaw(i, j);
  return isPyOrder(c) ? setFromBox(c, b, (uint32_t)(h * w)) : boxRef(c, b);
}

/// {(i, j) for i in range(i0, i1 + 1)} with j fixed (col) or the same
/// with i fixed, as a set value (a comprehension, adopted as built).
static ARC_HD av pyLine(ArcCtx *c, int64_t fixed, int64_t lo, int64_t hi,
                        bool col) {
  PyTab t;
  if (!tabInit(c, &t))
    return kErr;
  for (int64_t k = lo; k <= hi; ++k)
    if (!tabAddKey(c, &t, col ? mkPairRaw(k, fixed) : mkPairRaw(fixed, k)))
      return kErr;
  return tabFreeze(c, &t);
}

/// box/inbox/outbox as dsl.py builds them: vlines = {(i, sj) ...} |
/// {(i, ej) ...}, hlines = {(si, j) ...} | {(ei, j) ...}, then
/// frozenset(vlines | hlines).
ARC_HD av arcdsl::pyOutline(ArcCtx *c, int64_t si, int64_t sj, int64_t ei,
                            int64_t ej) {
  if (!charge(c, 4 * (uint64_t)(ei - si + ej - sj + 2)))
    return kErr;
  // A line that fails (no room) is ERR, which is no set: stop there.
  av a = pyLine(c, sj, si, ei, true), b = pyLine(c, ej, si, ei, true);
  av v = c->err ? kErr : pySetOr(c, a, b);
  a = c->err ? kErr : pyLine(c, si, sj, ej, false);
  b = c->err ? kErr : pyLine(c, ei, sj, ej, false);
  av h = c->err ? kErr : pySetOr(c, a, b);
  return c->err ? kErr : pySetCopy(c, pySetOr(c, v, h));
}

/// The outline of the rectangle spanned by (ai, aj) and (bi, bj).
static ARC_HD av outlineSet(ArcCtx *c, int64_t ai, int64_t aj, int64_t bi,
                            int64_t bj) {
  int64_t si = ai < bi ? ai : bi, ei = ai > bi ? ai : bi;
  int64_t sj = aj < bj ? aj : bj, ej = aj > bj ? aj : bj;
  if (!pairFits(si, sj) || !pairFits(ei, ej))
    return fail(c, ERR_CAPACITY);
  if (isPyOrder(c))
    return pyOutline(c, si, sj, ei, ej);
  uint64_t h = (uint64_t)(ei - si + 1), w = (uint64_t)(ej - sj + 1);
  uint64_t n = h == 1 ? w : w == 1 ? h : 2 * w + 2 * (h - 2);
  if (!charge(c, n))
    return kErr;
  Box *b = newSet(c, n);
  if (!b)
    return kErr;
  av *xs = elems(b);
  for (int64_t j = sj; j <= ej; ++j)
    *xs++ = mkPairRaw(si, j);
  for (int64_t i = si + 1; i < ei; ++i) {
    *xs++ = mkPairRaw(i, sj);
    if (ej != sj)
      *xs++ = mkPairRaw(i, ej);
  }
  if (ei != si)
    for (int64_t j = sj; j <= ej; ++j)
      *xs++ = mkPairRaw(ei, j);
  return boxRef(c, b);
}

ARCDSL_EXPORT av arcdsl_prim_backdrop(ArcCtx *c, av patch) {
  ARC_PRIM_ENTER(c);
  int64_t n = seqLen(c, patch);
  if (c->err)
    return kErr;
  if (n == 0)
    return emptySet(c);
  Pts p;
  int64_t i0, i1, j0, j1;
  if (!ptsOf(c, patch, p) || !rectOf(c, p, i0, i1, j0, j1))
    return kErr;
  return rectSet(c, i0, i1, j0, j1);
}

ARCDSL_EXPORT av arcdsl_prim_delta(ArcCtx *c, av patch) {
  ARC_PRIM_ENTER(c);
  int64_t n = seqLen(c, patch);
  if (c->err)
    return kErr;
  if (n == 0)
    return emptySet(c);
  Pts p;
  int64_t i0, i1, j0, j1;
  if (!ptsOf(c, patch, p) || !rectOf(c, p, i0, i1, j0, j1))
    return kErr;
  // backdrop(patch) - toindices(patch): frozenset - tuple is a TypeError.
  if (!p.isSet && p.mode != PM_CELLS)
    return fail(c, ERR_TYPE);
  if (isPyOrder(c)) {
    av bd = rectSet(c, i0, i1, j0, j1);
    av ix = arcdsl_prim_toindices(c, patch);
    return c->err ? kErr : pySetSub(c, bd, ix);
  }
  if (!pairFits(i0, j0) || !pairFits(i1, j1))
    return fail(c, ERR_CAPACITY);
  uint64_t h = (uint64_t)(i1 - i0 + 1), w = (uint64_t)(j1 - j0 + 1);
  if (!charge(c, h * w))
    return kErr;
  Box *b = newSet(c, h * w);
  if (!b)
    return kErr;
  uint8_t *mark = (uint8_t *)arenaAlloc(c, h * w);
  if (!mark)
    return kErr;
  for (uint64_t k = 0; k < h * w; ++k)
    mark[k] = 0;
  for (uint32_t k = 0; k < p.n; ++k) {
    int64_t i, j;
    if (!pt(c, p, k, i, j))
      return kErr;
    mark[(uint64_t)(i - i0) * w + (uint64_t)(j - j0)] = 1;
  }
  av *xs = elems(b);
  uint32_t m = 0;
  for (uint64_t r = 0; r < h; ++r)
    for (uint64_t q = 0; q < w; ++q)
      if (!mark[r * w + q])
        xs[m++] = mkPairRaw(i0 + (int64_t)r, j0 + (int64_t)q);
  b->n = m;
  releaseAfter(c, b);
  return boxRef(c, b);
}

ARCDSL_EXPORT av arcdsl_prim_inbox(ArcCtx *c, av patch) {
  ARC_PRIM_ENTER(c);
  int64_t i0, i1, j0, j1;
  if (!boundsOf(c, patch, i0, i1, j0, j1))
    return kErr;
  return outlineSet(c, i0 + 1, j0 + 1, i1 - 1, j1 - 1);
}

ARCDSL_EXPORT av arcdsl_prim_outbox(ArcCtx *c, av patch) {
  ARC_PRIM_ENTER(c);
  int64_t i0, i1, j0, j1;
  if (!boundsOf(c, patch, i0, i1, j0, j1))
    return kErr;
  return outlineSet(c, i0 - 1, j0 - 1, i1 + 1, j1 + 1);
}

ARCDSL_EXPORT av arcdsl_prim_box(ArcCtx *c, av patch) {
  ARC_PRIM_ENTER(c);
  int64_t n = seqLen(c, patch);
  if (c->err)
    return kErr;
  if (n == 0)
    return patch;
  Pts p;
  int64_t i0, i1, j0, j1;
  if (!ptsOf(c, patch, p) || !rectOf(c, p, i0, i1, j0, j1))
    return kErr;
  return outlineSet(c, i0, j0, i1, j1);
}

//===----------------------------------------------------------------------===//
// Relations between patches
//===----------------------------------------------------------------------===//

/// set(coord for i, j in toindices(a)) & set(... b) is non-empty; coord 0
/// is i (hmatching), 1 is j (vmatching).
static ARC_HD av matching(ArcCtx *c, av a, av b, int coord) {
  Pts pa, pb;
  if (!ptsOf(c, a, pa) || !ptsOf(c, b, pb))
    return kErr;
  uint64_t saved = c->top;
  uint64_t *xs = (uint64_t *)scratch(c, pa.n);
  if (!xs)
    return kErr;
  for (uint32_t k = 0; k < pa.n; ++k) {
    int64_t i, j;
    if (!pt(c, pa, k, i, j)) {
      c->top = saved;
      return kErr;
    }
    // Order-preserving unsigned key.
    xs[k] = (uint64_t)(coord ? j : i) ^ (1ull << 63);
  }
  sortWords(xs, pa.n);
  bool hit = false;
  for (uint32_t k = 0; k < pb.n; ++k) {
    int64_t i, j;
    if (!pt(c, pb, k, i, j)) {
      c->top = saved;
      return kErr;
    }
    if (hit)
      continue;
    uint64_t key = (uint64_t)(coord ? j : i) ^ (1ull << 63);
    uint32_t lo = 0, hi = pa.n;
    while (lo < hi) {
      uint32_t mid = lo + (hi - lo) / 2;
      if (xs[mid] < key)
        lo = mid + 1;
      else
        hi = mid;
    }
    hit = lo < pa.n && xs[lo] == key;
  }
  c->top = saved;
  return mkBool(hit);
}

ARCDSL_EXPORT av arcdsl_prim_hmatching(ArcCtx *c, av a, av b) {
  ARC_PRIM_ENTER(c);
  return matching(c, a, b, 0);
}

ARCDSL_EXPORT av arcdsl_prim_vmatching(ArcCtx *c, av a, av b) {
  ARC_PRIM_ENTER(c);
  return matching(c, a, b, 1);
}

/// min |ai + oi - bi| + |aj + oj - bj| over both point lists (na, nb > 0).
static ARC_HD int64_t minDist(const int64_t *AI, const int64_t *AJ, uint32_t na,
                              const int64_t *BI, const int64_t *BJ, uint32_t nb,
                              int64_t oi, int64_t oj) {
  int64_t best = kI64Max;
  for (uint32_t x = 0; x < na && best > 0; ++x) {
    int64_t ai = AI[x] + oi, aj = AJ[x] + oj;
    for (uint32_t y = 0; y < nb; ++y) {
      int64_t d = absI(ai - BI[y]) + absI(aj - BJ[y]);
      best = d < best ? d : best;
    }
  }
  return best;
}

/// Load both patches' points; ValueError when either is empty.
static ARC_HD bool loadTwo(ArcCtx *c, av a, av b, Pts &pa, Pts &pb,
                           int64_t *&AI, int64_t *&AJ, int64_t *&BI,
                           int64_t *&BJ) {
  if (!ptsOf(c, a, pa))
    return false;
  if (pa.n == 0) { // min() of an empty generator
    fail(c, ERR_VALUE);
    return false;
  }
  if (!ptsOf(c, b, pb))
    return false;
  if (pb.n == 0) {
    fail(c, ERR_VALUE);
    return false;
  }
  return loadPts(c, pa, AI, AJ) && loadPts(c, pb, BI, BJ);
}

ARCDSL_EXPORT av arcdsl_prim_manhattan(ArcCtx *c, av a, av b) {
  ARC_PRIM_ENTER(c);
  uint64_t saved = c->top;
  Pts pa, pb;
  int64_t *AI, *AJ, *BI, *BJ;
  if (!loadTwo(c, a, b, pa, pb, AI, AJ, BI, BJ) ||
      !charge(c, ((uint64_t)pa.n * pb.n) >> 5)) {
    c->top = saved;
    return kErr;
  }
  int64_t d = minDist(AI, AJ, pa.n, BI, BJ, pb.n, 0, 0);
  c->top = saved;
  return mkInt(c, d);
}

ARCDSL_EXPORT av arcdsl_prim_adjacent(ArcCtx *c, av a, av b) {
  ARC_PRIM_ENTER(c);
  uint64_t saved = c->top;
  Pts pa, pb;
  int64_t *AI, *AJ, *BI, *BJ;
  if (!loadTwo(c, a, b, pa, pb, AI, AJ, BI, BJ) ||
      !charge(c, ((uint64_t)pa.n * pb.n) >> 5)) {
    c->top = saved;
    return kErr;
  }
  int64_t d = minDist(AI, AJ, pa.n, BI, BJ, pb.n, 0, 0);
  c->top = saved;
  return mkBool(d == 1);
}

/// center(toindices(patch)).
static ARC_HD bool centerOfIndices(ArcCtx *c, av patch, int64_t &ci,
                                   int64_t &cj) {
  Pts p;
  if (!ptsOf(c, patch, p))
    return false;
  if (p.mode == PM_CELLS || p.n == 0) { // toindices made a new set
    int64_t i0, i1, j0, j1;
    if (!bounds(c, p, i0, i1, j0, j1))
      return false;
    ci = i0 + (i1 - i0 + 1) / 2;
    cj = j0 + (j1 - j0 + 1) / 2;
    return true;
  }
  return centerOf(c, patch, ci, cj);
}

ARCDSL_EXPORT av arcdsl_prim_position(ArcCtx *c, av a, av b) {
  ARC_PRIM_ENTER(c);
  int64_t ia, ja, ib, jb;
  if (!centerOfIndices(c, a, ia, ja) || !centerOfIndices(c, b, ib, jb))
    return kErr;
  int64_t dj = ja < jb ? 1 : -1;
  if (ia == ib)
    return mkPairRaw(0, dj);
  if (ja == jb)
    return mkPairRaw(ia < ib ? 1 : -1, 0);
  return mkPairRaw(ia < ib ? 1 : -1, dj);
}

ARCDSL_EXPORT av arcdsl_prim_gravitate(ArcCtx *c, av source, av destination) {
  ARC_PRIM_ENTER(c);
  int64_t si, sj, di, dj;
  if (!centerOf(c, source, si, sj) || !centerOf(c, destination, di, dj))
    return kErr;
  av vm = matching(c, source, destination, 1);
  if (c->err)
    return kErr;
  int64_t i = 0, j = 0;
  if (numOf(vm))
    i = si < di ? 1 : -1;
  else
    j = sj < dj ? 1 : -1;
  uint64_t saved = c->top;
  Pts pa, pb;
  int64_t *AI, *AJ, *BI, *BJ;
  if (!loadTwo(c, source, destination, pa, pb, AI, AJ, BI, BJ)) {
    c->top = saved;
    return kErr;
  }
  int64_t steps = 0;
  for (;;) {
    if (!charge(c, 1 + (((uint64_t)pa.n * pb.n) >> 5))) {
      c->top = saved;
      return kErr;
    }
    if (minDist(AI, AJ, pa.n, BI, BJ, pb.n, steps * i, steps * j) == 1)
      break;
    if (steps >= 42)
      break;
    ++steps;
  }
  c->top = saved;
  return pairChk(c, steps * i, steps * j);
}

//===----------------------------------------------------------------------===//
// Objects
//===----------------------------------------------------------------------===//

/// next(iter(obj))[0]
static ARC_HD av firstColor(ArcCtx *c, av obj) {
  int64_t n = seqLen(c, obj);
  if (c->err)
    return kErr;
  if (n == 0)
    return fail(c, ERR_STOP_ITERATION);
  if (tagOf(obj) == TAG_BOX) {
    Box *b = box(c, obj);
    if (b->kind != BOX_GRID) {
      av x = elems(b)[0];
      if (isCellW(c, x))
        return intW(cColor(c, x));
      return pySubscript(c, x, 0);
    }
    if (b->w == 0)
      return fail(c, ERR_INDEX);
    return intW(cells(b)[0]);
  }
  return fail(c, ERR_TYPE); // PAIR / CELL: the first item is an int
}

ARCDSL_EXPORT av arcdsl_prim_color(ArcCtx *c, av obj) {
  ARC_PRIM_ENTER(c);
  return firstColor(c, obj);
}

ARCDSL_EXPORT av arcdsl_prim_colorfilter(ArcCtx *c, av objs, av value) {
  ARC_PRIM_ENTER(c);
  int64_t n = seqLen(c, objs);
  if (c->err)
    return kErr;
  if (!charge(c, n))
    return kErr;
  Box *b = newSet(c, n);
  if (!b)
    return kErr;
  uint32_t m = 0;
  for (int64_t k = 0; k < n; ++k) {
    av obj = seqAt(c, objs, k);
    av col = firstColor(c, obj);
    if (c->err)
      return kErr;
    if (equalValues(c, col, value))
      elems(b)[m++] = obj;
  }
  if (isSet(c, objs) && !isPyOrder(c))
    return finishBox(c, b, m);
  return setFromBox(c, b, m);
}

ARCDSL_EXPORT av arcdsl_prim_sizefilter(ArcCtx *c, av container, av n) {
  ARC_PRIM_ENTER(c);
  int64_t len = seqLen(c, container);
  if (c->err)
    return kErr;
  if (!charge(c, len))
    return kErr;
  Box *b = newSet(c, len);
  if (!b)
    return kErr;
  uint32_t m = 0;
  for (int64_t k = 0; k < len; ++k) {
    av item = seqAt(c, container, k);
    int64_t l = seqLen(c, item);
    if (c->err)
      return kErr;
    if (isNum(n) && numOf(n) == l)
      elems(b)[m++] = item;
  }
  if (isSet(c, container) && !isPyOrder(c))
    return finishBox(c, b, m);
  return setFromBox(c, b, m);
}

/// Cells of normalize(obj) as sorted unique (colour, i, j) keys; false with
/// an error set when the elements do not unpack as `c, (i, j)`.
static ARC_HD bool normalizedCells(ArcCtx *c, const Pts &p, uint64_t *&keys,
                                   uint32_t &m, int64_t &h, int64_t &w) {
  int64_t i0, i1, j0, j1;
  if (!bounds(c, p, i0, i1, j0, j1))
    return false;
  h = i1 - i0 + 1;
  w = j1 - j0 + 1;
  keys = (uint64_t *)scratch(c, p.n);
  if (!keys)
    return false;
  for (uint32_t k = 0; k < p.n; ++k) {
    av e = p.e[k];
    if (!isCellW(c, e)) {
      fail(c, ERR_UNSUPPORTED);
      return false;
    }
    // After normalisation 0 <= i < h and 0 <= j < w; both fit 20 bits when
    // the source cells did, up to the span.
    int64_t i = cRow(c, e) - i0, j = cCol(c, e) - j0;
    if (!cFits(c, cColor(c, e), i, j)) {
      fail(c, ERR_CAPACITY);
      return false;
    }
    keys[k] = mkCellW(c, cColor(c, e), i, j) ^ cellKeyMask(c);
  }
  sortWords(keys, p.n);
  m = 0;
  for (uint32_t k = 0; k < p.n; ++k)
    if (m == 0 || keys[m - 1] != keys[k])
      keys[m++] = keys[k];
  return true;
}

static ARC_HD bool hasKey(const uint64_t *keys, uint32_t n, uint64_t key) {
  uint32_t lo = 0, hi = n;
  while (lo < hi) {
    uint32_t mid = lo + (hi - lo) / 2;
    if (keys[mid] < key)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo < n && keys[lo] == key;
}

/// hperiod (vertical = false) / vperiod (vertical = true).
static ARC_HD av period(ArcCtx *c, av obj, bool vertical) {
  int64_t n = seqLen(c, obj);
  if (c->err)
    return kErr;
  if (n == 0)
    return mkInt(c, 0);
  Pts p;
  if (!ptsOf(c, obj, p))
    return kErr;
  int64_t i0, i1, j0, j1;
  if (!bounds(c, p, i0, i1, j0, j1))
    return kErr;
  int64_t span = vertical ? i1 - i0 + 1 : j1 - j0 + 1;
  if (span <= 1)
    return mkInt(c, span);
  if (p.mode != PM_CELLS) // `for c, (i, j) in offsetted` on plain indices
    return fail(c, ERR_TYPE);
  uint64_t saved = c->top;
  uint64_t *keys;
  uint32_t m;
  int64_t h, w;
  if (!normalizedCells(c, p, keys, m, h, w)) {
    c->top = saved;
    return kErr;
  }
  int64_t result = span;
  for (int64_t q = 1; q < span; ++q) {
    if (!charge(c, m)) {
      c->top = saved;
      return kErr;
    }
    bool ok = true;
    for (uint32_t k = 0; k < m && ok; ++k) {
      av cell = keys[k] ^ cellKeyMask(c);
      int64_t col = cColor(c, cell), i = cRow(c, cell), j = cCol(c, cell);
      if (vertical) {
        if (i < q)
          continue;
        i -= q;
      } else {
        if (j < q)
          continue;
        j -= q;
      }
      ok = hasKey(keys, m, mkCellW(c, col, i, j) ^ cellKeyMask(c));
    }
    if (ok) {
      result = q;
      break;
    }
  }
  c->top = saved;
  return mkInt(c, result);
}

ARCDSL_EXPORT av arcdsl_prim_hperiod(ArcCtx *c, av obj) {
  ARC_PRIM_ENTER(c);
  return period(c, obj, false);
}

ARCDSL_EXPORT av arcdsl_prim_vperiod(ArcCtx *c, av obj) {
  ARC_PRIM_ENTER(c);
  return period(c, obj, true);
}

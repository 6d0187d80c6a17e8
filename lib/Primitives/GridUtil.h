//===- GridUtil.h - helpers of the grid primitives --------------*- C++ -*-===//
//
// Private to lib/Primitives: the views and helpers that the grid topic files
// (Colours, Objects, Transforms, Paint, Slicing, Frontiers) share: grid views,
// patch decoding, and tuple operations for non-canonical grid-like tuples.
// Host/device neutral: no STL, no heap, no function pointers.
//===----------------------------------------------------------------------===//

#ifndef ARCDSL_LIB_PRIMITIVES_GRID_UTIL_H
#define ARCDSL_LIB_PRIMITIVES_GRID_UTIL_H

#include "ArcDsl/Primitives/Hof.h"
#include "ArcDsl/Primitives/Primitives.h"
#include "ArcDsl/Primitives/PySet.h"
#include "ArcDsl/Primitives/TeamLoops.h"
#include "PrimUtil.h"
#include "PyRules.h"

namespace arcdsl {

namespace {
/// A colour no grid cell holds (Python's None as a background).
constexpr int kNoCell = (int)kGridCellMax + 1;

/// Read-only view of a rectangular grid (h rows of w cells).
struct GV {
  const GridCell *p;
  int64_t h;
  int64_t w;
};
/// Points of a patch: coordinates, and values for objects (v != nullptr).
struct Pts {
  int64_t *i;
  int64_t *j;
  av *v;
  uint32_t n;
};

} // namespace

//===----------------------------------------------------------------------===//
// Small helpers
//===----------------------------------------------------------------------===//

/// Iterable in Python terms (tuple-like or frozenset).
static inline ARC_HD bool isIterable(ArcCtx *c, av v) {
  return isTupleLike(c, v) || isSet(c, v);
}

/// A tuple of rows that no GRID box holds: some element is not a number
/// (None from `index` off the grid, a tuple) or the rows differ in length.
/// Python paints and reads such "grids" like any other.
static inline ARC_HD bool holdsNonColours(ArcCtx *c, av v) {
  if (!isTupleBox(c, v))
    return false;
  Box *b = box(c, v);
  int64_t w = -1;
  for (uint32_t k = 0; k < b->n; ++k) {
    av r = elems(b)[k];
    int64_t len;
    if (tagOf(r) == TAG_PAIR) {
      len = 2;
    } else if (tagOf(r) == TAG_TRIPLE) {
      len = 3;
    } else if (tagOf(r) == TAG_CELL || isGrid(c, r) || isSet(c, r)) {
      return true;
    } else if (isTupleBox(c, r)) {
      Box *rb = box(c, r);
      for (uint32_t j = 0; j < rb->n; ++j)
        if (!isNum(elems(rb)[j]))
          return true;
      len = rb->n;
    } else {
      return false; // not rows at all: the grid path raises as Python does
    }
    if (w >= 0 && len != w)
      return true;
    w = len;
  }
  return false;
}

/// `h, w = len(grid), len(grid[0])` of rows no GRID box holds (IndexError
/// for no rows); false once the sample has failed.
static inline ARC_HD bool rowsShape(ArcCtx *c, av grid, int64_t &h,
                                    int64_t &w) {
  if (isSet(c, grid)) { // grid[0] of a frozenset
    fail(c, ERR_TYPE);
    return false;
  }
  h = seqLen(c, grid);
  if (!c->err && h == 0)
    fail(c, ERR_INDEX);
  w = c->err ? 0 : seqLen(c, seqAt(c, grid, 0));
  return !c->err;
}

/// `grid[i][j]` of rows no GRID box holds, (i, j) inside len(grid) x
/// len(grid[0]): IndexError past the end of a shorter row.
static inline ARC_HD av rowItem(ArcCtx *c, av grid, int64_t i, int64_t j) {
  av r = seqAt(c, grid, i);
  if (!c->err && j >= seqLen(c, r))
    return fail(c, ERR_INDEX);
  return c->err ? kErr : seqAt(c, r, j);
}

static inline ARC_HD int64_t gcell(const GV &g, int64_t i, int64_t j) {
  return g.p[i * g.w + j];
}

/// View any grid-shaped value (GRID box, or tuple of equal-length int tuples,
/// `()` giving 0 x 0). ERR_TYPE otherwise.
static inline ARC_HD bool getGrid(ArcCtx *c, av v, GV &g) {
  if (c->err)
    return false;
  Box *b = isGrid(c, v) ? box(c, v) : asGrid(c, v);
  if (!b) {
    fail(c, ERR_TYPE);
    return false;
  }
  g.p = cells(b);
  g.h = b->n;
  g.w = b->w;
  return true;
}

/// getGrid of a grid with at least one row: grid[0] of none is an
/// IndexError.
static inline ARC_HD bool getGridRows(ArcCtx *c, av v, GV &g) {
  if (!getGrid(c, v, g))
    return false;
  if (g.h == 0) {
    fail(c, ERR_INDEX);
    return false;
  }
  return true;
}

/// Allocate an h x w result grid (negative sizes clamp to 0), charging work.
static inline ARC_HD Box *allocGrid(ArcCtx *c, int64_t h, int64_t w) {
  if (c->err)
    return nullptr;
  if (h < 0)
    h = 0;
  if (w < 0)
    w = 0;
  if (h > (int64_t)kGridMaxDim || w > (int64_t)kGridMaxDim) {
    fail(c, ERR_CAPACITY);
    return nullptr;
  }
  if (!charge(c, (uint64_t)(h * w + 1)))
    return nullptr;
  return newGrid(c, h, w);
}

/// Canonical value of a freshly built grid: `()` for zero rows, a tuple of
/// empty tuples for zero-width rows, else the GRID box itself.
static inline ARC_HD av gridOut(ArcCtx *c, Box *g) {
  if (!g || c->err)
    return kErr;
  if (g->n == 0)
    return emptyTuple(c);
  if (g->w == 0) {
    av e = emptyTuple(c);
    av *xs = scratch(c, g->n);
    if (!xs || c->err)
      return kErr;
    for (uint32_t k = 0; k < g->n; ++k)
      xs[k] = e;
    return makeTuple(c, xs, g->n);
  }
  return boxRef(c, g);
}

static inline ARC_HD Box *copyGrid(ArcCtx *c, const GV &g) {
  Box *o = allocGrid(c, g.h, g.w);
  if (!o)
    return nullptr;
  GridCell *d = cells(o);
  team::forEach(c, g.h * g.w, [&](int64_t k) { d[k] = g.p[k]; });
  return o;
}

/// A value to store in a grid cell: an int that fits a GridCell.
static inline ARC_HD bool cellVal(ArcCtx *c, av v, GridCell &out) {
  if (tagOf(v) != TAG_INT) {
    fail(c, ERR_UNSUPPORTED); // a grid holding bools/None/tuples
    return false;
  }
  int64_t x = numOf(v);
  if (x < kGridCellMin || x > kGridCellMax) {
    fail(c, ERR_CAPACITY);
    return false;
  }
  out = (GridCell)x;
  return true;
}

static inline ARC_HD bool numArg(ArcCtx *c, av v, int64_t &x) {
  if (c->err)
    return false;
  if (!isNum(v)) {
    fail(c, ERR_TYPE);
    return false;
  }
  x = numOf(v);
  return true;
}

/// `a, b = v` (any iterable of length 2).
static inline ARC_HD bool unpack2(ArcCtx *c, av v, av &a, av &b) {
  if (c->err)
    return false;
  if (tagOf(v) == TAG_PAIR || tagOf(v) == TAG_CELL) {
    a = seqAt(c, v, 0);
    b = seqAt(c, v, 1);
    return !c->err;
  }
  if (!isIterable(c, v)) {
    fail(c, ERR_TYPE);
    return false;
  }
  if (seqLen(c, v) != 2) {
    fail(c, ERR_VALUE);
    return false;
  }
  a = seqAt(c, v, 0);
  b = seqAt(c, v, 1);
  return !c->err;
}

/// An index value (i, j), boxed when it does not fit a PAIR.
static inline ARC_HD av mkIdx(ArcCtx *c, int64_t i, int64_t j) {
  if (pairFits(i, j))
    return mkPairRaw(i, j);
  av xs[2];
  xs[0] = mkInt(c, i);
  xs[1] = mkInt(c, j);
  if (c->err)
    return kErr;
  return makeTuple(c, xs, 2);
}
/// A cell value (col, (i, j)), boxed when it does not fit a CELL.
static inline ARC_HD av mkCellV(ArcCtx *c, av col, int64_t i, int64_t j) {
  if (tagOf(col) == TAG_INT) {
    int64_t v = numOf(col);
    if (cFits(c, v, i, j))
      return mkCellW(c, v, i, j);
  }
  if (isTok(c)) { // (i, j, value)
    av t[3] = {mkInt(c, i), mkInt(c, j), col};
    return c->err ? kErr : makeTuple(c, t, 3);
  }
  av xs[2];
  xs[0] = col;
  xs[1] = mkIdx(c, i, j);
  if (c->err)
    return kErr;
  return makeTuple(c, xs, 2);
}
static inline ARC_HD av smallInt(int64_t x) {
  return ((av)TAG_INT << 60) | ((uint64_t)x & ((1ull << 60) - 1));
}

/// `i, j = e` for an index element (numbers required).
static inline ARC_HD bool decIdx(ArcCtx *c, av e, int64_t &i, int64_t &j) {
  if (tagOf(e) == TAG_PAIR) {
    i = pairI(e);
    j = pairJ(e);
    return true;
  }
  av a, b;
  if (!unpack2(c, e, a, b))
    return false;
  if (!isNum(a) || !isNum(b)) {
    fail(c, ERR_TYPE);
    return false;
  }
  i = numOf(a);
  j = numOf(b);
  return true;
}
/// `value, (i, j) = e` for an object element.
static inline ARC_HD bool decCell(ArcCtx *c, av e, av &val, int64_t &i,
                                  int64_t &j) {
  if (isCellW(c, e)) {
    val = smallInt(cColor(c, e));
    i = cRow(c, e);
    j = cCol(c, e);
    return true;
  }
  if (isTok(c)) { // `i, j, value = e`
    if (!isIterable(c, e))
      return fail(c, ERR_TYPE), false;
    if (seqLen(c, e) != 3)
      return fail(c, ERR_VALUE), false;
    av a = seqAt(c, e, 0), b = seqAt(c, e, 1);
    val = seqAt(c, e, 2);
    if (!c->err && (!isNum(a) || !isNum(b)))
      fail(c, ERR_TYPE);
    i = c->err ? 0 : numOf(a);
    j = c->err ? 0 : numOf(b);
    return !c->err;
  }
  av ij;
  if (!unpack2(c, e, val, ij))
    return false;
  return decIdx(c, ij, i, j);
}

/// Element k of a container without materialising grid rows where cheap.
static inline ARC_HD av elemAt(ArcCtx *c, av p, int64_t k) {
  if (isBox(p)) {
    Box *b = box(c, p);
    if (b->kind != BOX_GRID)
      return elems(b)[k];
  }
  return seqAt(c, p, k);
}

/// toindices' dispatch: 0 empty, 1 indices (the patch itself), 2 object;
/// -1 on error (len() of a non-container, first element not subscriptable).
static inline ARC_HD int patchKind(ArcCtx *c, av p) {
  if (c->err)
    return -1;
  int64_t n = seqLen(c, p);
  if (c->err)
    return -1;
  if (n == 0)
    return 0;
  av f = elemAt(c, p, 0);
  if (c->err)
    return -1;
  uint32_t t = tagOf(f);
  if (t == cellTag(c))
    return 2;
  if (isTok(c)) { // tokpidjin's toindices: elements of length 3 are cells
    int64_t len = isIterable(c, f) ? seqLen(c, f) : 0;
    return c->err ? -1 : len == 3 ? 2 : 1;
  }
  if (t == TAG_PAIR)
    return 1;
  av x = pySubscript(c, f, 1);
  if (c->err)
    return -1;
  return isTupleLike(c, x) ? 2 : 1;
}

static inline ARC_HD bool allocPts(ArcCtx *c, Pts &o, uint32_t n, bool vals) {
  o.n = n;
  o.i = (int64_t *)arenaAlloc(c, 8ull * (n ? n : 1));
  o.j = (int64_t *)arenaAlloc(c, 8ull * (n ? n : 1));
  o.v = vals ? scratch(c, n) : nullptr;
  return !c->err && charge(c, n);
}

/// `for i, j in toindices(patch)` (values kept for objects). kind: see
/// patchKind. Duplicates are not removed (no caller depends on it).
static inline ARC_HD bool gatherIdx(ArcCtx *c, av p, Pts &o, int &kind) {
  o.n = 0;
  o.i = o.j = nullptr;
  o.v = nullptr;
  kind = patchKind(c, p);
  if (kind < 0)
    return false;
  if (kind == 0)
    return true;
  uint32_t n = (uint32_t)seqLen(c, p);
  if (!allocPts(c, o, n, kind == 2))
    return false;
  for (uint32_t k = 0; k < n; ++k) {
    av e = elemAt(c, p, k);
    if (kind == 2) {
      if (!decCell(c, e, o.v[k], o.i[k], o.j[k]))
        return false;
    } else if (!decIdx(c, e, o.i[k], o.j[k])) {
      return false;
    }
  }
  return true;
}

/// `for value, (i, j) in obj` (any iterable, in its iteration order).
static inline ARC_HD bool gatherCells(ArcCtx *c, av p, Pts &o) {
  o.n = 0;
  o.i = o.j = nullptr;
  o.v = nullptr;
  if (!isIterable(c, p)) {
    fail(c, ERR_TYPE);
    return false;
  }
  uint32_t n = (uint32_t)seqLen(c, p);
  if (!allocPts(c, o, n, true))
    return false;
  for (uint32_t k = 0; k < n; ++k)
    if (!decCell(c, elemAt(c, p, k), o.v[k], o.i[k], o.j[k]))
      return false;
  return true;
}

static inline ARC_HD void bounds(const Pts &o, int64_t &i0, int64_t &j0,
                                 int64_t &i1, int64_t &j1) {
  i0 = j0 = 0;
  i1 = j1 = -1;
  for (uint32_t k = 0; k < o.n; ++k) {
    if (k == 0 || o.i[k] < i0)
      i0 = o.i[k];
    if (k == 0 || o.i[k] > i1)
      i1 = o.i[k];
    if (k == 0 || o.j[k] < j0)
      j0 = o.j[k];
    if (k == 0 || o.j[k] > j1)
      j1 = o.j[k];
  }
}

/// The view of a grid box with at least one row (grid[0] of no rows is an
/// IndexError) and the indices of a patch; false with the error set.
static inline ARC_HD bool gridAndIndices(ArcCtx *c, av grid, av patch, GV &g,
                                         Pts &o, int &kind) {
  if (!getGridRows(c, grid, g))
    return false;
  return gatherIdx(c, patch, o, kind);
}

/// Sub-grid rows [r0, r1) x cols [c0, c1) (already clamped).
static inline ARC_HD av subGrid(ArcCtx *c, const GV &g, int64_t r0, int64_t r1,
                                int64_t c0, int64_t c1) {
  if (r1 <= r0)
    return emptyTuple(c);
  int64_t w = c1 > c0 ? c1 - c0 : 0;
  Box *o = allocGrid(c, r1 - r0, w);
  if (!o)
    return kErr;
  GridCell *d = cells(o);
  for (int64_t i = r0; i < r1; ++i)
    for (int64_t j = c0; j < c0 + w; ++j)
      *d++ = g.p[i * g.w + j];
  return gridOut(c, o);
}

//===----------------------------------------------------------------------===//
// Generic tuple operations (non-canonical or ragged grid-like tuples)
//===----------------------------------------------------------------------===//

/// v[lo:hi] for clamped bounds.
static inline ARC_HD av genSlice(ArcCtx *c, av v, int64_t lo, int64_t hi) {
  if (!isTupleLike(c, v))
    return fail(c, ERR_TYPE);
  if (hi < lo)
    hi = lo;
  uint32_t n = (uint32_t)(hi - lo);
  av *xs = scratch(c, n);
  if (!xs || !charge(c, n))
    return kErr;
  for (uint32_t k = 0; k < n; ++k)
    xs[k] = seqAt(c, v, lo + k);
  if (c->err)
    return kErr;
  return makeTuple(c, xs, n);
}
/// v[::-1]
static inline ARC_HD av genReverse(ArcCtx *c, av v) {
  if (c->err)
    return kErr;
  if (!isTupleLike(c, v))
    return fail(c, ERR_TYPE);
  uint32_t n = (uint32_t)seqLen(c, v);
  av *xs = scratch(c, n);
  if (!xs || !charge(c, n))
    return kErr;
  for (uint32_t k = 0; k < n; ++k)
    xs[k] = seqAt(c, v, n - 1 - k);
  if (c->err)
    return kErr;
  return makeTuple(c, xs, n);
}
/// tuple(r[::-1] for r in v)
static inline ARC_HD av genMapReverse(ArcCtx *c, av v) {
  if (c->err)
    return kErr;
  if (!isIterable(c, v))
    return fail(c, ERR_TYPE);
  uint32_t n = (uint32_t)seqLen(c, v);
  av *xs = scratch(c, n);
  if (!xs)
    return kErr;
  for (uint32_t k = 0; k < n && !c->err; ++k)
    xs[k] = genReverse(c, seqAt(c, v, k));
  if (c->err)
    return kErr;
  return makeTuple(c, xs, n);
}
/// tuple(zip(*v))
static inline ARC_HD av genZip(ArcCtx *c, av v) {
  if (c->err)
    return kErr;
  if (!isIterable(c, v))
    return fail(c, ERR_TYPE);
  uint32_t n = (uint32_t)seqLen(c, v);
  if (n == 0)
    return emptyTuple(c);
  av *rows = scratch(c, n);
  if (!rows)
    return kErr;
  int64_t m = -1;
  for (uint32_t k = 0; k < n; ++k) {
    rows[k] = seqAt(c, v, k);
    if (c->err)
      return kErr;
    if (!isIterable(c, rows[k]))
      return fail(c, ERR_TYPE);
    int64_t l = seqLen(c, rows[k]);
    if (m < 0 || l < m)
      m = l;
  }
  av *out = scratch(c, (uint64_t)m);
  av *col = scratch(c, n);
  if (!out || !col || !charge(c, (uint64_t)m * n))
    return kErr;
  for (int64_t q = 0; q < m; ++q) {
    for (uint32_t k = 0; k < n; ++k)
      col[k] = seqAt(c, rows[k], q);
    out[q] = makeTuple(c, col, n);
    if (c->err)
      return kErr;
  }
  return makeTuple(c, out, (uint32_t)m);
}

/// What rowCells collects.
enum RowCells {
  ALL_CELLS,     ///< asobject: every (v, (i, j))
  MATCH_INDICES, ///< ofcolor: the (i, j) where v == value
  MATCH_CELLS,   ///< partition: the (v, (i, j)) where v == value
};

/// The cells of rows no GRID box holds (ragged rows, rows holding other
/// values, or any container of containers: a frozenset iterates in
/// canonical order), as Python enumerates them:
/// `frozenset((v, (i, j)) for i, r in enumerate(grid) for j, v in
/// enumerate(r) [if v == value])`.
static inline ARC_HD av rowCells(ArcCtx *c, av grid, RowCells mode, av value) {
  bool only = mode != ALL_CELLS;
  int64_t h = seqLen(c, grid), n = 0;
  for (int64_t i = 0; i < h && !c->err; ++i)
    n += seqLen(c, seqAt(c, grid, i));
  av *xs = scratch(c, (uint64_t)n);
  if (c->err || !xs || !charge(c, (uint64_t)n + 1))
    return kErr;
  uint32_t k = 0;
  for (int64_t i = 0; i < h && !c->err; ++i) {
    av r = seqAt(c, grid, i);
    for (int64_t j = 0, m = seqLen(c, r); j < m && !c->err; ++j) {
      av v = seqAt(c, r, j);
      if (only && !equalValues(c, v, value))
        continue;
      if (!pairFits(i, j))
        return fail(c, ERR_CAPACITY);
      av cell[2] = {v, mkPairRaw(i, j)};
      xs[k++] = mode == MATCH_INDICES ? cell[1] : mkCellV(c, v, i, j);
    }
  }
  return c->err ? kErr : makeSet(c, xs, k);
}

enum Xf { XF_ROT90, XF_ROT180, XF_ROT270, XF_H, XF_V, XF_D, XF_C };

/// Fast path on a GRID box.
static inline ARC_HD av xformGrid(ArcCtx *c, const GV &g, int xf) {
  int64_t h = g.h, w = g.w;
  bool swap = xf == XF_ROT90 || xf == XF_ROT270 || xf == XF_D || xf == XF_C;
  int64_t oh = swap ? w : h, ow = swap ? h : w;
  Box *o = allocGrid(c, oh, ow);
  if (!o)
    return kErr;
  GridCell *d = cells(o);
  // One output row per iteration (a team loop: TeamLoops.h).
  team::forEach(c, oh, [&](int64_t r) {
    for (int64_t q = 0; q < ow; ++q) {
      int64_t si, sj;
      switch (xf) {
      case XF_ROT90:
        si = h - 1 - q;
        sj = r;
        break;
      case XF_ROT180:
        si = h - 1 - r;
        sj = w - 1 - q;
        break;
      case XF_ROT270:
        si = q;
        sj = w - 1 - r;
        break;
      case XF_H:
        si = h - 1 - r;
        sj = q;
        break;
      case XF_V:
        si = r;
        sj = w - 1 - q;
        break;
      case XF_D:
        si = q;
        sj = r;
        break;
      default: // XF_C
        si = h - 1 - q;
        sj = w - 1 - r;
        break;
      }
      d[r * ow + q] = g.p[si * w + sj];
    }
  });
  return gridOut(c, o);
}

/// Python semantics on any tuple (ragged, `()`, tuples of non-ints).
static inline ARC_HD av xformGeneric(ArcCtx *c, av v, int xf) {
  switch (xf) {
  case XF_ROT90: // zip(*g[::-1])
    return genZip(c, genReverse(c, v));
  case XF_ROT180: // tuple(row[::-1] for row in g[::-1])
    return genMapReverse(c, genReverse(c, v));
  case XF_ROT270:
    return genReverse(c, genMapReverse(c, genZip(c, genReverse(c, v))));
  case XF_H:
    return genReverse(c, v);
  case XF_V:
    return genMapReverse(c, v);
  case XF_D:
    return genZip(c, v);
  default: // zip(*(r[::-1] for r in g[::-1]))
    return genZip(c, genMapReverse(c, genReverse(c, v)));
  }
}

/// mostcolor (most) / leastcolor of a grid or an object (Colours.cpp).
ARC_HD av mostLeast(ArcCtx *c, av e, bool most);

} // namespace arcdsl

#endif // ARCDSL_LIB_PRIMITIVES_GRID_UTIL_H

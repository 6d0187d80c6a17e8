//===- Grid.cpp - grid, colour and patch-on-grid primitives ---------------===//
//
// First-order primitives that read or build grids (and the colour queries
// and mirrors that are polymorphic over grids and patches). Semantics follow
// the reference DSL exactly, including Python slicing rules and the errors
// it raises; see DEVELOPERS.md for the canonical-order rule.
//
// Layout: helpers (grid views, patch decoding, generic tuple ops) first,
// then the primitives. Grids are read through a GV view of a GRID box; a
// grid-shaped tuple that is not canonical (e.g. `()`) goes through asGrid.
// Results are built with gridOut(), which gives `()` for zero rows and a
// tuple of empty tuples for zero-width rows.
//
// Host/device neutral: no STL, no heap, no function pointers.
//===----------------------------------------------------------------------===//

#include "ArcDsl/Primitives/Hof.h"
#include "ArcDsl/Primitives/Primitives.h"
#include "ArcDsl/Primitives/PySet.h"
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
static ARC_HD bool isIterable(ArcCtx *c, av v) {
  return isTupleLike(c, v) || isSet(c, v);
}

/// A tuple of rows that no GRID box holds: some element is not a number
/// (None from `index` off the grid, a tuple) or the rows differ in length.
/// Python paints and reads such "grids" like any other.
static ARC_HD bool holdsNonColours(ArcCtx *c, av v) {
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
static ARC_HD bool rowsShape(ArcCtx *c, av grid, int64_t &h, int64_t &w) {
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
static ARC_HD av rowItem(ArcCtx *c, av grid, int64_t i, int64_t j) {
  av r = seqAt(c, grid, i);
  if (!c->err && j >= seqLen(c, r))
    return fail(c, ERR_INDEX);
  return c->err ? kErr : seqAt(c, r, j);
}

static ARC_HD int64_t gcell(const GV &g, int64_t i, int64_t j) {
  return g.p[i * g.w + j];
}

/// View any grid-shaped value (GRID box, or tuple of equal-length int tuples,
/// `()` giving 0 x 0). ERR_TYPE otherwise.
static ARC_HD bool getGrid(ArcCtx *c, av v, GV &g) {
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

/// Allocate an h x w result grid (negative sizes clamp to 0), charging work.
static ARC_HD Box *allocGrid(ArcCtx *c, int64_t h, int64_t w) {
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
static ARC_HD av gridOut(ArcCtx *c, Box *g) {
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

static ARC_HD Box *copyGrid(ArcCtx *c, const GV &g) {
  Box *o = allocGrid(c, g.h, g.w);
  if (!o)
    return nullptr;
  GridCell *d = cells(o);
  int64_t n = g.h * g.w;
  for (int64_t k = 0; k < n; ++k)
    d[k] = g.p[k];
  return o;
}

/// A value to store in a grid cell: an int that fits a GridCell.
static ARC_HD bool cellVal(ArcCtx *c, av v, GridCell &out) {
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

static ARC_HD bool numArg(ArcCtx *c, av v, int64_t &x) {
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
static ARC_HD bool unpack2(ArcCtx *c, av v, av &a, av &b) {
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
static ARC_HD av mkIdx(ArcCtx *c, int64_t i, int64_t j) {
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
static ARC_HD av mkCellV(ArcCtx *c, av col, int64_t i, int64_t j) {
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
static ARC_HD av smallInt(int64_t x) {
  return ((av)TAG_INT << 60) | ((uint64_t)x & ((1ull << 60) - 1));
}

/// `i, j = e` for an index element (numbers required).
static ARC_HD bool decIdx(ArcCtx *c, av e, int64_t &i, int64_t &j) {
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
static ARC_HD bool decCell(ArcCtx *c, av e, av &val, int64_t &i, int64_t &j) {
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
static ARC_HD av elemAt(ArcCtx *c, av p, int64_t k) {
  if (isBox(p)) {
    Box *b = box(c, p);
    if (b->kind != BOX_GRID)
      return elems(b)[k];
  }
  return seqAt(c, p, k);
}

/// toindices' dispatch: 0 empty, 1 indices (the patch itself), 2 object;
/// -1 on error (len() of a non-container, first element not subscriptable).
static ARC_HD int patchKind(ArcCtx *c, av p) {
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

static ARC_HD bool allocPts(ArcCtx *c, Pts &o, uint32_t n, bool vals) {
  o.n = n;
  o.i = (int64_t *)arenaAlloc(c, 8ull * (n ? n : 1));
  o.j = (int64_t *)arenaAlloc(c, 8ull * (n ? n : 1));
  o.v = vals ? scratch(c, n) : nullptr;
  return !c->err && charge(c, n);
}

/// `for i, j in toindices(patch)` (values kept for objects). kind: see
/// patchKind. Duplicates are not removed (no caller depends on it).
static ARC_HD bool gatherIdx(ArcCtx *c, av p, Pts &o, int &kind) {
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
static ARC_HD bool gatherCells(ArcCtx *c, av p, Pts &o) {
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

static ARC_HD void bounds(const Pts &o, int64_t &i0, int64_t &j0, int64_t &i1,
                          int64_t &j1) {
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

/// Sub-grid rows [r0, r1) x cols [c0, c1) (already clamped).
static ARC_HD av subGrid(ArcCtx *c, const GV &g, int64_t r0, int64_t r1,
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
static ARC_HD av genSlice(ArcCtx *c, av v, int64_t lo, int64_t hi) {
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
static ARC_HD av genReverse(ArcCtx *c, av v) {
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
static ARC_HD av genMapReverse(ArcCtx *c, av v) {
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
static ARC_HD av genZip(ArcCtx *c, av v) {
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

//===----------------------------------------------------------------------===//
// Colour queries (Element = grid or object)
//===----------------------------------------------------------------------===//

/// Values of a non-GRID element: `v for r in element for v in r` (tuple
/// branch) or `v for v, _ in element` (set branch).
static ARC_HD bool elemValues(ArcCtx *c, av e, av *&xs, uint32_t &n) {
  n = 0;
  xs = nullptr;
  if (c->err)
    return false;
  if (isTupleLike(c, e)) {
    uint32_t t = tagOf(e);
    if (t == TAG_PAIR || t == TAG_CELL || t == TAG_TRIPLE) { // an int row
      fail(c, ERR_TYPE);
      return false;
    }
    Box *b = box(c, e);
    uint64_t total = 0;
    for (uint32_t k = 0; k < b->n; ++k) {
      av r = elems(b)[k];
      if (!isIterable(c, r)) {
        fail(c, ERR_TYPE);
        return false;
      }
      total += (uint64_t)seqLen(c, r);
    }
    xs = scratch(c, total);
    if (!xs || !charge(c, total))
      return false;
    for (uint32_t k = 0; k < b->n; ++k) {
      av r = elems(b)[k];
      int64_t l = seqLen(c, r);
      for (int64_t q = 0; q < l; ++q)
        xs[n++] = seqAt(c, r, q);
    }
    return !c->err;
  }
  if (!isSet(c, e)) {
    fail(c, ERR_TYPE);
    return false;
  }
  Box *b = box(c, e);
  xs = scratch(c, b->n);
  if (!xs || !charge(c, b->n))
    return false;
  for (uint32_t k = 0; k < b->n; ++k) {
    av x = elems(b)[k];
    uint32_t t = tagOf(x);
    if (t == cellTag(c)) {
      xs[n++] = smallInt(cColor(c, x));
    } else if (t == TAG_PAIR) {
      xs[n++] = smallInt(pairI(x));
    } else {
      av a, bb;
      if (!unpack2(c, x, a, bb))
        return false;
      xs[n++] = a;
    }
  }
  return true;
}

/// Colours present in a gridHist table.
static ARC_HD uint32_t histColours(const uint32_t *cnt, int span) {
  uint32_t n = 0;
  for (int k = 0; k < span; ++k)
    n += cnt[k] != 0;
  return n;
}

/// Colour counts of a grid: cnt[k] cells of colour lo + k, k < span (in
/// `small`, the caller's table, for colours 0-15; else in the arena; span 0
/// for an empty grid). False on a capacity error.
static ARC_HD bool gridHist(ArcCtx *c, const GV &g, uint32_t *&cnt, int &lo,
                            int &span, uint32_t (&small)[16]) {
  int64_t n = g.h * g.w;
  int hi = -1;
  lo = 0;
  for (int64_t k = 0; k < n; ++k) {
    int v = g.p[k];
    if (k == 0 || v < lo)
      lo = v;
    if (k == 0 || v > hi)
      hi = v;
  }
  span = n ? hi - lo + 1 : 0;
  if (lo >= 0 && hi < 16) {
    lo = 0;
    span = n ? 16 : 0;
    cnt = small;
  } else {
    cnt = (uint32_t *)arenaAlloc(c, 4ull * (span ? span : 1));
    if (!cnt)
      return false;
  }
  for (int k = 0; k < span; ++k)
    cnt[k] = 0;
  for (int64_t k = 0; k < n; ++k)
    cnt[g.p[k] - lo]++;
  return true;
}

/// The values of a grid box, row-major (`[v for r in grid for v in r]`).
static ARC_HD av *gridValues(ArcCtx *c, const GV &g) {
  av *xs = scratch(c, (uint64_t)(g.h * g.w));
  if (!xs)
    return nullptr;
  for (int64_t k = 0; k < g.h * g.w; ++k)
    xs[k] = smallInt(g.p[k]);
  return xs;
}

/// max/min(set(values), key=values.count), ties to the smallest value
/// (canonical order) or to the first of the set's CPython order.
static ARC_HD av mostLeast(ArcCtx *c, av e, bool most) {
  if (isPyOrder(c)) {
    av *xs;
    uint32_t n;
    uint64_t mark = c->top;
    GV g;
    if (isGrid(c, e)) {
      getGrid(c, e, g);
      n = (uint32_t)(g.h * g.w);
      if (!charge(c, n) || !(xs = gridValues(c, g)))
        return kErr;
    } else if (!elemValues(c, e, xs, n)) {
      return kErr;
    }
    if (n == 0)
      return fail(c, ERR_VALUE);
    av r = pyCommonest(c, xs, n, most);
    if (!refsArena(r))
      arcdsl_rt_release(c, mark);
    return r;
  }
  if (isGrid(c, e)) {
    GV g;
    getGrid(c, e, g);
    if (!charge(c, (uint64_t)(g.h * g.w)))
      return kErr;
    uint32_t *cnt, small[16];
    int lo, span;
    if (!gridHist(c, g, cnt, lo, span, small))
      return kErr;
    int best = -1;
    for (int k = 0; k < span; ++k) {
      if (!cnt[k])
        continue;
      if (best < 0 || (most ? cnt[k] > cnt[best] : cnt[k] < cnt[best]))
        best = k;
    }
    if (best < 0)
      return fail(c, ERR_VALUE);
    return mkInt(c, lo + best);
  }
  av *xs;
  uint32_t n;
  if (!elemValues(c, e, xs, n))
    return kErr;
  if (n == 0)
    return fail(c, ERR_VALUE);
  sortValues(c, xs, n);
  if (c->err)
    return kErr;
  uint32_t bestAt = 0, bestCnt = 0;
  for (uint32_t k = 0; k < n;) {
    uint32_t q = k + 1;
    while (q < n && compareCanon(c, xs[k], xs[q]) == 0)
      ++q;
    uint32_t cntk = q - k;
    if (bestCnt == 0 || (most ? cntk > bestCnt : cntk < bestCnt)) {
      bestCnt = cntk;
      bestAt = k;
    }
    k = q;
  }
  return xs[bestAt];
}

ARCDSL_EXPORT av arcdsl_prim_mostcolor(ArcCtx *c, av element) {
  ARC_PRIM_ENTER(c);
  return mostLeast(c, element, true);
}

ARCDSL_EXPORT av arcdsl_prim_leastcolor(ArcCtx *c, av element) {
  ARC_PRIM_ENTER(c);
  return mostLeast(c, element, false);
}

ARCDSL_EXPORT av arcdsl_prim_colorcount(ArcCtx *c, av element, av value) {
  ARC_PRIM_ENTER(c);
  if (isGrid(c, element)) {
    GV g;
    getGrid(c, element, g);
    if (!charge(c, (uint64_t)(g.h * g.w)))
      return kErr;
    if (!isNum(value))
      return mkInt(c, 0);
    int64_t x = numOf(value), cnt = 0, n = g.h * g.w;
    for (int64_t k = 0; k < n; ++k)
      cnt += g.p[k] == x;
    return mkInt(c, cnt);
  }
  av *xs;
  uint32_t n;
  if (!elemValues(c, element, xs, n))
    return kErr;
  int64_t cnt = 0;
  for (uint32_t k = 0; k < n; ++k)
    cnt += equalValues(c, xs[k], value);
  return mkInt(c, cnt);
}

ARCDSL_EXPORT av arcdsl_prim_palette(ArcCtx *c, av element) {
  ARC_PRIM_ENTER(c);
  if (isGrid(c, element)) {
    GV g;
    getGrid(c, element, g);
    if (!charge(c, (uint64_t)(g.h * g.w)))
      return kErr;
    uint32_t *cnt, small[16];
    int lo, span;
    if (!gridHist(c, g, cnt, lo, span, small))
      return kErr;
    uint32_t n = histColours(cnt, span);
    av *xs = scratch(c, n);
    if (!xs && n)
      return kErr;
    n = 0;
    if (isPyOrder(c)) {
      // frozenset({v for r in element for v in r}): the colours added in
      // the order they first occur, then copied.
      for (int64_t k = 0; k < g.h * g.w; ++k)
        if (cnt[g.p[k] - lo]) {
          cnt[g.p[k] - lo] = 0;
          xs[n++] = smallInt(g.p[k]);
        }
      return pySetFromSetOf(c, xs, n);
    }
    for (int k = 0; k < span; ++k)
      if (cnt[k])
        xs[n++] = smallInt(lo + k);
    return makeSet(c, xs, n);
  }
  av *xs;
  uint32_t n;
  if (!elemValues(c, element, xs, n))
    return kErr;
  if (isPyOrder(c))
    return pySetFromSetOf(c, xs, n);
  return makeSet(c, xs, n);
}

ARCDSL_EXPORT av arcdsl_prim_numcolors(ArcCtx *c, av element) {
  ARC_PRIM_ENTER(c);
  av p = arcdsl_prim_palette(c, element);
  if (c->err)
    return kErr;
  return mkInt(c, box(c, p)->n);
}

//===----------------------------------------------------------------------===//
// Grid -> indices / objects
//===----------------------------------------------------------------------===//

/// asindices of rows no GRID box holds:
/// `frozenset((i, j) for i in range(len(grid)) for j in range(len(grid[0])))`.
static ARC_HD av asindicesGeneric(ArcCtx *c, av grid) {
  int64_t h = seqLen(c, grid);
  if (c->err || h == 0)
    return c->err ? kErr : makeSet(c, nullptr, 0);
  int64_t w = seqLen(c, seqAt(c, grid, 0));
  if (!pairFits(h, w))
    return fail(c, ERR_CAPACITY);
  uint64_t n = (uint64_t)(h * w);
  av *xs = scratch(c, n);
  if (c->err || !xs || !charge(c, n + 1))
    return kErr;
  uint32_t k = 0;
  for (int64_t i = 0; i < h; ++i)
    for (int64_t j = 0; j < w; ++j)
      xs[k++] = mkPairRaw(i, j);
  return makeSet(c, xs, k);
}

ARCDSL_EXPORT av arcdsl_prim_asindices(ArcCtx *c, av grid) {
  ARC_PRIM_ENTER(c);
  if (holdsNonColours(c, grid))
    return asindicesGeneric(c, grid);
  GV g;
  if (!getGrid(c, grid, g))
    return kErr;
  uint64_t n = (uint64_t)(g.h * g.w);
  av *xs = scratch(c, n);
  if (!xs || !charge(c, n))
    return kErr;
  uint32_t k = 0;
  for (int64_t i = 0; i < g.h; ++i)
    for (int64_t j = 0; j < g.w; ++j)
      xs[k++] = mkPairRaw(i, j);
  return makeSet(c, xs, k);
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
static ARC_HD av rowCells(ArcCtx *c, av grid, RowCells mode, av value) {
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

ARCDSL_EXPORT av arcdsl_prim_ofcolor(ArcCtx *c, av grid, av value) {
  ARC_PRIM_ENTER(c);
  if (isSet(c, grid) || holdsNonColours(c, grid))
    return rowCells(c, grid, MATCH_INDICES, value);
  GV g;
  if (!getGrid(c, grid, g))
    return kErr;
  uint64_t n = (uint64_t)(g.h * g.w);
  if (!charge(c, n))
    return kErr;
  if (!isNum(value))
    return makeSet(c, nullptr, 0);
  int64_t x = numOf(value);
  av *xs = scratch(c, n);
  if (!xs)
    return kErr;
  uint32_t k = 0;
  for (int64_t i = 0; i < g.h; ++i)
    for (int64_t j = 0; j < g.w; ++j)
      if (gcell(g, i, j) == x)
        xs[k++] = mkPairRaw(i, j);
  return makeSet(c, xs, k);
}

ARCDSL_EXPORT av arcdsl_prim_asobject(ArcCtx *c, av grid) {
  ARC_PRIM_ENTER(c);
  if (isSet(c, grid) || holdsNonColours(c, grid))
    return rowCells(c, grid, ALL_CELLS, kErr);
  GV g;
  if (!getGrid(c, grid, g))
    return kErr;
  uint64_t n = (uint64_t)(g.h * g.w);
  av *xs = scratch(c, n);
  if (!xs || !charge(c, n))
    return kErr;
  uint32_t k = 0;
  for (int64_t i = 0; i < g.h; ++i)
    for (int64_t j = 0; j < g.w; ++j)
      xs[k++] = mkCellW(c, gcell(g, i, j), i, j);
  return makeSet(c, xs, k);
}

/// toobject on rows no GRID box holds: `h, w = len(grid), len(grid[0])`,
/// `frozenset((grid[i][j], (i, j)) for i, j in toindices(patch) if ...)`.
static ARC_HD av toobjectGeneric(ArcCtx *c, av patch, av grid) {
  int64_t h, w;
  if (!rowsShape(c, grid, h, w))
    return kErr;
  Pts o;
  int kind;
  if (!gatherIdx(c, patch, o, kind))
    return kErr;
  av *xs = scratch(c, o.n);
  if (c->err || !xs || !charge(c, (uint64_t)o.n + 1))
    return kErr;
  uint32_t k = 0;
  for (uint32_t q = 0; q < o.n && !c->err; ++q) {
    int64_t i = o.i[q], j = o.j[q];
    if (i < 0 || i >= h || j < 0 || j >= w)
      continue;
    xs[k++] = mkCellV(c, rowItem(c, grid, i, j), i, j);
  }
  return c->err ? kErr : makeSet(c, xs, k);
}

ARCDSL_EXPORT av arcdsl_prim_toobject(ArcCtx *c, av patch, av grid) {
  ARC_PRIM_ENTER(c);
  // `for i, j in toindices(patch)`: under the python order, the order of
  // the set toindices builds (an object's indices are a new frozenset).
  if (isPyOrder(c) && isSet(c, patch) && patchKind(c, patch) == 2) {
    patch = arcdsl_prim_toindices(c, patch);
    if (c->err)
      return kErr;
  }
  if (holdsNonColours(c, grid))
    return toobjectGeneric(c, patch, grid);
  GV g;
  if (!getGrid(c, grid, g))
    return kErr;
  if (g.h == 0)
    return fail(c, ERR_INDEX);
  Pts o;
  int kind;
  if (!gatherIdx(c, patch, o, kind))
    return kErr;
  av *xs = scratch(c, o.n);
  if (!xs)
    return kErr;
  uint32_t k = 0;
  for (uint32_t q = 0; q < o.n; ++q) {
    int64_t i = o.i[q], j = o.j[q];
    if (i >= 0 && i < g.h && j >= 0 && j < g.w)
      xs[k++] = mkCellW(c, gcell(g, i, j), i, j);
  }
  return makeSet(c, xs, k);
}

/// Cells of colour `col` in row-major order, as an object.
static ARC_HD av colorObject(ArcCtx *c, const GV &g, int col, uint32_t cnt) {
  av *xs = scratch(c, cnt);
  if (!xs)
    return kErr;
  uint32_t k = 0;
  for (int64_t i = 0; i < g.h; ++i)
    for (int64_t j = 0; j < g.w; ++j)
      if (gcell(g, i, j) == col)
        xs[k++] = mkCellW(c, col, i, j);
  return makeSet(c, xs, k);
}

/// partition/fgpartition of rows no GRID box holds (or of a container of
/// containers): `frozenset(frozenset((v, (i, j)) for i, r in
/// enumerate(grid) for j, v in enumerate(r) if v == value) for value in
/// palette(grid) [- {mostcolor(grid)}])`.
static ARC_HD av partitionGeneric(ArcCtx *c, av grid, bool fg) {
  av pal = arcdsl_prim_palette(c, grid);
  av bg = fg ? arcdsl_prim_mostcolor(c, grid) : kErr;
  int64_t n = c->err ? 0 : seqLen(c, pal);
  av *objs = scratch(c, (uint64_t)n);
  if (c->err || (!objs && n))
    return kErr;
  uint32_t m = 0;
  for (int64_t k = 0; k < n && !c->err; ++k) {
    av value = seqAt(c, pal, k);
    if (fg && equalValues(c, value, bg))
      continue;
    objs[m++] = rowCells(c, grid, MATCH_CELLS, value);
  }
  return c->err ? kErr : makeSet(c, objs, m);
}

/// partition/fgpartition under the python order: one object per colour of
/// palette(grid) [- {mostcolor(grid)}], in that set's order.
static ARC_HD av partitionPy(ArcCtx *c, av grid, bool fg) {
  av pal = arcdsl_prim_palette(c, grid);
  if (fg) {
    av bg = arcdsl_prim_mostcolor(c, grid);
    av one = c->err ? kErr : pySetFromSetOf(c, &bg, 1);
    pal = c->err ? kErr : pySetSub(c, pal, one);
  }
  int64_t n = c->err ? 0 : seqLen(c, pal);
  av *objs = scratch(c, (uint64_t)n);
  if (c->err || (!objs && n))
    return kErr;
  bool generic = isSet(c, grid) || holdsNonColours(c, grid);
  GV g;
  if (!generic && !getGrid(c, grid, g))
    return kErr;
  for (int64_t k = 0; k < n && !c->err; ++k) {
    av value = seqAt(c, pal, k);
    if (generic) {
      objs[k] = rowCells(c, grid, MATCH_CELLS, value);
      continue;
    }
    uint32_t cnt = 0;
    for (int64_t q = 0; q < g.h * g.w; ++q)
      cnt += g.p[q] == numOf(value);
    objs[k] = colorObject(c, g, (int)numOf(value), cnt);
  }
  return c->err ? kErr : makeSet(c, objs, (uint32_t)n);
}

static ARC_HD av partitionImpl(ArcCtx *c, av grid, bool fg) {
  if (isPyOrder(c))
    return partitionPy(c, grid, fg);
  if (isSet(c, grid) || holdsNonColours(c, grid))
    return partitionGeneric(c, grid, fg);
  GV g;
  if (!getGrid(c, grid, g))
    return kErr;
  if (!charge(c, (uint64_t)(g.h * g.w) * 2))
    return kErr;
  uint32_t *cnt, small[16];
  int lo, span;
  if (!gridHist(c, g, cnt, lo, span, small))
    return kErr;
  int bg = -1;
  if (fg) {
    for (int k = 0; k < span; ++k)
      if (cnt[k] && (bg < 0 || cnt[k] > cnt[bg]))
        bg = k;
    if (bg < 0)
      return fail(c, ERR_VALUE); // mostcolor of an empty grid
  }
  uint32_t n = histColours(cnt, span);
  av *objs = scratch(c, n);
  if (!objs && n)
    return kErr;
  n = 0;
  for (int k = 0; k < span; ++k) {
    if (!cnt[k] || k == bg)
      continue;
    objs[n++] = colorObject(c, g, lo + k, cnt[k]);
    if (c->err)
      return kErr;
  }
  return makeSet(c, objs, n);
}

ARCDSL_EXPORT av arcdsl_prim_partition(ArcCtx *c, av grid) {
  ARC_PRIM_ENTER(c);
  return partitionImpl(c, grid, false);
}

ARCDSL_EXPORT av arcdsl_prim_fgpartition(ArcCtx *c, av grid) {
  ARC_PRIM_ENTER(c);
  return partitionImpl(c, grid, true);
}

/// objects() of rows no GRID box holds (a colour that is a frozenset, a
/// None...): the same flood fill over values compared with Python's ==.
static ARC_HD av objectsGeneric(ArcCtx *c, av grid, bool uni, bool diag,
                                bool nobg) {
  int64_t h, w;
  if (!rowsShape(c, grid, h, w))
    return kErr;
  int64_t n = h * w;
  if (!charge(c, (uint64_t)(n * 10 + 1)))
    return kErr;
  av bg = nobg ? arcdsl_prim_mostcolor(c, grid) : kNone;
  av *vals = scratch(c, (uint64_t)n);
  int64_t *stack = (int64_t *)scratch(c, (uint64_t)n);
  uint8_t *seen = (uint8_t *)arenaAlloc(c, (uint64_t)n + 1);
  av *objs = scratch(c, (uint64_t)n);
  av *cellsOut = scratch(c, (uint64_t)n);
  if (c->err || !vals || !stack || !seen || !objs || !cellsOut)
    return kErr;
  for (int64_t k = 0; k < n; ++k) {
    vals[k] = rowItem(c, grid, k / w, k % w);
    seen[k] = 0;
  }
  if (c->err)
    return kErr;
  auto isBg = [&](av v) { return nobg && equalValues(c, v, bg); };
  uint32_t nObjs = 0;
  for (int64_t loc = 0; loc < n; ++loc) {
    if (seen[loc] || isBg(vals[loc]))
      continue;
    av val = vals[loc];
    uint32_t nCells = 0;
    int64_t top = 0;
    stack[top++] = loc;
    seen[loc] = 1;
    while (top) {
      int64_t k = stack[--top], ci = k / w, cj = k % w;
      av part[3];
      if (isTok(c)) {
        part[0] = mkInt(c, ci), part[1] = mkInt(c, cj), part[2] = vals[k];
        cellsOut[nCells++] = makeTuple(c, part, 3);
      } else {
        part[0] = vals[k], part[1] = mkIdx(c, ci, cj);
        cellsOut[nCells++] = makeTuple(c, part, 2);
      }
      for (int64_t di = -1; di <= 1; ++di)
        for (int64_t dj = -1; dj <= 1; ++dj) {
          if ((di == 0 && dj == 0) || (!diag && di != 0 && dj != 0))
            continue;
          int64_t i = ci + di, j = cj + dj;
          if (i < 0 || i >= h || j < 0 || j >= w || seen[i * w + j])
            continue;
          av v = vals[i * w + j];
          if (uni ? !equalValues(c, v, val) : isBg(v))
            continue;
          seen[i * w + j] = 1;
          stack[top++] = i * w + j;
        }
    }
    objs[nObjs++] = makeSet(c, cellsOut, nCells);
    if (c->err)
      return kErr;
  }
  return makeSet(c, objs, nObjs);
}

/// The iteration order of dneighbors(loc) / neighbors(loc) into out[].
static ARC_HD uint32_t neighborOrder(ArcCtx *c, int64_t i, int64_t j, bool diag,
                                     av *out) {
  uint64_t mark = c->top;
  av loc = mkPairRaw(i, j);
  av s = diag ? arcdsl_prim_neighbors(c, loc) : arcdsl_prim_dneighbors(c, loc);
  if (c->err)
    return 0;
  Box *b = box(c, s);
  for (uint32_t k = 0; k < b->n; ++k)
    out[k] = elems(b)[k];
  uint32_t n = b->n;
  arcdsl_rt_release(c, mark);
  return n;
}

/// cands = neighborhood - occupied (set_difference of a set and a set of
/// `occ` cells, the grid's occupied flags).
static ARC_HD bool candsMinus(ArcCtx *c, const PyTab *nb, const uint8_t *occ,
                              uint64_t nOcc, int64_t w, PyTab *out) {
  auto occupied = [&](av k) { return occ[pairI(k) * w + pairJ(k)] != 0; };
  if (!tabInit(c, out))
    return false;
  if ((nb->used >> 2) > nOcc) { // copy, then discard the common ones
    if (!tabMergeTab(c, out, nb))
      return false;
    for (uint64_t s = 0; s <= out->mask; ++s)
      if (tabActive(out->key[s]) && occupied(out->key[s])) {
        out->key[s] = kTabDummy;
        out->hash[s] = -1;
        out->used--;
      }
    return tabDropDummies(c, out);
  }
  for (uint64_t s = 0; s <= nb->mask; ++s)
    if (tabActive(nb->key[s]) && !occupied(nb->key[s]) &&
        !tabAdd(c, out, nb->key[s], nb->hash[s]))
      return false;
  return true;
}

/// Python's `a == b` of two cell values (nan equals nothing).
static ARC_HD bool cellEq(ArcCtx *c, av a, av b) {
  if ((isFloat(a) && floatOf(a) == FLOAT_NAN) ||
      (isFloat(b) && floatOf(b) == FLOAT_NAN))
    return false;
  return equalValues(c, a, b);
}

ARC_HD av pyObjects(ArcCtx *c, const av *vals, int64_t h, int64_t w, bool uni,
                    bool diag, av bg, bool asTuples) {
  av *rc = scratch(c, (uint64_t)(h * w));
  uint8_t *occ = (uint8_t *)arenaAlloc(c, (uint64_t)(h * w) + 1);
  PyTab objs;
  if (c->err || !rc || !occ || !tabInit(c, &objs))
    return kErr;
  for (int64_t k = 0; k < h * w; ++k) {
    occ[k] = 0;
    rc[k] = mkPairRaw(k / w, k % w);
  }
  av unvisited = pySetFromSeq(c, rc, (uint32_t)(h * w)); // asindices(grid)
  // Tuples: obj and objs are lists, in visit order.
  av *cellList = asTuples ? scratch(c, (uint64_t)(h * w)) : nullptr;
  av *objList = asTuples ? scratch(c, (uint64_t)(h * w)) : nullptr;
  if (c->err)
    return kErr;
  uint64_t nOcc = 0, nObjs = 0;
  Box *ub = box(c, unvisited);
  for (uint32_t u = 0; u < ub->n; ++u) {
    av loc = elems(ub)[u];
    int64_t li = pairI(loc), lj = pairJ(loc);
    av val = vals[li * w + lj];
    if (occ[li * w + lj] || cellEq(c, val, bg))
      continue;
    uint64_t mark = c->top, nCells = 0;
    PyTab obj, cands;
    if (!tabInit(c, &obj) || !tabInit(c, &cands) || !tabAddKey(c, &cands, loc))
      return kErr;
    while (cands.used > 0) {
      PyTab nb;
      if (!tabInit(c, &nb))
        return kErr;
      for (uint64_t s = 0; s <= cands.mask; ++s) {
        av cand = cands.key[s];
        if (!tabActive(cand))
          continue;
        int64_t ci = pairI(cand), cj = pairJ(cand);
        av v = vals[ci * w + cj];
        if (uni ? !cellEq(c, val, v) : cellEq(c, v, bg))
          continue;
        av cell = mkCellV(c, v, ci, cj);
        if (!charge(c, 16) || !(asTuples ? (cellList[nCells++] = cell, true)
                                         : tabAddKey(c, &obj, cell)))
          return kErr;
        nOcc += !occ[ci * w + cj];
        occ[ci * w + cj] = 1;
        av around[8];
        uint32_t na = neighborOrder(c, ci, cj, diag, around);
        PyTab comp;
        if (c->err || !tabInit(c, &comp))
          return kErr;
        for (uint32_t q = 0; q < na; ++q) {
          int64_t i = pairI(around[q]), j = pairJ(around[q]);
          if (i >= 0 && i < h && j >= 0 && j < w &&
              !tabAddKey(c, &comp, around[q]))
            return kErr;
        }
        if (!tabMergeTab(c, &nb, &comp))
          return kErr;
      }
      if (!candsMinus(c, &nb, occ, nOcc, w, &cands))
        return kErr;
    }
    av o = asTuples ? makeTuple(c, cellList, (uint32_t)nCells)
                    : tabFreezeCopy(c, &obj);
    o = arcdsl_rt_keep(c, mark, o);
    if (c->err ||
        !(asTuples ? (objList[nObjs++] = o, true) : tabAddKey(c, &objs, o)))
      return kErr;
  }
  return asTuples ? makeTuple(c, objList, (uint32_t)nObjs)
                  : tabFreezeCopy(c, &objs);
}

/// The cell values of a grid or of rows no GRID box holds, row-major.
static ARC_HD av *cellValues(ArcCtx *c, av grid, int64_t h, int64_t w,
                             bool generic) {
  av *vals = scratch(c, (uint64_t)(h * w));
  if (!vals)
    return nullptr;
  GV g;
  if (!generic)
    getGrid(c, grid, g);
  for (int64_t k = 0; k < h * w; ++k)
    vals[k] = generic ? rowItem(c, grid, k / w, k % w) : smallInt(g.p[k]);
  return c->err ? nullptr : vals;
}

ARCDSL_EXPORT av arcdsl_prim_objects(ArcCtx *c, av grid, av univalued,
                                     av diagonal, av withoutBg) {
  ARC_PRIM_ENTER(c);
  bool uni = truthy(c, univalued), diag = truthy(c, diagonal),
       nobg = truthy(c, withoutBg);
  if (isPyOrder(c)) {
    int64_t h, w;
    bool generic = holdsNonColours(c, grid);
    if (!generic) {
      GV g;
      if (!getGrid(c, grid, g))
        return kErr;
      if (g.h == 0)
        return fail(c, ERR_INDEX); // len(grid[0])
      h = g.h, w = g.w;
    } else if (!rowsShape(c, grid, h, w)) {
      return kErr;
    }
    av bg = nobg ? arcdsl_prim_mostcolor(c, grid) : kNone;
    av *vals = c->err ? nullptr : cellValues(c, grid, h, w, generic);
    return vals ? pyObjects(c, vals, h, w, uni, diag, bg, false) : kErr;
  }
  if (holdsNonColours(c, grid))
    return objectsGeneric(c, grid, uni, diag, nobg);
  GV g;
  if (!getGrid(c, grid, g))
    return kErr;
  int bg = kNoCell; // None: never equal to a cell
  if (nobg) {
    av m = mostLeast(c, grid, true);
    if (c->err)
      return kErr;
    bg = (int)numOf(m);
  }
  if (g.h == 0)
    return fail(c, ERR_INDEX); // len(grid[0])
  int64_t h = g.h, w = g.w, n = h * w;
  if (!charge(c, (uint64_t)n * 4 + 1))
    return kErr;
  int32_t *lab = (int32_t *)arenaAlloc(c, 4ull * (n ? n : 1));
  int32_t *stk = (int32_t *)arenaAlloc(c, 4ull * (n ? n : 1));
  if (!lab || !stk)
    return kErr;
  for (int64_t k = 0; k < n; ++k)
    lab[k] = -1;
  int32_t ncomp = 0;
  for (int64_t s = 0; s < n; ++s) {
    if (lab[s] >= 0)
      continue;
    int val = g.p[s];
    if (val == bg)
      continue;
    int32_t id = ncomp++;
    int64_t sp = 0;
    lab[s] = id;
    stk[sp++] = (int32_t)s;
    while (sp > 0) {
      int32_t cur = stk[--sp];
      int64_t ci = cur / w, cj = cur % w;
      for (int di = -1; di <= 1; ++di) {
        for (int dj = -1; dj <= 1; ++dj) {
          if (di == 0 && dj == 0)
            continue;
          if (!diag && di != 0 && dj != 0)
            continue;
          int64_t ni = ci + di, nj = cj + dj;
          if (ni < 0 || ni >= h || nj < 0 || nj >= w)
            continue;
          int64_t q = ni * w + nj;
          if (lab[q] >= 0)
            continue;
          int v = g.p[q];
          if (uni ? v != val : v == bg)
            continue;
          lab[q] = id;
          stk[sp++] = (int32_t)q;
        }
      }
    }
  }
  // Component sizes -> offsets; cells placed in row-major order.
  uint32_t *off = (uint32_t *)arenaAlloc(c, 4ull * (ncomp + 1));
  av *all = scratch(c, (uint64_t)n);
  av *objs = scratch(c, (uint64_t)ncomp);
  if (!off || !all || !objs)
    return kErr;
  for (int32_t k = 0; k <= ncomp; ++k)
    off[k] = 0;
  for (int64_t k = 0; k < n; ++k)
    if (lab[k] >= 0)
      off[lab[k] + 1]++;
  for (int32_t k = 0; k < ncomp; ++k)
    off[k + 1] += off[k];
  // Use stk as the per-component fill cursor.
  for (int32_t k = 0; k < ncomp; ++k)
    stk[k] = (int32_t)off[k];
  for (int64_t k = 0; k < n; ++k)
    if (lab[k] >= 0)
      all[stk[lab[k]]++] = mkCellW(c, g.p[k], k / w, k % w);
  for (int32_t k = 0; k < ncomp; ++k) {
    objs[k] = makeSet(c, all + off[k], off[k + 1] - off[k]);
    if (c->err)
      return kErr;
  }
  return makeSet(c, objs, (uint32_t)ncomp);
}

//===----------------------------------------------------------------------===//
// Rotations and mirrors
//===----------------------------------------------------------------------===//

enum Xf { XF_ROT90, XF_ROT180, XF_ROT270, XF_H, XF_V, XF_D, XF_C };

/// Fast path on a GRID box.
static ARC_HD av xformGrid(ArcCtx *c, const GV &g, int xf) {
  int64_t h = g.h, w = g.w;
  bool swap = xf == XF_ROT90 || xf == XF_ROT270 || xf == XF_D || xf == XF_C;
  int64_t oh = swap ? w : h, ow = swap ? h : w;
  Box *o = allocGrid(c, oh, ow);
  if (!o)
    return kErr;
  GridCell *d = cells(o);
  for (int64_t r = 0; r < oh; ++r) {
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
  }
  return gridOut(c, o);
}

/// Python semantics on any tuple (ragged, `()`, tuples of non-ints).
static ARC_HD av xformGeneric(ArcCtx *c, av v, int xf) {
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

static ARC_HD av xformAny(ArcCtx *c, av v, int xf) {
  if (isGrid(c, v)) {
    GV g;
    getGrid(c, v, g);
    return xformGrid(c, g, xf);
  }
  return xformGeneric(c, v, xf);
}

/// Mirror of a patch (Indices or Object) about its own bounding box.
static ARC_HD av mirrorPatch(ArcCtx *c, av p, int xf) {
  Pts o;
  int kind;
  if (!gatherIdx(c, p, o, kind))
    return kErr;
  if (kind == 0) // ulcorner(empty) == (): [0] / unpacking fails
    return fail(c, xf == XF_H || xf == XF_V ? ERR_INDEX : ERR_VALUE);
  // cmirror = vmirror(dmirror(vmirror(piece))): under the python order each
  // step is a new set, iterated in its own order by the next.
  if (xf == XF_C && isPyOrder(c))
    return mirrorPatch(c, mirrorPatch(c, mirrorPatch(c, p, XF_V), XF_D), XF_V);
  int steps[3];
  int ns = 0;
  if (xf == XF_C) {
    steps[0] = XF_V;
    steps[1] = XF_D;
    steps[2] = XF_V;
    ns = 3;
  } else {
    steps[0] = xf;
    ns = 1;
  }
  for (int s = 0; s < ns; ++s) {
    int64_t i0, j0, i1, j1;
    bounds(o, i0, j0, i1, j1);
    for (uint32_t k = 0; k < o.n; ++k) {
      int64_t i = o.i[k], j = o.j[k];
      switch (steps[s]) {
      case XF_H:
        o.i[k] = i0 + i1 - i;
        break;
      case XF_V:
        o.j[k] = j0 + j1 - j;
        break;
      default: // XF_D
        o.i[k] = j - j0 + i0;
        o.j[k] = i - i0 + j0;
        break;
      }
    }
  }
  av *xs = scratch(c, o.n);
  if (!xs)
    return kErr;
  for (uint32_t k = 0; k < o.n; ++k)
    xs[k] = kind == 2 ? mkCellV(c, o.v[k], o.i[k], o.j[k])
                      : mkIdx(c, o.i[k], o.j[k]);
  if (c->err)
    return kErr;
  return makeSet(c, xs, o.n);
}

static ARC_HD av mirrorAny(ArcCtx *c, av v, int xf) {
  if (isTupleLike(c, v))
    return xformAny(c, v, xf);
  if (isSet(c, v))
    return mirrorPatch(c, v, xf);
  return fail(c, ERR_TYPE);
}

ARCDSL_EXPORT av arcdsl_prim_rot90(ArcCtx *c, av grid) {
  ARC_PRIM_ENTER(c);
  return xformAny(c, grid, XF_ROT90);
}
ARCDSL_EXPORT av arcdsl_prim_rot180(ArcCtx *c, av grid) {
  ARC_PRIM_ENTER(c);
  return xformAny(c, grid, XF_ROT180);
}
ARCDSL_EXPORT av arcdsl_prim_rot270(ArcCtx *c, av grid) {
  ARC_PRIM_ENTER(c);
  return xformAny(c, grid, XF_ROT270);
}
ARCDSL_EXPORT av arcdsl_prim_hmirror(ArcCtx *c, av piece) {
  ARC_PRIM_ENTER(c);
  return mirrorAny(c, piece, XF_H);
}
ARCDSL_EXPORT av arcdsl_prim_vmirror(ArcCtx *c, av piece) {
  ARC_PRIM_ENTER(c);
  return mirrorAny(c, piece, XF_V);
}
ARCDSL_EXPORT av arcdsl_prim_dmirror(ArcCtx *c, av piece) {
  ARC_PRIM_ENTER(c);
  return mirrorAny(c, piece, XF_D);
}
ARCDSL_EXPORT av arcdsl_prim_cmirror(ArcCtx *c, av piece) {
  ARC_PRIM_ENTER(c);
  return mirrorAny(c, piece, XF_C);
}

//===----------------------------------------------------------------------===//
// Painting
//===----------------------------------------------------------------------===//

/// Paint cells in the given order onto a copy (under: only onto bg cells).
/// Each cell's colour is o.v[k], or `fill` for all cells when o.v is null;
/// it is converted only when a cell is actually written, as in Python.
static ARC_HD av paintPts(ArcCtx *c, const GV &g, Box *out, const Pts &o,
                          bool under, int bg, av fill = 0) {
  GridCell *d = cells(out);
  for (uint32_t k = 0; k < o.n; ++k) {
    int64_t i = o.i[k], j = o.j[k];
    if (i < 0 || i >= g.h || j < 0 || j >= g.w)
      continue;
    GridCell *cell = d + i * g.w + j;
    if (under && *cell != bg)
      continue;
    GridCell x;
    if (!cellVal(c, o.v ? o.v[k] : fill, x))
      return kErr;
    *cell = x;
  }
  return gridOut(c, out);
}

/// What fill/underfill/paint/underpaint share before painting: the grid
/// (a row-less grid raises, as indexing it does in Python) and, for the
/// under- forms, its background colour (only cells of that colour change).
static ARC_HD bool paintTarget(ArcCtx *c, av grid, bool under, GV &g, int &bg) {
  if (!getGrid(c, grid, g))
    return false;
  if (g.h == 0) {
    fail(c, ERR_INDEX);
    return false;
  }
  bg = kNoCell;
  if (under) {
    av m = mostLeast(c, grid, true);
    if (c->err)
      return false;
    bg = (int)numOf(m);
  }
  return true;
}

/// paint / fill onto rows of any values: `h, w = len(grid), len(grid[0])`,
/// then each point (i, j) inside h x w is assigned its value (o.v[k], or
/// `value` for all when o.v is null), as Python's list-of-lists copy does;
/// `under`: only where the cell equals mostcolor(grid).
static ARC_HD av paintGeneric(ArcCtx *c, av grid, const Pts &o, av value,
                              bool under) {
  int64_t h, w;
  if (!rowsShape(c, grid, h, w))
    return kErr;
  av bg = under ? arcdsl_prim_mostcolor(c, grid) : kErr;
  av **rows = (av **)scratch(c, (uint64_t)h);
  int64_t *lens = (int64_t *)scratch(c, (uint64_t)h);
  if (c->err || !rows || !lens)
    return kErr;
  for (int64_t i = 0; i < h && !c->err; ++i) {
    av r = seqAt(c, grid, i);
    if (!isIterable(c, r))
      return fail(c, ERR_TYPE); // list(row)
    lens[i] = seqLen(c, r);
    rows[i] = scratch(c, (uint64_t)lens[i]);
    if (!rows[i] || !charge(c, (uint64_t)lens[i] + 1))
      return kErr;
    for (int64_t j = 0; j < lens[i]; ++j)
      rows[i][j] = seqAt(c, r, j);
  }
  for (uint32_t k = 0; k < o.n && !c->err; ++k) {
    int64_t i = o.i[k], j = o.j[k];
    if (i < 0 || i >= h || j < 0 || j >= w)
      continue;
    if (j >= lens[i])
      return fail(c, ERR_INDEX); // a row shorter than the first
    if (under && !equalValues(c, rows[i][j], bg))
      continue;
    rows[i][j] = o.v ? o.v[k] : value;
  }
  av *out = scratch(c, (uint64_t)h);
  if (c->err || !out)
    return kErr;
  for (int64_t i = 0; i < h && !c->err; ++i)
    out[i] = makeTuple(c, rows[i], (uint32_t)lens[i]);
  return c->err ? kErr : makeTuple(c, out, (uint32_t)h);
}

/// fill / underfill: `value` at every index of `patch`.
static ARC_HD av fillImpl(ArcCtx *c, av grid, av value, av patch, bool under) {
  if (tagOf(value) != TAG_INT || holdsNonColours(c, grid)) {
    Pts o;
    int kind;
    if (!gatherIdx(c, patch, o, kind))
      return kErr;
    o.v = nullptr;
    return paintGeneric(c, grid, o, value, under);
  }
  GV g;
  int bg;
  if (!paintTarget(c, grid, under, g, bg))
    return kErr;
  Pts o;
  int kind;
  if (!gatherIdx(c, patch, o, kind))
    return kErr;
  Box *out = copyGrid(c, g);
  if (!out)
    return kErr;
  o.v = nullptr;
  return paintPts(c, g, out, o, under, bg, value);
}

/// paint / underpaint: each cell of `obj` with its own colour.
static ARC_HD av paintImpl(ArcCtx *c, av grid, av obj, bool under) {
  if (holdsNonColours(c, grid)) { // rows no GRID box holds
    Pts o;
    if (!gatherCells(c, obj, o))
      return kErr;
    return paintGeneric(c, grid, o, kErr, under);
  }
  GV g;
  int bg;
  if (!paintTarget(c, grid, under, g, bg))
    return kErr;
  Pts o;
  if (!gatherCells(c, obj, o))
    return kErr;
  // A colour that is not an int (None, a tuple): generic rows.
  for (uint32_t k = 0; k < o.n; ++k)
    if (tagOf(o.v[k]) != TAG_INT)
      return paintGeneric(c, grid, o, kErr, under);
  Box *out = copyGrid(c, g);
  if (!out)
    return kErr;
  return paintPts(c, g, out, o, under, bg);
}

ARCDSL_EXPORT av arcdsl_prim_fill(ArcCtx *c, av grid, av value, av patch) {
  ARC_PRIM_ENTER(c);
  return fillImpl(c, grid, value, patch, false);
}
ARCDSL_EXPORT av arcdsl_prim_underfill(ArcCtx *c, av grid, av value, av patch) {
  ARC_PRIM_ENTER(c);
  return fillImpl(c, grid, value, patch, true);
}
ARCDSL_EXPORT av arcdsl_prim_paint(ArcCtx *c, av grid, av obj) {
  ARC_PRIM_ENTER(c);
  return paintImpl(c, grid, obj, false);
}
ARCDSL_EXPORT av arcdsl_prim_underpaint(ArcCtx *c, av grid, av obj) {
  ARC_PRIM_ENTER(c);
  return paintImpl(c, grid, obj, true);
}

ARCDSL_EXPORT av arcdsl_prim_cover(ArcCtx *c, av grid, av patch) {
  ARC_PRIM_ENTER(c);
  av m = mostLeast(c, grid, true);
  if (c->err)
    return kErr;
  return fillImpl(c, grid, m, patch, false);
}

ARCDSL_EXPORT av arcdsl_prim_move(ArcCtx *c, av grid, av obj, av offset) {
  ARC_PRIM_ENTER(c);
  // paint(cover(grid, obj), shift(obj, offset))
  av m = mostLeast(c, grid, true);
  if (c->err)
    return kErr;
  GV g;
  if (!getGrid(c, grid, g))
    return kErr;
  if (g.h == 0)
    return fail(c, ERR_INDEX);
  Pts o;
  int kind;
  if (!gatherIdx(c, obj, o, kind))
    return kErr;
  Box *out = copyGrid(c, g);
  if (!out)
    return kErr;
  GridCell bgc;
  if (!cellVal(c, m, bgc))
    return kErr;
  GridCell *d = cells(out);
  for (uint32_t k = 0; k < o.n; ++k) {
    int64_t i = o.i[k], j = o.j[k];
    if (i >= 0 && i < g.h && j >= 0 && j < g.w)
      d[i * g.w + j] = bgc;
  }
  if (kind == 0)
    return gridOut(c, out);
  av da, db;
  if (!unpack2(c, offset, da, db))
    return kErr;
  if (!isNum(da) || !isNum(db))
    return fail(c, ERR_TYPE);
  if (kind == 1) // shifted indices; painting them fails to unpack
    return fail(c, ERR_TYPE);
  int64_t di = numOf(da), dj = numOf(db);
  if (!isSet(c, obj) || isPyOrder(c)) {
    // shift() builds a frozenset: paint in its order.
    av *xs = scratch(c, o.n);
    if (!xs)
      return kErr;
    for (uint32_t k = 0; k < o.n; ++k)
      xs[k] = mkCellV(c, o.v[k], o.i[k] + di, o.j[k] + dj);
    av s = makeSet(c, xs, o.n);
    if (c->err)
      return kErr;
    Pts q;
    if (!gatherCells(c, s, q))
      return kErr;
    return paintPts(c, g, out, q, false, 0);
  }
  for (uint32_t k = 0; k < o.n; ++k) {
    o.i[k] += di;
    o.j[k] += dj;
  }
  return paintPts(c, g, out, o, false, 0);
}

//===----------------------------------------------------------------------===//
// Scaling
//===----------------------------------------------------------------------===//

static ARC_HD av scaleGrid(ArcCtx *c, av grid, av factor, int64_t fh,
                           int64_t fw, bool needF) {
  GV g;
  if (!getGrid(c, grid, g))
    return kErr;
  int64_t f = 0;
  if (g.h > 0 && (needF || g.w > 0) && !numArg(c, factor, f))
    return kErr;
  if (f < 0)
    f = 0;
  int64_t sh = fh ? f : 1, sw = fw ? f : 1;
  if ((sh > (int64_t)kGridMaxDim && g.h > 0) ||
      (sw > (int64_t)kGridMaxDim && g.w > 0))
    return fail(c, ERR_CAPACITY);
  if (g.h * sh > (int64_t)kGridMaxDim || g.w * sw > (int64_t)kGridMaxDim)
    return fail(c, ERR_CAPACITY);
  Box *o = allocGrid(c, g.h * sh, g.w * sw);
  if (!o)
    return kErr;
  int64_t ow = g.w * sw;
  GridCell *d = cells(o);
  for (int64_t r = 0; r < g.h * sh; ++r)
    for (int64_t q = 0; q < ow; ++q)
      d[r * ow + q] = g.p[(r / sh) * g.w + q / sw];
  return gridOut(c, o);
}

ARCDSL_EXPORT av arcdsl_prim_hupscale(ArcCtx *c, av grid, av factor) {
  ARC_PRIM_ENTER(c);
  return scaleGrid(c, grid, factor, 0, 1, false);
}
ARCDSL_EXPORT av arcdsl_prim_vupscale(ArcCtx *c, av grid, av factor) {
  ARC_PRIM_ENTER(c);
  return scaleGrid(c, grid, factor, 1, 0, true);
}

/// upscale of an object as dsl.py builds it: normed_obj = shift(element,
/// (-i0, -j0)); o = set() of (value, (i * f + io, j * f + jo)) added per
/// cell of normed_obj; shift(frozenset(o), (i0, j0)).
static ARC_HD av upscalePy(ArcCtx *c, av element, int64_t f, int64_t i0,
                           int64_t j0) {
  av normed = arcdsl_prim_shift(c, element, mkPairRaw(-i0, -j0));
  Pts o;
  PyTab t;
  if (c->err || !gatherCells(c, normed, o) || !tabInit(c, &t))
    return kErr;
  for (uint32_t k = 0; k < o.n; ++k)
    for (int64_t a = 0; a < f; ++a)
      for (int64_t b = 0; b < f; ++b)
        if (!tabAddKey(c, &t,
                       mkCellV(c, o.v[k], o.i[k] * f + a, o.j[k] * f + b)))
          return kErr;
  av s = tabFreezeCopy(c, &t);
  return c->err ? kErr : arcdsl_prim_shift(c, s, mkPairRaw(i0, j0));
}

ARCDSL_EXPORT av arcdsl_prim_upscale(ArcCtx *c, av element, av factor) {
  ARC_PRIM_ENTER(c);
  if (isTupleLike(c, element))
    return scaleGrid(c, element, factor, 1, 1, true);
  if (!isSet(c, element))
    return fail(c, ERR_TYPE);
  Pts o;
  int kind;
  if (!gatherIdx(c, element, o, kind))
    return kErr;
  if (kind == 0)
    return makeSet(c, nullptr, 0);
  if (kind == 1) // `for value, (i, j) in normed_obj` on indices
    return fail(c, ERR_TYPE);
  int64_t f;
  if (!numArg(c, factor, f))
    return kErr;
  if (f <= 0)
    return makeSet(c, nullptr, 0);
  int64_t i0, j0, i1, j1;
  bounds(o, i0, j0, i1, j1);
  if (isPyOrder(c))
    return upscalePy(c, element, f, i0, j0);
  if (f > 2 * kCellCoordMax + 2)
    return fail(c, ERR_CAPACITY);
  uint64_t total = (uint64_t)o.n * (uint64_t)f * (uint64_t)f;
  if (total > 0xFFFFFFFull)
    return fail(c, ERR_CAPACITY);
  if (!charge(c, total))
    return kErr;
  av *xs = scratch(c, total);
  if (!xs)
    return kErr;
  uint64_t n = 0;
  for (uint32_t k = 0; k < o.n; ++k) {
    int64_t bi = i0 + (o.i[k] - i0) * f, bj = j0 + (o.j[k] - j0) * f;
    for (int64_t a = 0; a < f; ++a)
      for (int64_t b = 0; b < f; ++b)
        xs[n++] = mkCellV(c, o.v[k], bi + a, bj + b);
    if (c->err)
      return kErr;
  }
  return makeSet(c, xs, (uint32_t)n);
}

ARCDSL_EXPORT av arcdsl_prim_downscale(ArcCtx *c, av grid, av factor) {
  ARC_PRIM_ENTER(c);
  GV g;
  if (!getGrid(c, grid, g))
    return kErr;
  if (g.h == 0)
    return fail(c, ERR_INDEX);
  int64_t f;
  if (!numArg(c, factor, f))
    return kErr;
  if (f == 0)
    return fail(c, ERR_ZERO_DIVISION);
  if (f < 0)
    f = -f;
  int64_t oh = (g.h + f - 1) / f, ow = (g.w + f - 1) / f;
  Box *o = allocGrid(c, oh, ow);
  if (!o)
    return kErr;
  GridCell *d = cells(o);
  for (int64_t r = 0; r < oh; ++r)
    for (int64_t q = 0; q < ow; ++q)
      d[r * ow + q] = g.p[(r * f) * g.w + q * f];
  return gridOut(c, o);
}

//===----------------------------------------------------------------------===//
// Concatenation, cropping, splitting
//===----------------------------------------------------------------------===//

/// `a + b` of two tuple-likes (canonical: rows of ints become a grid).
static ARC_HD av concatTuples(ArcCtx *c, av a, av b) {
  int64_t na = seqLen(c, a), nb = seqLen(c, b);
  av *xs = scratch(c, (uint64_t)(na + nb));
  if (!xs || !charge(c, (uint64_t)(na + nb)))
    return kErr;
  for (int64_t k = 0; k < na; ++k)
    xs[k] = seqAt(c, a, k);
  for (int64_t k = 0; k < nb; ++k)
    xs[na + k] = seqAt(c, b, k);
  return c->err ? kErr : makeTuple(c, xs, (uint32_t)(na + nb));
}

/// `i + j` of two rows of a generic hconcat: tuple concatenation, or the
/// sum of two numbers (Python's `+`); TypeError otherwise.
static ARC_HD av plusRows(ArcCtx *c, av x, av y) {
  if (isNum(x) && isNum(y))
    return mkInt(c, numOf(x) + numOf(y));
  if (!isTupleLike(c, x) || !isTupleLike(c, y))
    return fail(c, ERR_TYPE);
  return concatTuples(c, x, y);
}

/// `tuple(i + j for i, j in zip(a, b))` over any two iterables: rows of
/// different lengths (a ragged "grid", e.g. a merge of grids) or of
/// non-colours, which no GRID box holds.
static ARC_HD av hconcatGeneric(ArcCtx *c, av a, av b) {
  if (!isIterable(c, a) || !isIterable(c, b))
    return fail(c, ERR_TYPE);
  int64_t na = seqLen(c, a), nb = seqLen(c, b);
  int64_t n = na < nb ? na : nb;
  av *xs = scratch(c, (uint64_t)n);
  if (!xs || !charge(c, (uint64_t)n + 1))
    return kErr;
  for (int64_t k = 0; k < n && !c->err; ++k)
    xs[k] = plusRows(c, seqAt(c, a, k), seqAt(c, b, k));
  return c->err ? kErr : makeTuple(c, xs, (uint32_t)n);
}

ARCDSL_EXPORT av arcdsl_prim_hconcat(ArcCtx *c, av a, av b) {
  ARC_PRIM_ENTER(c);
  if (!isGrid(c, a) || !isGrid(c, b))
    return hconcatGeneric(c, a, b);
  GV ga, gb;
  if (!getGrid(c, a, ga) || !getGrid(c, b, gb))
    return kErr;
  int64_t h = ga.h < gb.h ? ga.h : gb.h;
  Box *o = allocGrid(c, h, ga.w + gb.w);
  if (!o)
    return kErr;
  GridCell *d = cells(o);
  for (int64_t i = 0; i < h; ++i) {
    for (int64_t j = 0; j < ga.w; ++j)
      *d++ = gcell(ga, i, j);
    for (int64_t j = 0; j < gb.w; ++j)
      *d++ = gcell(gb, i, j);
  }
  return gridOut(c, o);
}

ARCDSL_EXPORT av arcdsl_prim_vconcat(ArcCtx *c, av a, av b) {
  ARC_PRIM_ENTER(c);
  if (!isTupleLike(c, a) || !isTupleLike(c, b))
    return fail(c, ERR_TYPE);
  if (isGrid(c, a) && isGrid(c, b) && box(c, a)->w == box(c, b)->w) {
    GV ga, gb;
    getGrid(c, a, ga);
    getGrid(c, b, gb);
    Box *o = allocGrid(c, ga.h + gb.h, ga.w);
    if (!o)
      return kErr;
    GridCell *d = cells(o);
    for (int64_t k = 0; k < ga.h * ga.w; ++k)
      *d++ = ga.p[k];
    for (int64_t k = 0; k < gb.h * gb.w; ++k)
      *d++ = gb.p[k];
    return gridOut(c, o);
  }
  return concatTuples(c, a, b);
}

/// start[k] and start[k] + dims[k] of crop (read when needed, as the
/// reference does: a crop to no rows never reads the column bounds).
static ARC_HD bool cropArgs(ArcCtx *c, av start, av dims, int k, int64_t &from,
                            int64_t &to) {
  av s = pySubscript(c, start, k);
  av d = pySubscript(c, dims, k);
  int64_t a, b;
  if (!numArg(c, s, a) || !numArg(c, d, b))
    return false;
  from = a;
  to = a + b;
  return true;
}

/// crop with Python slicing.
static ARC_HD av cropImpl(ArcCtx *c, const GV &g, av start, av dims) {
  int64_t from, to, r0, r1, c0, c1;
  if (!cropArgs(c, start, dims, 0, from, to))
    return kErr;
  pySliceBounds(g.h, from, to, r0, r1);
  if (r1 <= r0)
    return emptyTuple(c);
  if (!cropArgs(c, start, dims, 1, from, to))
    return kErr;
  pySliceBounds(g.w, from, to, c0, c1);
  return subGrid(c, g, r0, r1, c0, c1);
}

/// crop of a tuple that no GRID box holds (ragged rows, rows of
/// non-colours): `tuple(r[s1:s1+d1] for r in grid[s0:s0+d0])`, each row
/// sliced by its own length.
static ARC_HD av cropGeneric(ArcCtx *c, av grid, av start, av dims) {
  if (!isTupleLike(c, grid))
    return fail(c, ERR_TYPE);
  int64_t from, to, r0, r1;
  if (!cropArgs(c, start, dims, 0, from, to))
    return kErr;
  pySliceBounds(seqLen(c, grid), from, to, r0, r1);
  if (r1 <= r0)
    return c->err ? kErr : emptyTuple(c);
  if (!cropArgs(c, start, dims, 1, from, to))
    return kErr;
  av *rows = scratch(c, (uint64_t)(r1 - r0));
  if (!rows || !charge(c, (uint64_t)(r1 - r0)))
    return kErr;
  for (int64_t k = r0; k < r1 && !c->err; ++k) {
    av r = seqAt(c, grid, k);
    if (!isTupleLike(c, r))
      return fail(c, ERR_TYPE); // an int or a set is not subscriptable
    int64_t lo, hi;
    pySliceBounds(seqLen(c, r), from, to, lo, hi);
    rows[k - r0] = genSlice(c, r, lo, hi);
  }
  return c->err ? kErr : makeTuple(c, rows, (uint32_t)(r1 - r0));
}

ARCDSL_EXPORT av arcdsl_prim_crop(ArcCtx *c, av grid, av start, av dims) {
  ARC_PRIM_ENTER(c);
  if (!isGrid(c, grid))
    return cropGeneric(c, grid, start, dims);
  GV g;
  if (!getGrid(c, grid, g))
    return kErr;
  return cropImpl(c, g, start, dims);
}

ARCDSL_EXPORT av arcdsl_prim_subgrid(ArcCtx *c, av patch, av grid) {
  ARC_PRIM_ENTER(c);
  if (holdsNonColours(c, grid)) // crop(grid, ulcorner(patch), shape(patch))
    return cropGeneric(c, grid, arcdsl_prim_ulcorner(c, patch),
                       arcdsl_prim_shape(c, patch));
  // crop(grid, ulcorner(patch), shape(patch))
  Pts o;
  int kind;
  if (!gatherIdx(c, patch, o, kind))
    return kErr;
  GV g;
  if (!getGrid(c, grid, g))
    return kErr;
  if (kind == 0) // ulcorner(empty) == (): start[0] fails
    return fail(c, ERR_INDEX);
  int64_t i0, j0, i1, j1;
  bounds(o, i0, j0, i1, j1);
  int64_t hh = i1 - i0 + 1, ww = j1 - j0 + 1;
  if (isTupleLike(c, patch)) { // shape of a tuple: (len, len(piece[0]))
    hh = seqLen(c, patch);
    av f = seqAt(c, patch, 0);
    if (c->err)
      return kErr;
    ww = seqLen(c, f);
  }
  int64_t r0, r1, c0, c1;
  pySliceBounds(g.h, i0, i0 + hh, r0, r1);
  if (r1 <= r0)
    return emptyTuple(c);
  pySliceBounds(g.w, j0, j0 + ww, c0, c1);
  return subGrid(c, g, r0, r1, c0, c1);
}

static ARC_HD av splitImpl(ArcCtx *c, av grid, av nv, bool horiz) {
  GV g;
  if (!getGrid(c, grid, g))
    return kErr;
  if (g.h == 0)
    return fail(c, ERR_INDEX);
  int64_t n;
  if (!numArg(c, nv, n))
    return kErr;
  if (n == 0)
    return fail(c, ERR_ZERO_DIVISION);
  if (n < 0)
    return emptyTuple(c);
  int64_t len = horiz ? g.w : g.h;
  int64_t part = len / n;
  int64_t offset = len % n != 0;
  av *xs = scratch(c, (uint64_t)n);
  if (!xs || !charge(c, (uint64_t)n))
    return kErr;
  for (int64_t k = 0; k < n; ++k) {
    int64_t s = part * k + k * offset, lo, hi;
    pySliceBounds(len, s, s + part, lo, hi);
    if (horiz)
      xs[k] = subGrid(c, g, 0, g.h, lo, hi);
    else
      xs[k] = subGrid(c, g, lo, hi, 0, g.w);
    if (c->err)
      return kErr;
  }
  return makeTuple(c, xs, (uint32_t)n);
}

ARCDSL_EXPORT av arcdsl_prim_hsplit(ArcCtx *c, av grid, av n) {
  ARC_PRIM_ENTER(c);
  return splitImpl(c, grid, n, true);
}
ARCDSL_EXPORT av arcdsl_prim_vsplit(ArcCtx *c, av grid, av n) {
  ARC_PRIM_ENTER(c);
  return splitImpl(c, grid, n, false);
}

ARCDSL_EXPORT av arcdsl_prim_tophalf(ArcCtx *c, av grid) {
  ARC_PRIM_ENTER(c);
  if (isGrid(c, grid)) {
    GV g;
    getGrid(c, grid, g);
    return subGrid(c, g, 0, g.h / 2, 0, g.w);
  }
  if (!isTupleLike(c, grid))
    return fail(c, ERR_TYPE);
  return genSlice(c, grid, 0, seqLen(c, grid) / 2);
}

ARCDSL_EXPORT av arcdsl_prim_bottomhalf(ArcCtx *c, av grid) {
  ARC_PRIM_ENTER(c);
  if (isGrid(c, grid)) {
    GV g;
    getGrid(c, grid, g);
    return subGrid(c, g, g.h / 2 + g.h % 2, g.h, 0, g.w);
  }
  if (!isTupleLike(c, grid))
    return fail(c, ERR_TYPE);
  int64_t n = seqLen(c, grid);
  return genSlice(c, grid, n / 2 + n % 2, n);
}

ARCDSL_EXPORT av arcdsl_prim_lefthalf(ArcCtx *c, av grid) {
  ARC_PRIM_ENTER(c);
  if (isGrid(c, grid)) {
    GV g;
    getGrid(c, grid, g);
    if (g.w / 2 == 0)
      return emptyTuple(c);
    return subGrid(c, g, 0, g.h, 0, g.w / 2);
  }
  // rot270(tophalf(rot90(grid)))
  av r = xformGeneric(c, grid, XF_ROT90);
  if (c->err)
    return kErr;
  r = genSlice(c, r, 0, seqLen(c, r) / 2);
  return xformGeneric(c, r, XF_ROT270);
}

ARCDSL_EXPORT av arcdsl_prim_righthalf(ArcCtx *c, av grid) {
  ARC_PRIM_ENTER(c);
  if (isGrid(c, grid)) {
    GV g;
    getGrid(c, grid, g);
    if (g.w / 2 == 0)
      return emptyTuple(c);
    return subGrid(c, g, 0, g.h, g.w / 2 + g.w % 2, g.w);
  }
  av r = xformGeneric(c, grid, XF_ROT90);
  if (c->err)
    return kErr;
  int64_t n = seqLen(c, r);
  r = genSlice(c, r, n / 2 + n % 2, n);
  return xformGeneric(c, r, XF_ROT270);
}

ARCDSL_EXPORT av arcdsl_prim_trim(ArcCtx *c, av grid) {
  ARC_PRIM_ENTER(c);
  if (isGrid(c, grid)) {
    GV g;
    getGrid(c, grid, g);
    int64_t r0, r1, c0, c1;
    pySliceBounds(g.h, 1, -1, r0, r1);
    pySliceBounds(g.w, 1, -1, c0, c1);
    return subGrid(c, g, r0, r1, c0, c1);
  }
  if (!isTupleLike(c, grid))
    return fail(c, ERR_TYPE);
  int64_t n = seqLen(c, grid), lo, hi;
  pySliceBounds(n, 1, -1, lo, hi);
  av *xs = scratch(c, (uint64_t)(hi - lo));
  if (!xs)
    return kErr;
  for (int64_t k = lo; k < hi; ++k) {
    av r = seqAt(c, grid, k);
    if (c->err)
      return kErr;
    if (!isTupleLike(c, r))
      return fail(c, ERR_TYPE);
    int64_t a, b;
    pySliceBounds(seqLen(c, r), 1, -1, a, b);
    xs[k - lo] = genSlice(c, r, a, b);
    if (c->err)
      return kErr;
  }
  return makeTuple(c, xs, (uint32_t)(hi - lo));
}

//===----------------------------------------------------------------------===//
// Cell-wise operations
//===----------------------------------------------------------------------===//

ARCDSL_EXPORT av arcdsl_prim_cellwise(ArcCtx *c, av a, av b, av fallback) {
  ARC_PRIM_ENTER(c);
  GV ga, gb;
  if (!getGrid(c, a, ga))
    return kErr;
  if (ga.h == 0)
    return fail(c, ERR_INDEX);
  if (!getGrid(c, b, gb))
    return kErr;
  if (ga.w > 0 && (gb.h < ga.h || gb.w < ga.w))
    return fail(c, ERR_INDEX);
  Box *o = allocGrid(c, ga.h, ga.w);
  if (!o)
    return kErr;
  GridCell *d = cells(o);
  for (int64_t i = 0; i < ga.h; ++i) {
    for (int64_t j = 0; j < ga.w; ++j) {
      GridCell x = (GridCell)gcell(ga, i, j);
      if (x != gcell(gb, i, j) && !cellVal(c, fallback, x))
        return kErr;
      *d++ = x;
    }
  }
  return gridOut(c, o);
}

/// replace (sw == false) / switch (sw == true) on any tuple of rows.
static ARC_HD av mapGeneric(ArcCtx *c, av grid, av a, av b, bool sw) {
  if (!isIterable(c, grid))
    return fail(c, ERR_TYPE);
  int64_t n = seqLen(c, grid);
  av *rows = scratch(c, (uint64_t)n);
  if (!rows)
    return kErr;
  bool abEq = sw && equalValues(c, a, b);
  for (int64_t k = 0; k < n; ++k) {
    av r = seqAt(c, grid, k);
    if (c->err)
      return kErr;
    if (!isIterable(c, r))
      return fail(c, ERR_TYPE);
    int64_t m = seqLen(c, r);
    av *xs = scratch(c, (uint64_t)m);
    if (!xs || !charge(c, (uint64_t)m + 1))
      return kErr;
    for (int64_t q = 0; q < m; ++q) {
      av v = seqAt(c, r, q);
      if (!sw) {
        xs[q] = equalValues(c, v, a) ? b : v;
      } else if (equalValues(c, v, a)) {
        xs[q] = abEq ? a : b;
      } else if (equalValues(c, v, b)) {
        xs[q] = a;
      } else {
        xs[q] = v;
      }
    }
    rows[k] = makeTuple(c, xs, (uint32_t)m);
    if (c->err)
      return kErr;
  }
  return makeTuple(c, rows, (uint32_t)n);
}

static ARC_HD bool cellFitsGrid(av v) {
  return tagOf(v) == TAG_INT && numOf(v) >= kGridCellMin &&
         numOf(v) <= kGridCellMax;
}

ARCDSL_EXPORT av arcdsl_prim_replace(ArcCtx *c, av grid, av replacee,
                                     av replacer) {
  ARC_PRIM_ENTER(c);
  if (!isGrid(c, grid) || !cellFitsGrid(replacer))
    return mapGeneric(c, grid, replacee, replacer, false);
  GV g;
  getGrid(c, grid, g);
  if (!isNum(replacee))
    return grid;
  int64_t x = numOf(replacee);
  GridCell y = (GridCell)numOf(replacer);
  Box *o = copyGrid(c, g);
  if (!o)
    return kErr;
  GridCell *d = cells(o);
  for (int64_t k = 0; k < g.h * g.w; ++k)
    if (d[k] == x)
      d[k] = y;
  return gridOut(c, o);
}

ARCDSL_EXPORT av arcdsl_prim_switch(ArcCtx *c, av grid, av a, av b) {
  ARC_PRIM_ENTER(c);
  if (!isGrid(c, grid) || !cellFitsGrid(a) || !cellFitsGrid(b))
    return mapGeneric(c, grid, a, b, true);
  GV g;
  getGrid(c, grid, g);
  GridCell x = (GridCell)numOf(a), y = (GridCell)numOf(b);
  Box *o = copyGrid(c, g);
  if (!o)
    return kErr;
  GridCell *d = cells(o);
  for (int64_t k = 0; k < g.h * g.w; ++k) {
    if (d[k] == x)
      d[k] = y;
    else if (d[k] == y)
      d[k] = x;
  }
  return gridOut(c, o);
}

/// index of rows no GRID box holds: h, w from len(grid), len(grid[0]);
/// None outside them, else grid[i][j] (IndexError past a shorter row).
static ARC_HD av indexGeneric(ArcCtx *c, av grid, av a, av b) {
  int64_t h, w;
  if (!rowsShape(c, grid, h, w))
    return kErr;
  if (!isNum(a) || !isNum(b))
    return fail(c, ERR_TYPE);
  int64_t i = numOf(a), j = numOf(b);
  if (i < 0 || i >= h || j < 0 || j >= w)
    return kNone;
  return rowItem(c, grid, i, j);
}

ARCDSL_EXPORT av arcdsl_prim_index(ArcCtx *c, av grid, av loc) {
  ARC_PRIM_ENTER(c);
  av a, b;
  if (!unpack2(c, loc, a, b))
    return kErr;
  if (holdsNonColours(c, grid))
    return indexGeneric(c, grid, a, b);
  GV g;
  if (!getGrid(c, grid, g))
    return kErr;
  if (g.h == 0)
    return fail(c, ERR_INDEX);
  if (!isNum(a))
    return fail(c, ERR_TYPE);
  int64_t i = numOf(a);
  if (i < 0 || i >= g.h)
    return kNone;
  if (!isNum(b))
    return fail(c, ERR_TYPE);
  int64_t j = numOf(b);
  if (j < 0 || j >= g.w)
    return kNone;
  return mkInt(c, gcell(g, i, j));
}

ARCDSL_EXPORT av arcdsl_prim_canvas(ArcCtx *c, av value, av dims) {
  ARC_PRIM_ENTER(c);
  int64_t h, w;
  if (!numArg(c, pySubscript(c, dims, 0), h))
    return kErr;
  if (h <= 0)
    return emptyTuple(c);
  if (!numArg(c, pySubscript(c, dims, 1), w))
    return kErr;
  if (w < 0)
    w = 0;
  GridCell x = 0;
  if (w > 0 && tagOf(value) != TAG_INT) {
    // Python builds rows of any value (None, nan, a tuple...): tuples.
    if (!charge(c, (uint64_t)(h * w + h)))
      return kErr;
    av *row = scratch(c, (uint64_t)w), *rows = scratch(c, (uint64_t)h);
    if (!row || !rows)
      return kErr;
    for (int64_t j = 0; j < w; ++j)
      row[j] = value;
    av r = makeTuple(c, row, (uint32_t)w);
    for (int64_t i = 0; i < h; ++i)
      rows[i] = r;
    return c->err ? kErr : makeTuple(c, rows, (uint32_t)h);
  }
  if (w > 0 && !cellVal(c, value, x))
    return kErr;
  Box *o = allocGrid(c, h, w);
  if (!o)
    return kErr;
  GridCell *d = cells(o);
  for (int64_t k = 0; k < h * w; ++k)
    d[k] = x;
  return gridOut(c, o);
}

//===----------------------------------------------------------------------===//
// Pattern queries
//===----------------------------------------------------------------------===//

ARCDSL_EXPORT av arcdsl_prim_occurrences(ArcCtx *c, av grid, av obj) {
  ARC_PRIM_ENTER(c);
  Pts o;
  int kind;
  if (!gatherIdx(c, obj, o, kind)) // normalize(obj)
    return kErr;
  GV g;
  if (!getGrid(c, grid, g))
    return kErr;
  if (g.h == 0)
    return fail(c, ERR_INDEX);
  int64_t i0, j0, i1, j1;
  bounds(o, i0, j0, i1, j1);
  int64_t oh = o.n ? i1 - i0 + 1 : 0, ow = o.n ? j1 - j0 + 1 : 0;
  if (isTupleLike(c, obj) && o.n) {
    oh = o.n;
    ow = seqLen(c, seqAt(c, obj, 0));
  }
  int64_t h2 = g.h - oh + 1, w2 = g.w - ow + 1;
  if (h2 <= 0 || w2 <= 0)
    return makeSet(c, nullptr, 0);
  if (kind == 1)
    return fail(c, ERR_TYPE);
  if (!charge(c, (uint64_t)(h2 * w2) * (o.n + 1)))
    return kErr;
  // Object values as ints (a non-int value never matches a grid cell).
  int32_t *vals = (int32_t *)arenaAlloc(c, 4ull * (o.n ? o.n : 1));
  av *xs = scratch(c, (uint64_t)(h2 * w2));
  if (!vals || !xs)
    return kErr;
  for (uint32_t k = 0; k < o.n; ++k)
    vals[k] = isNum(o.v[k]) && numOf(o.v[k]) >= kGridCellMin &&
                      numOf(o.v[k]) <= kGridCellMax
                  ? (int32_t)numOf(o.v[k])
                  : kNoCell;
  uint32_t n = 0;
  for (int64_t i = 0; i < h2; ++i) {
    for (int64_t j = 0; j < w2; ++j) {
      bool ok = true;
      for (uint32_t k = 0; k < o.n && ok; ++k) {
        int64_t a = o.i[k] - i0 + i, b = o.j[k] - j0 + j;
        ok =
            a >= 0 && a < g.h && b >= 0 && b < g.w && gcell(g, a, b) == vals[k];
      }
      if (ok)
        xs[n++] = mkPairRaw(i, j);
    }
  }
  if (isPyOrder(c)) // occs = set(); occs.add(...); frozenset(occs)
    return pySetFromSetOf(c, xs, n);
  return makeSet(c, xs, n);
}

static ARC_HD bool uniformRow(const GV &g, int64_t i) {
  if (g.w == 0)
    return false;
  for (int64_t j = 1; j < g.w; ++j)
    if (gcell(g, i, j) != gcell(g, i, 0))
      return false;
  return true;
}
static ARC_HD bool uniformCol(const GV &g, int64_t j) {
  if (g.h == 0)
    return false;
  for (int64_t i = 1; i < g.h; ++i)
    if (gcell(g, i, j) != gcell(g, 0, j))
      return false;
  return true;
}

ARCDSL_EXPORT av arcdsl_prim_frontiers(ArcCtx *c, av grid) {
  ARC_PRIM_ENTER(c);
  GV g;
  if (!getGrid(c, grid, g))
    return kErr;
  if (g.h == 0)
    return fail(c, ERR_INDEX);
  if (!charge(c, (uint64_t)(g.h * g.w) * 2 + 1))
    return kErr;
  av *fr = scratch(c, (uint64_t)(g.h + g.w));
  av *xs = scratch(c, (uint64_t)(g.h > g.w ? g.h : g.w));
  if (!fr || !xs)
    return kErr;
  uint32_t n = 0;
  bool py = isPyOrder(c);
  // Python: frozenset({frozenset({cells}) for i in rows}) | the same for
  // columns, each set display built by adds and copied.
  for (int64_t i = 0; i < g.h; ++i) {
    if (!uniformRow(g, i))
      continue;
    for (int64_t j = 0; j < g.w; ++j)
      xs[j] = mkCellW(c, gcell(g, i, j), i, j);
    fr[n++] = py ? pySetFromSetOf(c, xs, (uint32_t)g.w)
                 : makeSet(c, xs, (uint32_t)g.w);
  }
  uint32_t nRows = n;
  for (int64_t j = 0; j < g.w; ++j) {
    if (!uniformCol(g, j))
      continue;
    for (int64_t i = 0; i < g.h; ++i)
      xs[i] = mkCellW(c, gcell(g, i, j), i, j);
    fr[n++] = py ? pySetFromSetOf(c, xs, (uint32_t)g.h)
                 : makeSet(c, xs, (uint32_t)g.h);
  }
  if (c->err)
    return kErr;
  if (py) {
    av hf = pySetFromSetOf(c, fr, nRows);
    av vf = pySetFromSetOf(c, fr + nRows, n - nRows);
    return c->err ? kErr : pySetOr(c, hf, vf);
  }
  return makeSet(c, fr, n);
}

ARCDSL_EXPORT av arcdsl_prim_compress(ArcCtx *c, av grid) {
  ARC_PRIM_ENTER(c);
  GV g;
  if (!getGrid(c, grid, g))
    return kErr;
  if (!charge(c, (uint64_t)(g.h * g.w) * 2 + 1))
    return kErr;
  uint8_t *keepR = (uint8_t *)arenaAlloc(c, (uint64_t)g.h + 1);
  uint8_t *keepC = (uint8_t *)arenaAlloc(c, (uint64_t)g.w + 1);
  if (!keepR || !keepC)
    return kErr;
  int64_t nh = 0, nw = 0;
  for (int64_t i = 0; i < g.h; ++i)
    nh += keepR[i] = !uniformRow(g, i);
  for (int64_t j = 0; j < g.w; ++j)
    nw += keepC[j] = !uniformCol(g, j);
  Box *o = allocGrid(c, nh, nw);
  if (!o)
    return kErr;
  GridCell *d = cells(o);
  for (int64_t i = 0; i < g.h; ++i)
    if (keepR[i])
      for (int64_t j = 0; j < g.w; ++j)
        if (keepC[j])
          *d++ = (GridCell)gcell(g, i, j);
  return gridOut(c, o);
}

ARCDSL_EXPORT av arcdsl_prim_bordering(ArcCtx *c, av patch, av grid) {
  ARC_PRIM_ENTER(c);
  Pts o;
  int kind;
  if (!gatherIdx(c, patch, o, kind))
    return kErr;
  if (kind == 0) // min() of an empty sequence
    return fail(c, ERR_VALUE);
  int64_t i0, j0, i1, j1;
  bounds(o, i0, j0, i1, j1);
  if (i0 == 0 || j0 == 0)
    return mkBool(true);
  if (!isIterable(c, grid))
    return fail(c, ERR_TYPE);
  int64_t h = seqLen(c, grid);
  if (i1 == h - 1)
    return mkBool(true);
  av r0 = pySubscript(c, grid, 0);
  if (c->err)
    return kErr;
  if (!isIterable(c, r0))
    return fail(c, ERR_TYPE);
  return mkBool(j1 == seqLen(c, r0) - 1);
}

} // namespace arcdsl

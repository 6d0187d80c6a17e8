//===- Slicing.cpp - concatenation, cropping and splitting ----------------===//
//
// hconcat, vconcat, crop, subgrid, hsplit, vsplit, the halves and trim, and
// tokpidjin's bounds-checked crop, subgrid, hsplit and vsplit.
// Host/device neutral: no STL, no heap, no function pointers.
//===----------------------------------------------------------------------===//

#include "ArcDsl/Primitives/Hof.h"
#include "ArcDsl/Primitives/Primitives.h"
#include "ArcDsl/Primitives/PySet.h"
#include "ArcDsl/Primitives/TeamLoops.h"
#include "GridUtil.h"
#include "PrimUtil.h"
#include "PyRules.h"
#include "TokUtil.h"

namespace arcdsl {

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
  int64_t w = ga.w + gb.w;
  team::forEach(c, h, [&](int64_t i) { // a row per iteration
    for (int64_t j = 0; j < ga.w; ++j)
      d[i * w + j] = gcell(ga, i, j);
    for (int64_t j = 0; j < gb.w; ++j)
      d[i * w + ga.w + j] = gcell(gb, i, j);
  });
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
    int64_t na = ga.h * ga.w;
    team::forEach(c, na + gb.h * gb.w, [&](int64_t k) {
      d[k] = k < na ? ga.p[k] : gb.p[k - na];
    });
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
  if (!getGridRows(c, grid, g))
    return kErr;
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

PRIM_FN2(hsplit, grid, n, splitImpl(c, grid, n, true))
PRIM_FN2(vsplit, grid, n, splitImpl(c, grid, n, false))

/// tophalf (side 0), bottomhalf (1), lefthalf (2) and righthalf (3); the
/// column halves of a tuple are rot270(tophalf(rot90(grid))) and so on.
static ARC_HD av half(ArcCtx *c, av grid, int side) {
  bool cols = side >= 2, second = side & 1;
  if (isGrid(c, grid)) {
    GV g;
    getGrid(c, grid, g);
    if (!cols)
      return second ? subGrid(c, g, g.h / 2 + g.h % 2, g.h, 0, g.w)
                    : subGrid(c, g, 0, g.h / 2, 0, g.w);
    if (g.w / 2 == 0)
      return emptyTuple(c);
    return second ? subGrid(c, g, 0, g.h, g.w / 2 + g.w % 2, g.w)
                  : subGrid(c, g, 0, g.h, 0, g.w / 2);
  }
  av r = grid;
  if (!cols) {
    if (!isTupleLike(c, grid))
      return fail(c, ERR_TYPE);
  } else {
    r = xformGeneric(c, grid, XF_ROT90);
    if (c->err)
      return kErr;
  }
  int64_t n = seqLen(c, r);
  r = second ? genSlice(c, r, n / 2 + n % 2, n) : genSlice(c, r, 0, n / 2);
  return cols ? xformGeneric(c, r, XF_ROT270) : r;
}

PRIM_FN1(tophalf, grid, half(c, grid, 0))
PRIM_FN1(bottomhalf, grid, half(c, grid, 1))
PRIM_FN1(lefthalf, grid, half(c, grid, 2))
PRIM_FN1(righthalf, grid, half(c, grid, 3))

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
// tokpidjin's variants
//===----------------------------------------------------------------------===//

ARCDSL_EXPORT av arcdsl_tok_crop(ArcCtx *c, av grid, av start, av dims) {
  ARC_PRIM_ENTER(c);
  if (isEmptyTuple(c, grid))
    return makeTuple(c, nullptr, 0); // grid == ()
  int64_t h, w;
  if (!gridDims(c, grid, h, w))
    return kErr;
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
  int64_t h, w;
  if (!gridDims(c, grid, h, w)) // grid[0] of () or of a frozenset
    return kErr;
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

} // namespace arcdsl

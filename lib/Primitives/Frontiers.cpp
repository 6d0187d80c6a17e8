//===- Frontiers.cpp - pattern queries over grids -------------------------===//
//
// occurrences, frontiers, compress and bordering, with tokpidjin's
// occurrences and bordering.
// Host/device neutral: no STL, no heap, no function pointers.
//===----------------------------------------------------------------------===//

#include "ArcDsl/Primitives/Hof.h"
#include "ArcDsl/Primitives/Primitives.h"
#include "ArcDsl/Primitives/PySet.h"
#include "GridUtil.h"
#include "PrimUtil.h"
#include "PyRules.h"
#include "TokUtil.h"

namespace arcdsl {

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
  if (!getGridRows(c, grid, g))
    return kErr;
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
  // Every offset is tried apart (a team loop: TeamLoops.h), a match
  // written in its place, then the matches move down in row-major order.
  team::forEach(c, h2 * w2, [&](int64_t p) {
    int64_t i = p / w2, j = p % w2;
    bool ok = true;
    for (uint32_t k = 0; k < o.n && ok; ++k) {
      int64_t a = o.i[k] - i0 + i, b = o.j[k] - j0 + j;
      ok = a >= 0 && a < g.h && b >= 0 && b < g.w && gcell(g, a, b) == vals[k];
    }
    xs[p] = ok ? mkPairRaw(i, j) : kErr;
  });
  uint32_t n = 0;
  for (int64_t p = 0; p < h2 * w2; ++p)
    if (xs[p] != kErr)
      xs[n++] = xs[p];
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
  if (!getGridRows(c, grid, g))
    return kErr;
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

/// Whether the values xs[0..n) make a set of one element (`len(set(xs)) ==
/// 1`): equal (or the same object) to the first.
static ARC_HD bool oneValue(ArcCtx *c, const av *xs, int64_t n) {
  if (n == 0)
    return false;
  for (int64_t k = 1; k < n && !c->err; ++k)
    if (xs[k] != xs[0] && !equalValues(c, xs[k], xs[0]))
      return false;
  return !c->err;
}

/// compress of a tuple whose rows are not all rows of colours (cells that
/// are tuples, sets...), as the DSLs' Python runs it on any tuple of
/// iterables: `ri` the rows of one distinct value, `ci` the columns of
/// `zip(*grid)` (as long as the shortest row) of one, then every row not in
/// ri without the columns in ci.
static ARC_HD av compressRows(ArcCtx *c, av grid) {
  int64_t h;
  av *rows = items(c, grid, &h);
  if (!rows)
    return kErr;
  av **rv = (av **)scratch(c, (uint64_t)h);
  int64_t *len = (int64_t *)scratch(c, (uint64_t)h);
  if (!rv || !len)
    return kErr;
  int64_t w = -1, cellsIn = 0;
  for (int64_t i = 0; i < h; ++i) { // ri first: set(r) of each row
    if (!(rv[i] = items(c, rows[i], &len[i])))
      return kErr;
    w = w < 0 || len[i] < w ? len[i] : w;
    cellsIn += len[i];
  }
  if (!charge(c, (uint64_t)cellsIn * 2 + 1))
    return kErr;
  uint8_t *keepR = (uint8_t *)arenaAlloc(c, (uint64_t)h + 1);
  uint8_t *keepC = (uint8_t *)arenaAlloc(c, (uint64_t)(w < 0 ? 0 : w) + 1);
  av *col = scratch(c, (uint64_t)h);
  if (!keepR || !keepC || !col)
    return kErr;
  for (int64_t i = 0; i < h; ++i)
    keepR[i] = !oneValue(c, rv[i], len[i]);
  for (int64_t j = 0; j < w; ++j) {
    for (int64_t i = 0; i < h; ++i)
      col[i] = rv[i][j];
    keepC[j] = !oneValue(c, col, h);
  }
  if (c->err)
    return kErr;
  int64_t nh = 0;
  for (int64_t i = 0; i < h; ++i) {
    if (!keepR[i])
      continue;
    int64_t m = 0;
    for (int64_t j = 0; j < len[i]; ++j)
      if (j >= w || keepC[j])
        rv[i][m++] = rv[i][j];
    rows[nh++] = makeTuple(c, rv[i], (uint32_t)m);
  }
  return c->err ? kErr : makeTuple(c, rows, (uint32_t)nh);
}

ARCDSL_EXPORT av arcdsl_prim_compress(ArcCtx *c, av grid) {
  ARC_PRIM_ENTER(c);
  if (boxKind(c, grid) == BOX_TUPLE)
    return compressRows(c, grid);
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

//===----------------------------------------------------------------------===//
// tokpidjin's variants
//===----------------------------------------------------------------------===//

ARCDSL_EXPORT av arcdsl_tok_occurrences(ArcCtx *c, av grid, av obj) {
  ARC_PRIM_ENTER(c);
  av normed = tok(c, TOK_ID_normalize, obj);
  int64_t h, w;
  if (!gridDims(c, grid, h, w))
    return kErr;
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

} // namespace arcdsl

//===- Paint.cpp - painting, filling and cell-wise primitives -------------===//
//
// fill, underfill, paint, underpaint, cover, move, cellwise, replace,
// switch, index and canvas, and tokpidjin's fill, underfill, cover,
// underpaint, move, cellwise and index.
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
// Painting
//===----------------------------------------------------------------------===//

/// Paint cells in the given order onto a copy (under: only onto bg cells).
/// Each cell's colour is o.v[k], or `fill` for all cells when o.v is null;
/// it is converted only when a cell is actually written, as in Python.
static ARC_HD av paintPts(ArcCtx *c, const GV &g, Box *out, const Pts &o,
                          bool under, int bg, av fill = 0) {
  GridCell *d = cells(out);
  if (!o.v && tagOf(fill) == TAG_INT && numOf(fill) >= kGridCellMin &&
      numOf(fill) <= kGridCellMax) {
    // One colour that fits every cell (no conversion can fail): the cells
    // may be painted in any order, an underfill's test included (a cell it
    // reads is bg or already this colour), so the team's lanes share them.
    GridCell x = (GridCell)numOf(fill);
    team::forEach(c, o.n, [&](int64_t k) {
      int64_t i = o.i[k], j = o.j[k];
      if (i < 0 || i >= g.h || j < 0 || j >= g.w)
        return;
      GridCell *cell = d + i * g.w + j;
      if (!under || *cell == bg)
        *cell = x;
    });
    return gridOut(c, out);
  }
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
  if (!getGridRows(c, grid, g))
    return false;
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

PRIM_FN3(fill, grid, value, patch, fillImpl(c, grid, value, patch, false))
PRIM_FN3(underfill, grid, value, patch, fillImpl(c, grid, value, patch, true))
PRIM_FN2(paint, grid, obj, paintImpl(c, grid, obj, false))
PRIM_FN2(underpaint, grid, obj, paintImpl(c, grid, obj, true))

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
  Pts o;
  int kind;
  if (!gridAndIndices(c, grid, obj, g, o, kind))
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
  team::forEach(c, g.h * g.w, [&](int64_t k) {
    if (d[k] == x)
      d[k] = y;
  });
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
  team::forEach(c, g.h * g.w, [&](int64_t k) {
    if (d[k] == x)
      d[k] = y;
    else if (d[k] == y)
      d[k] = x;
  });
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
  if (!getGridRows(c, grid, g))
    return kErr;
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
  team::forEach(c, h * w, [&](int64_t k) { d[k] = x; });
  return gridOut(c, o);
}

//===----------------------------------------------------------------------===//
// tokpidjin's variants
//===----------------------------------------------------------------------===//

TOK_FN3(fill, grid, color, patch,
        arcdsl_prim_fill(c, grid, color, tok(c, TOK_ID_toindices, patch)))
TOK_FN3(underfill, grid, color, patch,
        arcdsl_prim_underfill(c, grid, color, tok(c, TOK_ID_toindices, patch)))
ARCDSL_EXPORT av arcdsl_tok_cover(ArcCtx *c, av grid, av patch) {
  ARC_PRIM_ENTER(c);
  av bg = tok(c, TOK_ID_mostcolor_t, grid);
  return tok(c, TOK_ID_fill, grid, bg, tok(c, TOK_ID_toindices, patch));
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

ARCDSL_EXPORT av arcdsl_tok_move(ArcCtx *c, av grid, av obj, av offset) {
  ARC_PRIM_ENTER(c);
  av covered = tok(c, TOK_ID_cover, grid, obj);
  return tok(c, TOK_ID_paint, covered, tok(c, TOK_ID_shift, obj, offset));
}

/// tokpidjin's cellwise of two grids (b not empty): what its loop computes,
/// each `index(b, (i, j))` an entry of index (its cost charged as the call
/// does) that gives b's colour there, or -inf off b (never equal to a
/// colour).
static ARC_HD av cellwiseGrids(ArcCtx *c, Box *a, Box *b, av fallback,
                               av *rows, av *vals) {
  constexpr PrimCost kIndex = costOf("arcdsl_tok_index");
  for (uint32_t i = 0; i < a->n; ++i) {
    for (uint32_t j = 0; j < a->w; ++j) {
      {
        CostScope call(c, kIndex, "arcdsl_tok_index");
        if (c->err)
          return kErr;
      }
      int64_t x = gridAt(a, i, j);
      bool same = i < b->n && j < b->w && gridAt(b, i, j) == x;
      vals[j] = same ? intW(x) : fallback;
    }
    rows[i] = makeTuple(c, vals, a->w);
  }
  return c->err ? kErr : makeTuple(c, rows, a->n);
}

ARCDSL_EXPORT av arcdsl_tok_cellwise(ArcCtx *c, av a, av b, av fallback) {
  ARC_PRIM_ENTER(c);
  int64_t h, w;
  if (!gridDims(c, a, h, w))
    return kErr;
  if (c->err)
    return kErr;
  if (!charge(c, (uint64_t)(h * w + 1)))
    return kErr;
  av *rows = scratch(c, (uint64_t)h);
  av *vals = scratch(c, (uint64_t)w);
  if (!rows || !vals)
    return kErr;
  if (isGrid(c, a) && isGrid(c, b) && box(c, b)->n && box(c, b)->w)
    return cellwiseGrids(c, box(c, a), box(c, b), fallback, rows, vals);
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

} // namespace arcdsl

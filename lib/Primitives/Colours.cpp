//===- Colours.cpp - colour queries, palettes and partitions --------------===//
//
// mostcolor, leastcolor, colorcount, palette, numcolors, partition and
// fgpartition (Element = grid or object), with tokpidjin's variants of them:
// the colour rank selectors, the _t/_f colour queries, p_g/p_o.
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
  if (n == 0) {
    lo = span = 0;
    cnt = small;
    return true;
  }
  // The team's lanes each take cells, then combine (TeamLoops.h).
  int64_t least = kGridCellMax, most = kGridCellMin;
  team::forEach(c, n, [&](int64_t k) {
    least = g.p[k] < least ? g.p[k] : least;
    most = g.p[k] > most ? g.p[k] : most;
  });
  lo = (int)team::reduce(c, least, [](int64_t a, int64_t b) { return a < b ? a : b; });
  int hi = (int)team::reduce(c, most, [](int64_t a, int64_t b) { return a > b ? a : b; });
  span = hi - lo + 1;
  if (lo >= 0 && hi < 16) {
    lo = 0;
    span = 16;
    cnt = small;
    uint32_t mine[16] = {};
    team::forEach(c, n, [&](int64_t k) { mine[g.p[k]]++; });
    for (int v = 0; v < 16; ++v)
      small[v] = (uint32_t)team::combine(c, mine[v]);
    return true;
  }
  cnt = (uint32_t *)arenaAlloc(c, 4ull * span);
  if (!cnt)
    return false;
  team::forEach(c, span, [&](int64_t k) { cnt[k] = 0; });
  team::forEach(c, n, [&](int64_t k) { team::add(c, &cnt[g.p[k] - lo], 1); });
  return true;
}

/// A grid box's view and colour counts (gridHist), charged a unit a cell.
namespace {
struct GridHist {
  GV g;
  uint32_t *cnt;
  int lo, span;
  uint32_t small[16];
};
} // namespace
static ARC_HD bool boxHist(ArcCtx *c, av grid, GridHist &h) {
  getGrid(c, grid, h.g);
  if (!charge(c, (uint64_t)(h.g.h * h.g.w)))
    return false;
  return gridHist(c, h.g, h.cnt, h.lo, h.span, h.small);
}

/// max/min(set(values), key=values.count), ties to the smallest value
/// (canonical order) or to the first of the set's CPython order.
ARC_HD av mostLeast(ArcCtx *c, av e, bool most) {
  if (isPyOrder(c)) {
    av *xs;
    uint32_t n;
    uint64_t mark = c->top;
    if (isGrid(c, e)) {
      // set(values)'s order depends only on the distinct colours in order
      // of first occurrence: counted in one pass, not a table probe a cell.
      GridHist H;
      if (!boxHist(c, e, H))
        return kErr;
      n = (uint32_t)(H.g.h * H.g.w);
      if (n == 0)
        return fail(c, ERR_VALUE);
      uint32_t distinct = histColours(H.cnt, H.span), m = 0;
      av *keys = scratch(c, distinct);
      uint32_t *counts = (uint32_t *)arenaAlloc(c, 4ull * distinct);
      if (!keys || !counts)
        return kErr;
      for (uint32_t k = 0; k < n && m < distinct; ++k) {
        uint32_t &seen = H.cnt[H.g.p[k] - H.lo];
        if (seen) {
          keys[m] = smallInt(H.g.p[k]);
          counts[m++] = seen;
          seen = 0;
        }
      }
      av r = pyCommonestCounted(c, keys, counts, m, n, most);
      arcdsl_rt_release(c, mark);
      return r;
    }
    if (!elemValues(c, e, xs, n))
      return kErr;
    if (n == 0)
      return fail(c, ERR_VALUE);
    av r = pyCommonest(c, xs, n, most);
    if (!refsArena(r))
      arcdsl_rt_release(c, mark);
    return r;
  }
  if (isGrid(c, e)) {
    GridHist H;
    if (!boxHist(c, e, H))
      return kErr;
    uint32_t *cnt = H.cnt;
    int lo = H.lo, span = H.span;
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

PRIM_FN1(mostcolor, element, mostLeast(c, element, true))

PRIM_FN1(leastcolor, element, mostLeast(c, element, false))

ARCDSL_EXPORT av arcdsl_prim_colorcount(ArcCtx *c, av element, av value) {
  ARC_PRIM_ENTER(c);
  if (isGrid(c, element)) {
    GV g;
    getGrid(c, element, g);
    if (!charge(c, (uint64_t)(g.h * g.w)))
      return kErr;
    if (!isNum(value))
      return mkInt(c, 0);
    int64_t x = numOf(value);
    return mkInt(c, team::count(c, g.h * g.w,
                                [&](int64_t k) { return g.p[k] == x; }));
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
    GridHist H;
    if (!boxHist(c, element, H))
      return kErr;
    const GV &g = H.g;
    uint32_t *cnt = H.cnt;
    int lo = H.lo, span = H.span;
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
// Partitions
//===----------------------------------------------------------------------===//

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

PRIM_FN1(partition, grid, partitionImpl(c, grid, false))

PRIM_FN1(fgpartition, grid, partitionImpl(c, grid, true))

//===----------------------------------------------------------------------===//
// tokpidjin's variants
//===----------------------------------------------------------------------===//

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

namespace {
/// tuple(set(xs)): its distinct values in the set's iteration order.
ARC_HD av setOrderTuple(ArcCtx *c, av *xs, int64_t n) {
  uint32_t m = isPyOrder(c) ? pySetOrderOf(c, xs, (uint32_t)n)
                            : sortUnique(c, xs, (uint32_t)n);
  return c->err ? kErr : makeTuple(c, xs, m);
}

/// [v for row in grid for v in row] on the arena (total set); null on error.
ARC_HD av *flatRows(ArcCtx *c, av grid, int64_t *total) {
  int64_t h;
  av *rows = items(c, grid, &h);
  if (!rows)
    return nullptr;
  *total = 0;
  for (int64_t i = 0; i < h && !c->err; ++i)
    *total += seqLen(c, rows[i]);
  av *xs = c->err ? nullptr : scratch(c, (uint64_t)*total);
  if (!xs)
    return nullptr;
  int64_t k = 0;
  for (int64_t i = 0; i < h; ++i) {
    int64_t w = seqLen(c, rows[i]);
    for (int64_t j = 0; j < w; ++j)
      xs[k++] = seqAt(c, rows[i], j);
  }
  return c->err ? nullptr : xs;
}
} // namespace

ARCDSL_EXPORT av arcdsl_tok_get_color_rank_t(ArcCtx *c, av grid, av rank) {
  ARC_PRIM_ENTER(c);
  int64_t total;
  av *xs = flatRows(c, grid, &total);
  if (!xs)
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

/// The most (least) common colour of a grid's cells, of an object's cells.
ARC_HD av gridColour(ArcCtx *c, av grid, bool wantMax) {
  int64_t n = 0;
  av *xs = flatValues(c, grid, &n);
  return colourExtreme(c, xs, n, wantMax);
}
ARC_HD av objColour(ArcCtx *c, av obj, bool wantMax) {
  int64_t n = 0;
  av *xs = cellColors(c, obj, &n);
  return colourExtreme(c, xs, n, wantMax);
}
} // namespace

TOK_FN1(mostcolor_t, grid, gridColour(c, grid, true))
TOK_FN1(leastcolor_t, grid, gridColour(c, grid, false))
TOK_FN1(mostcolor_f, obj, objColour(c, obj, true))
TOK_FN1(leastcolor_f, obj, objColour(c, obj, false))

ARCDSL_EXPORT av arcdsl_tok_palette_f(ArcCtx *c, av element) {
  ARC_PRIM_ENTER(c);
  int64_t n;
  av *xs = cellColors(c, element, &n);
  return xs ? makeSet(c, xs, (uint32_t)n) : kErr;
}

ARCDSL_EXPORT av arcdsl_tok_palette_t(ArcCtx *c, av element) {
  ARC_PRIM_ENTER(c);
  int64_t n = 0;
  av *xs = flatValues(c, element, &n);
  return xs ? makeSet(c, xs, (uint32_t)n) : kErr;
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

TOK_FN1(numcolors_t, g, pyLen(c, tok(c, TOK_ID_palette_t, g)))
TOK_FN1(numcolors_f, obj, pyLen(c, tok(c, TOK_ID_palette_f, obj)))

ARCDSL_EXPORT av arcdsl_tok_p_g(ArcCtx *c, av grid) {
  ARC_PRIM_ENTER(c);
  // tuple({cell for row in grid for cell in row}): ascending (set order).
  int64_t total;
  av *xs = flatRows(c, grid, &total);
  if (!xs)
    return kErr;
  return setOrderTuple(c, xs, total);
}

ARCDSL_EXPORT av arcdsl_tok_p_o(ArcCtx *c, av obj) {
  ARC_PRIM_ENTER(c);
  int64_t n;
  av *xs = cellColors(c, obj, &n);
  if (!xs)
    return kErr;
  return setOrderTuple(c, xs, n);
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

} // namespace arcdsl

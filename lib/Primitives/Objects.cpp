//===- Objects.cpp - grids to indices and objects -------------------------===//
//
// asindices, ofcolor, asobject, toobject and objects (with the python-order
// flood fill pyObjects), and tokpidjin's objects_t, o_g, o_g_t, asobject and
// toobject. Host/device neutral: no STL, no heap, no function pointers.
//===----------------------------------------------------------------------===//

#include "ArcDsl/Primitives/Hof.h"
#include "ArcDsl/Primitives/Primitives.h"
#include "ArcDsl/Primitives/PySet.h"
#include "GridUtil.h"
#include "PrimUtil.h"
#include "PyRules.h"
#include "PySetRules.h"
#include "TokUtil.h"

namespace arcdsl {

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
  return makeDistinctSet(c, xs, k);
}

/// The set of a grid box's indices (asindices) or of its cells (asobject,
/// withColour).
static ARC_HD av gridCellSet(ArcCtx *c, av grid, bool withColour) {
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
      xs[k++] = withColour ? mkCellW(c, gcell(g, i, j), i, j) : mkPairRaw(i, j);
  return makeDistinctSet(c, xs, k);
}

ARCDSL_EXPORT av arcdsl_prim_asindices(ArcCtx *c, av grid) {
  ARC_PRIM_ENTER(c);
  if (holdsNonColours(c, grid))
    return asindicesGeneric(c, grid);
  GV g;
  if (isPyOrder(c) && getGrid(c, grid, g))
    return charge(c, (uint64_t)(g.h * g.w)) ? pyIndexSet(c, g.h, g.w) : kErr;
  return c->err ? kErr : gridCellSet(c, grid, false);
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
  return makeDistinctSet(c, xs, k);
}

ARCDSL_EXPORT av arcdsl_prim_asobject(ArcCtx *c, av grid) {
  ARC_PRIM_ENTER(c);
  if (isSet(c, grid) || holdsNonColours(c, grid))
    return rowCells(c, grid, ALL_CELLS, kErr);
  return gridCellSet(c, grid, true);
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
  Pts o;
  int kind;
  if (!gridAndIndices(c, grid, patch, g, o, kind))
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

/// The entries of a tiny table in its order.
static ARC_HD uint32_t tinyOrder(const TinyTab &s, av *out) {
  uint32_t n = 0;
  for (uint64_t q = 0; q <= s.t.mask; ++q)
    if (tabActive(s.key[q]))
      out[n++] = s.key[q];
  return n;
}

/// The iteration order of dneighbors(loc) / neighbors(loc) into out[]:
/// dsl.py's set displays (and their union), built as PatchLines.cpp's
/// primitives build them, on the stack; the call is charged as theirs.
/// The cost scope of a call of diagfun (dneighbors or neighbors).
static ARC_HD CostScope diagfunCall(ArcCtx *c, bool diag) {
  constexpr PrimCost kD = costOf("arcdsl_prim_dneighbors"),
                     kN = costOf("arcdsl_prim_neighbors");
  return CostScope(c, diag ? kN : kD,
                   diag ? "arcdsl_prim_neighbors" : "arcdsl_prim_dneighbors");
}

static ARC_HD uint32_t neighborOrder(ArcCtx *c, int64_t i, int64_t j, bool diag,
                                     av *out) {
  CostScope call = diagfunCall(c, diag);
  static const int kOff[2][2][4] = {{{-1, 1, 0, 0}, {0, 0, -1, 1}},
                                    {{-1, -1, 1, 1}, {-1, 1, -1, 1}}};
  TinyTab d[2];
  for (int kind = 0; kind < (diag ? 2 : 1); ++kind) {
    tinyInit(&d[kind]);
    for (int k = 0; k < 4; ++k)
      if (!tinyAdd(c, &d[kind],
                   mkPairRaw(i + kOff[kind][0][k], j + kOff[kind][1][k])))
        return 0;
  }
  if (c->err)
    return 0;
  if (!diag)
    return tinyOrder(d[0], out);
  TinyTab u; // dneighbors(loc) | ineighbors(loc)
  tinyInit(&u);
  if (!tinyMerge(c, &u, &d[0]) || !tinyMerge(c, &u, &d[1]))
    return 0;
  return tinyOrder(u, out);
}

/// The comprehension `{(i, j) for i, j in diagfun(cand) if 0 <= i < h and
/// 0 <= j < w}` of pyObjects for cell (ci, cj), in `comp`: diagfun's call
/// (charged as dneighbors / neighbors), then the comprehension's adds.
static ARC_HD bool buildNeighborhood(ArcCtx *c, int64_t ci, int64_t cj,
                                     int64_t h, int64_t w, bool diag,
                                     TinyTab &comp) {
  av around[8];
  uint32_t na = neighborOrder(c, ci, cj, diag, around);
  tinyInit(&comp);
  if (c->err)
    return false;
  for (uint32_t q = 0; q < na; ++q) {
    int64_t i = pairI(around[q]), j = pairJ(around[q]);
    if (i >= 0 && i < h && j >= 0 && j < w && !tinyAdd(c, &comp, around[q]))
      return false;
  }
  return true;
}

namespace {
/// The comprehension's table per cell of an ARC-sized grid: it depends on
/// the cell, on diagfun and on which of the grid's edges the cell touches
/// (what the bounds test drops), nothing else. Filled once per key, under
/// a CAS, as pyIndexSet's shapes are (ARC_SHARED_TABLE: per process on the
/// host, per module on the GPU).
struct NeighborhoodTable {
  uint8_t mask, n, slot[8];
  av key[8];
  int64_t hash[8];
};
constexpr int kNbMax = 30;
ARC_SHARED_TABLE NeighborhoodTable gNb[2][kNbMax][kNbMax][16];
// 0 none, 1 busy, 2 ready
ARC_SHARED_TABLE uint8_t gNbState[2][kNbMax][kNbMax][16];
} // namespace

/// buildNeighborhood, from the shared table when the cell has an entry.
static ARC_HD bool neighborhood(ArcCtx *c, int64_t ci, int64_t cj, int64_t h,
                                int64_t w, bool diag, TinyTab &comp) {
  if (ci < 0 || cj < 0 || ci >= kNbMax || cj >= kNbMax)
    return buildNeighborhood(c, ci, cj, h, w, diag, comp);
  unsigned edges = (ci == 0) | (ci == h - 1) << 1 | (cj == 0) << 2 |
                   (cj == w - 1) << 3;
  uint8_t *state = &gNbState[diag][ci][cj][edges];
  NeighborhoodTable &e = gNb[diag][ci][cj][edges];
  if (__atomic_load_n(state, __ATOMIC_ACQUIRE) == 2) {
    { // the call of diagfun, charged as buildNeighborhood charges it
      CostScope call = diagfunCall(c, diag);
    }
    tinyInit(&comp);
    if (c->err)
      return false;
    comp.t.mask = e.mask;
    for (uint32_t q = 0; q <= e.mask; ++q)
      comp.key[q] = kTabEmpty;
    for (uint32_t k = 0; k < e.n; ++k) {
      comp.key[e.slot[k]] = e.key[k];
      comp.hash[e.slot[k]] = e.hash[k];
    }
    comp.t.fill = comp.t.used = e.n;
    return true;
  }
  if (!buildNeighborhood(c, ci, cj, h, w, diag, comp))
    return false;
  uint8_t idle = 0;
  if (comp.t.used <= 8 && comp.t.fill == comp.t.used &&
      __atomic_compare_exchange_n(state, &idle, 1, false, __ATOMIC_ACQ_REL,
                                  __ATOMIC_ACQUIRE)) {
    e.mask = (uint8_t)comp.t.mask;
    e.n = 0;
    for (uint32_t q = 0; q <= comp.t.mask; ++q)
      if (tabActive(comp.key[q])) {
        e.slot[e.n] = (uint8_t)q;
        e.key[e.n] = comp.key[q];
        e.hash[e.n++] = comp.hash[q];
      }
    __atomic_store_n(state, 2, __ATOMIC_RELEASE);
  }
  return true;
}

/// cands = neighborhood - occupied (set_difference of a set and a set of
/// `occ` cells, the grid's occupied flags).
static ARC_HD bool candsMinus(ArcCtx *c, const PyTab *nb, const uint8_t *occ,
                              uint64_t nOcc, int64_t w, PyTab *out) {
  auto occupied = [&](av k) { return (occ[pairI(k) * w + pairJ(k)] & 1) != 0; };
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
  uint8_t *occ = (uint8_t *)arenaAlloc(c, (uint64_t)(h * w) + 1);
  PyTab objs;
  if (c->err || !occ || !tabInit(c, &objs))
    return kErr;
  // unvisited = asindices(grid), a call of asindices in dsl.py (what
  // CPython spends most on for a large grid with few objects): costed as
  // one.
  CellWalk unvisited;
  {
    constexpr PrimCost kAsIndices = costOf("asindices");
    CostScope call(c, kAsIndices, "asindices");
    if (c->err || !charge(c, (uint64_t)(h * w)))
      return kErr;
    // Per cell: bit 0 occupied (in an object found), bit 1 background,
    // so the walk below reads one byte of a cell it skips.
    for (int64_t k = 0; k < h * w; ++k) {
      av v = vals[k];
      bool ints = tagOf(v) == TAG_INT && tagOf(bg) == TAG_INT;
      occ[k] = (ints ? v == bg : cellEq(c, v, bg)) ? 2 : 0;
    }
    if (!pyIndexWalk(c, h, w, unvisited))
      return kErr;
  }
  // Tuples: obj and objs are lists, in visit order.
  av *cellList = asTuples ? scratch(c, (uint64_t)(h * w)) : nullptr;
  av *objList = asTuples ? scratch(c, (uint64_t)(h * w)) : nullptr;
  if (c->err)
    return kErr;
  uint64_t nOcc = 0, nObjs = 0;
  for (uint64_t u = 0; u < unvisited.count; ++u) {
    // The cells ahead in this (hash) order, read soon: most are background
    // and skipped, so the loop is its cache misses.
    if (u + 16 < unvisited.count && unvisited.cells[u + 16] != kFreeCell)
      ARC_PREFETCH(&occ[unvisited.cells[u + 16]]);
    uint32_t at = unvisited.cells[u];
    if (at == kFreeCell || occ[at]) // an empty slot; occupied, `val == bg`
      continue;
    av loc = mkPairRaw(at / w, at % w);
    av val = vals[at];
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
        nOcc += !(occ[ci * w + cj] & 1);
        occ[ci * w + cj] |= 1;
        TinyTab comp; // {(i, j) for i, j in diagfun(cand) if ...}
        if (!neighborhood(c, ci, cj, h, w, diag, comp) ||
            !tabMergeTab(c, &nb, &comp.t))
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
    // dsl.py takes the background first (mostcolor of an empty grid is a
    // ValueError), then the shape (len(grid[0]): IndexError).
    av bg = nobg ? arcdsl_prim_mostcolor(c, grid) : kNone;
    if (c->err)
      return kErr;
    int64_t h, w;
    bool generic = holdsNonColours(c, grid);
    if (!generic) {
      GV g;
      if (!getGridRows(c, grid, g)) // len(grid[0])
        return kErr;
      h = g.h, w = g.w;
    } else if (!rowsShape(c, grid, h, w)) {
      return kErr;
    }
    av *vals = cellValues(c, grid, h, w, generic);
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
// tokpidjin's variants
//===----------------------------------------------------------------------===//

ARCDSL_EXPORT av arcdsl_tok_o_g(ArcCtx *c, av grid, av type) {
  ARC_PRIM_ENTER(c);
  for (int64_t k = 0; k < 8; ++k)
    if (eqInt(type, k))
      return tok(c, TOK_ID_objects, grid, mkBool(k >= 4),
                 mkBool(k == 2 || k == 3 || k == 6 || k == 7), mkBool(k & 1));
  return kNone;
}

ARCDSL_EXPORT av arcdsl_tok_o_g_t(ArcCtx *c, av grid, av type) {
  ARC_PRIM_ENTER(c);
  for (int64_t k = 0; k < 8; ++k)
    if (eqInt(type, k))
      return tok(c, TOK_ID_objects_t, grid, mkBool(k >= 4),
                 mkBool(k == 2 || k == 3 || k == 6 || k == 7), mkBool(k & 1));
  return kNone;
}

/// objects() as a tuple of tuples of cells in discovery order: locations
/// row by row; each object grows breadth-first, a round's candidates
/// visited in ascending order (the set order), as tokpidjin's loop does.
ARCDSL_EXPORT av arcdsl_tok_objects_t(ArcCtx *c, av grid, av univalued,
                                      av diagonal, av withoutBg) {
  ARC_PRIM_ENTER(c);
  if (isEmptyTuple(c, grid))
    return makeTuple(c, nullptr, 0); // grid == ()
  bool uni = truthy(c, univalued), diag = truthy(c, diagonal);
  av bg = truthy(c, withoutBg) ? tok(c, TOK_ID_mostcolor_t, grid) : kNone;
  // h, w = len(grid), len(grid[0]); every grid[i][j] is read.
  int64_t h = seqLen(c, grid);
  if (c->err)
    return kErr;
  if (isSet(c, grid) || h == 0)
    return fail(c, h == 0 ? ERR_INDEX : ERR_TYPE);
  int64_t w = seqLen(c, pySubscriptValue(c, grid, intW(0))), n = h * w;
  if (c->err)
    return kErr;
  av *vals = scratch(c, (uint64_t)n);
  if (!vals)
    return kErr;
  for (int64_t k = 0; k < n && !c->err; ++k)
    vals[k] = pySubscriptValue(c, seqAt(c, grid, k / w), intW(k % w));
  if (!charge(c, (uint64_t)(n * 10 + 1)))
    return kErr;
  if (isPyOrder(c)) // cells and objects in the order the sets visit them
    return pyObjects(c, vals, h, w, uni, diag, bg, true);
  uint8_t *occupied = (uint8_t *)arenaAlloc(c, (uint64_t)n + 1);
  uint8_t *mark = (uint8_t *)arenaAlloc(c, (uint64_t)n + 1);
  int64_t *cands = (int64_t *)scratch(c, (uint64_t)n);
  int64_t *next = (int64_t *)scratch(c, (uint64_t)n);
  av *objs = scratch(c, (uint64_t)n);
  av *cellsOut = scratch(c, (uint64_t)n);
  if (!occupied || !mark || !cands || !next || !objs || !cellsOut)
    return kErr;
  for (int64_t k = 0; k < n; ++k)
    occupied[k] = 0;
  auto isBg = [&](av v) { return pyEq(c, v, bg); };
  int64_t nObjs = 0;
  for (int64_t loc = 0; loc < n; ++loc) {
    if (occupied[loc])
      continue;
    av val = vals[loc];
    if (isBg(val))
      continue;
    int64_t nCells = 0, nCands = 1;
    cands[0] = loc;
    while (nCands) {
      for (int64_t k = 0; k < n; ++k)
        mark[k] = 0;
      for (int64_t q = 0; q < nCands; ++q) {
        int64_t cand = cands[q], ci = cand / w, cj = cand % w;
        av v = vals[cand];
        if (!(uni ? pyEq(c, val, v) : !isBg(v)))
          continue;
        av t[3] = {intW(ci), intW(cj), v};
        cellsOut[nCells++] = makeTuple(c, t, 3);
        occupied[cand] = 1;
        for (int64_t di = -1; di <= 1; ++di)
          for (int64_t dj = -1; dj <= 1; ++dj) {
            if ((di == 0 && dj == 0) || (!diag && di != 0 && dj != 0))
              continue;
            int64_t i = ci + di, j = cj + dj;
            if (i >= 0 && i < h && j >= 0 && j < w)
              mark[i * w + j] = 1;
          }
      }
      nCands = 0;
      for (int64_t k = 0; k < n; ++k)
        if (mark[k] && !occupied[k])
          next[nCands++] = k;
      for (int64_t q = 0; q < nCands; ++q)
        cands[q] = next[q];
      if (!charge(c, (uint64_t)n))
        return kErr;
    }
    objs[nObjs++] = makeTuple(c, cellsOut, (uint32_t)nCells);
  }
  return c->err ? kErr : makeTuple(c, objs, (uint32_t)nObjs);
}

ARCDSL_EXPORT av arcdsl_tok_asobject(ArcCtx *c, av grid) {
  ARC_PRIM_ENTER(c);
  if (truthy(c, tok(c, TOK_ID_is_no_grid, grid)))
    return makeSet(c, nullptr, 0);
  return arcdsl_prim_asobject(c, grid);
}

ARCDSL_EXPORT av arcdsl_tok_toobject(ArcCtx *c, av patch, av grid) {
  ARC_PRIM_ENTER(c);
  int64_t h, w;
  if (!gridDims(c, grid, h, w))
    return kErr;
  av idx = tok(c, TOK_ID_toindices, patch);
  int64_t n, m = 0;
  av *xs = lenScratch(c, idx, &n);
  if (!xs)
    return kErr;
  for (int64_t q = 0; q < n; ++q) {
    av e = seqAt(c, idx, q);
    av i = unpackItem(c, e, 2, 0), j = unpackItem(c, e, 2, 1);
    if (c->err)
      return kErr;
    if (!isNum(i) || !isNum(j))
      return fail(c, isFloat(i) || isFloat(j) ? ERR_INDEX : ERR_TYPE);
    int64_t a = numOf(i), b = numOf(j);
    if (a < 0 || a >= h || b < 0 || b >= w)
      continue;
    av t[3] = {i, j, pySubscriptValue(c, seqAt(c, grid, a), j)};
    if (c->err)
      return kErr;
    xs[m++] = makeTuple(c, t, 3);
  }
  return c->err ? kErr : makeSet(c, xs, (uint32_t)m);
}

} // namespace arcdsl

//===- PatchLines.cpp - neighbourhoods, lines, boxes and outlines ---------===//
//
// dneighbors, ineighbors, neighbors, h/vfrontier, connect, shoot, backdrop,
// delta, inbox, outbox and box, with tokpidjin's variants of them.
// Host/device neutral: no STL, no heap, no function pointers.
//===----------------------------------------------------------------------===//

#include "ArcDsl/Primitives/Hof.h"
#include "ArcDsl/Primitives/Primitives.h"
#include "ArcDsl/Primitives/PySet.h"
#include "PatchUtil.h"
#include "PrimUtil.h"
#include "PyRules.h"
#include "TokUtil.h"

using namespace arcdsl;

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

/// dneighbors (kind 0), ineighbors (1) and neighbors (2) of a location.
static ARC_HD av neighborsOf(ArcCtx *c, av loc, int kind) {
  av i, j;
  if (!locOf(c, loc, i, j))
    return kErr;
  if (isPyOrder(c)) {
    if (kind < 2)
      return pyNeighbors(c, i, j, kind == 1);
    // dneighbors(loc) | ineighbors(loc)
    av d = pyNeighbors(c, i, j, false);
    av n = pyNeighbors(c, i, j, true);
    return c->err ? kErr : pySetOr(c, d, n);
  }
  const int di[3][8] = {
      {-1, 0, 0, 1}, {-1, -1, 1, 1}, {-1, -1, -1, 0, 0, 1, 1, 1}};
  const int dj[3][8] = {
      {0, -1, 1, 0}, {-1, 1, -1, 1}, {-1, 0, 1, -1, 1, -1, 0, 1}};
  return offsetsSet(c, i, j, di[kind], dj[kind], kind == 2 ? 8 : 4);
}

PRIM_FN1(dneighbors, loc, neighborsOf(c, loc, 0))
PRIM_FN1(ineighbors, loc, neighborsOf(c, loc, 1))
PRIM_FN1(neighbors, loc, neighborsOf(c, loc, 2))

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

/// vfrontier (k = 1: the column location[1]) / hfrontier (k = 0: the row).
static ARC_HD av frontierOf(ArcCtx *c, av location, int k) {
  av x = pySubscript(c, location, k);
  if (c->err)
    return kErr;
  return frontier(c, x, k == 0);
}

PRIM_FN1(vfrontier, location, frontierOf(c, location, 1))
PRIM_FN1(hfrontier, location, frontierOf(c, location, 0))

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
  Box *b = chargedSet(c, n);
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

/// A SET box for the h x w pairs of [i0, i1] x [j0, j1] (charged; the
/// caller fills it); null with the error set.
static ARC_HD Box *rectBox(ArcCtx *c, int64_t i0, int64_t i1, int64_t j0,
                           int64_t j1, uint64_t &h, uint64_t &w) {
  if (!pairFits(i0, j0) || !pairFits(i1, j1)) {
    fail(c, ERR_CAPACITY);
    return nullptr;
  }
  h = (uint64_t)(i1 - i0 + 1), w = (uint64_t)(j1 - j0 + 1);
  if (!charge(c, h * w))
    return nullptr;
  return newSet(c, h * w);
}

/// All pairs of [i0, i1] x [j0, j1] (non-empty), row-major.
static ARC_HD av rectSet(ArcCtx *c, int64_t i0, int64_t i1, int64_t j0,
                         int64_t j1) {
  uint64_t h, w;
  Box *b = rectBox(c, i0, i1, j0, j1, h, w);
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
  Box *b = chargedSet(c, n);
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

/// backdrop (the patch's bounding rectangle) or, with delta, that
/// rectangle less the patch's cells.
static ARC_HD av backdropOf(ArcCtx *c, av patch, bool delta) {
  Pts p;
  int64_t i0, i1, j0, j1;
  int r = patchRect(c, patch, p, i0, i1, j0, j1);
  if (r <= 0)
    return r < 0 ? kErr : emptySet(c);
  if (!delta)
    return rectSet(c, i0, i1, j0, j1);
  // backdrop(patch) - toindices(patch): frozenset - tuple is a TypeError.
  if (!p.isSet && p.mode != PM_CELLS)
    return fail(c, ERR_TYPE);
  if (isPyOrder(c)) {
    av bd = rectSet(c, i0, i1, j0, j1);
    av ix = arcdsl_prim_toindices(c, patch);
    return c->err ? kErr : pySetSub(c, bd, ix);
  }
  uint64_t h, w;
  Box *b = rectBox(c, i0, i1, j0, j1, h, w);
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

PRIM_FN1(backdrop, patch, backdropOf(c, patch, false))
PRIM_FN1(delta, patch, backdropOf(c, patch, true))

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
  Pts p;
  int64_t i0, i1, j0, j1;
  int r = patchRect(c, patch, p, i0, i1, j0, j1);
  if (r <= 0)
    return r < 0 ? kErr : patch;
  return outlineSet(c, i0, j0, i1, j1);
}

//===----------------------------------------------------------------------===//
// tokpidjin's variants
//===----------------------------------------------------------------------===//

namespace {
/// The border of the box spanned by rows a..b and columns p..q (either
/// order), as tokpidjin's box/inbox/outbox build it; TypeError when a bound
/// is not an int (range() of nan).
ARC_HD av borderOf(ArcCtx *c, av a, av p, av b, av q) {
  if (!isNum(a) || !isNum(b) || !isNum(p) || !isNum(q))
    return fail(c, ERR_TYPE);
  int64_t ai = numOf(a), aj = numOf(p), bi = numOf(b), bj = numOf(q);
  int64_t si = ai < bi ? ai : bi, ei = ai < bi ? bi : ai;
  int64_t sj = aj < bj ? aj : bj, ej = aj < bj ? bj : aj;
  int64_t n = 2 * (ei - si + 1) + 2 * (ej - sj + 1);
  if (!pairFits(si, sj) || !pairFits(ei, ej) || !charge(c, (uint64_t)n))
    return c->err ? kErr : fail(c, ERR_CAPACITY);
  if (isPyOrder(c))
    return pyOutline(c, si, sj, ei, ej);
  av *xs = scratch(c, (uint64_t)n);
  if (!xs)
    return kErr;
  int64_t k = 0;
  for (int64_t i = si; i <= ei; ++i) {
    xs[k++] = mkPairRaw(i, sj);
    xs[k++] = mkPairRaw(i, ej);
  }
  for (int64_t j = sj; j <= ej; ++j) {
    xs[k++] = mkPairRaw(si, j);
    xs[k++] = mkPairRaw(ei, j);
  }
  return makeSet(c, xs, (uint32_t)k);
}

/// inbox (d = 1) / outbox (d = -1): the extremes come from the wrapped
/// uppermost... (0 where one raises, nan for an empty patch).
ARC_HD av shiftedBox(ArcCtx *c, av patch, int64_t d) {
  if (isEmptyContainer(c, patch)) // patch in [frozenset(), ()]
    return makeSet(c, nullptr, 0);
  av u = tok(c, TOK_ID_uppermost, patch), l = tok(c, TOK_ID_leftmost, patch);
  av lo = tok(c, TOK_ID_lowermost, patch), r = tok(c, TOK_ID_rightmost, patch);
  if (c->err)
    return kErr;
  auto plus = [&](av v, int64_t k) {
    return isNum(v) ? intW(numOf(v) + k) : v; // nan - 1 is nan
  };
  return borderOf(c, plus(u, d), plus(l, d), plus(lo, -d), plus(r, -d));
}

} // namespace

TOK_FN1(inbox, patch, shiftedBox(c, patch, 1))

TOK_FN1(outbox, patch, shiftedBox(c, patch, -1))

ARCDSL_EXPORT av arcdsl_tok_backdrop(ArcCtx *c, av patch) {
  ARC_PRIM_ENTER(c);
  if (!hasLen(c, patch) || seqLen(c, patch) == 0)
    return makeSet(c, nullptr, 0);
  av ul = tok(c, TOK_ID_ulcorner, patch), lr = tok(c, TOK_ID_lrcorner, patch);
  av a = unpackItem(c, ul, 2, 0), b = unpackItem(c, ul, 2, 1);
  av e = unpackItem(c, lr, 2, 0), f = unpackItem(c, lr, 2, 1);
  if (c->err)
    return kErr;
  if (!isNum(a) || !isNum(b) || !isNum(e) || !isNum(f))
    return fail(c, ERR_TYPE); // range() of a float or a tuple
  int64_t si = numOf(a), sj = numOf(b), ei = numOf(e), ej = numOf(f);
  int64_t hh = ei >= si ? ei - si + 1 : 0, ww = ej >= sj ? ej - sj + 1 : 0;
  if (!pairFits(si, sj) || !pairFits(ei, ej))
    return fail(c, ERR_CAPACITY);
  if (!charge(c, (uint64_t)(hh * ww + 1)))
    return kErr;
  av *xs = scratch(c, (uint64_t)(hh * ww));
  if (!xs)
    return kErr;
  int64_t k = 0;
  for (int64_t i = si; i < si + hh; ++i)
    for (int64_t j = sj; j < sj + ww; ++j)
      xs[k++] = mkPairRaw(i, j);
  return makeSet(c, xs, (uint32_t)k);
}

ARCDSL_EXPORT av arcdsl_tok_delta(ArcCtx *c, av patch) {
  ARC_PRIM_ENTER(c);
  if (!hasLen(c, patch) || seqLen(c, patch) == 0)
    return makeSet(c, nullptr, 0);
  av bd = tok(c, TOK_ID_backdrop, patch), idx = tok(c, TOK_ID_toindices, patch);
  if (c->err)
    return kErr;
  if (!isSet(c, bd) || !isSet(c, idx)) // frozenset - tuple
    return fail(c, ERR_TYPE);
  return arcdsl_prim_difference(c, bd, idx);
}

namespace {
/// The neighbours of loc at the given offsets (frozenset() for () or a
/// value that is not a tuple).
ARC_HD av around(ArcCtx *c, av loc, const int8_t (*d)[2], int n) {
  if (!isPyTuple(c, loc) || seqLen(c, loc) == 0)
    return makeSet(c, nullptr, 0);
  av i = pySubscriptValue(c, loc, intW(0)),
     j = pySubscriptValue(c, loc, intW(1));
  av xs[8];
  for (int k = 0; k < n && !c->err; ++k) {
    av t[2] = {pyAddSub(c, i, intW(d[k][0]), 1),
               pyAddSub(c, j, intW(d[k][1]), 1)};
    xs[k] = c->err ? kErr : makeTuple(c, t, 2);
  }
  return c->err ? kErr : makeSet(c, xs, (uint32_t)n);
}
constexpr int8_t kDN[4][2] = {{-1, 0}, {1, 0}, {0, -1}, {0, 1}};
constexpr int8_t kIN[4][2] = {{-1, -1}, {-1, 1}, {1, -1}, {1, 1}};

} // namespace

TOK_FN1(dneighbors, loc, around(c, loc, kDN, 4))
TOK_FN1(ineighbors, loc, around(c, loc, kIN, 4))
ARCDSL_EXPORT av arcdsl_tok_neighbors(ArcCtx *c, av loc) {
  ARC_PRIM_ENTER(c);
  av a = tok(c, TOK_ID_dneighbors, loc), b = tok(c, TOK_ID_ineighbors, loc);
  if (c->err)
    return kErr;
  if (!isSet(c, a) || !isSet(c, b))
    return fail(c, ERR_TYPE);
  return arcdsl_prim_combine(c, a, b);
}

ARCDSL_EXPORT av arcdsl_tok_hfrontier(ArcCtx *c, av loc) {
  ARC_PRIM_ENTER(c);
  if (isEmptyTuple(c, loc))
    return makeSet(c, nullptr, 0);
  av i = pySubscriptValue(c, loc, intW(0));
  av xs[30];
  for (int64_t j = 0; j < 30 && !c->err; ++j) {
    av t[2] = {i, intW(j)};
    xs[j] = makeTuple(c, t, 2);
  }
  return c->err ? kErr : makeSet(c, xs, 30);
}
ARCDSL_EXPORT av arcdsl_tok_vfrontier(ArcCtx *c, av loc) {
  ARC_PRIM_ENTER(c);
  av j = pySubscriptValue(c, loc, intW(1));
  av xs[30];
  for (int64_t i = 0; i < 30 && !c->err; ++i) {
    av t[2] = {intW(i), j};
    xs[i] = makeTuple(c, t, 2);
  }
  return c->err ? kErr : makeSet(c, xs, 30);
}

ARCDSL_EXPORT av arcdsl_tok_connect(ArcCtx *c, av a, av b) {
  ARC_PRIM_ENTER(c);
  if (isEmptyTuple(c, a) || isEmptyTuple(c, b))
    return makeSet(c, nullptr, 0);
  return arcdsl_prim_connect(c, a, b);
}

ARCDSL_EXPORT av arcdsl_tok_shoot(ArcCtx *c, av start, av direction) {
  ARC_PRIM_ENTER(c);
  if (isEmptyTuple(c, start) || isEmptySet(c, start) ||
      isEmptyTuple(c, direction) || isEmptySet(c, direction))
    return makeSet(c, nullptr, 0);
  av s0 = pySubscriptValue(c, start, intW(0)),
     s1 = pySubscriptValue(c, start, intW(1));
  av d0 = pySubscriptValue(c, direction, intW(0)),
     d1 = pySubscriptValue(c, direction, intW(1));
  if (c->err)
    return kErr;
  av m0 = arcdsl_prim_multiply(c, intW(42), d0);
  av m1 = arcdsl_prim_multiply(c, intW(42), d1);
  av e[2] = {arcdsl_prim_add(c, s0, m0), arcdsl_prim_add(c, s1, m1)};
  if (c->err)
    return kErr;
  return tok(c, TOK_ID_connect, start, makeTuple(c, e, 2));
}

ARCDSL_EXPORT av arcdsl_tok_box(ArcCtx *c, av patch) {
  ARC_PRIM_ENTER(c);
  if (isEmptyContainer(c, patch)) // patch in [frozenset(), ()]
    return makeSet(c, nullptr, 0);
  av ul = tok(c, TOK_ID_ulcorner, patch), lr = tok(c, TOK_ID_lrcorner, patch);
  av a = unpackItem(c, ul, 2, 0), b = unpackItem(c, ul, 2, 1);
  av e = unpackItem(c, lr, 2, 0), f = unpackItem(c, lr, 2, 1);
  return c->err ? kErr : borderOf(c, a, b, e, f);
}

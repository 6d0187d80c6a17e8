//===- PatchPlace.cpp - indices, recolouring, shifts, relations -----------===//
//
// toindices, recolor, shift, normalize, h/vmatching, manhattan, adjacent,
// position and gravitate, with tokpidjin's variants of them.
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
// toindices, recolor, shift, normalize
//===----------------------------------------------------------------------===//

ARCDSL_EXPORT av arcdsl_prim_toindices(ArcCtx *c, av patch) {
  ARC_PRIM_ENTER(c);
  Pts p;
  if (int r = ptsOfAny(c, patch, p); r <= 0)
    return r < 0 ? kErr : emptySet(c);
  if (p.mode != PM_CELLS)
    return patch;
  Box *b = cellIndices(c, p);
  return b ? boxRef(c, b) : kErr;
}

ARCDSL_EXPORT av arcdsl_prim_recolor(ArcCtx *c, av value, av patch) {
  ARC_PRIM_ENTER(c);
  Pts p;
  if (int r = ptsOfAny(c, patch, p); r <= 0)
    return r < 0 ? kErr : emptySet(c);
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
  // A translation of a set's members: distinct again.
  if (p.isSet && isPyOrder(c))
    return pySetFromDistinct(c, elems(b), p.n);
  return setFromBox(c, b, p.n);
}

ARCDSL_EXPORT av arcdsl_prim_shift(ArcCtx *c, av patch, av directions) {
  ARC_PRIM_ENTER(c);
  if (int r = lenState(c, patch); r <= 0)
    return r < 0 ? kErr : patch;
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
  if (int r = lenState(c, patch); r <= 0)
    return r < 0 ? kErr : patch;
  Pts p;
  int64_t i0, i1, j0, j1;
  if (!ptsOf(c, patch, p) || !bounds(c, p, i0, i1, j0, j1))
    return kErr;
  return shiftBy(c, patch, p, -i0, -j0);
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

PRIM_FN2(hmatching, a, b, matching(c, a, b, 0))

PRIM_FN2(vmatching, a, b, matching(c, a, b, 1))

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

/// The least Manhattan distance between a cell of a and one of b (d); false
/// with the error set. The arena is left as it was.
static ARC_HD bool patchDist(ArcCtx *c, av a, av b, int64_t &d) {
  uint64_t saved = c->top;
  Pts pa, pb;
  int64_t *AI, *AJ, *BI, *BJ;
  if (!loadTwo(c, a, b, pa, pb, AI, AJ, BI, BJ) ||
      !charge(c, ((uint64_t)pa.n * pb.n) >> 5)) {
    c->top = saved;
    return false;
  }
  d = minDist(AI, AJ, pa.n, BI, BJ, pb.n, 0, 0);
  c->top = saved;
  return true;
}

ARCDSL_EXPORT av arcdsl_prim_manhattan(ArcCtx *c, av a, av b) {
  ARC_PRIM_ENTER(c);
  int64_t d;
  return patchDist(c, a, b, d) ? mkInt(c, d) : kErr;
}

ARCDSL_EXPORT av arcdsl_prim_adjacent(ArcCtx *c, av a, av b) {
  ARC_PRIM_ENTER(c);
  int64_t d;
  return patchDist(c, a, b, d) ? mkBool(d == 1) : kErr;
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
// tokpidjin's variants
//===----------------------------------------------------------------------===//

ARCDSL_EXPORT av arcdsl_tok_toindices(ArcCtx *c, av patch) {
  ARC_PRIM_ENTER(c);
  if (!hasLen(c, patch) || seqLen(c, patch) == 0)
    return makeSet(c, nullptr, 0);
  av first = seqAt(c, patch, 0);
  if (!hasLen(c, first))
    return makeSet(c, nullptr, 0);
  if (seqLen(c, first) != 3)
    return patch;
  return tok(c, TOK_ID_toindices_o, patch);
}

ARCDSL_EXPORT av arcdsl_tok_toindices_o(ArcCtx *c, av obj) {
  ARC_PRIM_ENTER(c);
  if (!hasLen(c, obj))
    return makeSet(c, nullptr, 0);
  int64_t n = seqLen(c, obj);
  if (c->err)
    return kErr;
  av *xs = scratch(c, (uint64_t)n);
  if (!xs)
    return kErr;
  for (int64_t q = 0; q < n; ++q) { // (i, j) for i, j, c in obj
    av e = seqAt(c, obj, q);
    if (tagOf(e) == TAG_TRIPLE) {
      xs[q] = mkPairRaw(tripleA(e), tripleB(e));
      continue;
    }
    av ij[2] = {unpackItem(c, e, 3, 0), unpackItem(c, e, 3, 1)};
    if (c->err)
      return kErr;
    xs[q] = makeTuple(c, ij, 2);
  }
  return c->err ? kErr : makeSet(c, xs, (uint32_t)n);
}

ARCDSL_EXPORT av arcdsl_tok_shift(ArcCtx *c, av patch, av directions) {
  ARC_PRIM_ENTER(c);
  if (!truthy(c, patch))
    return makeSet(c, nullptr, 0);
  if (isEmptyTuple(c, directions))
    return patch; // directions == ()
  av di = unpackItem(c, directions, 2, 0), dj = unpackItem(c, directions, 2, 1);
  int64_t n = seqLen(c, patch);
  if (c->err)
    return kErr;
  av e0 = seqAt(c, patch, 0); // len(next(iter(patch))) == 3
  if (!hasLen(c, e0))
    return fail(c, ERR_TYPE);
  int64_t len = seqLen(c, e0) == 3 ? 3 : 2;
  av *xs = scratch(c, (uint64_t)n);
  if (!xs || !charge(c, (uint64_t)n + 1))
    return kErr;
  for (int64_t q = 0; q < n; ++q) {
    av e = seqAt(c, patch, q);
    av t[3] = {unpackItem(c, e, len, 0), unpackItem(c, e, len, 1),
               len == 3 ? unpackItem(c, e, 3, 2) : kNone};
    if (c->err)
      return kErr;
    t[0] = pyAddSub(c, t[0], di, 1);
    t[1] = pyAddSub(c, t[1], dj, 1);
    if (c->err)
      return kErr;
    xs[q] = makeTuple(c, t, (uint32_t)len);
  }
  return c->err ? kErr : makeSet(c, xs, (uint32_t)n);
}

namespace {
ARC_HD av recolorOf(ArcCtx *c, av color, av patch, uint32_t toIdx) {
  av idx = indicesOf(c, patch, toIdx);
  int64_t n;
  av *xs = lenScratch(c, idx, &n);
  if (!xs)
    return kErr;
  for (int64_t q = 0; q < n; ++q) {
    av e = seqAt(c, idx, q);
    av t[3] = {unpackItem(c, e, 2, 0), unpackItem(c, e, 2, 1), color};
    if (c->err)
      return kErr;
    xs[q] = makeTuple(c, t, 3);
  }
  return makeSet(c, xs, (uint32_t)n);
}

} // namespace

TOK_FN2(recolor_i, color, indices,
        recolorOf(c, color, indices, TOK_ID_toindices_i))
TOK_FN2(recolor_o, color, obj, recolorOf(c, color, obj, TOK_ID_toindices_o))

TOK_FN1(normalize_t, piece, piece)

namespace {
/// normalize(_i/_o): shift by minus the wrapped uppermost/leftmost.
ARC_HD av normalizeBy(ArcCtx *c, av indices, uint32_t upper, uint32_t left) {
  int64_t n = seqLen(c, indices);
  if (c->err)
    return kErr;
  if (n == 0)
    return indices;
  av u = tok(c, upper, indices), l = tok(c, left, indices);
  auto neg = [&](av v) -> av {
    if (isNum(v))
      return intW(-numOf(v));
    if (isFloat(v))
      return floatOf(v) == FLOAT_NAN
                 ? v
                 : mkFloat(floatOf(v) == FLOAT_INF ? FLOAT_NEG_INF : FLOAT_INF);
    return fail(c, ERR_TYPE); // -() raises
  };
  av d[2] = {neg(u), neg(l)};
  if (c->err)
    return kErr;
  return tok(c, TOK_ID_shift, indices, makeTuple(c, d, 2));
}

} // namespace

TOK_FN1(normalize, p, normalizeBy(c, p, TOK_ID_uppermost, TOK_ID_leftmost))
TOK_FN1(normalize_i, p,
        normalizeBy(c, p, TOK_ID_uppermost_i, TOK_ID_leftmost_i))
TOK_FN1(normalize_o, p,
        normalizeBy(c, p, TOK_ID_uppermost_o, TOK_ID_leftmost_o))

namespace {
/// len({e[k] for e in toindices(a)} & {e[k] for e in toindices(b)}) > 0.
ARC_HD av tokMatching(ArcCtx *c, av a, av b, int64_t k) {
  av ia = tok(c, TOK_ID_toindices, a), ib = tok(c, TOK_ID_toindices, b);
  int64_t na = seqLen(c, ia), nb = seqLen(c, ib);
  if (c->err)
    return kErr;
  av *xa = scratch(c, (uint64_t)na), *xb = scratch(c, (uint64_t)nb);
  if (!xa || !xb)
    return kErr;
  for (int64_t q = 0; q < na; ++q)
    xa[q] = unpackItem(c, seqAt(c, ia, q), 2, k);
  for (int64_t q = 0; q < nb; ++q)
    xb[q] = unpackItem(c, seqAt(c, ib, q), 2, k);
  if (c->err)
    return kErr;
  for (int64_t p = 0; p < na; ++p)
    for (int64_t q = 0; q < nb; ++q)
      if (equalValues(c, xa[p], xb[q]))
        return mkBool(true);
  return mkBool(false);
}

} // namespace

TOK_FN2(hmatching, a, b, tokMatching(c, a, b, 0))
TOK_FN2(vmatching, a, b, tokMatching(c, a, b, 1))

ARCDSL_EXPORT av arcdsl_tok_gravitate(ArcCtx *c, av source, av destination) {
  ARC_PRIM_ENTER(c);
  if (!truthy(c, destination))
    return source;
  av sc = tok(c, TOK_ID_center, source),
     dc = tok(c, TOK_ID_center, destination);
  if (c->err)
    return kErr;
  if (seqLen(c, sc) != 2 || seqLen(c, dc) != 2) // si, sj = center(...)
    return c->err ? kErr : fail(c, ERR_VALUE);
  av si = seqAt(c, sc, 0), sj = seqAt(c, sc, 1);
  av di = seqAt(c, dc, 0), dj = seqAt(c, dc, 1);
  int64_t i = 0, j = 0;
  if (truthy(c, tok(c, TOK_ID_vmatching, source, destination)))
    i = comparePy(c, si, di) < 0 ? 1 : -1;
  else
    j = comparePy(c, sj, dj) < 0 ? 1 : -1;
  if (c->err)
    return kErr;
  int64_t gi = i, gj = j;
  av current = source;
  for (int64_t k = 0; k < 42; ++k) {
    if (truthy(c, tok(c, TOK_ID_adjacent, current, destination)))
      break;
    gi += i;
    gj += j;
    current = tok(c, TOK_ID_shift, current, mkPairRaw(i, j));
  }
  return c->err ? kErr : mkPairRaw(gi - i, gj - j);
}

ARCDSL_EXPORT av arcdsl_tok_manhattan(ArcCtx *c, av a, av b) {
  ARC_PRIM_ENTER(c);
  if (!hasLen(c, a) || !hasLen(c, b))
    return mkFloat(FLOAT_INF);
  if (seqLen(c, a) == 0 || seqLen(c, b) == 0)
    return mkFloat(FLOAT_INF);
  return arcdsl_prim_manhattan(c, a, b);
}

ARCDSL_EXPORT av arcdsl_tok_adjacent(ArcCtx *c, av a, av b) {
  ARC_PRIM_ENTER(c);
  av d = tok(c, TOK_ID_manhattan, a, b);
  return c->err ? kErr : mkBool(pyEq(c, d, intW(1)));
}

/// Hodel's code over tokpidjin's toindices and center (a tuple of (i, j, c)
/// cells is a patch there; center of nothing is ()), so `ia, ja = ...`
/// fails where a centre is not a pair; None when no comparison holds.
ARCDSL_EXPORT av arcdsl_tok_position(ArcCtx *c, av a, av b) {
  ARC_PRIM_ENTER(c);
  av ca = tok(c, TOK_ID_center, tok(c, TOK_ID_toindices, a));
  av cb = tok(c, TOK_ID_center, tok(c, TOK_ID_toindices, b));
  av ia = unpackItem(c, ca, 2, 0), ja = unpackItem(c, ca, 2, 1);
  av ib = unpackItem(c, cb, 2, 0), jb = unpackItem(c, cb, 2, 1);
  if (c->err)
    return kErr;
  auto lt = [&](av x, av y) { return pyGt(c, y, x); };
  auto side = [&](bool less) { return intW(less ? 1 : -1); };
  av xs[2];
  if (pyEq(c, ia, ib)) {
    xs[0] = intW(0), xs[1] = side(lt(ja, jb));
  } else if (pyEq(c, ja, jb)) {
    xs[0] = side(lt(ia, ib)), xs[1] = intW(0);
  } else if (lt(ia, ib)) {
    xs[0] = intW(1), xs[1] = side(lt(ja, jb));
  } else if (pyGt(c, ia, ib)) {
    xs[0] = intW(-1), xs[1] = side(lt(ja, jb));
  } else {
    return c->err ? kErr : kNone; // nan: the function falls through
  }
  return c->err ? kErr : makeTuple(c, xs, 2);
}

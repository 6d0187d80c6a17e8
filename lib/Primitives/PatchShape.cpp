//===- PatchShape.cpp - sizes, bounds, corners and centres of pieces ------===//
//
// height, width, shape, portrait, square, vline, hline, uppermost ...
// rightmost, the corners, center and centerofmass, with tokpidjin's variants
// (_t/_f/_i/_o sizes and extremes, col_row, corner, the wrapped corners).
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
// Piece sizes
//===----------------------------------------------------------------------===//

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

/// vline (vertical): height == len(patch) and width == 1; hline: the same
/// across.
static ARC_HD av isLine(ArcCtx *c, av patch, bool vertical) {
  int64_t along, n = seqLen(c, patch);
  if (c->err ||
      !(vertical ? heightOf(c, patch, along) : widthOf(c, patch, along)))
    return kErr;
  if (along != n)
    return mkBool(false);
  int64_t across;
  if (!(vertical ? widthOf(c, patch, across) : heightOf(c, patch, across)))
    return kErr;
  return mkBool(across == 1);
}

PRIM_FN1(vline, patch, isLine(c, patch, true))

PRIM_FN1(hline, patch, isLine(c, patch, false))

//===----------------------------------------------------------------------===//
// Bounds and corners
//===----------------------------------------------------------------------===//

/// Bound k of the patch's rectangle: 0 its top row, 1 its bottom row, 2 its
/// left column, 3 its right column.
static ARC_HD av boundOf(ArcCtx *c, av patch, int k) {
  int64_t b[4];
  if (!boundsOf(c, patch, b[0], b[1], b[2], b[3]))
    return kErr;
  return mkInt(c, b[k]);
}

PRIM_FN1(uppermost, patch, boundOf(c, patch, 0))
PRIM_FN1(lowermost, patch, boundOf(c, patch, 1))
PRIM_FN1(leftmost, patch, boundOf(c, patch, 2))
PRIM_FN1(rightmost, patch, boundOf(c, patch, 3))

/// tuple(map(min|max, zip(*toindices(patch)))). rowMax/colMax pick max for
/// coordinate 0/1; `anyCol` tells what columns >= 2 of a grid use: 0 = min,
/// 1 = max, -1 = KeyError (urcorner/llcorner's dict has keys 0 and 1 only).
static ARC_HD av cornerOf(ArcCtx *c, av patch, bool rowMax, bool colMax,
                          int anyCol) {
  Pts p;
  if (int r = ptsOfAny(c, patch, p); r <= 0)
    return r < 0 ? kErr : emptyTuple(c);
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

PRIM_FN1(ulcorner, patch, cornerOf(c, patch, false, false, 0))

PRIM_FN1(urcorner, patch, cornerOf(c, patch, false, true, -1))

PRIM_FN1(llcorner, patch, cornerOf(c, patch, true, false, -1))

PRIM_FN1(lrcorner, patch, cornerOf(c, patch, true, true, 1))

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
  if (int r = ptsOfAny(c, patch, p); r <= 0)
    return r < 0 ? kErr : emptyTuple(c);
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
// tokpidjin's variants
//===----------------------------------------------------------------------===//

namespace {
/// height/width of a patch: 0 when empty, else hi - lo + 1 of the wrapped
/// extremes.
ARC_HD av span(ArcCtx *c, av piece, uint32_t hi, uint32_t lo) {
  int64_t n = seqLen(c, piece);
  if (c->err)
    return kErr;
  if (n == 0)
    return intW(0);
  av d = pyAddSub(c, tok(c, hi, piece), tok(c, lo, piece), -1);
  return c->err ? kErr : pyAddSub(c, d, intW(1), 1);
}

} // namespace

TOK_FN1(height_f, p, span(c, p, TOK_ID_lowermost, TOK_ID_uppermost))
TOK_FN1(height_i, p, span(c, p, TOK_ID_lowermost_i, TOK_ID_uppermost_i))
TOK_FN1(height_o, p, span(c, p, TOK_ID_lowermost_o, TOK_ID_uppermost_o))
TOK_FN1(width_f, p, span(c, p, TOK_ID_rightmost, TOK_ID_leftmost))
TOK_FN1(width_i, p, span(c, p, TOK_ID_rightmost_i, TOK_ID_leftmost_i))
TOK_FN1(width_o, p, span(c, p, TOK_ID_rightmost_o, TOK_ID_leftmost_o))

ARCDSL_EXPORT av arcdsl_tok_shape_t(ArcCtx *c, av g) {
  ARC_PRIM_ENTER(c);
  av xs[2] = {tok(c, TOK_ID_height_t, g), tok(c, TOK_ID_width_t, g)};
  return c->err ? kErr : makeTuple(c, xs, 2);
}
ARCDSL_EXPORT av arcdsl_tok_shape_f(ArcCtx *c, av p) {
  ARC_PRIM_ENTER(c);
  av xs[2] = {tok(c, TOK_ID_height_f, p), tok(c, TOK_ID_width_f, p)};
  return c->err ? kErr : makeTuple(c, xs, 2);
}
ARCDSL_EXPORT av arcdsl_tok_portrait_f(ArcCtx *c, av p) {
  ARC_PRIM_ENTER(c);
  av h = tok(c, TOK_ID_height_f, p), w = tok(c, TOK_ID_width_f, p);
  return c->err ? kErr : mkBool(pyGt(c, h, w));
}
ARCDSL_EXPORT av arcdsl_tok_portrait_t(ArcCtx *c, av g) {
  ARC_PRIM_ENTER(c);
  av h = tok(c, TOK_ID_height_t, g), w = tok(c, TOK_ID_width_t, g);
  return c->err ? kErr : mkBool(pyGt(c, h, w));
}

namespace {
/// vline/hline: len-th extent == len(patch) and the other extent == 1.
ARC_HD av line(ArcCtx *c, av p, uint32_t along, uint32_t across) {
  av a = tok(c, along, p);
  av n = pyLen(c, p);
  if (c->err)
    return kErr;
  if (!pyEq(c, a, n))
    return mkBool(false);
  av b = tok(c, across, p);
  return c->err ? kErr : mkBool(pyEq(c, b, intW(1)));
}

} // namespace

TOK_FN1(vline_i, p, line(c, p, TOK_ID_height_i, TOK_ID_width_i))
TOK_FN1(vline_o, p, line(c, p, TOK_ID_height_o, TOK_ID_width_o))
TOK_FN1(hline_i, p, line(c, p, TOK_ID_width_i, TOK_ID_height_i))
TOK_FN1(hline_o, p, line(c, p, TOK_ID_width_o, TOK_ID_height_o))

ARCDSL_EXPORT av arcdsl_tok_square_f(ArcCtx *c, av p) {
  ARC_PRIM_ENTER(c);
  av h = tok(c, TOK_ID_height_f, p), w = tok(c, TOK_ID_width_f, p);
  av n = pyLen(c, p);
  if (c->err)
    return kErr;
  bool area;
  if (isNum(h) && isNum(w))
    area = pyEq(c, mkInt(c, numOf(h) * numOf(w)), n);
  else if ((isNum(h) || isFloat(h)) && (isNum(w) || isFloat(w)))
    area = false; // a product with inf/nan is no int
  else
    return fail(c, ERR_TYPE);
  return mkBool(area && pyEq(c, h, w));
}

ARCDSL_EXPORT av arcdsl_tok_corners(ArcCtx *c, av patch) {
  ARC_PRIM_ENTER(c);
  av xs[4] = {tok(c, TOK_ID_ulcorner, patch), tok(c, TOK_ID_urcorner, patch),
              tok(c, TOK_ID_llcorner, patch), tok(c, TOK_ID_lrcorner, patch)};
  return c->err ? kErr : makeSet(c, xs, 4);
}

namespace {
/// min/max of item k of the (i, j) elements of idx (ValueError when empty).
ARC_HD av coordExtreme(ArcCtx *c, av idx, int64_t k, bool wantMax) {
  int64_t n = seqLen(c, idx);
  if (c->err)
    return kErr;
  if (n == 0)
    return fail(c, ERR_VALUE);
  av best = kErr;
  for (int64_t q = 0; q < n; ++q) {
    av e = seqAt(c, idx, q);
    av x = tagOf(e) == TAG_PAIR ? intW(k ? pairJ(e) : pairI(e))
                                : unpackItem(c, e, 2, k);
    if (c->err)
      return kErr;
    if (q == 0 ||
        (wantMax ? comparePy(c, x, best) > 0 : comparePy(c, x, best) < 0))
      best = x;
    if (c->err)
      return kErr;
  }
  return best;
}

/// uppermost...: `min/max(i or j for i, j in TOIDX(patch)) if patch else
/// nan` (guard false: no `if patch`).
ARC_HD av extremeOf(ArcCtx *c, av patch, uint32_t toIdx, int64_t k,
                    bool wantMax, bool guard) {
  if (guard && !truthy(c, patch))
    return mkFloat(FLOAT_NAN);
  av idx = toIdx == TOK_ID_toindices_i ? patch : tok(c, toIdx, patch);
  return c->err ? kErr : coordExtreme(c, idx, k, wantMax);
}

} // namespace

TOK_FN1(uppermost, p, extremeOf(c, p, TOK_ID_toindices, 0, false, true))
TOK_FN1(uppermost_i, p, extremeOf(c, p, TOK_ID_toindices_i, 0, false, true))
TOK_FN1(uppermost_o, p, extremeOf(c, p, TOK_ID_toindices_o, 0, false, true))
TOK_FN1(lowermost, p, extremeOf(c, p, TOK_ID_toindices, 0, true, true))
TOK_FN1(lowermost_i, p, extremeOf(c, p, TOK_ID_toindices_i, 0, true, true))
TOK_FN1(lowermost_o, p, extremeOf(c, p, TOK_ID_toindices_o, 0, true, true))
TOK_FN1(leftmost, p, extremeOf(c, p, TOK_ID_toindices, 1, false, true))
TOK_FN1(leftmost_i, p, extremeOf(c, p, TOK_ID_toindices_i, 1, false, true))
TOK_FN1(leftmost_o, p, extremeOf(c, p, TOK_ID_toindices_o, 1, false, true))
TOK_FN1(rightmost, p, extremeOf(c, p, TOK_ID_toindices, 1, true, true))
TOK_FN1(rightmost_i, p, extremeOf(c, p, TOK_ID_toindices_i, 1, true, false))
TOK_FN1(rightmost_o, p, extremeOf(c, p, TOK_ID_toindices_o, 1, true, false))

//===----------------------------------------------------------------------===//
// Corners, shift, toobject, recolor: over the wrapped toindices variants
//===----------------------------------------------------------------------===//

namespace {
enum CornerKind { CK_UL, CK_UR, CK_LL, CK_LR };

/// `tuple(map(f_k, zip(*idx)))` with f_k min or max per column k (ur/ll
/// pick them from a dict of columns 0 and 1: a third column is a KeyError).
ARC_HD av zipCorner(ArcCtx *c, av idx, CornerKind kind) {
  int64_t n = seqLen(c, idx);
  if (c->err)
    return kErr;
  int64_t cols = -1;
  for (int64_t q = 0; q < n; ++q) {
    av e = seqAt(c, idx, q);
    if (!hasLen(c, e))
      return fail(c, ERR_TYPE); // zip argument is not iterable
    int64_t len = seqLen(c, e);
    if (cols < 0 || len < cols)
      cols = len;
  }
  if (cols < 0)
    cols = 0;
  if ((kind == CK_UR || kind == CK_LL) && cols > 2)
    return fail(c, ERR_INDEX); // KeyError: a LookupError, like IndexError
  av out[2];
  av *res = cols <= 2 ? out : scratch(c, (uint64_t)cols);
  if (!res || !charge(c, (uint64_t)(n * cols + 1)))
    return kErr;
  for (int64_t k = 0; k < cols; ++k) {
    bool wantMax =
        kind == CK_LR || (kind == CK_UR && k == 1) || (kind == CK_LL && k == 0);
    av best = kErr;
    for (int64_t q = 0; q < n; ++q) {
      av x = seqAt(c, seqAt(c, idx, q), k);
      if (c->err)
        return kErr;
      int r = q == 0 ? 0 : comparePy(c, x, best);
      if (q == 0 || (wantMax ? r > 0 : r < 0))
        best = x;
      if (c->err)
        return kErr;
    }
    res[k] = best;
  }
  return makeTuple(c, res, (uint32_t)cols);
}

ARC_HD av tokCornerOf(ArcCtx *c, av patch, uint32_t toIdx, CornerKind kind) {
  av idx = indicesOf(c, patch, toIdx);
  return c->err ? kErr : zipCorner(c, idx, kind);
}

} // namespace

#define TOK_CORNER(fn, toIdx, kind)                                            \
  ARCDSL_EXPORT av arcdsl_tok_##fn(ArcCtx *c, av p) {                          \
    ARC_PRIM_ENTER(c);                                                         \
    return tokCornerOf(c, p, toIdx, kind);                                     \
  }
TOK_CORNER(ulcorner, TOK_ID_toindices, CK_UL)
TOK_CORNER(ulcorner_i, TOK_ID_toindices_i, CK_UL)
TOK_CORNER(ulcorner_o, TOK_ID_toindices_o, CK_UL)
TOK_CORNER(urcorner, TOK_ID_toindices, CK_UR)
TOK_CORNER(urcorner_i, TOK_ID_toindices_i, CK_UR)
TOK_CORNER(urcorner_o, TOK_ID_toindices_o, CK_UR)
TOK_CORNER(llcorner, TOK_ID_toindices, CK_LL)
TOK_CORNER(llcorner_i, TOK_ID_toindices_i, CK_LL)
TOK_CORNER(llcorner_o, TOK_ID_toindices_o, CK_LL)
TOK_CORNER(lrcorner, TOK_ID_toindices, CK_LR)
TOK_CORNER(lrcorner_i, TOK_ID_toindices_i, CK_LR)
TOK_CORNER(lrcorner_o, TOK_ID_toindices_o, CK_LR)
#undef TOK_CORNER

TOK_FN1(height_t, piece, pyLen(c, piece))

ARCDSL_EXPORT av arcdsl_tok_width_t(ArcCtx *c, av piece) {
  ARC_PRIM_ENTER(c);
  if (!truthy(c, piece))
    return intW(0);
  return pyLen(c, pySubscriptValue(c, piece, intW(0)));
}

namespace {
/// Python a // b for ints (floor), TypeError otherwise (a special float
/// floor-divided is nan or inf: returned as such).
ARC_HD av pyFloorDivValues(ArcCtx *c, av a, av b) {
  if (isNum(a) && isNum(b)) {
    int64_t x = numOf(a), y = numOf(b);
    if (y == 0)
      return fail(c, ERR_ZERO_DIVISION);
    return intW(pyFloorDiv(x, y));
  }
  if ((isFloat(a) || isNum(a)) && (isFloat(b) || isNum(b)))
    return mkFloat(FLOAT_NAN);
  return fail(c, ERR_TYPE);
}

} // namespace

ARCDSL_EXPORT av arcdsl_tok_center(ArcCtx *c, av patch) {
  ARC_PRIM_ENTER(c);
  av u = tok(c, TOK_ID_uppermost, patch);
  if (isFloat(u) && floatOf(u) == FLOAT_NAN) // `is math.nan`
    return makeTuple(c, nullptr, 0);
  av l = tok(c, TOK_ID_leftmost, patch);
  if (isFloat(l) && floatOf(l) == FLOAT_NAN)
    return makeTuple(c, nullptr, 0);
  av h = tok(c, TOK_ID_height_f, patch), w = tok(c, TOK_ID_width_f, patch);
  av xs[2] = {pyAddSub(c, u, pyFloorDivValues(c, h, intW(2)), 1),
              pyAddSub(c, l, pyFloorDivValues(c, w, intW(2)), 1)};
  return c->err ? kErr : makeTuple(c, xs, 2);
}

ARCDSL_EXPORT av arcdsl_tok_centerofmass(ArcCtx *c, av patch) {
  ARC_PRIM_ENTER(c);
  av idx = tok(c, TOK_ID_toindices, patch);
  av cols = zipRows(c, idx);
  int64_t n = seqLen(c, patch), k = seqLen(c, cols);
  if (c->err)
    return kErr;
  av *out = scratch(c, (uint64_t)k);
  if (!out)
    return kErr;
  for (int64_t q = 0; q < k; ++q) { // sum(col) // len(patch)
    av col = seqAt(c, cols, q);
    av sum = intW(0);
    for (int64_t i = 0, m = seqLen(c, col); i < m && !c->err; ++i)
      sum = pyAddSub(c, sum, seqAt(c, col, i), 1);
    out[q] = pyFloorDivValues(c, sum, intW(n));
  }
  return c->err ? kErr : makeTuple(c, out, (uint32_t)k);
}

ARCDSL_EXPORT av arcdsl_tok_square_t(ArcCtx *c, av grid) {
  ARC_PRIM_ENTER(c);
  av h = pyLen(c, grid);
  av w = pyLen(c, pySubscriptValue(c, grid, intW(0)));
  return c->err ? kErr : mkBool(pyEq(c, h, w));
}

ARCDSL_EXPORT av arcdsl_tok_col_row(ArcCtx *c, av patch, av type) {
  ARC_PRIM_ENTER(c);
  if (eqInt(type, 0))
    return tok(c, TOK_ID_lowermost, patch);
  if (eqInt(type, 1))
    return tok(c, TOK_ID_uppermost, patch);
  if (eqInt(type, 2))
    return tok(c, TOK_ID_leftmost, patch);
  if (eqInt(type, 3))
    return tok(c, TOK_ID_rightmost, patch);
  return kNone;
}

ARCDSL_EXPORT av arcdsl_tok_corner(ArcCtx *c, av patch, av type) {
  ARC_PRIM_ENTER(c);
  if (eqInt(type, 1))
    return tok(c, TOK_ID_urcorner, patch);
  if (eqInt(type, 2))
    return tok(c, TOK_ID_llcorner, patch);
  if (eqInt(type, 3))
    return tok(c, TOK_ID_lrcorner, patch);
  return tok(c, TOK_ID_ulcorner, patch);
}

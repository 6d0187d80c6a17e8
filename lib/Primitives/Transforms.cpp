//===- Transforms.cpp - rotations, mirrors and scaling --------------------===//
//
// rot90/180/270, h/v/d/cmirror of grids and patches, h/v/upscale and
// downscale, and tokpidjin's variants: mir_rot, the _f/_i/_o mirrors, the
// _t transforms written with slices and zip, and its upscales.
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
// Rotations and mirrors
//===----------------------------------------------------------------------===//

static ARC_HD av xformAny(ArcCtx *c, av v, int xf) {
  if (isGrid(c, v)) {
    GV g;
    getGrid(c, v, g);
    return xformGrid(c, g, xf);
  }
  return xformGeneric(c, v, xf);
}

/// Mirror of a patch (Indices or Object) about its own bounding box, by
/// `ns` steps (XF_H, XF_V or XF_D) applied in turn to one gathered copy.
/// The empty patch raises where the first step does: ulcorner(empty) is
/// (), so h/vmirror's [0]/[1] is an IndexError, dmirror's unpacking a
/// ValueError (cmirror's first step is vmirror).
static ARC_HD av mirrorSteps(ArcCtx *c, av p, const int *steps, int ns) {
  Pts o;
  int kind;
  if (!gatherIdx(c, p, o, kind))
    return kErr;
  if (kind == 0)
    return fail(c, steps[0] == XF_D ? ERR_VALUE : ERR_INDEX);
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

/// cmirror = vmirror(dmirror(vmirror(piece))). Under the python order each
/// step is a new set, iterated in its own order by the next; under the
/// canonical order one copy takes the three steps. A loop, not recursion:
/// ptxas compiles a recursive device function without reconvergence
/// barriers yet keeps warp-uniform registers live across its branches,
/// which divergent samples of one warp then overwrite (docs/gpu.md).
static ARC_HD av mirrorPatch(ArcCtx *c, av p, int xf) {
  int steps[3] = {XF_V, XF_D, XF_V};
  if (xf != XF_C)
    return mirrorSteps(c, p, &xf, 1);
  if (!isPyOrder(c))
    return mirrorSteps(c, p, steps, 3);
  for (int s = 0; s < 3 && !c->err; ++s)
    p = mirrorSteps(c, p, &steps[s], 1);
  return c->err ? kErr : p;
}

static ARC_HD av mirrorAny(ArcCtx *c, av v, int xf) {
  if (isTupleLike(c, v))
    return xformAny(c, v, xf);
  if (isSet(c, v))
    return mirrorPatch(c, v, xf);
  return fail(c, ERR_TYPE);
}

PRIM_FN1(rot90, grid, xformAny(c, grid, XF_ROT90))
PRIM_FN1(rot180, grid, xformAny(c, grid, XF_ROT180))
PRIM_FN1(rot270, grid, xformAny(c, grid, XF_ROT270))
PRIM_FN1(hmirror, piece, mirrorAny(c, piece, XF_H))
PRIM_FN1(vmirror, piece, mirrorAny(c, piece, XF_V))
PRIM_FN1(dmirror, piece, mirrorAny(c, piece, XF_D))
PRIM_FN1(cmirror, piece, mirrorAny(c, piece, XF_C))

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
  team::forEach(c, g.h * sh, [&](int64_t r) { // a row per iteration
    for (int64_t q = 0; q < ow; ++q)
      d[r * ow + q] = g.p[(r / sh) * g.w + q / sw];
  });
  return gridOut(c, o);
}

PRIM_FN2(hupscale, grid, factor, scaleGrid(c, grid, factor, 0, 1, false))
PRIM_FN2(vupscale, grid, factor, scaleGrid(c, grid, factor, 1, 0, true))

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
  if (!getGridRows(c, grid, g))
    return kErr;
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
// tokpidjin's variants
//===----------------------------------------------------------------------===//

ARCDSL_EXPORT av arcdsl_tok_mir_rot_t(ArcCtx *c, av grid, av type) {
  ARC_PRIM_ENTER(c);
  static constexpr uint32_t kOps[7] = {
      TOK_ID_hmirror_t, TOK_ID_dmirror_t, TOK_ID_vmirror_t, TOK_ID_cmirror_t,
      TOK_ID_rot90,     TOK_ID_rot180,    TOK_ID_rot270};
  for (int64_t k = 0; k < 7; ++k)
    if (eqInt(type, k))
      return tok(c, kOps[k], grid);
  return grid;
}

ARCDSL_EXPORT av arcdsl_tok_mir_rot_f(ArcCtx *c, av patch, av type) {
  ARC_PRIM_ENTER(c);
  static constexpr uint32_t kOps[4] = {TOK_ID_hmirror_f, TOK_ID_dmirror_f,
                                       TOK_ID_vmirror_f, TOK_ID_cmirror_f};
  for (int64_t k = 0; k < 4; ++k)
    if (eqInt(type, k))
      return tok(c, kOps[k], patch);
  return patch;
}

namespace {
enum MirrorKind { MK_H, MK_V, MK_D };
enum MirrorMode { MM_F, MM_I, MM_O }; // by element length / pairs / triples

/// The _f/_i/_o mirrors of a patch about its box (ulcorner/lrcorner are
/// wrapped inner calls).
ARC_HD av tokMirrorPatch(ArcCtx *c, av patch, MirrorKind kind,
                         MirrorMode mode) {
  av ul = tok(c, TOK_ID_ulcorner, patch);
  int64_t a = 0, b = 0, d = 0;
  if (kind == MK_D) { // a, b = ulcorner(patch)
    av x = unpackItem(c, ul, 2, 0), y = unpackItem(c, ul, 2, 1);
    if (c->err)
      return kErr;
    if (!isNum(x) || !isNum(y))
      return fail(c, ERR_TYPE);
    a = numOf(x), b = numOf(y);
  } else {
    av lr = tok(c, TOK_ID_lrcorner, patch);
    int64_t k = kind == MK_H ? 0 : 1;
    av x = pySubscriptValue(c, ul, intW(k)),
       y = pySubscriptValue(c, lr, intW(k));
    if (c->err)
      return kErr;
    if (!isNum(x) || !isNum(y))
      return fail(c, ERR_TYPE);
    d = numOf(x) + numOf(y);
  }
  int64_t n = seqLen(c, patch);
  if (c->err)
    return kErr;
  int64_t len = mode == MM_O ? 3 : 2;
  if (mode == MM_F) { // len(next(iter(patch))) == 3
    if (n == 0)
      return fail(c, ERR_STOP_ITERATION);
    av e0 = seqAt(c, patch, 0);
    if (!hasLen(c, e0))
      return fail(c, ERR_TYPE);
    len = seqLen(c, e0) == 3 ? 3 : 2;
  }
  av *xs = scratch(c, (uint64_t)n);
  if (!xs || !charge(c, (uint64_t)n + 1))
    return kErr;
  for (int64_t q = 0; q < n; ++q) {
    av e = seqAt(c, patch, q);
    av iv = unpackItem(c, e, len, 0), jv = unpackItem(c, e, len, 1);
    av cv = len == 3 ? unpackItem(c, e, 3, 2) : kNone;
    if (c->err)
      return kErr;
    if (!isNum(iv) || !isNum(jv))
      return fail(c, ERR_TYPE);
    int64_t i = numOf(iv), j = numOf(jv), ni, nj;
    switch (kind) {
    case MK_H:
      ni = d - i, nj = j;
      break;
    case MK_V:
      ni = i, nj = d - j;
      break;
    default:
      ni = j - b + a, nj = i - a + b;
      break;
    }
    av t[3] = {mkInt(c, ni), mkInt(c, nj), cv};
    xs[q] = makeTuple(c, t, (uint32_t)len);
  }
  return c->err ? kErr : makeSet(c, xs, (uint32_t)n);
}

ARC_HD av vmirrorF(ArcCtx *c, av patch) {
  if (isEmptySet(c, patch))
    return patch;
  return tokMirrorPatch(c, patch, MK_V, MM_F);
}

} // namespace

TOK_FN1(hmirror_f, p, tokMirrorPatch(c, p, MK_H, MM_F))
TOK_FN1(hmirror_i, p, tokMirrorPatch(c, p, MK_H, MM_I))
TOK_FN1(hmirror_o, p, tokMirrorPatch(c, p, MK_H, MM_O))
TOK_FN1(vmirror_f, p, vmirrorF(c, p))
TOK_FN1(vmirror_i, p, tokMirrorPatch(c, p, MK_V, MM_I))
TOK_FN1(vmirror_o, p, tokMirrorPatch(c, p, MK_V, MM_O))
TOK_FN1(dmirror_f, p, tokMirrorPatch(c, p, MK_D, MM_F))
TOK_FN1(dmirror_i, p, tokMirrorPatch(c, p, MK_D, MM_I))
TOK_FN1(dmirror_o, p, tokMirrorPatch(c, p, MK_D, MM_O))
/// cmirror_f/_i/_o: vmirror_f(dmirror_f(vmirror_f(patch))), all wrapped.
ARCDSL_EXPORT av arcdsl_tok_cmirror_f(ArcCtx *c, av p) {
  ARC_PRIM_ENTER(c);
  av x = tok(c, TOK_ID_vmirror_f, p);
  return tok(c, TOK_ID_vmirror_f, tok(c, TOK_ID_dmirror_f, x));
}

//===----------------------------------------------------------------------===//
// Grid transforms written with slices and zip: a GRID box goes to the
// Hodel primitive (same result); other values follow Python's sequence
// rules (a frozenset cannot be sliced, zip stops at the shortest row).
//===----------------------------------------------------------------------===//

namespace {
/// v[::-1] of a tuple (TypeError for sets and scalars).
ARC_HD av reversedSeq(ArcCtx *c, av v) {
  if (!isPyTuple(c, v))
    return fail(c, ERR_TYPE);
  int64_t n;
  av *xs = items(c, v, &n);
  if (!xs)
    return kErr;
  for (int64_t i = 0, j = n - 1; i < j; ++i, --j) {
    av t = xs[i];
    xs[i] = xs[j];
    xs[j] = t;
  }
  return makeTuple(c, xs, (uint32_t)n);
}

/// tuple(row[::-1] for row in rows).
ARC_HD av reverseEach(ArcCtx *c, av rows) {
  int64_t h;
  av *rs = items(c, rows, &h);
  if (!rs)
    return kErr;
  for (int64_t i = 0; i < h && !c->err; ++i)
    rs[i] = reversedSeq(c, rs[i]);
  return c->err ? kErr : makeTuple(c, rs, (uint32_t)h);
}

} // namespace

TOK_FN1(hmirror_t, g,
        isGrid(c, g) ? arcdsl_prim_hmirror(c, g) : reversedSeq(c, g))
TOK_FN1(vmirror_t, g,
        isGrid(c, g) ? arcdsl_prim_vmirror(c, g) : reverseEach(c, g))
TOK_FN1(dmirror_t, g, isGrid(c, g) ? arcdsl_prim_dmirror(c, g) : zipRows(c, g))
ARCDSL_EXPORT av arcdsl_tok_cmirror_t(ArcCtx *c, av g) {
  ARC_PRIM_ENTER(c);
  if (isGrid(c, g))
    return arcdsl_prim_cmirror(c, g);
  return zipRows(c, reverseEach(c, reversedSeq(c, g)));
}
TOK_FN1(rot90, g,
        isGrid(c, g) ? arcdsl_prim_rot90(c, g) : zipRows(c, reversedSeq(c, g)))
ARCDSL_EXPORT av arcdsl_tok_rot180(ArcCtx *c, av g) {
  ARC_PRIM_ENTER(c);
  if (isGrid(c, g))
    return arcdsl_prim_rot180(c, g);
  return reverseEach(c, reversedSeq(c, g));
}
ARCDSL_EXPORT av arcdsl_tok_rot270(ArcCtx *c, av g) {
  ARC_PRIM_ENTER(c);
  if (isGrid(c, g))
    return arcdsl_prim_rot270(c, g);
  return reversedSeq(c, reverseEach(c, zipRows(c, reversedSeq(c, g))));
}

namespace {
/// hupscale / vupscale over any rows: each value (or row) `factor` times.
ARC_HD av upscaleRows(ArcCtx *c, av grid, av factor, bool horizontal) {
  if (!isNum(factor))
    return fail(c, ERR_TYPE); // range(factor)
  int64_t f = numOf(factor) > 0 ? numOf(factor) : 0, h;
  av *rows = items(c, grid, &h);
  if (!rows)
    return kErr;
  if (!horizontal) {
    av *out = scratch(c, (uint64_t)(h * f));
    if (!out || !charge(c, (uint64_t)(h * f + 1)))
      return kErr;
    for (int64_t i = 0; i < h; ++i)
      for (int64_t k = 0; k < f; ++k)
        out[i * f + k] = rows[i];
    return makeTuple(c, out, (uint32_t)(h * f));
  }
  for (int64_t i = 0; i < h && !c->err; ++i) {
    if (!hasLen(c, rows[i]))
      return fail(c, ERR_TYPE);
    int64_t w = seqLen(c, rows[i]);
    av *r = scratch(c, (uint64_t)(w * f));
    if (!r || !charge(c, (uint64_t)(w * f + 1)))
      return kErr;
    for (int64_t j = 0; j < w; ++j) {
      av v = seqAt(c, rows[i], j);
      for (int64_t k = 0; k < f; ++k)
        r[j * f + k] = v;
    }
    rows[i] = makeTuple(c, r, (uint32_t)(w * f));
  }
  return c->err ? kErr : makeTuple(c, rows, (uint32_t)h);
}

} // namespace

ARCDSL_EXPORT av arcdsl_tok_hupscale(ArcCtx *c, av grid, av factor) {
  ARC_PRIM_ENTER(c);
  if (isGrid(c, grid) && isNum(factor))
    return arcdsl_prim_hupscale(c, grid, factor);
  return upscaleRows(c, grid, factor, true);
}
ARCDSL_EXPORT av arcdsl_tok_vupscale(ArcCtx *c, av grid, av factor) {
  ARC_PRIM_ENTER(c);
  if (isGrid(c, grid) && isNum(factor))
    return arcdsl_prim_vupscale(c, grid, factor);
  return upscaleRows(c, grid, factor, false);
}

ARCDSL_EXPORT av arcdsl_tok_upscale_t(ArcCtx *c, av grid, av factor) {
  ARC_PRIM_ENTER(c);
  if (isGrid(c, grid) && isNum(factor))
    return arcdsl_prim_upscale(c, grid, factor);
  return upscaleRows(c, upscaleRows(c, grid, factor, true), factor, false);
}

/// tokpidjin's upscale_f: the object branch for any argument (a tuple of
/// cells too): shift(element, (-i0, -j0)), every (i, j, c) of it scaled
/// into o = set(), shift(frozenset(o), (i0, j0)).
ARCDSL_EXPORT av arcdsl_tok_upscale_f(ArcCtx *c, av element, av factor) {
  ARC_PRIM_ENTER(c);
  if (isSet(c, element) && isNum(factor) && !isPyOrder(c))
    return arcdsl_prim_upscale(c, element, factor);
  int64_t n = seqLen(c, element);
  if (c->err)
    return kErr;
  if (n == 0)
    return makeSet(c, nullptr, 0);
  av ul = tok(c, TOK_ID_ulcorner, element);
  av di = unpackItem(c, ul, 2, 0), dj = unpackItem(c, ul, 2, 1);
  if (c->err)
    return kErr;
  if (!isNum(di) || !isNum(dj) || !isNum(factor)) // -x, range(factor)
    return fail(c, ERR_TYPE);
  int64_t f = numOf(factor) > 0 ? numOf(factor) : 0;
  av normed = tok(c, TOK_ID_shift, element, mkPairRaw(-numOf(di), -numOf(dj)));
  int64_t m;
  av *cs = c->err ? nullptr : items(c, normed, &m);
  if (!cs || !charge(c, (uint64_t)(m * f * f + 1)))
    return kErr;
  av *xs = scratch(c, (uint64_t)(m * f * f));
  if (!xs && m * f)
    return kErr;
  int64_t k = 0;
  for (int64_t q = 0; q < m; ++q) {
    av i = unpackItem(c, cs[q], 3, 0), j = unpackItem(c, cs[q], 3, 1);
    av col = unpackItem(c, cs[q], 3, 2);
    if (c->err)
      return kErr;
    if (f && (!isNum(i) || !isNum(j)))
      return fail(c, ERR_TYPE);
    for (int64_t a = 0; a < f; ++a)
      for (int64_t b = 0; b < f; ++b) {
        av t[3] = {mkInt(c, numOf(i) * f + a), mkInt(c, numOf(j) * f + b), col};
        xs[k++] = makeTuple(c, t, 3);
      }
  }
  if (c->err)
    return kErr;
  av o = isPyOrder(c) ? pySetFromSetOf(c, xs, (uint32_t)k)
                      : makeSet(c, xs, (uint32_t)k);
  return c->err ? kErr : tok(c, TOK_ID_shift, o, ul);
}

} // namespace arcdsl

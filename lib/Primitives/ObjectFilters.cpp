//===- ObjectFilters.cpp - object colours, filters and periods ------------===//
//
// color, colorfilter, sizefilter, hperiod and vperiod, with tokpidjin's
// color, colorfilter_t, sizefilter_t and periods.
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
// Objects
//===----------------------------------------------------------------------===//

/// next(iter(obj))[0]
static ARC_HD av firstColor(ArcCtx *c, av obj) {
  int64_t n = seqLen(c, obj);
  if (c->err)
    return kErr;
  if (n == 0)
    return fail(c, ERR_STOP_ITERATION);
  if (tagOf(obj) == TAG_BOX) {
    Box *b = box(c, obj);
    if (b->kind != BOX_GRID) {
      av x = elems(b)[0];
      if (isCellW(c, x))
        return intW(cColor(c, x));
      return pySubscript(c, x, 0);
    }
    if (b->w == 0)
      return fail(c, ERR_INDEX);
    return intW(cells(b)[0]);
  }
  return fail(c, ERR_TYPE); // PAIR / CELL: the first item is an int
}

PRIM_FN1(color, obj, firstColor(c, obj))

ARCDSL_EXPORT av arcdsl_prim_colorfilter(ArcCtx *c, av objs, av value) {
  ARC_PRIM_ENTER(c);
  int64_t n = seqLen(c, objs);
  if (c->err)
    return kErr;
  if (!charge(c, n))
    return kErr;
  Box *b = newSet(c, n);
  if (!b)
    return kErr;
  uint32_t m = 0;
  for (int64_t k = 0; k < n; ++k) {
    av obj = seqAt(c, objs, k);
    av col = firstColor(c, obj);
    inGenerator(c); // `frozenset(obj for obj in objs if next(iter(obj))...)`
    if (c->err)
      return kErr;
    if (equalValues(c, col, value))
      elems(b)[m++] = obj;
  }
  if (isSet(c, objs) && !isPyOrder(c))
    return finishBox(c, b, m);
  return setFromBox(c, b, m);
}

ARCDSL_EXPORT av arcdsl_prim_sizefilter(ArcCtx *c, av container, av n) {
  ARC_PRIM_ENTER(c);
  int64_t len = seqLen(c, container);
  if (c->err)
    return kErr;
  if (!charge(c, len))
    return kErr;
  Box *b = newSet(c, len);
  if (!b)
    return kErr;
  uint32_t m = 0;
  for (int64_t k = 0; k < len; ++k) {
    av item = seqAt(c, container, k);
    int64_t l = seqLen(c, item);
    if (c->err)
      return kErr;
    if (isNum(n) && numOf(n) == l)
      elems(b)[m++] = item;
  }
  if (isSet(c, container) && !isPyOrder(c))
    return finishBox(c, b, m);
  return setFromBox(c, b, m);
}

/// Cells of normalize(obj) as sorted unique (colour, i, j) keys; false with
/// an error set when the elements do not unpack as `c, (i, j)`.
static ARC_HD bool normalizedCells(ArcCtx *c, const Pts &p, uint64_t *&keys,
                                   uint32_t &m, int64_t &h, int64_t &w) {
  int64_t i0, i1, j0, j1;
  if (!bounds(c, p, i0, i1, j0, j1))
    return false;
  h = i1 - i0 + 1;
  w = j1 - j0 + 1;
  keys = (uint64_t *)scratch(c, p.n);
  if (!keys)
    return false;
  for (uint32_t k = 0; k < p.n; ++k) {
    av e = p.e[k];
    if (!isCellW(c, e)) {
      fail(c, ERR_UNSUPPORTED);
      return false;
    }
    // After normalisation 0 <= i < h and 0 <= j < w; both fit 20 bits when
    // the source cells did, up to the span.
    int64_t i = cRow(c, e) - i0, j = cCol(c, e) - j0;
    if (!cFits(c, cColor(c, e), i, j)) {
      fail(c, ERR_CAPACITY);
      return false;
    }
    keys[k] = mkCellW(c, cColor(c, e), i, j) ^ cellKeyMask(c);
  }
  sortWords(keys, p.n);
  m = 0;
  for (uint32_t k = 0; k < p.n; ++k)
    if (m == 0 || keys[m - 1] != keys[k])
      keys[m++] = keys[k];
  return true;
}

static ARC_HD bool hasKey(const uint64_t *keys, uint32_t n, uint64_t key) {
  uint32_t lo = 0, hi = n;
  while (lo < hi) {
    uint32_t mid = lo + (hi - lo) / 2;
    if (keys[mid] < key)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo < n && keys[lo] == key;
}

/// hperiod (vertical = false) / vperiod (vertical = true).
static ARC_HD av period(ArcCtx *c, av obj, bool vertical) {
  int64_t n = seqLen(c, obj);
  if (c->err)
    return kErr;
  if (n == 0)
    return mkInt(c, 0);
  Pts p;
  if (!ptsOf(c, obj, p))
    return kErr;
  int64_t i0, i1, j0, j1;
  if (!bounds(c, p, i0, i1, j0, j1))
    return kErr;
  int64_t span = vertical ? i1 - i0 + 1 : j1 - j0 + 1;
  if (span <= 1)
    return mkInt(c, span);
  if (p.mode != PM_CELLS) // `for c, (i, j) in offsetted` on plain indices
    return fail(c, ERR_TYPE);
  uint64_t saved = c->top;
  uint64_t *keys;
  uint32_t m;
  int64_t h, w;
  if (!normalizedCells(c, p, keys, m, h, w)) {
    c->top = saved;
    return kErr;
  }
  int64_t result = span;
  for (int64_t q = 1; q < span; ++q) {
    if (!charge(c, m)) {
      c->top = saved;
      return kErr;
    }
    bool ok = true;
    for (uint32_t k = 0; k < m && ok; ++k) {
      av cell = keys[k] ^ cellKeyMask(c);
      int64_t col = cColor(c, cell), i = cRow(c, cell), j = cCol(c, cell);
      if (vertical) {
        if (i < q)
          continue;
        i -= q;
      } else {
        if (j < q)
          continue;
        j -= q;
      }
      ok = hasKey(keys, m, mkCellW(c, col, i, j) ^ cellKeyMask(c));
    }
    if (ok) {
      result = q;
      break;
    }
  }
  c->top = saved;
  return mkInt(c, result);
}

PRIM_FN1(hperiod, obj, period(c, obj, false))

PRIM_FN1(vperiod, obj, period(c, obj, true))

//===----------------------------------------------------------------------===//
// tokpidjin's variants
//===----------------------------------------------------------------------===//

ARCDSL_EXPORT av arcdsl_tok_color(ArcCtx *c, av obj) {
  ARC_PRIM_ENTER(c);
  int64_t n = seqLen(c, obj); // next(iter(obj), (0, 0, -inf))
  if (c->err)
    return kErr;
  if (n == 0)
    return mkFloat(FLOAT_NEG_INF);
  av e = seqAt(c, obj, 0);
  if (!isPyTuple(c, e))
    return mkFloat(FLOAT_NEG_INF);
  return pySubscriptValue(c, e, intW(2));
}

ARCDSL_EXPORT av arcdsl_tok_sizefilter_t(ArcCtx *c, av container, av size) {
  ARC_PRIM_ENTER(c);
  return keepIf(c, container, false, [&](av e) {
    int64_t len = seqLen(c, e);
    return !c->err && equalValues(c, intW(len), size);
  });
}

ARCDSL_EXPORT av arcdsl_tok_colorfilter_t(ArcCtx *c, av objs, av color) {
  ARC_PRIM_ENTER(c);
  return keepIf(c, objs, false, [&](av obj) { // obj[0][2] == color
    av col = pySubscriptValue(c, pySubscriptValue(c, obj, intW(0)), intW(2));
    return !c->err && equalValues(c, col, color);
  });
}

namespace {
/// vperiod (k = 0) / hperiod (k = 1): the smallest p whose shifted copy,
/// cut at 0, lies inside the normalized object; else its height/width.
ARC_HD av tokPeriod(ArcCtx *c, av obj, int64_t k) {
  av norm = tok(c, TOK_ID_normalize, obj);
  av ext = tok(c, k == 0 ? TOK_ID_height_f : TOK_ID_width_f, norm);
  if (c->err)
    return kErr;
  if (!isNum(ext))
    return fail(c, ERR_TYPE); // range(1, nan)
  int64_t n = seqLen(c, norm);
  if (c->err)
    return kErr;
  for (int64_t p = 1; p < numOf(ext); ++p) {
    uint64_t mark = arcdsl_rt_mark(c);
    av off = k == 0 ? mkPairRaw(-p, 0) : mkPairRaw(0, -p);
    av sh = tok(c, TOK_ID_shift, norm, off);
    int64_t m = seqLen(c, sh);
    bool subset = true;
    for (int64_t q = 0; q < m && subset && !c->err; ++q) {
      av e = seqAt(c, sh, q);
      av x = unpackItem(c, e, 3, k);
      (void)unpackItem(c, e, 3, 2);
      if (c->err)
        break;
      if (comparePy(c, x, intW(0)) < 0) // pruned: i >= 0
        continue;
      bool found = false;
      for (int64_t r = 0; r < n && !found; ++r)
        found = equalValues(c, e, seqAt(c, norm, r));
      subset = found;
    }
    arcdsl_rt_release(c, mark);
    if (c->err)
      return kErr;
    if (!charge(c, (uint64_t)(m * n + 1)))
      return kErr;
    if (subset)
      return intW(p);
  }
  return ext;
}

} // namespace

TOK_FN1(vperiod, obj, tokPeriod(c, obj, 0))
TOK_FN1(hperiod, obj, tokPeriod(c, obj, 1))

//===- PyRules.h - the Python behaviours the primitives follow --*- C++ -*-===//
//
// The one implementation of the Python rules that Hodel's and tokpidjin's
// code depend on everywhere: what counts as a tuple, floor division, slice
// bounds and subscripts. Private to lib/Primitives; host/device neutral,
// static inline only.
//===----------------------------------------------------------------------===//

#ifndef ARCDSL_LIB_PRIMITIVES_PYRULES_H
#define ARCDSL_LIB_PRIMITIVES_PYRULES_H

#include "ArcDsl/Primitives/Value.h"

namespace arcdsl {

/// Python `isinstance(v, tuple)`: pairs, cells, triples, tuple boxes and
/// grids; frozensets and scalars are not.
static inline ARC_HD bool isTupleLike(ArcCtx *c, av v) {
  uint32_t t = tagOf(v);
  if (t == TAG_PAIR || t == TAG_CELL || t == TAG_TRIPLE)
    return true;
  if (t != TAG_BOX)
    return false;
  uint32_t k = box(c, v)->kind;
  return k == BOX_TUPLE || k == BOX_GRID;
}

/// Python `a // b` for ints (b != 0): the quotient rounded toward -inf.
static inline ARC_HD int64_t pyFloorDiv(int64_t a, int64_t b) {
  int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0)))
    --q;
  return q;
}

/// A slice index of a sequence of length n as Python clamps it: negative
/// counts from the end, and the result lies in [0, n].
static inline ARC_HD int64_t pySliceIndex(int64_t n, int64_t a) {
  if (a < 0) {
    a += n;
    if (a < 0)
      a = 0;
  } else if (a > n) {
    a = n;
  }
  return a;
}

/// Python slice bounds [lo, hi) of s[a:b] for a sequence of length n.
static inline ARC_HD void pySliceBounds(int64_t n, int64_t a, int64_t b,
                                        int64_t &lo, int64_t &hi) {
  a = pySliceIndex(n, a);
  b = pySliceIndex(n, b);
  lo = a;
  hi = b < a ? a : b;
}

/// Python `v[k]` on a subscriptable value (tuple-like; negative k counts
/// from the end): IndexError when out of range, TypeError when v is not
/// subscriptable.
static inline ARC_HD av pySubscript(ArcCtx *c, av v, int64_t k) {
  if (c->err)
    return kErr;
  if (!isTupleLike(c, v))
    return fail(c, ERR_TYPE);
  int64_t n = seqLen(c, v);
  if (k < 0)
    k += n;
  if (k < 0 || k >= n)
    return fail(c, ERR_INDEX);
  return seqAt(c, v, k);
}

/// Python `v[k]` with k a value: TypeError for an index that is not an int.
static inline ARC_HD av pySubscriptValue(ArcCtx *c, av v, av k) {
  if (!isNum(k))
    return fail(c, ERR_TYPE);
  return pySubscript(c, v, numOf(k));
}

} // namespace arcdsl

#endif // ARCDSL_LIB_PRIMITIVES_PYRULES_H

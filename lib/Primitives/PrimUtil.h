//===- PrimUtil.h - small shared helpers of the primitive library -*- C++ -*-===//
//
// Private to lib/Primitives. Host/device neutral, static inline only.
//===----------------------------------------------------------------------===//

#ifndef ARCDSL_LIB_PRIMITIVES_PRIMUTIL_H
#define ARCDSL_LIB_PRIMITIVES_PRIMUTIL_H

#include "ArcDsl/Primitives/Value.h"

namespace arcdsl {

/// INT word of a value known to fit (e.g. a grid cell or a coordinate).
static ARC_INLINE av intWordRaw(int64_t x) {
  return ((av)TAG_INT << 60) | ((uint64_t)x & ((1ull << 60) - 1));
}

/// The empty tuple (a BOX_TUPLE with n == 0); ERR when the arena is full.
static ARC_INLINE av emptyTuple(ArcCtx *c) {
  Box *b = newSeq(c, BOX_TUPLE, 0);
  return b ? boxRef(c, b) : kErr;
}

/// Canonical value of a grid box built by a primitive: a grid with no rows
/// is the empty tuple (asGrid(()) gives such a 0 x 0 box); null gives ERR.
static ARC_INLINE av gridValue(ArcCtx *c, Box *g) {
  if (!g || c->err)
    return kErr;
  if (g->n == 0)
    return emptyTuple(c);
  return boxRef(c, g);
}

/// Cell (i, j) of a grid box.
static ARC_INLINE int64_t gridAt(Box *g, int64_t i, int64_t j) {
  return cells(g)[i * g->w + j];
}

} // namespace arcdsl

#endif // ARCDSL_LIB_PRIMITIVES_PRIMUTIL_H

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

/// The same INT word (the name the patch and tokpidjin code use).
static ARC_INLINE av intW(int64_t x) { return intWordRaw(x); }

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

//===----------------------------------------------------------------------===//
// Cells of the program's dialect: Hodel's (c, (i, j)) CELL words, or
// tokpidjin's (i, j, c) TRIPLE words (ArcCtx::dialect).
//===----------------------------------------------------------------------===//

static ARC_INLINE uint32_t cellTag(const ArcCtx *c) {
  return isTok(c) ? TAG_TRIPLE : TAG_CELL;
}
static ARC_INLINE bool isCellW(const ArcCtx *c, av e) {
  return tagOf(e) == cellTag(c);
}
static ARC_INLINE int64_t cColor(const ArcCtx *c, av e) {
  return isTok(c) ? tripleC(e) : cellC(e);
}
static ARC_INLINE int64_t cRow(const ArcCtx *c, av e) {
  return isTok(c) ? tripleA(e) : cellI(e);
}
static ARC_INLINE int64_t cCol(const ArcCtx *c, av e) {
  return isTok(c) ? tripleB(e) : cellJ(e);
}
static ARC_INLINE bool cFits(const ArcCtx *c, int64_t col, int64_t i,
                             int64_t j) {
  return isTok(c) ? tripleFits(i, j, col) : cellFits(col, i, j);
}
/// The cell word of colour col at (i, j); the caller checked cFits.
static ARC_INLINE av mkCellW(const ArcCtx *c, int64_t col, int64_t i,
                             int64_t j) {
  return isTok(c) ? mkTripleRaw(i, j, col) : mkCellRaw(col, i, j);
}
/// XOR mask that makes the dialect's cell words sort as unsigned keys.
static ARC_INLINE uint64_t cellKeyMask(const ArcCtx *c) {
  return isTok(c) ? kTripleKeyMask : kCellKeyMask;
}

/// What a failed call returns in a batt line (`_get_safe_default`), by the
/// callee's return annotation: (), frozenset(), 0, False, or a function
/// that returns () for any arguments.
enum SafeDefault : uint8_t {
  SD_TUPLE,
  SD_FROZENSET,
  SD_ZERO,
  SD_FALSE,
  SD_CALLABLE,
};
/// That value (Batt.cpp).
ARC_HD av safeDefaultValue(ArcCtx *c, SafeDefault d);

/// objects() under the python order, as Hodel's dsl.py (and tokpidjin's
/// objects_t) run it (Grid.cpp): for each loc of asindices(grid) not yet
/// occupied and not bg, obj grows from cands = {loc}: every cand that
/// belongs adds its cell (in the dialect's form) and its in-grid
/// neighbours (dneighbors, or neighbors when diagonal) to neighborhood
/// (|=), then cands = neighborhood - occupied. vals: the h x w cell values,
/// row-major; bg: None or the background value. The result is
/// frozenset(objs) of frozenset(obj)s, or with asTuples (objects_t) a
/// tuple of tuples of cells in visit order.
ARC_HD av pyObjects(ArcCtx *c, const av *vals, int64_t h, int64_t w, bool uni,
                    bool diag, av bg, bool asTuples);
/// box/inbox/outbox's outline under the python order (Patch.cpp): the
/// comprehensions vlines = {(i, sj)...} | {(i, ej)...} and hlines =
/// {(si, j)...} | {(ei, j)...}, then frozenset(vlines | hlines).
ARC_HD av pyOutline(ArcCtx *c, int64_t si, int64_t sj, int64_t ei, int64_t ej);

} // namespace arcdsl

/// Entries whose whole body is one expression of their arguments (after the
/// sticky-error check every entry starts with).
#define PRIM_FN1(name, a, expr)                                                \
  ARCDSL_EXPORT arcdsl::av arcdsl_prim_##name(arcdsl::ArcCtx *c,               \
                                              arcdsl::av a) {                  \
    ARC_PRIM_ENTER(c);                                                         \
    return expr;                                                               \
  }
#define PRIM_FN2(name, a, b, expr)                                             \
  ARCDSL_EXPORT arcdsl::av arcdsl_prim_##name(arcdsl::ArcCtx *c, arcdsl::av a, \
                                              arcdsl::av b) {                  \
    ARC_PRIM_ENTER(c);                                                         \
    return expr;                                                               \
  }
#define PRIM_FN3(name, a, b, d, expr)                                          \
  ARCDSL_EXPORT arcdsl::av arcdsl_prim_##name(arcdsl::ArcCtx *c, arcdsl::av a, \
                                              arcdsl::av b, arcdsl::av d) {    \
    ARC_PRIM_ENTER(c);                                                         \
    return expr;                                                               \
  }

#endif // ARCDSL_LIB_PRIMITIVES_PRIMUTIL_H

//===- Containers.cpp - arithmetic, logic and container primitives --------===//
//
// First-order primitives over numbers, pairs, tuples, frozensets and grids:
// arithmetic with Python's int/tuple broadcasting, boolean helpers, and the
// generic container operations (combine, merge, difference, product, ...).
//
// Host/device neutral (see Value.h): no STL, no heap, no function pointers.
// Results are always built through makeTuple/makeSet, or written directly as
// SET boxes when the elements are already sorted and unique, so every value
// stays in its canonical representation.
//===----------------------------------------------------------------------===//

#include "ArcDsl/Primitives/Primitives.h"
#include "ArcDsl/Primitives/PySet.h"
#include "PyRules.h"

using namespace arcdsl;

namespace {

//===----------------------------------------------------------------------===//
// Classification and sequence views
//===----------------------------------------------------------------------===//

/// A read view of any iterable value. `p` is set for tuple/set boxes, whose
/// elements are read directly; other kinds go through seqAt.
struct Seq {
  av v;
  const av *p;
  int64_t n;
  uint32_t kind; ///< box kind, or 0 for PAIR/CELL
};

/// Open a view; false (and ERR_TYPE) when v is not iterable.
static ARC_HD bool openSeq(ArcCtx *c, av v, Seq &s) {
  s.v = v;
  s.p = nullptr;
  s.kind = 0;
  uint32_t t = tagOf(v);
  if (t == TAG_PAIR || t == TAG_CELL || t == TAG_TRIPLE) {
    s.n = t == TAG_TRIPLE ? 3 : 2;
    return true;
  }
  if (t != TAG_BOX) {
    fail(c, ERR_TYPE);
    return false;
  }
  Box *b = box(c, v);
  s.kind = b->kind;
  s.n = b->n;
  if (b->kind == BOX_TUPLE || b->kind == BOX_SET)
    s.p = elems(b);
  return true;
}

static ARC_HD av seqGet(ArcCtx *c, const Seq &s, int64_t k) {
  return s.p ? s.p[k] : seqAt(c, s.v, k);
}

/// The 2-tuple (x, y), canonical.
static ARC_HD av mk2(ArcCtx *c, av x, av y) {
  if (tagOf(x) == TAG_INT && tagOf(y) == TAG_INT) {
    int64_t i = numOf(x), j = numOf(y);
    if (pairFits(i, j))
      return mkPairRaw(i, j);
  }
  av t[2] = {x, y};
  return makeTuple(c, t, 2);
}

/// Give back the unused tail of the last allocated sequence box and set its
/// length to n.
static ARC_HD void shrinkSeq(ArcCtx *c, Box *b, uint32_t n) {
  uint64_t end = (uint64_t)((uint8_t *)(elems(b) + b->n) - c->base);
  if (c->top == end)
    c->top = (uint64_t)((uint8_t *)(elems(b) + n) - c->base);
  b->n = n;
}

/// Does `v` equal row r of grid g (Python ==)? Rows are tuples of ints.
static ARC_HD bool rowEquals(ArcCtx *c, av v, Box *g, int64_t r) {
  const GridCell *row = cells(g) + r * (int64_t)g->w;
  uint32_t t = tagOf(v);
  if (t == TAG_PAIR)
    return g->w == 2 && pairI(v) == row[0] && pairJ(v) == row[1];
  if (t == TAG_TRIPLE)
    return g->w == 3 && tripleA(v) == row[0] && tripleB(v) == row[1] &&
           tripleC(v) == row[2];
  if (t != TAG_BOX)
    return false;
  Box *b = box(c, v);
  if (b->kind != BOX_TUPLE || b->n != g->w)
    return false;
  const av *e = elems(b);
  for (uint32_t k = 0; k < b->n; ++k)
    if (!isNum(e[k]) || numOf(e[k]) != row[k])
      return false;
  return true;
}

/// Python `value in container`: 1, 0, or -1 with an error set.
static ARC_HD int contains(ArcCtx *c, av value, av container) {
  uint32_t t = tagOf(container);
  if (t == TAG_PAIR) {
    if (!isNum(value))
      return 0;
    int64_t x = numOf(value);
    return x == pairI(container) || x == pairJ(container);
  }
  if (t == TAG_TRIPLE) {
    if (!isNum(value))
      return 0;
    int64_t x = numOf(value);
    return x == tripleA(container) || x == tripleB(container) ||
           x == tripleC(container);
  }
  if (t == TAG_CELL) {
    if (isNum(value))
      return numOf(value) == cellC(container);
    return tagOf(value) == TAG_PAIR && pairI(value) == cellI(container) &&
           pairJ(value) == cellJ(container);
  }
  if (t != TAG_BOX) {
    fail(c, ERR_TYPE);
    return -1;
  }
  Box *b = box(c, container);
  if (b->kind == BOX_GRID) {
    for (uint32_t r = 0; r < b->n; ++r)
      if (rowEquals(c, value, b, r))
        return 1;
    return 0;
  }
  const av *e = elems(b);
  uint32_t n = b->n;
  if (b->kind == BOX_SET && isPyLayout(b))
    return pySetHas(c, container, value) ? 1 : 0;
  if (b->kind == BOX_SET && n > 8) {
    // Sorted in canonical order: binary search.
    uint32_t lo = 0, hi = n;
    while (lo < hi) {
      uint32_t mid = lo + (hi - lo) / 2;
      int r = compareCanon(c, e[mid], value);
      if (r == 0)
        return equalValues(c, e[mid], value) ? 1 : 0;
      if (r < 0)
        lo = mid + 1;
      else
        hi = mid;
    }
    return 0;
  }
  for (uint32_t k = 0; k < n; ++k)
    if (e[k] == value || equalValues(c, e[k], value))
      return 1;
  return 0;
}

//===----------------------------------------------------------------------===//
// Sorted-set algebra (SET boxes are sorted ascending and unique)
//===----------------------------------------------------------------------===//

enum SetOp { SO_UNION, SO_INTER, SO_DIFF };

static ARC_HD av setAlgebra(ArcCtx *c, av a, av b, SetOp op) {
  Box *ba = box(c, a), *bb = box(c, b);
  uint32_t na = ba->n, nb = bb->n;
  uint64_t cap = op == SO_UNION ? (uint64_t)na + nb
                                : (op == SO_INTER ? (na < nb ? na : nb) : na);
  if (cap > 0xFFFFFFFFull)
    return fail(c, ERR_CAPACITY);
  if (!charge(c, na + nb + 1))
    return kErr;
  if (isPyOrder(c)) // a | b, a & b, a - b as CPython builds them
    return op == SO_UNION   ? pySetOr(c, a, b)
           : op == SO_INTER ? pySetAnd(c, a, b)
                            : pySetSub(c, a, b);
  // Fast answers that reuse an argument.
  if (op == SO_UNION && nb == 0)
    return a;
  if (op == SO_UNION && na == 0)
    return b;
  if (op == SO_DIFF && (nb == 0 || na == 0))
    return a;
  if (op == SO_INTER && (na == 0 || nb == 0))
    return na == 0 ? a : b;
  Box *r = newSeq(c, BOX_SET, (uint32_t)cap);
  if (!r)
    return kErr;
  // Re-read after allocation (the arena does not move, but be explicit).
  const av *ea = elems(box(c, a)), *eb = elems(box(c, b));
  av *out = elems(r);
  uint32_t i = 0, j = 0, k = 0;
  while (i < na && j < nb) {
    int cmp = compareCanon(c, ea[i], eb[j]);
    if (cmp < 0) {
      if (op != SO_INTER)
        out[k++] = ea[i];
      ++i;
    } else if (cmp > 0) {
      if (op == SO_UNION)
        out[k++] = eb[j];
      ++j;
    } else {
      if (op != SO_DIFF)
        out[k++] = ea[i];
      ++i;
      ++j;
    }
  }
  if (op != SO_INTER)
    while (i < na)
      out[k++] = ea[i++];
  if (op == SO_UNION)
    while (j < nb)
      out[k++] = eb[j++];
  shrinkSeq(c, r, k);
  return boxRef(c, r);
}

//===----------------------------------------------------------------------===//
// Arithmetic
//===----------------------------------------------------------------------===//

enum ArithOp { OP_ADD, OP_SUB, OP_MUL, OP_DIV };

static ARC_HD av floorDiv(ArcCtx *c, int64_t x, int64_t y) {
  if (y == 0)
    return fail(c, ERR_ZERO_DIVISION);
  return mkInt(c, pyFloorDiv(x, y));
}

static ARC_HD av mulInt(ArcCtx *c, int64_t x, int64_t y) {
  int64_t r;
  if (__builtin_mul_overflow(x, y, &r))
    return fail(c, ERR_CAPACITY);
  return mkInt(c, r);
}

/// Python `seq * n` for a tuple-like seq.
static ARC_HD av repeatSeq(ArcCtx *c, av s, int64_t times) {
  Seq q;
  if (!openSeq(c, s, q))
    return kErr;
  if (times < 0)
    times = 0;
  uint64_t total = (uint64_t)q.n * (uint64_t)times;
  if (times != 0 && total / (uint64_t)times != (uint64_t)q.n)
    return fail(c, ERR_CAPACITY);
  if (!charge(c, total + 1))
    return kErr;
  if (total > 0xFFFFFFFFull)
    return fail(c, ERR_CAPACITY);
  av *xs = scratch(c, total);
  if (!xs && total)
    return kErr;
  for (int64_t k = 0; k < q.n; ++k) {
    av e = seqGet(c, q, k);
    for (int64_t t = 0; t < times; ++t)
      xs[t * q.n + k] = e;
  }
  return makeTuple(c, xs, (uint32_t)total);
}

/// Python `a + b` (tuple + tuple concatenates).
static ARC_HD av concatSeq(ArcCtx *c, av a, av b);

/// Python `x op y` on two element values.
static ARC_HD av binop(ArcCtx *c, ArithOp op, av x, av y) {
  if (c->err)
    return kErr;
  if (isNum(x) && isNum(y)) {
    int64_t a = numOf(x), b = numOf(y);
    switch (op) {
    case OP_ADD:
      return mkInt(c, a + b);
    case OP_SUB:
      return mkInt(c, a - b);
    case OP_MUL:
      return mulInt(c, a, b);
    case OP_DIV:
      return floorDiv(c, a, b);
    }
  }
  switch (op) {
  case OP_ADD:
    if (isTupleLike(c, x) && isTupleLike(c, y))
      return concatSeq(c, x, y);
    break;
  case OP_SUB:
    if (isSet(c, x) && isSet(c, y))
      return setAlgebra(c, x, y, SO_DIFF);
    break;
  case OP_MUL:
    if (isTupleLike(c, x) && isNum(y))
      return repeatSeq(c, x, numOf(y));
    if (isNum(x) && isTupleLike(c, y))
      return repeatSeq(c, y, numOf(x));
    break;
  case OP_DIV:
    break;
  }
  return fail(c, ERR_TYPE);
}

/// The dispatch of dsl.py's add/subtract/multiply/divide.
static ARC_HD av numerical(ArcCtx *c, ArithOp op, av a, av b) {
  // Fast paths.
  if (isNum(a) && isNum(b))
    return binop(c, op, a, b);
  uint32_t ta = tagOf(a), tb = tagOf(b);
  if (ta == TAG_PAIR && (tb == TAG_PAIR || isNum(b))) {
    bool bp = tb == TAG_PAIR;
    int64_t a0 = pairI(a), a1 = pairJ(a);
    int64_t b0 = bp ? pairI(b) : numOf(b), b1 = bp ? pairJ(b) : numOf(b);
    av r0 = binop(c, op, mkInt(c, a0), mkInt(c, b0));
    av r1 = binop(c, op, mkInt(c, a1), mkInt(c, b1));
    if (c->err)
      return kErr;
    return mk2(c, r0, r1);
  }
  if (isNum(a) && tb == TAG_PAIR) {
    av r0 = binop(c, op, a, mkInt(c, pairI(b)));
    av r1 = binop(c, op, a, mkInt(c, pairJ(b)));
    if (c->err)
      return kErr;
    return mk2(c, r0, r1);
  }
  // General Python semantics.
  av r0, r1;
  if (isTupleLike(c, a) && isTupleLike(c, b)) {
    av x = pySubscript(c, a, 0), y = pySubscript(c, b, 0);
    if (c->err)
      return kErr;
    r0 = binop(c, op, x, y);
    if (c->err)
      return kErr;
    x = pySubscript(c, a, 1);
    y = pySubscript(c, b, 1);
    if (c->err)
      return kErr;
    r1 = binop(c, op, x, y);
  } else if (isNum(a) && isTupleLike(c, b)) {
    av y = pySubscript(c, b, 0);
    if (c->err)
      return kErr;
    r0 = binop(c, op, a, y);
    if (c->err)
      return kErr;
    y = pySubscript(c, b, 1);
    if (c->err)
      return kErr;
    r1 = binop(c, op, a, y);
  } else {
    av x = pySubscript(c, a, 0);
    if (c->err)
      return kErr;
    r0 = binop(c, op, x, b);
    if (c->err)
      return kErr;
    x = pySubscript(c, a, 1);
    if (c->err)
      return kErr;
    r1 = binop(c, op, x, b);
  }
  if (c->err)
    return kErr;
  return mk2(c, r0, r1);
}

enum UnaryOp {
  UO_INVERT,
  UO_DOUBLE,
  UO_HALVE,
  UO_INC,
  UO_DEC,
  UO_CREMENT,
  UO_SIGN
};

static ARC_HD av unaryScalar(ArcCtx *c, UnaryOp op, av x) {
  if (c->err)
    return kErr;
  switch (op) {
  case UO_DOUBLE:
    return binop(c, OP_MUL, x, mkInt(c, 2));
  case UO_HALVE:
    return binop(c, OP_DIV, x, mkInt(c, 2));
  case UO_INC:
    return binop(c, OP_ADD, x, mkInt(c, 1));
  case UO_DEC:
    return binop(c, OP_SUB, x, mkInt(c, 1));
  default:
    break;
  }
  if (!isNum(x))
    return fail(c, ERR_TYPE);
  int64_t v = numOf(x);
  switch (op) {
  case UO_INVERT:
    return mkInt(c, -v);
  case UO_CREMENT:
    return mkInt(c, v == 0 ? 0 : (v > 0 ? v + 1 : v - 1));
  case UO_SIGN:
    return mkInt(c, v == 0 ? 0 : (v > 0 ? 1 : -1));
  default:
    return fail(c, ERR_TYPE);
  }
}

/// `f(n) if isinstance(n, int) else (f(n[0]), f(n[1]))`.
static ARC_HD av unary(ArcCtx *c, UnaryOp op, av n) {
  if (isNum(n))
    return unaryScalar(c, op, n);
  if (tagOf(n) == TAG_PAIR) {
    av r0 = unaryScalar(c, op, mkInt(c, pairI(n)));
    av r1 = unaryScalar(c, op, mkInt(c, pairJ(n)));
    if (c->err)
      return kErr;
    return mk2(c, r0, r1);
  }
  av x = pySubscript(c, n, 0);
  if (c->err)
    return kErr;
  av r0 = unaryScalar(c, op, x);
  if (c->err)
    return kErr;
  x = pySubscript(c, n, 1);
  if (c->err)
    return kErr;
  av r1 = unaryScalar(c, op, x);
  if (c->err)
    return kErr;
  return mk2(c, r0, r1);
}

//===----------------------------------------------------------------------===//
// Generic container building
//===----------------------------------------------------------------------===//

/// Append the elements of `v` (any iterable) to xs at *k.
static ARC_HD bool appendAll(ArcCtx *c, av *xs, uint64_t *k, const Seq &s) {
  if (s.p) {
    for (int64_t i = 0; i < s.n; ++i)
      xs[(*k)++] = s.p[i];
  } else {
    for (int64_t i = 0; i < s.n; ++i) {
      xs[(*k)++] = seqAt(c, s.v, i);
      if (c->err)
        return false;
    }
  }
  return true;
}

/// A grid stacking two grids of one width.
static ARC_HD av stackGrids(ArcCtx *c, av a, av b) {
  Box *ga = box(c, a), *gb = box(c, b);
  uint64_t h = (uint64_t)ga->n + gb->n, w = ga->w;
  if (!charge(c, h * w + 1))
    return kErr;
  Box *g = newGrid(c, (int64_t)h, (int64_t)w);
  if (!g)
    return kErr;
  ga = box(c, a);
  gb = box(c, b);
  GridCell *o = cells(g);
  uint64_t na = (uint64_t)ga->n * w, nb = (uint64_t)gb->n * w;
  const GridCell *pa = cells(ga), *pb = cells(gb);
  for (uint64_t i = 0; i < na; ++i)
    o[i] = pa[i];
  for (uint64_t i = 0; i < nb; ++i)
    o[na + i] = pb[i];
  return boxRef(c, g);
}

static ARC_HD av concatSeq(ArcCtx *c, av a, av b) {
  if (isGrid(c, a) && isGrid(c, b) && box(c, a)->w == box(c, b)->w)
    return stackGrids(c, a, b);
  Seq sa, sb;
  if (!openSeq(c, a, sa) || !openSeq(c, b, sb))
    return kErr;
  uint64_t n = (uint64_t)sa.n + (uint64_t)sb.n;
  if (n > 0xFFFFFFFFull)
    return fail(c, ERR_CAPACITY);
  if (!charge(c, n + 1))
    return kErr;
  av *xs = scratch(c, n);
  if (!xs && n)
    return kErr;
  uint64_t k = 0;
  if (!appendAll(c, xs, &k, sa) || !appendAll(c, xs, &k, sb))
    return kErr;
  return makeTuple(c, xs, (uint32_t)n);
}

/// A scratch copy of the n >= 1 elements of s; nullptr on error.
static ARC_HD av *copyElems(ArcCtx *c, const Seq &s) {
  av *xs = scratch(c, (uint64_t)s.n);
  if (!xs)
    return nullptr;
  uint64_t k = 0;
  if (!appendAll(c, xs, &k, s))
    return nullptr;
  return xs;
}

/// Stable merge sort of an index permutation by compareCanon of the values.
static ARC_HD bool sortIndices(ArcCtx *c, const av *vals, uint32_t *idx,
                               uint32_t n) {
  uint32_t *tmp = (uint32_t *)arenaAlloc(c, 4ull * n + 8);
  if (!tmp)
    return false;
  uint32_t *src = idx, *dst = tmp;
  for (uint32_t width = 1; width < n; width *= 2) {
    for (uint32_t lo = 0; lo < n; lo += 2 * width) {
      uint32_t mid = lo + width < n ? lo + width : n;
      uint32_t hi = lo + 2 * width < n ? lo + 2 * width : n;
      uint32_t i = lo, j = mid, k = lo;
      while (i < mid && j < hi) {
        if (compareCanon(c, vals[src[j]], vals[src[i]]) < 0)
          dst[k++] = src[j++];
        else
          dst[k++] = src[i++];
      }
      while (i < mid)
        dst[k++] = src[i++];
      while (j < hi)
        dst[k++] = src[j++];
    }
    uint32_t *t = src;
    src = dst;
    dst = t;
  }
  if (src != idx)
    for (uint32_t k = 0; k < n; ++k)
      idx[k] = src[k];
  return true;
}

/// Shared body of mostcommon/leastcommon.
static ARC_HD av commonest(ArcCtx *c, av container, bool most) {
  Seq s;
  if (!openSeq(c, container, s))
    return kErr;
  if (s.kind == BOX_SET)
    return fail(c, ERR_TYPE); // frozenset has no .count
  if (s.n == 0)
    return fail(c, ERR_VALUE);
  if (!charge(c, (uint64_t)s.n + 1))
    return kErr;
  if (isPyOrder(c)) {
    av *xs = copyElems(c, s);
    return xs ? pyCommonest(c, xs, (uint32_t)s.n, most) : kErr;
  }
  if (tagOf(container) == TAG_PAIR) {
    int64_t x = pairI(container), y = pairJ(container);
    if (x == y)
      return mkInt(c, x);
    return mkInt(c, x < y ? x : y); // both counts 1: smallest wins
  }
  av *xs = copyElems(c, s);
  if (!xs)
    return kErr;
  uint32_t n = (uint32_t)s.n;
  sortValues(c, xs, n);
  if (c->err)
    return kErr;
  av best = xs[0];
  uint32_t bestCount = 0;
  bool have = false;
  uint32_t i = 0;
  while (i < n) {
    uint32_t j = i + 1;
    while (j < n && equalValues(c, xs[i], xs[j]))
      ++j;
    uint32_t cnt = j - i;
    if (!have || (most ? cnt > bestCount : cnt < bestCount)) {
      best = xs[i];
      bestCount = cnt;
      have = true;
    }
    i = j;
  }
  return best;
}

/// Shared body of maximum/minimum: Python max/min with default 0.
static ARC_HD av extremum(ArcCtx *c, av container, bool wantMax) {
  Seq s;
  if (!openSeq(c, container, s))
    return kErr;
  if (s.n == 0)
    return mkInt(c, 0);
  if (tagOf(container) == TAG_PAIR) {
    int64_t x = pairI(container), y = pairJ(container);
    return mkInt(c, wantMax ? (y > x ? y : x) : (y < x ? y : x));
  }
  if (s.kind == BOX_SET && !isPyOrder(c) && isNum(s.p[s.n - 1]))
    return wantMax ? s.p[s.n - 1] : s.p[0]; // all ints, sorted
  if (!charge(c, (uint64_t)s.n + 1))
    return kErr;
  av best = seqGet(c, s, 0);
  for (int64_t k = 1; k < s.n; ++k) {
    av e = seqGet(c, s, k);
    int r = comparePy(c, e, best);
    if (c->err)
      return kErr;
    if (wantMax ? r > 0 : r < 0)
      best = e;
  }
  return best;
}

} // namespace

//===----------------------------------------------------------------------===//
// Exported primitives
//===----------------------------------------------------------------------===//

ARCDSL_EXPORT av arcdsl_prim_identity(ArcCtx *c, av x) {
  ARC_PRIM_ENTER(c);
  return x;
}

ARCDSL_EXPORT av arcdsl_prim_add(ArcCtx *c, av a, av b) {
  ARC_PRIM_ENTER(c);
  return numerical(c, OP_ADD, a, b);
}

ARCDSL_EXPORT av arcdsl_prim_subtract(ArcCtx *c, av a, av b) {
  ARC_PRIM_ENTER(c);
  return numerical(c, OP_SUB, a, b);
}

ARCDSL_EXPORT av arcdsl_prim_multiply(ArcCtx *c, av a, av b) {
  ARC_PRIM_ENTER(c);
  return numerical(c, OP_MUL, a, b);
}

ARCDSL_EXPORT av arcdsl_prim_divide(ArcCtx *c, av a, av b) {
  ARC_PRIM_ENTER(c);
  return numerical(c, OP_DIV, a, b);
}

ARCDSL_EXPORT av arcdsl_prim_invert(ArcCtx *c, av n) {
  ARC_PRIM_ENTER(c);
  return unary(c, UO_INVERT, n);
}

ARCDSL_EXPORT av arcdsl_prim_even(ArcCtx *c, av n) {
  ARC_PRIM_ENTER(c);
  if (!isNum(n))
    return fail(c, ERR_TYPE);
  return mkBool((numOf(n) & 1) == 0);
}

ARCDSL_EXPORT av arcdsl_prim_double(ArcCtx *c, av n) {
  ARC_PRIM_ENTER(c);
  return unary(c, UO_DOUBLE, n);
}

ARCDSL_EXPORT av arcdsl_prim_halve(ArcCtx *c, av n) {
  ARC_PRIM_ENTER(c);
  return unary(c, UO_HALVE, n);
}

ARCDSL_EXPORT av arcdsl_prim_flip(ArcCtx *c, av b) {
  ARC_PRIM_ENTER(c);
  bool t = truthy(c, b);
  if (c->err)
    return kErr;
  return mkBool(!t);
}

ARCDSL_EXPORT av arcdsl_prim_equality(ArcCtx *c, av a, av b) {
  ARC_PRIM_ENTER(c);
  bool e = a == b || equalValues(c, a, b);
  if (c->err)
    return kErr;
  return mkBool(e);
}

ARCDSL_EXPORT av arcdsl_prim_contained(ArcCtx *c, av value, av container) {
  ARC_PRIM_ENTER(c);
  int r = contains(c, value, container);
  if (r < 0 || c->err)
    return kErr;
  return mkBool(r != 0);
}

ARCDSL_EXPORT av arcdsl_prim_combine(ArcCtx *c, av a, av b) {
  ARC_PRIM_ENTER(c);
  if (isSet(c, a)) {
    // frozenset((*a, *b)): the union, built by adding a's then b's.
    if (isSet(c, b) && !isPyOrder(c))
      return setAlgebra(c, a, b, SO_UNION);
    Seq sa, sb;
    if (!openSeq(c, a, sa) || !openSeq(c, b, sb))
      return kErr;
    uint64_t n = (uint64_t)sa.n + (uint64_t)sb.n;
    if (n > 0xFFFFFFFFull)
      return fail(c, ERR_CAPACITY);
    if (!charge(c, n + 1))
      return kErr;
    av *xs = scratch(c, n);
    if (!xs && n)
      return kErr;
    uint64_t k = 0;
    if (!appendAll(c, xs, &k, sa) || !appendAll(c, xs, &k, sb))
      return kErr;
    return makeSet(c, xs, (uint32_t)n);
  }
  if (!isTupleLike(c, a))
    return fail(c, ERR_TYPE);
  // tuple((*a, *b)): the concatenation, whatever b's kind.
  if (isTupleLike(c, b)) {
    if (seqLen(c, b) == 0)
      return a;
    if (seqLen(c, a) == 0)
      return b;
  }
  return concatSeq(c, a, b);
}

ARCDSL_EXPORT av arcdsl_prim_intersection(ArcCtx *c, av a, av b) {
  ARC_PRIM_ENTER(c);
  if (isSet(c, a) && isSet(c, b))
    return setAlgebra(c, a, b, SO_INTER);
  if (isNum(a) && isNum(b)) {
    int64_t r = numOf(a) & numOf(b);
    if (tagOf(a) == TAG_BOOL && tagOf(b) == TAG_BOOL)
      return mkBool(r != 0);
    return mkInt(c, r);
  }
  return fail(c, ERR_TYPE);
}

ARCDSL_EXPORT av arcdsl_prim_difference(ArcCtx *c, av a, av b) {
  ARC_PRIM_ENTER(c);
  // type(a)(e for e in a if e not in b): not a - b, so under the python
  // order the result is a new set of the kept elements, added in turn.
  if (isSet(c, a) && isSet(c, b) && !isPyOrder(c))
    return setAlgebra(c, a, b, SO_DIFF);
  Seq sa;
  if (!openSeq(c, a, sa))
    return kErr;
  if (sa.n == 0 && !(sa.kind == BOX_SET && isPyOrder(c)))
    return a;
  if (!charge(c, (uint64_t)sa.n + 1))
    return kErr;
  av *xs = scratch(c, (uint64_t)sa.n);
  if (!xs)
    return kErr;
  uint32_t k = 0;
  for (int64_t i = 0; i < sa.n; ++i) {
    av e = seqGet(c, sa, i);
    int r = contains(c, e, b);
    if (r < 0 || c->err)
      return kErr;
    if (!r)
      xs[k++] = e;
  }
  if (sa.kind == BOX_SET && isPyOrder(c))
    return makeSet(c, xs, k);
  if (sa.kind == BOX_SET) {
    // A subset of a sorted unique sequence is still sorted and unique.
    Box *o = newSeq(c, BOX_SET, k);
    if (!o)
      return kErr;
    for (uint32_t i = 0; i < k; ++i)
      elems(o)[i] = xs[i];
    return boxRef(c, o);
  }
  return makeTuple(c, xs, k);
}

ARCDSL_EXPORT av arcdsl_prim_dedupe(ArcCtx *c, av tup) {
  ARC_PRIM_ENTER(c);
  Seq s;
  if (!openSeq(c, tup, s))
    return kErr;
  if (s.n == 0)
    return makeTuple(c, nullptr, 0);
  if (s.kind == BOX_SET)
    return fail(c, ERR_TYPE); // frozenset has no .index
  if (tagOf(tup) == TAG_PAIR) {
    if (pairI(tup) == pairJ(tup)) {
      av one = mkInt(c, pairI(tup));
      return makeTuple(c, &one, 1);
    }
    return tup;
  }
  if (!charge(c, (uint64_t)s.n + 1))
    return kErr;
  av *xs = copyElems(c, s);
  if (!xs)
    return kErr;
  uint32_t n = (uint32_t)s.n;
  uint8_t *keep = (uint8_t *)arenaAlloc(c, n);
  if (!keep)
    return kErr;
  for (uint32_t i = 0; i < n; ++i)
    keep[i] = 1;
  if (n <= 32) {
    for (uint32_t i = 1; i < n; ++i)
      for (uint32_t j = 0; j < i; ++j)
        if (keep[j] && (xs[i] == xs[j] || equalValues(c, xs[i], xs[j]))) {
          keep[i] = 0;
          break;
        }
  } else {
    uint32_t *idx = (uint32_t *)arenaAlloc(c, 4ull * n);
    if (!idx)
      return kErr;
    for (uint32_t i = 0; i < n; ++i)
      idx[i] = i;
    if (!sortIndices(c, xs, idx, n))
      return kErr;
    // Stable: within a run of equal values the first index comes first.
    uint32_t i = 0;
    while (i < n) {
      uint32_t j = i + 1;
      while (j < n && (xs[idx[j]] == xs[idx[i]] ||
                       equalValues(c, xs[idx[j]], xs[idx[i]])))
        keep[idx[j++]] = 0;
      i = j;
    }
  }
  uint32_t k = 0;
  for (uint32_t i = 0; i < n; ++i)
    if (keep[i])
      xs[k++] = xs[i];
  if (k == n)
    return tup;
  return makeTuple(c, xs, k);
}

ARCDSL_EXPORT av arcdsl_prim_repeat(ArcCtx *c, av item, av num) {
  ARC_PRIM_ENTER(c);
  if (!isNum(num))
    return fail(c, ERR_TYPE);
  int64_t n = numOf(num);
  if (n < 0)
    n = 0;
  if (!charge(c, (uint64_t)n + 1))
    return kErr;
  if (n > 0xFFFFFFFFll)
    return fail(c, ERR_CAPACITY);
  av *xs = scratch(c, (uint64_t)n);
  if (!xs && n)
    return kErr;
  for (int64_t i = 0; i < n; ++i)
    xs[i] = item;
  return makeTuple(c, xs, (uint32_t)n);
}

ARCDSL_EXPORT av arcdsl_prim_greater(ArcCtx *c, av a, av b) {
  ARC_PRIM_ENTER(c);
  if (isNum(a) && isNum(b))
    return mkBool(numOf(a) > numOf(b));
  if (isSet(c, a) && isSet(c, b)) {
    // frozenset > frozenset: proper superset.
    Box *ba = box(c, a), *bb = box(c, b);
    if (ba->n <= bb->n)
      return mkBool(false);
    for (uint32_t k = 0; k < bb->n; ++k) {
      int r = contains(c, elems(box(c, b))[k], a);
      if (r < 0)
        return kErr;
      if (!r)
        return mkBool(false);
    }
    return mkBool(true);
  }
  int r = comparePy(c, a, b);
  if (c->err)
    return kErr;
  return mkBool(r > 0);
}

ARCDSL_EXPORT av arcdsl_prim_size(ArcCtx *c, av container) {
  ARC_PRIM_ENTER(c);
  int64_t n = seqLen(c, container);
  if (c->err)
    return kErr;
  return mkInt(c, n);
}

ARCDSL_EXPORT av arcdsl_prim_merge(ArcCtx *c, av containers) {
  ARC_PRIM_ENTER(c);
  Seq s;
  if (!openSeq(c, containers, s))
    return kErr;
  if (s.kind == BOX_GRID) {
    // A tuple of all the cells, row-major.
    Box *g = box(c, containers);
    uint64_t n = (uint64_t)g->n * g->w;
    if (!charge(c, n + 1))
      return kErr;
    av *xs = scratch(c, n);
    if (!xs && n)
      return kErr;
    g = box(c, containers);
    const GridCell *p = cells(g);
    for (uint64_t i = 0; i < n; ++i)
      xs[i] = mkInt(c, p[i]);
    return makeTuple(c, xs, (uint32_t)n);
  }
  // Total size first.
  uint64_t total = 0;
  for (int64_t i = 0; i < s.n; ++i) {
    av e = seqGet(c, s, i);
    int64_t m = seqLen(c, e);
    if (c->err)
      return kErr;
    total += (uint64_t)m;
  }
  if (total > 0xFFFFFFFFull)
    return fail(c, ERR_CAPACITY);
  if (!charge(c, total + 1))
    return kErr;
  av *xs = scratch(c, total);
  if (!xs && total)
    return kErr;
  uint64_t k = 0;
  for (int64_t i = 0; i < s.n; ++i) {
    Seq e;
    if (!openSeq(c, seqGet(c, s, i), e))
      return kErr;
    if (!appendAll(c, xs, &k, e))
      return kErr;
  }
  if (s.kind == BOX_SET)
    return makeSet(c, xs, (uint32_t)total);
  return makeTuple(c, xs, (uint32_t)total);
}

ARCDSL_EXPORT av arcdsl_prim_maximum(ArcCtx *c, av container) {
  ARC_PRIM_ENTER(c);
  return extremum(c, container, true);
}

ARCDSL_EXPORT av arcdsl_prim_minimum(ArcCtx *c, av container) {
  ARC_PRIM_ENTER(c);
  return extremum(c, container, false);
}

ARCDSL_EXPORT av arcdsl_prim_mostcommon(ArcCtx *c, av container) {
  ARC_PRIM_ENTER(c);
  return commonest(c, container, true);
}

ARCDSL_EXPORT av arcdsl_prim_leastcommon(ArcCtx *c, av container) {
  ARC_PRIM_ENTER(c);
  return commonest(c, container, false);
}

ARCDSL_EXPORT av arcdsl_prim_initset(ArcCtx *c, av value) {
  ARC_PRIM_ENTER(c);
  if (isPyOrder(c)) // frozenset({value})
    return pySetFromSetOf(c, &value, 1);
  Box *b = newSeq(c, BOX_SET, 1);
  if (!b)
    return kErr;
  elems(b)[0] = value;
  return boxRef(c, b);
}

ARCDSL_EXPORT av arcdsl_prim_both(ArcCtx *c, av a, av b) {
  ARC_PRIM_ENTER(c);
  bool t = truthy(c, a);
  if (c->err)
    return kErr;
  return t ? b : a;
}

ARCDSL_EXPORT av arcdsl_prim_either(ArcCtx *c, av a, av b) {
  ARC_PRIM_ENTER(c);
  bool t = truthy(c, a);
  if (c->err)
    return kErr;
  return t ? a : b;
}

ARCDSL_EXPORT av arcdsl_prim_increment(ArcCtx *c, av x) {
  ARC_PRIM_ENTER(c);
  return unary(c, UO_INC, x);
}

ARCDSL_EXPORT av arcdsl_prim_decrement(ArcCtx *c, av x) {
  ARC_PRIM_ENTER(c);
  return unary(c, UO_DEC, x);
}

ARCDSL_EXPORT av arcdsl_prim_crement(ArcCtx *c, av x) {
  ARC_PRIM_ENTER(c);
  return unary(c, UO_CREMENT, x);
}

ARCDSL_EXPORT av arcdsl_prim_sign(ArcCtx *c, av x) {
  ARC_PRIM_ENTER(c);
  return unary(c, UO_SIGN, x);
}

ARCDSL_EXPORT av arcdsl_prim_positive(ArcCtx *c, av x) {
  ARC_PRIM_ENTER(c);
  if (isNum(x))
    return mkBool(numOf(x) > 0);
  int r = comparePy(c, x, mkInt(c, 0));
  if (c->err)
    return kErr;
  return mkBool(r > 0);
}

ARCDSL_EXPORT av arcdsl_prim_toivec(ArcCtx *c, av i) {
  ARC_PRIM_ENTER(c);
  return mk2(c, i, mkInt(c, 0));
}

ARCDSL_EXPORT av arcdsl_prim_tojvec(ArcCtx *c, av j) {
  ARC_PRIM_ENTER(c);
  return mk2(c, mkInt(c, 0), j);
}

ARCDSL_EXPORT av arcdsl_prim_totuple(ArcCtx *c, av container) {
  ARC_PRIM_ENTER(c);
  if (isTupleLike(c, container))
    return container;
  if (!isSet(c, container))
    return fail(c, ERR_TYPE);
  Box *b = box(c, container);
  if (!charge(c, (uint64_t)b->n + 1))
    return kErr;
  return makeTuple(c, elems(b), b->n);
}

ARCDSL_EXPORT av arcdsl_prim_first(ArcCtx *c, av container) {
  ARC_PRIM_ENTER(c);
  Seq s;
  if (!openSeq(c, container, s))
    return kErr;
  if (s.n == 0)
    return fail(c, ERR_STOP_ITERATION);
  return seqGet(c, s, 0);
}

ARCDSL_EXPORT av arcdsl_prim_last(ArcCtx *c, av container) {
  ARC_PRIM_ENTER(c);
  Seq s;
  if (!openSeq(c, container, s))
    return kErr;
  if (s.n == 0)
    return fail(c, ERR_VALUE); // max() of an empty sequence
  return seqGet(c, s, s.n - 1);
}

ARCDSL_EXPORT av arcdsl_prim_insert(ArcCtx *c, av value, av container) {
  ARC_PRIM_ENTER(c);
  if (!isSet(c, container))
    return fail(c, ERR_TYPE); // only frozensets have .union
  if (isPyOrder(c)) {         // container.union(frozenset({value}))
    av one = pySetFromSetOf(c, &value, 1);
    return c->err ? kErr : pySetOr(c, container, one);
  }
  Box *b = box(c, container);
  uint32_t n = b->n;
  // Binary search for the insertion point.
  uint32_t lo = 0, hi = n;
  while (lo < hi) {
    uint32_t mid = lo + (hi - lo) / 2;
    int r = compareCanon(c, elems(b)[mid], value);
    if (r == 0)
      return container;
    if (r < 0)
      lo = mid + 1;
    else
      hi = mid;
  }
  if (c->err)
    return kErr;
  if (!charge(c, (uint64_t)n + 2))
    return kErr;
  Box *o = newSeq(c, BOX_SET, n + 1);
  if (!o)
    return kErr;
  b = box(c, container);
  const av *src = elems(b);
  av *dst = elems(o);
  for (uint32_t k = 0; k < lo; ++k)
    dst[k] = src[k];
  dst[lo] = value;
  for (uint32_t k = lo; k < n; ++k)
    dst[k + 1] = src[k];
  return boxRef(c, o);
}

/// Python `type(container)(e for e in container if e != value)`.
static ARC_HD av removeValue(ArcCtx *c, av value, av container) {
  Seq s;
  if (!openSeq(c, container, s))
    return kErr;
  if (s.kind == BOX_SET && isPyOrder(c)) {
    // A new set of the other elements, added in turn.
    if (!charge(c, (uint64_t)s.n + 1))
      return kErr;
    av *xs = scratch(c, (uint64_t)s.n);
    if (!xs && s.n)
      return kErr;
    uint32_t k = 0;
    for (int64_t i = 0; i < s.n; ++i) {
      av e = seqGet(c, s, i);
      if (!(e == value || equalValues(c, e, value)))
        xs[k++] = e;
    }
    return makeSet(c, xs, k);
  }
  if (s.n == 0)
    return container;
  if (!charge(c, (uint64_t)s.n + 1))
    return kErr;
  if (s.kind == BOX_SET) {
    // At most one element matches: find it, copy the others.
    Box *b = box(c, container);
    uint32_t n = b->n, at = n;
    for (uint32_t i = 0; i < n && at == n; ++i) {
      av e = elems(b)[i];
      if (e == value || equalValues(c, e, value))
        at = i;
    }
    if (at == n)
      return container;
    Box *o = newSeq(c, BOX_SET, n - 1);
    if (!o)
      return kErr;
    b = box(c, container);
    for (uint32_t i = 0, k = 0; i < n; ++i)
      if (i != at)
        elems(o)[k++] = elems(b)[i];
    return boxRef(c, o);
  }
  if (s.kind == BOX_GRID) {
    Box *g = box(c, container);
    uint32_t h = g->n, w = g->w, keep = 0;
    for (uint32_t r = 0; r < h; ++r)
      keep += !rowEquals(c, value, g, r);
    if (keep == h)
      return container;
    if (keep == 0)
      return makeTuple(c, nullptr, 0);
    Box *o = newGrid(c, keep, w);
    if (!o)
      return kErr;
    g = box(c, container);
    uint32_t k = 0;
    for (uint32_t r = 0; r < h; ++r) {
      if (rowEquals(c, value, g, r))
        continue;
      for (uint32_t j = 0; j < w; ++j)
        cells(o)[k * w + j] = cells(g)[r * w + j];
      ++k;
    }
    return boxRef(c, o);
  }
  av *xs = scratch(c, (uint64_t)s.n);
  if (!xs)
    return kErr;
  uint32_t k = 0;
  for (int64_t i = 0; i < s.n; ++i) {
    av e = seqGet(c, s, i);
    if (c->err)
      return kErr;
    if (!(e == value || equalValues(c, e, value)))
      xs[k++] = e;
  }
  if (k == s.n)
    return container;
  return makeTuple(c, xs, k);
}

ARCDSL_EXPORT av arcdsl_prim_remove(ArcCtx *c, av value, av container) {
  ARC_PRIM_ENTER(c);
  return removeValue(c, value, container);
}

ARCDSL_EXPORT av arcdsl_prim_other(ArcCtx *c, av container, av value) {
  ARC_PRIM_ENTER(c);
  av r = removeValue(c, value, container);
  if (c->err)
    return kErr;
  Seq s;
  if (!openSeq(c, r, s))
    return kErr;
  if (s.n == 0)
    return fail(c, ERR_STOP_ITERATION);
  return seqGet(c, s, 0);
}

ARCDSL_EXPORT av arcdsl_prim_interval(ArcCtx *c, av start, av stop, av step) {
  ARC_PRIM_ENTER(c);
  if (!isNum(start) || !isNum(stop) || !isNum(step))
    return fail(c, ERR_TYPE);
  int64_t a = numOf(start), b = numOf(stop), d = numOf(step);
  if (d == 0)
    return fail(c, ERR_VALUE);
  int64_t n = 0;
  if (d > 0 && b > a)
    n = (b - a + d - 1) / d;
  else if (d < 0 && a > b)
    n = (a - b + (-d) - 1) / (-d);
  if (!charge(c, (uint64_t)n + 1))
    return kErr;
  if (n > 0xFFFFFFFFll)
    return fail(c, ERR_CAPACITY);
  av *xs = scratch(c, (uint64_t)n);
  if (!xs && n)
    return kErr;
  for (int64_t k = 0; k < n; ++k)
    xs[k] = mkInt(c, a + k * d);
  return makeTuple(c, xs, (uint32_t)n);
}

ARCDSL_EXPORT av arcdsl_prim_astuple(ArcCtx *c, av a, av b) {
  ARC_PRIM_ENTER(c);
  return mk2(c, a, b);
}

ARCDSL_EXPORT av arcdsl_prim_product(ArcCtx *c, av a, av b) {
  ARC_PRIM_ENTER(c);
  Seq sa, sb;
  if (!openSeq(c, a, sa) || !openSeq(c, b, sb))
    return kErr;
  uint64_t n = (uint64_t)sa.n * (uint64_t)sb.n;
  if (!charge(c, n + 1))
    return kErr;
  if (n > 0xFFFFFFFFull)
    return fail(c, ERR_CAPACITY);
  av *xs = scratch(c, n);
  if (!xs && n)
    return kErr;
  uint64_t k = 0;
  for (int64_t j = 0; j < sb.n; ++j) {
    av y = seqGet(c, sb, j);
    for (int64_t i = 0; i < sa.n; ++i) {
      xs[k++] = mk2(c, seqGet(c, sa, i), y);
      if (c->err)
        return kErr;
    }
  }
  return makeSet(c, xs, (uint32_t)n);
}

ARCDSL_EXPORT av arcdsl_prim_pair(ArcCtx *c, av a, av b) {
  ARC_PRIM_ENTER(c);
  Seq sa, sb;
  if (!openSeq(c, a, sa) || !openSeq(c, b, sb))
    return kErr;
  int64_t n = sa.n < sb.n ? sa.n : sb.n;
  if (!charge(c, (uint64_t)n + 1))
    return kErr;
  av *xs = scratch(c, (uint64_t)n);
  if (!xs && n)
    return kErr;
  for (int64_t k = 0; k < n; ++k) {
    xs[k] = mk2(c, seqGet(c, sa, k), seqGet(c, sb, k));
    if (c->err)
      return kErr;
  }
  return makeTuple(c, xs, (uint32_t)n);
}

ARCDSL_EXPORT av arcdsl_prim_branch(ArcCtx *c, av condition, av a, av b) {
  ARC_PRIM_ENTER(c);
  bool t = truthy(c, condition);
  if (c->err)
    return kErr;
  return t ? a : b;
}

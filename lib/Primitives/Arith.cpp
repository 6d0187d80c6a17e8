//===- Arith.cpp - arithmetic, logic and comparisons ----------------------===//
//
// identity, add, subtract, multiply, divide, invert, even, double, halve,
// flip, equality, greater, both, either, increment, decrement, crement,
// sign, positive, toivec and tojvec, with tokpidjin's arithmetic (an empty
// tuple read as the operation's identity).
// Host/device neutral: no STL, no heap, no function pointers.
//===----------------------------------------------------------------------===//

#include "ArcDsl/Primitives/Hof.h"
#include "ArcDsl/Primitives/Primitives.h"
#include "ArcDsl/Primitives/PySet.h"
#include "ContainerUtil.h"
#include "PrimUtil.h"
#include "PyRules.h"
#include "TokUtil.h"

using namespace arcdsl;

namespace {
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

} // namespace

//===----------------------------------------------------------------------===//
// Exported primitives
//===----------------------------------------------------------------------===//

PRIM_FN1(identity, x, x)

PRIM_FN2(add, a, b, numerical(c, OP_ADD, a, b))

PRIM_FN2(subtract, a, b, numerical(c, OP_SUB, a, b))

PRIM_FN2(multiply, a, b, numerical(c, OP_MUL, a, b))

PRIM_FN2(divide, a, b, numerical(c, OP_DIV, a, b))

PRIM_FN1(invert, n, unary(c, UO_INVERT, n))

ARCDSL_EXPORT av arcdsl_prim_even(ArcCtx *c, av n) {
  ARC_PRIM_ENTER(c);
  if (!isNum(n))
    return fail(c, ERR_TYPE);
  return mkBool((numOf(n) & 1) == 0);
}

PRIM_FN1(double, n, unary(c, UO_DOUBLE, n))

PRIM_FN1(halve, n, unary(c, UO_HALVE, n))

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

PRIM_FN2(both, a, b, truthPick(c, a, b, a))
PRIM_FN2(either, a, b, truthPick(c, a, a, b))

PRIM_FN1(increment, x, unary(c, UO_INC, x))

PRIM_FN1(decrement, x, unary(c, UO_DEC, x))

PRIM_FN1(crement, x, unary(c, UO_CREMENT, x))

PRIM_FN1(sign, x, unary(c, UO_SIGN, x))

ARCDSL_EXPORT av arcdsl_prim_positive(ArcCtx *c, av x) {
  ARC_PRIM_ENTER(c);
  if (isNum(x))
    return mkBool(numOf(x) > 0);
  int r = comparePy(c, x, mkInt(c, 0));
  if (c->err)
    return kErr;
  return mkBool(r > 0);
}

PRIM_FN1(toivec, i, mk2(c, i, mkInt(c, 0)))

PRIM_FN1(tojvec, j, mk2(c, mkInt(c, 0), j))

//===----------------------------------------------------------------------===//
// tokpidjin's variants
//===----------------------------------------------------------------------===//

//===----------------------------------------------------------------------===//
// Arithmetic: tokpidjin's reads an empty tuple (a failed line's value) as
// the operation's identity (0 for + and -, 1 for * and //).
//===----------------------------------------------------------------------===//

namespace {
ARC_HD av orIdentity(ArcCtx *c, av v, int64_t unit) {
  return isEmptyTuple(c, v) ? intW(unit) : v;
}

} // namespace

TOK_FN2(add, a, b, arcdsl_prim_add(c, orIdentity(c, a, 0), orIdentity(c, b, 0)))
TOK_FN2(subtract, a, b,
        arcdsl_prim_subtract(c, orIdentity(c, a, 0), orIdentity(c, b, 0)))
TOK_FN2(multiply, a, b,
        arcdsl_prim_multiply(c, orIdentity(c, a, 1), orIdentity(c, b, 1)))
TOK_FN2(divide, a, b,
        arcdsl_prim_divide(c, orIdentity(c, a, 1), orIdentity(c, b, 1)))

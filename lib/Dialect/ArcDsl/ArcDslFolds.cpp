//===- ArcDslFolds.cpp - folders of the ArcDsl primitives -----------------===//
//
// A fold replaces a call by a constant or by an existing value only when
// (1) it gives the value Python's dsl.py gives, and (2) erasing the call
// cannot hide an error: either the call cannot raise on the folded operands,
// or it raises only when an operation that stays (an inner call of a chain
// of grid transforms) has raised already.
//
// Constants are Integers (a 60-bit word at run time: |x| <= 2^59 - 1; a
// fold never produces a value outside it, where the lowering would raise a
// capacity error), Booleans and IntegerTuples. Booleans take part in
// arithmetic as ints (True + 1 == 2), as in Python; a fold that would build
// a tuple holding a Boolean is not done (the library keeps (True, 0) apart
// from (1, 0)).
//
// Capacity and work bounds (arena full, work budget) are no Python errors:
// a fold does less work than the call it replaces, so it can turn a sample
// that ran out of a bound into the Python answer, never the other way.
//===----------------------------------------------------------------------===//

#include "ArcDsl/Dialect/ArcDsl/ArcDslOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Matchers.h"

#include <algorithm>
#include <optional>
#include <vector>

using namespace mlir;
using namespace arcdsl;

namespace {

/// Largest magnitude of an Integer word (kIntMax of the primitive library).
constexpr int64_t kIntMax = ((int64_t)1 << 59) - 1;

/// A constant operand: an Integer, a Boolean or an IntegerTuple.
struct Num {
  enum Kind { Int, Bool, Pair } kind;
  int64_t a = 0, b = 0; // b: the pair's second element

  static std::optional<Num> of(Attribute attr) {
    if (!attr)
      return std::nullopt;
    Num n{Int};
    if (auto bo = dyn_cast<BoolAttr>(attr)) {
      n.kind = Bool;
      n.a = bo.getValue();
    } else if (auto i = dyn_cast<IntegerAttr>(attr)) {
      n.a = i.getInt();
    } else if (auto p = dyn_cast<DenseI64ArrayAttr>(attr)) {
      if (p.size() != 2)
        return std::nullopt;
      n.kind = Pair;
      n.a = p[0];
      n.b = p[1];
    } else {
      return std::nullopt;
    }
    // An out-of-range constant raises a capacity error where it is used:
    // never folded away.
    if (!inRange(n.a) || !inRange(n.b))
      return std::nullopt;
    return n;
  }
  static bool inRange(__int128 x) { return x <= kIntMax && x >= -kIntMax; }
  bool isNumber() const { return kind != Pair; }
  /// Python truthiness.
  bool truthy() const { return kind == Pair || a != 0; }
};

/// The attribute of an Integer result `x` for an op of result type `t`.
OpFoldResult intResult(Type t, __int128 x) {
  if (!isa<IntType>(t) || !Num::inRange(x))
    return {};
  return IntegerAttr::get(IntegerType::get(t.getContext(), 64), (int64_t)x);
}
OpFoldResult pairResult(Type t, __int128 x, __int128 y) {
  if (!isa<PairType>(t) || !Num::inRange(x) || !Num::inRange(y))
    return {};
  return DenseI64ArrayAttr::get(t.getContext(), {(int64_t)x, (int64_t)y});
}
OpFoldResult boolResult(Type t, bool b) {
  if (!isa<BoolType>(t))
    return {};
  return BoolAttr::get(t.getContext(), b);
}
/// The constant `n` itself as the result of an op of type `t`.
OpFoldResult numResult(Type t, const Num &n) {
  switch (n.kind) {
  case Num::Int:
    return intResult(t, n.a);
  case Num::Bool:
    return boolResult(t, n.a != 0);
  case Num::Pair:
    return pairResult(t, n.a, n.b);
  }
  return {};
}

/// Python's floor division; nullopt for a zero divisor (ZeroDivisionError).
std::optional<__int128> floorDiv(__int128 x, __int128 y) {
  if (y == 0)
    return std::nullopt;
  __int128 q = x / y;
  if ((x % y != 0) && ((x < 0) != (y < 0)))
    --q;
  return q;
}

enum class Arith { Add, Sub, Mul, Div };

std::optional<__int128> arith(Arith op, __int128 x, __int128 y) {
  switch (op) {
  case Arith::Add:
    return x + y;
  case Arith::Sub:
    return x - y;
  case Arith::Mul:
    return x * y; // both |x|, |y| < 2^59: fits 128 bits
  case Arith::Div:
    return floorDiv(x, y);
  }
  return std::nullopt;
}

/// add/subtract/multiply/divide of dsl.py: int op int, tuple op tuple
/// (element-wise), int op tuple and tuple op int (broadcast).
OpFoldResult foldArith(Arith op, Type t, Attribute la, Attribute ra) {
  auto l = Num::of(la), r = Num::of(ra);
  if (!l || !r)
    return {};
  if (l->isNumber() && r->isNumber()) {
    auto v = arith(op, l->a, r->a);
    return v ? intResult(t, *v) : OpFoldResult();
  }
  __int128 l0 = l->a, l1 = l->isNumber() ? l->a : l->b;
  __int128 r0 = r->a, r1 = r->isNumber() ? r->a : r->b;
  auto x = arith(op, l0, r0), y = arith(op, l1, r1);
  if (!x || !y)
    return {};
  return pairResult(t, *x, *y);
}

/// A unary Numerical primitive: `f` on an int, element-wise on a pair.
template <typename F>
OpFoldResult foldUnary(Type t, Attribute a, F f) {
  auto n = Num::of(a);
  if (!n)
    return {};
  if (n->isNumber()) {
    auto v = f((__int128)n->a);
    return v ? intResult(t, *v) : OpFoldResult();
  }
  auto x = f((__int128)n->a), y = f((__int128)n->b);
  if (!x || !y)
    return {};
  return pairResult(t, *x, *y);
}

__int128 signOf(__int128 x) { return x == 0 ? 0 : (x > 0 ? 1 : -1); }

//===----------------------------------------------------------------------===//
// Grid transforms
//===----------------------------------------------------------------------===//

/// The grid transforms as dsl.py computes them on a tuple of tuples; the
/// ones through `zip` truncate ragged rows and drop rows of width 0.
enum class Xf { VMirror, HMirror, DMirror, CMirror, Rot90, Rot180, Rot270 };

std::optional<Xf> xfOf(Operation *op) {
  if (!op)
    return std::nullopt;
  if (isa<VmirrorOp>(op))
    return Xf::VMirror;
  if (isa<HmirrorOp>(op))
    return Xf::HMirror;
  if (isa<DmirrorOp>(op))
    return Xf::DMirror;
  if (isa<CmirrorOp>(op))
    return Xf::CMirror;
  if (isa<Rot90Op>(op))
    return Xf::Rot90;
  if (isa<Rot180Op>(op))
    return Xf::Rot180;
  if (isa<Rot270Op>(op))
    return Xf::Rot270;
  return std::nullopt;
}

bool throughZip(Xf x) {
  return x == Xf::DMirror || x == Xf::CMirror || x == Xf::Rot90 ||
         x == Xf::Rot270;
}

using Mat = std::vector<std::vector<int>>;

Mat transpose(const Mat &m) {
  Mat r(m.empty() ? 0 : m[0].size(), std::vector<int>(m.size()));
  for (size_t i = 0; i < m.size(); ++i)
    for (size_t j = 0; j < m[i].size(); ++j)
      r[j][i] = m[i][j];
  return r;
}
Mat reverseRows(Mat m) { // grid[::-1]
  std::reverse(m.begin(), m.end());
  return m;
}
Mat reverseEach(Mat m) { // tuple(row[::-1] for row in grid)
  for (auto &row : m)
    std::reverse(row.begin(), row.end());
  return m;
}

/// `x` applied to a rectangular grid of positive width.
Mat applyXf(Xf x, const Mat &m) {
  switch (x) {
  case Xf::VMirror:
    return reverseEach(m);
  case Xf::HMirror:
    return reverseRows(m);
  case Xf::DMirror:
    return transpose(m);
  case Xf::CMirror: // zip(*(r[::-1] for r in grid[::-1]))
    return transpose(reverseEach(reverseRows(m)));
  case Xf::Rot90: // zip(*grid[::-1])
    return transpose(reverseRows(m));
  case Xf::Rot180:
    return reverseEach(reverseRows(m));
  case Xf::Rot270: // tuple(row[::-1] for row in zip(*grid[::-1]))[::-1]
    return reverseRows(reverseEach(transpose(reverseRows(m))));
  }
  return m;
}

bool isGrid(Value v) { return isa<GridType>(v.getType()); }

/// The grid transform `op` (on a grid, giving a grid) of a chain of such
/// transforms whose composition is the identity: the value it returns.
///
/// The composition is checked on a 2x3 grid of distinct cells, on which the
/// eight transforms all differ. Sound when (a) the chain's base value is a
/// rectangular grid of positive width or the empty grid, which holds when
/// it is itself the result of a transform through `zip` (dmirror, cmirror,
/// rot90, rot270: rows of one length, at least 1), or (b) the chain holds
/// no transform through `zip` (vmirror, hmirror, rot180 reverse rows or
/// row order of any tuple of tuples). The inner calls of the chain stay
/// (they may raise: a "grid" that is a tuple of ints); `op` itself cannot
/// raise on what they return, so erasing it hides no error.
Value foldGridChain(Operation *op) {
  if (!isGrid(op->getResult(0)) || !isGrid(op->getOperand(0)))
    return {};
  const Mat probe = {{0, 1, 2}, {3, 4, 5}};
  SmallVector<Xf, 8> chain; // outermost first
  bool zip = false;
  Operation *cur = op;
  for (unsigned depth = 0; depth < 8; ++depth) {
    std::optional<Xf> x = xfOf(cur);
    if (!x || !isGrid(cur->getOperand(0)) || !isGrid(cur->getResult(0)))
      return {};
    chain.push_back(*x);
    zip |= throughZip(*x);
    Value base = cur->getOperand(0);
    Mat m = probe;
    for (Xf y : llvm::reverse(chain))
      m = applyXf(y, m);
    Operation *def = base.getDefiningOp();
    if (m == probe) {
      std::optional<Xf> below = xfOf(def);
      if (!zip || (below && throughZip(*below)))
        return base;
    }
    cur = def;
  }
  return {};
}

/// The operands of `astuple` when `v` is its result, else nulls.
std::pair<Value, Value> astupleParts(Value v) {
  if (auto t = v.getDefiningOp<AstupleOp>())
    return {t.getA(), t.getB()};
  return {};
}

} // namespace

//===----------------------------------------------------------------------===//
// Folders
//===----------------------------------------------------------------------===//

OpFoldResult IdentityOp::fold(FoldAdaptor) {
  // `return x`: never raises.
  if (getX().getType() == getType())
    return getX();
  return {};
}

OpFoldResult AddOp::fold(FoldAdaptor a) {
  return foldArith(Arith::Add, getType(), a.getA(), a.getB());
}
OpFoldResult SubtractOp::fold(FoldAdaptor a) {
  return foldArith(Arith::Sub, getType(), a.getA(), a.getB());
}
OpFoldResult MultiplyOp::fold(FoldAdaptor a) {
  return foldArith(Arith::Mul, getType(), a.getA(), a.getB());
}
OpFoldResult DivideOp::fold(FoldAdaptor a) {
  return foldArith(Arith::Div, getType(), a.getA(), a.getB());
}

using MaybeInt = std::optional<__int128>;

OpFoldResult InvertOp::fold(FoldAdaptor a) {
  return foldUnary(getType(), a.getN(), [](__int128 x) -> MaybeInt { return -x; });
}
OpFoldResult DoubleOp::fold(FoldAdaptor a) {
  return foldUnary(getType(), a.getN(),
                   [](__int128 x) -> MaybeInt { return x * 2; });
}
OpFoldResult HalveOp::fold(FoldAdaptor a) {
  return foldUnary(getType(), a.getN(),
                   [](__int128 x) -> MaybeInt { return floorDiv(x, 2); });
}
OpFoldResult IncrementOp::fold(FoldAdaptor a) {
  return foldUnary(getType(), a.getX(),
                   [](__int128 x) -> MaybeInt { return x + 1; });
}
OpFoldResult DecrementOp::fold(FoldAdaptor a) {
  return foldUnary(getType(), a.getX(),
                   [](__int128 x) -> MaybeInt { return x - 1; });
}
OpFoldResult CrementOp::fold(FoldAdaptor a) {
  return foldUnary(getType(), a.getX(), [](__int128 x) -> MaybeInt {
    return x == 0 ? 0 : (x > 0 ? x + 1 : x - 1);
  });
}
OpFoldResult SignOp::fold(FoldAdaptor a) {
  return foldUnary(getType(), a.getX(),
                   [](__int128 x) -> MaybeInt { return signOf(x); });
}

OpFoldResult EvenOp::fold(FoldAdaptor a) {
  // n % 2 == 0; a tuple raises (TypeError).
  auto n = Num::of(a.getN());
  if (!n || !n->isNumber())
    return {};
  return boolResult(getType(), n->a % 2 == 0);
}
OpFoldResult PositiveOp::fold(FoldAdaptor a) {
  auto n = Num::of(a.getX());
  if (!n || !n->isNumber())
    return {};
  return boolResult(getType(), n->a > 0);
}
OpFoldResult GreaterOp::fold(FoldAdaptor a) {
  auto l = Num::of(a.getA()), r = Num::of(a.getB());
  if (!l || !r || !l->isNumber() || !r->isNumber())
    return {};
  return boolResult(getType(), l->a > r->a);
}
OpFoldResult FlipOp::fold(FoldAdaptor a) {
  auto n = Num::of(a.getB());
  if (!n)
    return {};
  return boolResult(getType(), !n->truthy());
}
OpFoldResult BothOp::fold(FoldAdaptor a) {
  // `a and b` returns one of its operands: folded when both have one type.
  auto l = Num::of(a.getA()), r = Num::of(a.getB());
  if (!l || !r || l->kind != r->kind)
    return {};
  return numResult(getType(), l->truthy() ? *r : *l);
}
OpFoldResult EitherOp::fold(FoldAdaptor a) {
  auto l = Num::of(a.getA()), r = Num::of(a.getB());
  if (!l || !r || l->kind != r->kind)
    return {};
  return numResult(getType(), l->truthy() ? *l : *r);
}
OpFoldResult EqualityOp::fold(FoldAdaptor a) {
  // Python ==: numbers by value (True == 1), tuples element-wise, a number
  // never equals a tuple.
  auto l = Num::of(a.getA()), r = Num::of(a.getB());
  if (!l || !r)
    return {};
  if (l->isNumber() != r->isNumber())
    return boolResult(getType(), false);
  return boolResult(getType(), l->a == r->a && l->b == r->b);
}

OpFoldResult ToivecOp::fold(FoldAdaptor a) {
  auto n = Num::of(a.getI());
  if (!n || n->kind != Num::Int)
    return {};
  return pairResult(getType(), n->a, 0);
}
OpFoldResult TojvecOp::fold(FoldAdaptor a) {
  auto n = Num::of(a.getJ());
  if (!n || n->kind != Num::Int)
    return {};
  return pairResult(getType(), 0, n->a);
}
OpFoldResult AstupleOp::fold(FoldAdaptor a) {
  auto l = Num::of(a.getA()), r = Num::of(a.getB());
  if (!l || !r || l->kind != Num::Int || r->kind != Num::Int)
    return {};
  return pairResult(getType(), l->a, r->a);
}

OpFoldResult FirstOp::fold(FoldAdaptor a) {
  // next(iter((x, y))) is x; of a pair constant, its first element.
  if (auto n = Num::of(a.getContainer()); n && n->kind == Num::Pair)
    return intResult(getType(), n->a);
  auto [x, y] = astupleParts(getContainer());
  if (x && x.getType() == getType())
    return x;
  return {};
}
OpFoldResult LastOp::fold(FoldAdaptor a) {
  // max(enumerate((x, y)))[1] is y: the indices differ, x and y are never
  // compared.
  if (auto n = Num::of(a.getContainer()); n && n->kind == Num::Pair)
    return intResult(getType(), n->b);
  auto [x, y] = astupleParts(getContainer());
  if (y && y.getType() == getType())
    return y;
  return {};
}
OpFoldResult SizeOp::fold(FoldAdaptor a) {
  // len of a 2-tuple.
  if (auto n = Num::of(a.getContainer()); n && n->kind == Num::Pair)
    return intResult(getType(), 2);
  if (astupleParts(getContainer()).first)
    return intResult(getType(), 2);
  return {};
}

OpFoldResult VmirrorOp::fold(FoldAdaptor) { return foldGridChain(*this); }
OpFoldResult HmirrorOp::fold(FoldAdaptor) { return foldGridChain(*this); }
OpFoldResult DmirrorOp::fold(FoldAdaptor) { return foldGridChain(*this); }
OpFoldResult CmirrorOp::fold(FoldAdaptor) { return foldGridChain(*this); }
OpFoldResult Rot90Op::fold(FoldAdaptor) { return foldGridChain(*this); }
OpFoldResult Rot180Op::fold(FoldAdaptor) { return foldGridChain(*this); }
OpFoldResult Rot270Op::fold(FoldAdaptor) { return foldGridChain(*this); }

//===- TypeRules.cpp - typing rules of the ARC-DSL primitives -------------===//
#include "ArcDsl/Dialect/ArcDsl/TypeRules.h"
#include "ArcDsl/Dialect/ArcDsl/ArcDslOps.h"

#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace arcdsl;

static Type anyT(MLIRContext *c) { return AnyType::get(c); }
static Type intT(MLIRContext *c) { return IntType::get(c); }
static Type pairT(MLIRContext *c) { return PairType::get(c); }
static Type setOf(Type t) { return SetType::get(t.getContext(), t); }
static Type tupleOf(Type t) { return arcdsl::TupleType::get(t.getContext(), t); }

namespace {
enum class Shape { Unknown, Number, Pair, Cell, Grid, Tuple, Set, Fn, None };
}

static Shape shapeOf(Type t) {
  return llvm::TypeSwitch<Type, Shape>(t)
      .Case<IntType, BoolType>([](auto) { return Shape::Number; })
      .Case<PairType>([](auto) { return Shape::Pair; })
      .Case<CellType>([](auto) { return Shape::Cell; })
      .Case<GridType>([](auto) { return Shape::Grid; })
      .Case<arcdsl::TupleType, ProductType>([](auto) { return Shape::Tuple; })
      .Case<SetType>([](auto) { return Shape::Set; })
      .Case<FnType>([](auto) { return Shape::Fn; })
      .Case<arcdsl::NoneType>([](auto) { return Shape::None; })
      .Default([](auto) { return Shape::Unknown; });
}

Type arcdsl::elementType(Type t) {
  MLIRContext *c = t.getContext();
  return llvm::TypeSwitch<Type, Type>(t)
      .Case<arcdsl::TupleType>([](arcdsl::TupleType t) { return t.getElementType(); })
      .Case<SetType>([](SetType t) { return t.getElementType(); })
      .Case<GridType>([&](auto) { return tupleOf(intT(c)); })
      .Case<PairType>([&](auto) { return intT(c); })
      .Case<ProductType>([&](ProductType p) {
        Type r;
        for (Type e : p.getElementTypes())
          r = r ? joinTypes(r, e) : e;
        return r ? r : anyT(c);
      })
      .Default([&](auto) { return anyT(c); });
}

Type arcdsl::joinTypes(Type a, Type b) {
  if (a == b)
    return a;
  MLIRContext *c = a.getContext();
  if (shapeOf(a) == Shape::Number && shapeOf(b) == Shape::Number)
    return intT(c);
  if (auto sa = dyn_cast<SetType>(a))
    if (auto sb = dyn_cast<SetType>(b))
      return setOf(joinTypes(sa.getElementType(), sb.getElementType()));
  if (auto ta = dyn_cast<arcdsl::TupleType>(a))
    if (auto tb = dyn_cast<arcdsl::TupleType>(b))
      return tupleOf(joinTypes(ta.getElementType(), tb.getElementType()));
  return anyT(c);
}

bool arcdsl::isConcrete(Type t) {
  if (isa<AnyType>(t))
    return false;
  if (auto s = dyn_cast<SetType>(t))
    return isConcrete(s.getElementType());
  if (auto s = dyn_cast<arcdsl::TupleType>(t))
    return isConcrete(s.getElementType());
  if (auto p = dyn_cast<ProductType>(t))
    return llvm::all_of(p.getElementTypes(), isConcrete);
  return true;
}

//===----------------------------------------------------------------------===//
// The rule vocabulary
//===----------------------------------------------------------------------===//

Type TypeRule::arg(unsigned i) const {
  return i < args.size() ? args[i] : anyT(ctx);
}
Type TypeRule::elem(unsigned i) const { return elementType(arg(i)); }
Type TypeRule::setOf(Type t) const { return ::setOf(t); }
Type TypeRule::tupleOf(Type t) const { return ::tupleOf(t); }
Type TypeRule::intT() const { return ::intT(ctx); }
Type TypeRule::gridT() const { return GridType::get(ctx); }

Type TypeRule::numeric() const {
  bool anyUnknown = false;
  for (Type t : args) {
    if (isa<PairType>(t))
      return pairT(ctx);
    if (!isa<IntType, BoolType>(t))
      anyUnknown = true;
  }
  // Python also lets tuples and sets through some of these (grid + grid).
  if (anyUnknown)
    return args.size() == 1 || isa<AnyType>(args[0]) ? anyT(ctx) : args[0];
  return ::intT(ctx);
}

Type TypeRule::knownOf(Type a, Type b) const {
  return isa<AnyType>(a) ? b : a;
}

Type TypeRule::mergeOf(Type containers) const {
  Type inner = elementType(elementType(containers));
  if (isa<SetType>(containers))
    return ::setOf(inner);
  if (isa<arcdsl::TupleType, GridType>(containers))
    return ::tupleOf(inner);
  return anyT(ctx);
}

Type TypeRule::pairOf(Type a, Type b) const {
  if (isa<IntType, BoolType>(a) && isa<IntType, BoolType>(b))
    return pairT(ctx);
  if (isa<IntType, BoolType>(a) && isa<PairType>(b))
    return CellType::get(ctx);
  if (a == b)
    return ::tupleOf(a);
  return ProductType::get(ctx, {a, b});
}

Type TypeRule::hof() const {
  SmallVector<Type> data;
  for (auto [i, t] : llvm::enumerate(args))
    if (i >= paramKinds.size() || paramKinds[i] != "Callable")
      data.push_back(t);
  return inferHofResultType(ctx, prim, anyT(ctx), data);
}

bool arcdsl::isCompatibleResultType(TypeRange inferred, TypeRange actual,
                                    Type declared) {
  if (inferred.size() != actual.size())
    return false;
  for (auto [i, a] : llvm::zip(inferred, actual)) {
    if (i == a || isa<AnyType, FnType, BatchType>(a) || !isConcrete(i))
      continue;
    if (a == declared)
      continue;
    return false;
  }
  return true;
}

Type HofTypeRule::sameContainer(Type like, Type elem) const {
  if (isa<SetType>(like))
    return setOf(elem);
  if (isa<arcdsl::TupleType, GridType, ProductType, PairType>(like))
    return tupleOf(elem);
  return AnyType::get(like.getContext());
}

Type arcdsl::inferHofResultType(MLIRContext *c, StringRef prim, Type r,
                                ArrayRef<Type> a) {
  std::optional<RegisteredOperationName> op =
      RegisteredOperationName::lookup(("arcdsl.hof." + prim).str(), c);
  if (!op)
    return anyT(c);
  auto *rule = op->getInterface<HigherOrderOpInterface>();
  return rule ? rule->inferResultType(c, r, a) : anyT(c);
}

//===- TypeRules.cpp - typing rules of the ARC-DSL primitives -------------===//
#include "ArcDsl/Dialect/ArcDsl/TypeRules.h"

#include "llvm/ADT/StringSwitch.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace arcdsl;

static Type anyT(MLIRContext *c) { return AnyType::get(c); }
static Type intT(MLIRContext *c) { return IntType::get(c); }
static Type pairT(MLIRContext *c) { return PairType::get(c); }
static Type setOf(Type t) { return SetType::get(t.getContext(), t); }
static Type tupleOf(Type t) { return arcdsl::TupleType::get(t.getContext(), t); }

Type arcdsl::declaredResultType(MLIRContext *c, StringRef kind) {
  return llvm::StringSwitch<Type>(kind)
      .Case("Integer", intT(c))
      .Case("Boolean", BoolType::get(c))
      .Case("IntegerTuple", pairT(c))
      .Case("Cell", CellType::get(c))
      .Case("Grid", GridType::get(c))
      .Case("Indices", setOf(pairT(c)))
      .Case("Object", setOf(CellType::get(c)))
      .Case("Objects", setOf(setOf(CellType::get(c))))
      .Case("IndicesSet", setOf(setOf(pairT(c))))
      .Case("IntegerSet", setOf(intT(c)))
      .Case("Callable", FnType::get(c))
      .Default(anyT(c));
}

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

bool arcdsl::kindAccepts(StringRef kind, Type t) {
  Shape s = shapeOf(t);
  if (s == Shape::Unknown || kind == "Any")
    return true;
  // Python lets a bool be an int, a tuple of two ints be a pair, any tuple of
  // tuples be a grid: only shapes that can never fit are rejected.
  bool isTupleLike = s == Shape::Pair || s == Shape::Cell ||
                     s == Shape::Grid || s == Shape::Tuple;
  bool isContainer = isTupleLike || s == Shape::Set;
  if (kind == "Integer" || kind == "Boolean")
    return s == Shape::Number;
  if (kind == "Numerical")
    return s == Shape::Number || isTupleLike || s == Shape::Set;
  if (kind == "IntegerTuple")
    return isTupleLike;
  if (kind == "Grid")
    return s == Shape::Grid || s == Shape::Tuple;
  // Python iterates any container where a frozenset is declared
  // (`maximum(shape(x))` is the max of a pair).
  if (kind == "Object" || kind == "Indices" || kind == "Patch" ||
      kind == "Objects" || kind == "IndicesSet" || kind == "IntegerSet" ||
      kind == "FrozenSet")
    return isContainer;
  if (kind == "Element" || kind == "Piece")
    return s == Shape::Grid || s == Shape::Tuple || s == Shape::Set;
  if (kind == "Tuple" || kind == "TupleTuple" || kind == "Container" ||
      kind == "ContainerContainer")
    return isContainer;
  if (kind == "Callable")
    return s == Shape::Fn;
  return true;
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

/// Integer or pair arithmetic: a pair wins.
static Type numeric(MLIRContext *c, ArrayRef<Type> args) {
  bool anyUnknown = false;
  for (Type t : args) {
    if (isa<PairType>(t))
      return pairT(c);
    if (!isa<IntType, BoolType>(t))
      anyUnknown = true;
  }
  // Python also lets tuples and sets through some of these (grid + grid).
  if (anyUnknown)
    return args.size() == 1 || isa<AnyType>(args[0]) ? anyT(c) : args[0];
  return intT(c);
}

/// type(containers)(e for c in containers for e in c)
static Type mergeOf(Type containers) {
  MLIRContext *c = containers.getContext();
  Type inner = elementType(elementType(containers));
  if (isa<SetType>(containers))
    return setOf(inner);
  if (isa<arcdsl::TupleType, GridType>(containers))
    return tupleOf(inner);
  return anyT(c);
}

/// A container of the same kind as `like` with element type `elem`.
static Type sameContainer(Type like, Type elem) {
  if (isa<SetType>(like))
    return setOf(elem);
  if (isa<arcdsl::TupleType, GridType, ProductType, PairType>(like))
    return tupleOf(elem);
  return AnyType::get(like.getContext());
}

/// Python's (a, b): a pair of ints is an IntegerTuple.
static Type tupleOf2(Type a, Type b) {
  MLIRContext *c = a.getContext();
  if (isa<IntType, BoolType>(a) && isa<IntType, BoolType>(b))
    return pairT(c);
  if (isa<IntType, BoolType>(a) && isa<PairType>(b))
    return CellType::get(c);
  if (a == b)
    return tupleOf(a);
  return ProductType::get(c, {a, b});
}

Type arcdsl::inferPrimResultType(MLIRContext *c, StringRef prim,
                                 StringRef declaredKind, ArrayRef<Type> a) {
  auto arg = [&](unsigned i) { return i < a.size() ? a[i] : anyT(c); };
  auto elem = [&](unsigned i) { return elementType(arg(i)); };
  return llvm::StringSwitch<std::function<Type()>>(prim)
      .Case("identity", [&] { return arg(0); })
      .Cases({"add", "subtract", "multiply", "divide"},
             [&] { return numeric(c, a); })
      .Cases({"invert", "double", "halve", "increment", "decrement", "crement",
              "sign"},
             [&] { return numeric(c, a); })
      .Cases({"combine", "intersection", "difference", "dedupe"}, [&] {
        return isa<AnyType>(arg(0)) ? arg(1) : arg(0);
      })
      .Case("repeat", [&] { return tupleOf(arg(0)); })
      .Case("merge", [&] { return mergeOf(arg(0)); })
      .Cases({"first", "last", "mostcommon", "leastcommon", "other"},
             [&] { return elem(0); })
      .Case("initset", [&] { return setOf(arg(0)); })
      .Case("insert", [&] {
        return setOf(joinTypes(arg(0), elem(1)));
      })
      .Case("remove", [&] { return arg(1); })
      .Case("totuple", [&] { return tupleOf(elem(0)); })
      .Case("interval", [&] { return tupleOf(intT(c)); })
      .Case("astuple", [&] { return tupleOf2(arg(0), arg(1)); })
      .Case("product", [&] { return setOf(tupleOf2(elem(0), elem(1))); })
      .Case("pair", [&] { return tupleOf(tupleOf2(elem(0), elem(1))); })
      .Case("branch", [&] { return joinTypes(arg(1), arg(2)); })
      .Cases({"hmirror", "vmirror", "dmirror", "cmirror", "shift", "normalize",
              "upscale"},
             [&] { return arg(0); })
      .Cases({"hsplit", "vsplit"}, [&] { return tupleOf(GridType::get(c)); })
      .Case("sizefilter", [&] { return setOf(elem(0)); })
      .Case("colorfilter", [&] { return arg(0); })
      .Cases({"both", "either"}, [&] { return joinTypes(arg(0), arg(1)); })
      .Default([&] { return declaredResultType(c, declaredKind); })();
}

Type arcdsl::inferHofResultType(MLIRContext *c, StringRef prim, Type r,
                                ArrayRef<Type> a) {
  auto arg = [&](unsigned i) { return i < a.size() ? a[i] : anyT(c); };
  return llvm::StringSwitch<std::function<Type()>>(prim)
      .Case("apply", [&] { return sameContainer(arg(0), r); })
      .Case("mapply", [&] { return setOf(elementType(r)); })
      .Case("sfilter", [&] { return arg(0); })
      .Case("mfilter", [&] { return setOf(elementType(elementType(arg(0)))); })
      .Cases({"extract", "argmax", "argmin"},
             [&] { return elementType(arg(0)); })
      .Cases({"valmax", "valmin"}, [&] { return r; })
      .Case("order", [&] { return tupleOf(elementType(arg(0))); })
      .Case("papply", [&] { return tupleOf(r); })
      .Case("mpapply", [&] { return tupleOf(elementType(r)); })
      .Case("prapply", [&] { return setOf(r); })
      .Cases({"call", "power", "branch_call"}, [&] { return r; })
      .Default([&] { return anyT(c); })();
}

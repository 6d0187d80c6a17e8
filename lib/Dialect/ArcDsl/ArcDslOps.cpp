//===- ArcDslOps.cpp - ArcDsl operations ----------------------------------===//
#include "ArcDsl/Dialect/ArcDsl/ArcDslOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OpImplementation.h"
#include "llvm/ADT/StringMap.h"

using namespace mlir;
using namespace arcdsl;

#include "ArcDsl/Dialect/ArcDsl/ArcDslInterfaces.cpp.inc"

#define GET_OP_CLASSES
#include "ArcDsl/Dialect/ArcDsl/ArcDsl.cpp.inc"

//===----------------------------------------------------------------------===//
// Primitive registry
//===----------------------------------------------------------------------===//

namespace {
template <typename... Ops>
void collectPrimitives(std::vector<PrimSignature> &out) {
  (
      [&] {
        if constexpr (std::is_base_of_v<
                          PrimitiveOpInterface::Trait<Ops>, Ops>)
          out.push_back({Ops::kPrimName, Ops::kPrimClass, Ops::kParamKinds,
                         Ops::kParamNames, Ops::kResultKind,
                         Ops::getOperationName()});
      }(),
      ...);
}

struct Registry {
  std::vector<PrimSignature> prims;
  llvm::StringMap<unsigned> byName;
  Registry() {
    collectPrimitives<
#define GET_OP_LIST
#include "ArcDsl/Dialect/ArcDsl/ArcDsl.cpp.inc"
        >(prims);
    for (auto [i, p] : llvm::enumerate(prims))
      byName[p.name] = i;
  }
};
const Registry &registry() {
  static Registry r;
  return r;
}
} // namespace

const PrimSignature *arcdsl::lookupPrimitive(StringRef name) {
  const Registry &r = registry();
  auto it = r.byName.find(name);
  return it == r.byName.end() ? nullptr : &r.prims[it->second];
}

ArrayRef<PrimSignature> arcdsl::allPrimitives() { return registry().prims; }

//===----------------------------------------------------------------------===//
// ConstantOp
//===----------------------------------------------------------------------===//

LogicalResult ConstantOp::verify() {
  Attribute v = getValue();
  Type t = getType();
  auto expect = [&](bool ok, StringRef what) -> LogicalResult {
    if (ok)
      return success();
    return emitOpError(what);
  };
  if (isa<UnitAttr>(v))
    return expect(isa<arcdsl::NoneType>(t), "unit constant must be !arcdsl.none");
  if (isa<BoolAttr>(v))
    return expect(isa<BoolType>(t), "boolean constant must be !arcdsl.bool");
  if (isa<IntegerAttr>(v))
    return expect(isa<IntType>(t), "integer constant must be !arcdsl.int");
  if (auto arr = dyn_cast<DenseI64ArrayAttr>(v)) {
    if (arr.size() != 2 || !isa<PairType>(t))
      return emitOpError("integer-tuple constant must be two integers of "
                         "type !arcdsl.pair");
    return success();
  }
  return emitOpError("unsupported constant value ") << v;
}

OpFoldResult ConstantOp::fold(FoldAdaptor) { return getValue(); }

//===----------------------------------------------------------------------===//
// PrimRefOp
//===----------------------------------------------------------------------===//

LogicalResult PrimRefOp::verify() {
  if (!lookupPrimitive(getPrim()))
    return emitOpError("unknown primitive '") << getPrim() << "'";
  return success();
}

//===----------------------------------------------------------------------===//
// HofOp
//===----------------------------------------------------------------------===//

LogicalResult HofOp::verify() {
  StringRef p = getPrim();
  if (p != "call" && p != "power" && p != "branch_call") {
    const PrimSignature *sig = lookupPrimitive(p);
    if (!sig || sig->primClass != PrimClass::HigherOrder)
      return emitOpError("'") << p << "' is not a higher-order primitive";
  }
  if (getCallees().empty())
    return emitOpError("needs at least one callee");
  return success();
}

LogicalResult HofOp::verifySymbolUses(SymbolTableCollection &symbolTable) {
  for (Attribute a : getCallees()) {
    auto ref = cast<FlatSymbolRefAttr>(a);
    if (!symbolTable.lookupNearestSymbolFrom(*this, ref))
      return emitOpError("callee ") << ref << " does not exist";
  }
  return success();
}

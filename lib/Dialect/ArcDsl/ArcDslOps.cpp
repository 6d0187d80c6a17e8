//===- ArcDslOps.cpp - ArcDsl operations ----------------------------------===//
#include "ArcDsl/Dialect/ArcDsl/ArcDslOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/Interfaces/FunctionInterfaces.h"
#include "llvm/ADT/StringMap.h"

using namespace mlir;
using namespace arcdsl;

#include "ArcDsl/Dialect/ArcDsl/ArcDslInterfaces.cpp.inc"

namespace arcdsl {
#include "ArcDsl/Dialect/ArcDsl/ArcDslKinds.cpp.inc"
} // namespace arcdsl

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

int arcdsl::lookupTokFunction(StringRef name) {
  static const llvm::StringMap<int> ids = [] {
    llvm::StringMap<int> m;
    int k = 0;
#define ARCDSL_TOK(name, Entry, Arity, MinArity, Default, OnEmpty) m[#name] = k++;
#include "ArcDsl/Primitives/Tokpidjin.def"
    return m;
  }();
  auto it = ids.find(name);
  return it == ids.end() ? -1 : it->second;
}

LogicalResult PrimRefOp::verify() {
  StringRef name = getPrim();
  if (name.starts_with(kTokPrefix)) {
    if (lookupTokFunction(name.drop_front(kTokPrefix.size())) < 0)
      return emitOpError("unknown tokpidjin function '")
             << name.drop_front(kTokPrefix.size()) << "'";
    return success();
  }
  if (!lookupPrimitive(getPrim()))
    return emitOpError("unknown primitive '") << getPrim() << "'";
  return success();
}

//===----------------------------------------------------------------------===//
// CallValueOp
//===----------------------------------------------------------------------===//

LogicalResult CallValueOp::verify() {
  Type t = getCallee().getType();
  if (auto b = dyn_cast<BatchType>(t))
    t = b.getElementType();
  if (!isa<FnType, AnyType>(t))
    return emitOpError("callee must be a function value (!arcdsl.fn or "
                       "!arcdsl.any), got ")
           << getCallee().getType();
  return success();
}

//===----------------------------------------------------------------------===//
// HofOp
//===----------------------------------------------------------------------===//

/// Callees, data operands and parameters per callee of each hof form.
static bool hofShape(StringRef prim, unsigned &callees, int &data,
                     int &params) {
  callees = 1;
  if (prim == "call") {
    data = -1; // any number; the callee takes them all
    params = -1;
    return true;
  }
  if (prim == "branch_call") {
    callees = 2;
    data = -1; // the condition, then the callees' arguments
    params = -1;
    return true;
  }
  if (prim == "power") {
    data = 2; // count, value
    params = 1;
    return true;
  }
  if (prim == "papply" || prim == "mpapply" || prim == "prapply") {
    data = 2;
    params = 2;
    return true;
  }
  data = 1;
  params = 1;
  const PrimSignature *sig = lookupPrimitive(prim);
  return sig && sig->primClass == PrimClass::HigherOrder && prim != "rapply";
}

LogicalResult HofOp::verify() {
  StringRef p = getPrim();
  unsigned callees;
  int data, params;
  if (!hofShape(p, callees, data, params))
    return emitOpError("'") << p << "' is not a higher-order primitive";
  if (getCallees().size() != callees)
    return emitOpError("'") << p << "' takes " << callees << " callee"
                            << (callees == 1 ? "" : "s") << ", got "
                            << getCallees().size();
  if (data >= 0 && getArgs().size() != (unsigned)data)
    return emitOpError("'") << p << "' takes " << data
                            << " data operand" << (data == 1 ? "" : "s")
                            << ", got " << getArgs().size();
  if (p == "branch_call" && getArgs().empty())
    return emitOpError("'branch_call' needs its condition operand");
  return success();
}

LogicalResult HofOp::verifySymbolUses(SymbolTableCollection &symbolTable) {
  unsigned callees;
  int data, params;
  hofShape(getPrim(), callees, data, params);
  unsigned want = getCaptures().size();
  if (params >= 0)
    want += params;
  else
    want += getArgs().size() - (getPrim() == "branch_call" ? 1 : 0);
  for (Attribute a : getCallees()) {
    auto ref = cast<FlatSymbolRefAttr>(a);
    auto fn = symbolTable.lookupNearestSymbolFrom<FunctionOpInterface>(*this,
                                                                      ref);
    if (!fn)
      return emitOpError("callee ") << ref << " does not exist";
    if (fn.getNumArguments() != want)
      return emitOpError("callee ")
             << ref << " takes " << fn.getNumArguments()
             << " arguments, but the captures and the element(s) make "
             << want;
  }
  return success();
}

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
                         Ops::getOperationName(), Ops::kParamAccepts,
                         &Ops::inferResultType});
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

std::string PrimSignature::operandMismatch(TypeRange types) const {
  for (auto [i, t] : llvm::enumerate(types)) {
    if (i >= paramAccepts.size() || paramAccepts[i](t))
      continue;
    std::string msg;
    llvm::raw_string_ostream os(msg);
    os << "'" << name << "' expects " << paramKinds[i] << " for parameter '"
       << paramNames[i] << "' (argument " << (i + 1) << "), got '" << t
       << "'";
    return msg;
  }
  return "";
}

Value arcdsl::buildPrimitiveCall(OpBuilder &b, Location loc,
                                 const PrimSignature &prim,
                                 ValueRange operands, Type result) {
  if (prim.operandMismatch(operands.getTypes()).empty()) {
    OperationState state(loc, prim.opName);
    state.addOperands(operands);
    state.addTypes(result);
    return b.create(state)->getResult(0);
  }
  Value f = PrimRefOp::create(b, loc, FnType::get(b.getContext()),
                              b.getStringAttr(prim.name));
  return CallValueOp::create(b, loc, result, f, operands);
}

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

LogicalResult BatchMapOp::verify() {
  Block &body = getBody().front();
  auto in = cast<BatchType>(getSamples().getType());
  auto out = cast<BatchType>(getResults().getType());
  auto status = cast<BatchType>(getStatus().getType());
  if (body.getNumArguments() != 1 ||
      body.getArgument(0).getType() != in.getElementType())
    return emitOpError("needs one block argument, the sample, of type ")
           << in.getElementType();
  auto yield = dyn_cast<BatchYieldOp>(body.getTerminator());
  if (!yield || yield.getValue().getType() != out.getElementType())
    return emitOpError("must yield each sample's result as ")
           << out.getElementType();
  if (!isa<IntType>(status.getElementType()))
    return emitOpError("status must be a batch of !arcdsl.int");
  return success();
}

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


//===- InferTypes.cpp - static types for every value ----------------------===//
//
// Forward inference over straight-line functions. Each primitive's result is
// computed from its operands by its op's InferTypeOpInterface (the rule of
// its ArcDslPrimitives.td record), after checking every operand against the
// primitive's declared parameter kind. An
// `arcdsl.hof.<prim>` sets the argument types of its specialized callees from its
// captures and the element types of its containers, infers the callees, and
// derives its own result from theirs.
//===----------------------------------------------------------------------===//

#include "ArcDsl/Dialect/ArcDsl/ArcDslOps.h"
#include "ArcDsl/Dialect/ArcDsl/TokpidjinOps.h"
#include "ArcDsl/Dialect/ArcDsl/ArcDslPasses.h"
#include "ArcDsl/Dialect/ArcDsl/TypeRules.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/SymbolTable.h"

#define DEBUG_TYPE "arcdsl-infer-types"

namespace arcdsl {
#define GEN_PASS_DEF_INFERTYPES
#include "ArcDsl/Dialect/ArcDsl/ArcDslPasses.h.inc"
} // namespace arcdsl

using namespace mlir;
using namespace arcdsl;

namespace {

class Inferrer {
public:
  explicit Inferrer(ModuleOp module)
      : symbols(module), lenient(isLenient(module)) {}

  /// Infer `fn` with the given argument types; returns its result type.
  FailureOr<Type> inferFunction(func::FuncOp fn, ArrayRef<Type> argTypes) {
    if (depth > 64)
      return fn.emitError("specialized functions nest too deeply"), failure();
    Block &body = fn.getBody().front();
    for (auto [arg, t] : llvm::zip(body.getArguments(), argTypes))
      arg.setType(t);
    ++depth;
    Type result;
    for (Operation &op : llvm::make_early_inc_range(body)) {
      if (auto ret = dyn_cast<func::ReturnOp>(op)) {
        result = ret.getNumOperands() == 1
                     ? ret.getOperand(0).getType()
                     : Type(AnyType::get(fn.getContext()));
        continue;
      }
      if (lenient) {
        if (failed(inferLenient(op))) {
          --depth;
          return failure();
        }
        continue;
      }
      if (failed(inferOp(op))) {
        --depth;
        return failure();
      }
    }
    --depth;
    if (!result)
      result = AnyType::get(fn.getContext());
    fn.setFunctionType(
        FunctionType::get(fn.getContext(), argTypes, {result}));
    return result;
  }

  unsigned refined = 0, unresolved = 0;

private:
  SymbolTable symbols;
  bool lenient;
  unsigned depth = 0;

  /// In a batt (a lenient module) a line that does not type-check is not an
  /// error of the program: it runs in the primitive library, which raises
  /// exactly where Python does (the line's `except` catches it), so its
  /// result is just not known statically (a warning). A call of a value
  /// that is no function always raises: it becomes `arcdsl.fail
  /// "TypeError"`.
  LogicalResult inferLenient(Operation &op) {
    std::string captured;
    LogicalResult r = success();
    {
      CapturedErrors errors(op.getContext());
      r = inferOp(op);
      captured = errors.first;
    }
    if (succeeded(r))
      return success();
    if (captured.empty() || op.getNumResults() != 1)
      return failure();
    if (!isa<CallValueOp>(op)) {
      emitWarning(op.getLoc()) << "this line is not typed statically: "
                               << captured;
      op.getResult(0).setType(AnyType::get(op.getContext()));
      // A primitive op whose operands its kinds reject would not verify:
      // the same call through its function value.
      if (auto p = dyn_cast<PrimitiveOpInterface>(op)) {
        OpBuilder b(&op);
        Value v = buildPrimitiveCall(b, op.getLoc(),
                                     *lookupPrimitive(p.getPrimName()),
                                     op.getOperands(), op.getResult(0).getType());
        op.getResult(0).replaceAllUsesWith(v);
        op.erase();
      }
      return success();
    }
    emitWarning(op.getLoc()) << "this line always fails: " << captured;
    OpBuilder b(&op);
    auto fail = FailOp::create(b, op.getLoc(), AnyType::get(op.getContext()),
                               b.getStringAttr("TypeError"));
    op.getResult(0).replaceAllUsesWith(fail.getResult());
    op.erase();
    return success();
  }

  LogicalResult setResult(Operation &op, Type t) {
    // A value that is called must stay a function (in a batt, the call
    // fails instead: see CallValueOp).
    for (OpOperand &use : op.getResult(0).getUses()) {
      auto call = dyn_cast<CallValueOp>(use.getOwner());
      if (lenient || !call || use.getOperandNumber() != 0)
        continue;
      if (isa<AnyType, FnType>(t)) {
        t = FnType::get(op.getContext());
        break;
      }
      return call.emitError() << "the called value is not a function: '"
                              << op.getName().stripDialect() << "' returns "
                              << t;
    }
    op.getResult(0).setType(t);
    if (isConcrete(t))
      ++refined;
    else
      ++unresolved;
    return success();
  }

  LogicalResult inferOp(Operation &op) {
    MLIRContext *ctx = op.getContext();
    if (isa<ConstantOp>(op))
      return success();
    if (auto p = dyn_cast<PrimitiveOpInterface>(op)) {
      std::string mismatch =
          lookupPrimitive(p.getPrimName())->operandMismatch(op.getOperandTypes());
      if (!mismatch.empty())
        return op.emitError(mismatch);
      // The result: the op's own rule (InferTypeOpInterface, generated from
      // ArcDslPrimitives.td). Before specialization a higher-order
      // primitive's function result is unknown, and a closure builder's
      // result is a function value.
      SmallVector<Type> inferred;
      if (failed(cast<InferTypeOpInterface>(op).inferReturnTypes(
              ctx, op.getLoc(), op.getOperands(), op.getAttrDictionary(),
              op.getPropertiesStorage(), op.getRegions(), inferred)))
        return failure();
      if (p.getPrimClass() == PrimClass::Closure) {
        op.getResult(0).setType(inferred[0]);
        return success();
      }
      return setResult(op, inferred[0]);
    }
    if (auto hof = dyn_cast<HigherOrderOpInterface>(op))
      return inferHof(hof);
    // Unspecialized function values (the import-time check): a call of a
    // function value has an unknown result.
    if (auto cv = dyn_cast<CallValueOp>(op)) {
      Type t = cv.getCallee().getType();
      if (!isa<AnyType, FnType>(t))
        return cv.emitError() << "the called value is not a function: it is "
                              << t;
      return success();
    }
    // A tokpidjin call: its value is anything (a failing call returns its
    // safe default; cells are (i, j, c)), as a call of a function value's.
    if (isa<PrimRefOp, TokOpInterface>(op))
      return success();
    // Batt structure.
    if (isa<RecoverOp, FailOp, MakeTupleOp>(op)) {
      op.getResult(0).setType(AnyType::get(ctx));
      return success();
    }
    if (isa<ItemOp, BattLineOp>(op))
      return success();
    if (isa<StatusOp>(op)) {
      op.getResult(0).setType(IntType::get(ctx));
      return success();
    }
    return op.emitError("unexpected operation in a solver");
  }

  LogicalResult inferHof(HigherOrderOpInterface hof) {
    MLIRContext *ctx = hof.getContext();
    StringRef prim = hof.getPrimName();
    SmallVector<Type> data;
    for (Value v : hof.getArgs())
      data.push_back(v.getType());
    // Types of the function's own parameters.
    SmallVector<Type> params;
    if (prim == "call") {
      params = data;
    } else if (prim == "power" || prim == "branch_call") {
      params.append(data.begin() + 1, data.end());
      if (prim == "power" && !isIntegerKind(data[0]))
        return hof->emitError() << "'power' expects an Integer count, got "
                               << data[0];
    } else if (prim == "papply" || prim == "mpapply" || prim == "prapply") {
      for (Type t : data) {
        if (!isContainerKind(t))
          return hof->emitError() << "'" << prim
                                 << "' expects containers, got " << t;
        params.push_back(elementType(t));
      }
    } else {
      if (!isContainerKind(data[0]))
        return hof->emitError()
               << "'" << prim << "' expects a container, got " << data[0];
      params.push_back(elementType(data[0]));
    }
    SmallVector<Type> argTypes;
    for (Value v : hof.getCaptures())
      argTypes.push_back(v.getType());
    argTypes.append(params);

    Type fnResult;
    for (Attribute a : hof.getCallees()) {
      auto callee = symbols.lookup<func::FuncOp>(
          cast<FlatSymbolRefAttr>(a).getValue());
      if (!callee)
        return hof->emitError("callee not found");
      FailureOr<Type> r = inferFunction(callee, argTypes);
      if (failed(r))
        return failure();
      fnResult = fnResult ? joinTypes(fnResult, *r) : *r;
    }
    if (prim == "power" && fnResult != params[0])
      fnResult = joinTypes(fnResult, params[0]);
    return setResult(*hof.getOperation(), inferHofResultType(ctx, prim, fnResult, data));
  }
};

struct InferTypesPass
    : public arcdsl::impl::InferTypesBase<InferTypesPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    Inferrer inf(module);
    bool ok = true;
    for (auto fn : llvm::make_early_inc_range(module.getOps<func::FuncOp>())) {
      if (fn.isPrivate() || fn.isExternal())
        continue;
      SmallVector<Type> args(fn.getArgumentTypes());
      if (failed(inf.inferFunction(fn, args)))
        ok = false;
    }
    numRefined += inf.refined;
    numUnresolved += inf.unresolved;
    if (!ok)
      signalPassFailure();
  }
};

} // namespace

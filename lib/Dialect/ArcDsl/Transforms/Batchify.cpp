//===- Batchify.cpp - solvers over a batch of N samples -------------------===//
//
// Every public solver function becomes its batch form: arguments, results
// and every value of its body get `!arcdsl.batch<T>` types (an op over
// batch types applies sample-wise), and the function also returns the
// per-sample status (`arcdsl.status`). Specialized callees of `arcdsl.hof.*`
// stay scalar: they run inside one sample.
//===----------------------------------------------------------------------===//

#include "ArcDsl/Dialect/ArcDsl/ArcDslOps.h"
#include "ArcDsl/Dialect/ArcDsl/ArcDslPasses.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/Pass/PassManager.h"

#define DEBUG_TYPE "batchify"

namespace arcdsl {
#define GEN_PASS_DEF_BATCHIFY
#include "ArcDsl/Dialect/ArcDsl/ArcDslPasses.h.inc"
} // namespace arcdsl

using namespace mlir;
using namespace arcdsl;

namespace {

Type batchOf(Type t) {
  if (isa<BatchType>(t))
    return t;
  return BatchType::get(t.getContext(), t);
}

/// Not specialized yet: function values that are still closure terms (a
/// specialized module keeps only run-time function values, whose types
/// were inferred after specialization).
bool needsSpecialization(ModuleOp module) {
  bool found = false;
  module.walk([&](Operation *op) {
    if (auto fn = dyn_cast<func::FuncOp>(op))
      if (fn->hasAttr("arcdsl.specialized"))
        return WalkResult::skip();
    if (isa<PrimRefOp, CallValueOp>(op))
      found = true;
    else if (auto p = dyn_cast<PrimitiveOpInterface>(op))
      if (p.getPrimClass() != PrimClass::FirstOrder)
        found = true;
    return WalkResult::advance();
  });
  return found;
}

struct BatchifyPass : public arcdsl::impl::BatchifyBase<BatchifyPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    if (needsSpecialization(module)) {
      OpPassManager pm(ModuleOp::getOperationName());
      pm.addPass(createSpecializeClosures());
      pm.addPass(createInferTypes());
      pm.addPass(createPrimCSE());
      if (failed(runPipeline(pm, module)))
        return signalPassFailure();
    }
    MLIRContext *ctx = module.getContext();
    for (auto fn : module.getOps<func::FuncOp>()) {
      if (fn.isPrivate() || fn.isExternal() || fn->hasAttr("arcdsl.batched"))
        continue;
      Block &body = fn.getBody().front();
      for (BlockArgument a : body.getArguments())
        a.setType(batchOf(a.getType()));
      // Constants (and primitives as values) are the same in every sample:
      // they stay scalar and are broadcast where a batch op uses them.
      for (Operation &op : body)
        if (!isa<ConstantOp, PrimRefOp>(op))
          for (OpResult r : op.getResults())
            r.setType(batchOf(r.getType()));
      auto ret = cast<func::ReturnOp>(body.getTerminator());
      OpBuilder b(ret);
      Value status = StatusOp::create(b, ret.getLoc(),
                                      batchOf(IntType::get(ctx)));
      SmallVector<Value> results(ret.getOperands());
      results.push_back(status);
      func::ReturnOp::create(b, ret.getLoc(), results);
      ret.erase();
      SmallVector<Type> argTypes, resultTypes;
      for (BlockArgument a : body.getArguments())
        argTypes.push_back(a.getType());
      for (Value v : results)
        resultTypes.push_back(v.getType());
      fn.setFunctionType(FunctionType::get(ctx, argTypes, resultTypes));
      fn->setAttr("arcdsl.batched", UnitAttr::get(ctx));
      ++numBatched;
    }
  }
};

} // namespace

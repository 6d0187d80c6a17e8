//===- Batchify.cpp - solvers over a batch of N samples -------------------===//
//
// Every public solver `(T) -> R` becomes its batch form `(batch<T>) ->
// (batch<R>, batch<int>)`: the sample loop `arcdsl.batch.map` over the input
// batch, whose region is the solver's body (one sample's program, scalar),
// with each sample's status beside the results. Specialized callees of
// `arcdsl.hof.*` stay as they are: they run inside one sample.
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
      if (!llvm::hasSingleElement(fn.getBody()) ||
          fn.getNumArguments() != 1 || fn.getNumResults() != 1) {
        fn.emitError("a solver to batch takes one input and returns one "
                     "value in one block");
        return signalPassFailure();
      }
      // The solver's body becomes the sample loop's region: one sample's
      // program, unchanged (all of it scalar); its return yields the
      // sample's result.
      Type in = fn.getArgumentTypes()[0], out = fn.getResultTypes()[0];
      Block *sample = &fn.getBody().front();
      auto ret = cast<func::ReturnOp>(sample->getTerminator());
      OpBuilder b(ret);
      BatchYieldOp::create(b, ret.getLoc(), ret.getOperand(0));
      ret.erase();
      Region body;
      body.takeBody(fn.getBody());
      Block *entry = new Block();
      fn.getBody().push_back(entry);
      Value samples = entry->addArgument(batchOf(in), fn.getLoc());
      b.setInsertionPointToStart(entry);
      auto loop = BatchMapOp::create(b, fn.getLoc(), batchOf(out),
                                     batchOf(IntType::get(ctx)), samples);
      loop.getBody().takeBody(body);
      func::ReturnOp::create(b, fn.getLoc(), loop->getResults());
      fn.setFunctionType(FunctionType::get(
          ctx, {batchOf(in)}, {batchOf(out), batchOf(IntType::get(ctx))}));
      fn->setAttr("arcdsl.batched", UnitAttr::get(ctx));
      ++numBatched;
    }
  }
};

} // namespace

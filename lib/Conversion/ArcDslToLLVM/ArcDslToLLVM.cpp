//===- ArcDslToLLVM.cpp - specialized ArcDsl to the LLVM dialect ----------===//
//
// After closure specialization a solver is straight-line code over values
// plus higher-order ops naming specialized functions. The lowering is a
// dialect conversion in two steps:
//   1. ArcDsl to func + scf + llvm, by the patterns of ArcDslPatterns.cpp:
//      every value type becomes the i64 word of ABI.h (the TypeConverter),
//      every function takes the per-sample context (`!llvm.ptr`) first, a
//      primitive becomes `llvm.call @arcdsl_prim_<name>`, a higher-order
//      primitive a call of its loop in the library (`@arcdsl_hof_<name>`)
//      over the specialized function, a direct call `func.call`, a
//      two-way branch `scf.if`;
//   2. upstream's patterns take func, scf and cf to the LLVM dialect.
// The library defines the loops once (HofLoops.h); no control flow is
// built here.
//===----------------------------------------------------------------------===//

#include "ArcDsl/Conversion/ArcDslToLLVM.h"
#include "ArcDsl/Conversion/Passes.h"
#include "ArcDsl/Dialect/ArcDsl/ArcDslOps.h"
#include "ArcDslPatterns.h"

#include "mlir/Conversion/ControlFlowToLLVM/ControlFlowToLLVM.h"
#include "mlir/Conversion/FuncToLLVM/ConvertFuncToLLVM.h"
#include "mlir/Conversion/LLVMCommon/ConversionTarget.h"
#include "mlir/Conversion/LLVMCommon/TypeConverter.h"
#include "mlir/Conversion/SCFToControlFlow/SCFToControlFlow.h"
#include "mlir/Dialect/ControlFlow/IR/ControlFlowOps.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Dialect/SCF/Transforms/Patterns.h"
#include "mlir/Transforms/DialectConversion.h"

namespace arcdsl {
#define GEN_PASS_DEF_CONVERTARCDSLTOLLVM
#include "ArcDsl/Conversion/Passes.h.inc"
} // namespace arcdsl

using namespace mlir;
using namespace arcdsl;

/// What a function must be before conversion; errors at its location.
static LogicalResult checkFunction(func::FuncOp fn) {
  if (fn.isExternal())
    return fn.emitError("external functions are not supported");
  WalkResult r = fn.walk([&](func::ReturnOp ret) {
    if (ret.getNumOperands() != 1) {
      ret.emitError("a function must return one value");
      return WalkResult::interrupt();
    }
    return WalkResult::advance();
  });
  return failure(r.wasInterrupted());
}

/// Every scf.if to cf branches, the last of a block first, so each block
/// split moves only the ops up to the next branch. A shared batt has
/// hundreds of them in one block: upstream's patterns under a dialect
/// conversion split from the first and record every op each split moves
/// (quadratic: seconds of its compile).
static void lowerIfsToCF(Operation *root) {
  SmallVector<scf::IfOp> ifs;
  root->walk([&](scf::IfOp op) { ifs.push_back(op); });
  IRRewriter rw(root->getContext());
  for (scf::IfOp op : llvm::reverse(ifs)) {
    Location loc = op.getLoc();
    Block *cond = op->getBlock();
    Block *cont = rw.splitBlock(cond, std::next(Block::iterator(op)));
    SmallVector<Location> locs(op.getNumResults(), loc);
    cont->addArguments(op.getResultTypes(), locs);
    auto inlineBranch = [&](Region &r) -> Block * {
      if (r.empty())
        return cont;
      Block *first = &r.front();
      auto yield = cast<scf::YieldOp>(r.back().getTerminator());
      rw.setInsertionPoint(yield);
      cf::BranchOp::create(rw, loc, cont, yield.getOperands());
      rw.eraseOp(yield);
      rw.inlineRegionBefore(r, cont);
      return first;
    };
    Block *thenBlock = inlineBranch(op.getThenRegion());
    Block *elseBlock = inlineBranch(op.getElseRegion());
    rw.setInsertionPointToEnd(cond);
    cf::CondBranchOp::create(rw, loc, op.getCondition(), thenBlock,
                             ValueRange(), elseBlock, ValueRange());
    rw.replaceOp(op, cont->getArguments());
  }
}

/// Step 2: func, scf and cf to the LLVM dialect (upstream's patterns).
static LogicalResult lowerToLLVMDialect(Operation *root) {
  MLIRContext *ctx = root->getContext();
  lowerIfsToCF(root);
  {
    RewritePatternSet patterns(ctx);
    populateSCFToControlFlowConversionPatterns(patterns);
    ConversionTarget target(*ctx);
    target.addIllegalDialect<scf::SCFDialect>();
    target.markUnknownOpDynamicallyLegal([](Operation *) { return true; });
    if (failed(applyPartialConversion(root, target, std::move(patterns))))
      return failure();
  }
  LLVMTypeConverter converter(ctx);
  RewritePatternSet patterns(ctx);
  populateFuncToLLVMConversionPatterns(converter, patterns);
  cf::populateControlFlowToLLVMConversionPatterns(converter, patterns);
  LLVMConversionTarget target(*ctx);
  target.addIllegalDialect<func::FuncDialect, cf::ControlFlowDialect>();
  return applyPartialConversion(root, target, std::move(patterns));
}

LogicalResult arcdsl::lowerFunctionsToLLVM(ArrayRef<func::FuncOp> fns,
                                           Block *target, Location loc) {
  if (fns.empty())
    return success();
  for (func::FuncOp fn : fns)
    if (failed(checkFunction(fn)))
      return failure();
  // The functions move to `target`, the body of the symbol table the
  // library is declared in (a module, or a gpu.module for kernels).
  Operation *root = target->getParentOp();
  for (func::FuncOp fn : fns) {
    if (fn->getBlock() == target)
      continue;
    if (!target->empty() && target->back().hasTrait<OpTrait::IsTerminator>())
      fn->moveBefore(&target->back());
    else
      fn->moveBefore(target, target->end());
  }
  MLIRContext *ctx = loc.getContext();
  LibraryDecls library(root);
  for (func::FuncOp fn : fns) {
    if (failed(prepareFunction(fn, library)))
      return failure();
  }
  ArcDslWordConverter converter(ctx);
  RewritePatternSet patterns(ctx);
  populateArcDslToLLVMConversionPatterns(converter, patterns, library);
  ConversionTarget legal(*ctx);
  legal.addLegalDialect<LLVM::LLVMDialect, scf::SCFDialect>();
  legal.addIllegalDialect<ArcDslDialect>();
  legal.addDynamicallyLegalOp<func::FuncOp>([&](func::FuncOp fn) {
    return converter.isSignatureLegal(fn.getFunctionType());
  });
  legal.addDynamicallyLegalOp<func::ReturnOp, func::CallOp>(
      [&](Operation *op) { return converter.isLegal(op); });
  // scf.if over ArcDsl values (a shared batt line): its types converted.
  scf::populateSCFStructuralTypeConversionsAndLegality(converter, patterns,
                                                       legal);
  if (failed(applyPartialConversion(root, legal, std::move(patterns))))
    return failure();
  return lowerToLLVMDialect(root);
}

namespace {
struct ConvertArcDslToLLVMPass
    : public arcdsl::impl::ConvertArcDslToLLVMBase<ConvertArcDslToLLVMPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    SmallVector<func::FuncOp> fns(module.getOps<func::FuncOp>());
    for (func::FuncOp fn : fns)
      if (fn->hasAttr("arcdsl.batched"))
        return (void)(fn.emitError("batched solvers are lowered by "
                                   "--convert-arcdsl-to-gpu, not to the CPU"),
                      signalPassFailure());
    if (failed(lowerFunctionsToLLVM(fns, module.getBody(), module.getLoc())))
      signalPassFailure();
  }
};
} // namespace

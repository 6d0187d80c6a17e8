//===- ArcDslToGPU.cpp - batched solvers to NVVM kernels ------------------===//
//
// Outlines each batched solver's sample loop (`arcdsl.batch.map`) into its
// per-sample function, moves every function into `gpu.module
// @arcdsl_kernels` (lowered exactly as for the CPU) and adds the kernel
// `arcdsl_dispatch` as a gpu.func, which runs whole batches of (program,
// input) samples: each thread takes samples until none is left, unpacks a
// sample's input into its arena, runs the sample's program (an
// scf.index_switch over the batched solvers, in module order) and packs the
// result (see Passes.td for the kernel ABI).
//===----------------------------------------------------------------------===//

#include "ArcDsl/Conversion/ArcDslToLLVM.h"
#include "ArcDsl/Conversion/Passes.h"
#include "ArcDsl/Primitives/ABI.h"

#include "ArcDsl/Dialect/ArcDsl/ArcDslOps.h"

#include "mlir/Conversion/ArithToLLVM/ArithToLLVM.h"
#include "mlir/Conversion/ControlFlowToLLVM/ControlFlowToLLVM.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/LLVMIR/NVVMDialect.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/SymbolTable.h"

namespace arcdsl {
#define GEN_PASS_DEF_CONVERTARCDSLTOGPU
#include "ArcDsl/Conversion/Passes.h.inc"
} // namespace arcdsl

using namespace mlir;
using namespace arcdsl;

namespace {

LLVM::LLVMFuncOp declare(OpBuilder &b, gpu::GPUModuleOp m, StringRef name,
                         Type result, ArrayRef<Type> args) {
  if (auto f = m.lookupSymbol<LLVM::LLVMFuncOp>(name))
    return f;
  OpBuilder::InsertionGuard g(b);
  b.setInsertionPointToStart(m.getBody());
  return LLVM::LLVMFuncOp::create(b, m.getLoc(), name,
                                  LLVM::LLVMFunctionType::get(result, args));
}

/// The sample loop of batched solver `fn` (its `arcdsl.batch.map`) as the
/// per-sample function `<fn>__impl(T) -> R`: the loop's region, whose
/// yield becomes the return. The batched function itself goes.
func::FuncOp outlineSampleLoop(OpBuilder &b, func::FuncOp fn) {
  BatchMapOp loop;
  fn.walk([&](BatchMapOp m) { loop = m; });
  if (!loop) {
    fn.emitError("a batched solver without its sample loop "
                 "(arcdsl.batch.map): run --batchify");
    return {};
  }
  Block *sample = &loop.getBody().front();
  auto yield = cast<BatchYieldOp>(sample->getTerminator());
  OpBuilder::InsertionGuard g(b);
  b.setInsertionPoint(fn);
  auto impl = func::FuncOp::create(
      b, fn.getLoc(), (fn.getSymName() + "__impl").str(),
      b.getFunctionType({sample->getArgument(0).getType()},
                        {yield.getValue().getType()}));
  impl.setPrivate();
  impl->setAttr("arcdsl.specialized", b.getUnitAttr());
  impl.getBody().takeBody(loop.getBody());
  b.setInsertionPoint(yield);
  func::ReturnOp::create(b, yield.getLoc(), yield.getValue());
  yield.erase();
  fn.erase();
  return impl;
}

/// kernel arcdsl_dispatch(ArcBatch *b), in the gpu dialect: every thread
/// takes samples until none is left and runs sample i's program (case k of
/// an scf.index_switch calls impls[k]) on its input; see ArcBatch in
/// Primitives/Hof.h. gpu-lower lowers it with the upstream scf -> cf and
/// gpu -> nvvm conversions.
void buildDispatch(OpBuilder &b, gpu::GPUModuleOp m,
                   ArrayRef<LLVM::LLVMFuncOp> impls, Location loc) {
  MLIRContext *ctx = b.getContext();
  Type i64 = b.getI64Type(), i8 = b.getI8Type();
  Type ptr = LLVM::LLVMPointerType::get(ctx);
  Type voidTy = LLVM::LLVMVoidType::get(ctx);
  auto next = declare(b, m, "arcdsl_rt_batch_next", i64, {ptr, ptr, i64});
  auto program = declare(b, m, "arcdsl_rt_batch_program", i64, {ptr, i64});
  auto input = declare(b, m, "arcdsl_rt_batch_input", i64, {ptr, ptr, i64});
  auto finish =
      declare(b, m, "arcdsl_rt_batch_finish", voidTy, {ptr, ptr, i64, i64});
  auto failFn = declare(b, m, "arcdsl_rt_fail", voidTy, {ptr, i64});
  auto i64Const = [&](int64_t v) {
    return LLVM::ConstantOp::create(b, loc, i64, b.getI64IntegerAttr(v));
  };

  b.setInsertionPointToEnd(m.getBody());
  auto kernel = gpu::GPUFuncOp::create(b, loc, "arcdsl_dispatch",
                                       b.getFunctionType({ptr}, {}));
  kernel->setAttr(gpu::GPUDialect::getKernelFuncAttrName(), b.getUnitAttr());
  Block &entry = kernel.getBody().front();
  b.setInsertionPointToStart(&entry);
  Value batch = entry.getArgument(0);
  auto ctxTy = LLVM::LLVMArrayType::get(i8, abi::kCtxBytes);
  Value c = LLVM::AllocaOp::create(b, loc, ptr, ctxTy, i64Const(1),
                                   /*alignment=*/8);
  Value tid = gpu::ThreadIdOp::create(b, loc, gpu::Dimension::x);
  Value bid = gpu::BlockIdOp::create(b, loc, gpu::Dimension::x);
  Value bdim = gpu::BlockDimOp::create(b, loc, gpu::Dimension::x);
  Value slot = arith::IndexCastOp::create(
      b, loc, i64,
      arith::AddIOp::create(b, loc, arith::MulIOp::create(b, loc, bid, bdim),
                            tid));

  // while ((i = next(b, c, slot)) >= 0) run sample i
  auto loop = scf::WhileOp::create(b, loc, TypeRange{i64}, ValueRange{});
  Block *before = b.createBlock(&loop.getBefore());
  b.setInsertionPointToEnd(before);
  Value i = LLVM::CallOp::create(b, loc, next, ValueRange{batch, c, slot})
                .getResult();
  Value more = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::sge, i,
                                     i64Const(0));
  scf::ConditionOp::create(b, loc, more, ValueRange{i});
  Block *after = b.createBlock(&loop.getAfter(), {}, {i64}, {loc});
  b.setInsertionPointToEnd(after);
  Value sample = after->getArgument(0);
  Value p = LLVM::CallOp::create(b, loc, program, ValueRange{batch, sample})
                .getResult();
  Value in = LLVM::CallOp::create(b, loc, input, ValueRange{batch, c, sample})
                 .getResult();
  SmallVector<int64_t> cases;
  for (size_t k = 0; k < impls.size(); ++k)
    cases.push_back((int64_t)k);
  auto which = scf::IndexSwitchOp::create(
      b, loc, TypeRange{i64}, arith::IndexCastOp::create(b, loc, b.getIndexType(), p),
      cases, cases.size());
  for (auto [k, impl] : llvm::enumerate(impls)) {
    OpBuilder::InsertionGuard g(b);
    b.createBlock(&which.getCaseRegions()[k]);
    Value r = LLVM::CallOp::create(b, loc, impl, ValueRange{c, in}).getResult();
    scf::YieldOp::create(b, loc, r);
  }
  {
    OpBuilder::InsertionGuard g(b);
    b.createBlock(&which.getDefaultRegion());
    LLVM::CallOp::create(b, loc, failFn,
                         ValueRange{c, i64Const(ERR_UNSUPPORTED)});
    scf::YieldOp::create(b, loc, ValueRange{i64Const((int64_t)abi::kErr)});
  }
  LLVM::CallOp::create(b, loc, finish,
                       ValueRange{batch, c, sample, which.getResult(0)});
  scf::YieldOp::create(b, loc, ValueRange{});
  b.setInsertionPointAfter(loop);
  gpu::ReturnOp::create(b, loc);
}

struct ConvertArcDslToGPUPass
    : public arcdsl::impl::ConvertArcDslToGPUBase<ConvertArcDslToGPUPass> {
  /// The kernel's arith and cf ops are lowered by convert-gpu-to-nvvm
  /// through their dialects' ConvertToLLVM interfaces: registered here, so
  /// the gpu-lower pipeline works in any context.
  void getDependentDialects(DialectRegistry &registry) const override {
    ConvertArcDslToGPUBase::getDependentDialects(registry);
    arith::registerConvertArithToLLVMInterface(registry);
    cf::registerConvertControlFlowToLLVMInterface(registry);
  }

  void runOnOperation() override {
    ModuleOp module = getOperation();
    MLIRContext *ctx = &getContext();
    OpBuilder b(ctx);
    // The batched solvers in module order: the dispatch kernel's program k.
    SmallVector<func::FuncOp> batched;
    for (func::FuncOp fn : module.getOps<func::FuncOp>())
      if (fn->hasAttr("arcdsl.batched"))
        batched.push_back(fn);
    if (batched.empty() && !module.getOps<func::FuncOp>().empty()) {
      module.emitError("no batched solver to outline: run --batchify first");
      return signalPassFailure();
    }
    SmallVector<std::string> solvers;
    for (func::FuncOp fn : batched) {
      solvers.push_back(fn.getSymName().str());
      if (!outlineSampleLoop(b, fn))
        return signalPassFailure();
    }
    SmallVector<func::FuncOp> fns(module.getOps<func::FuncOp>());
    module->setAttr(gpu::GPUDialect::getContainerModuleAttrName(),
                    b.getUnitAttr());
    b.setInsertionPointToEnd(module.getBody());
    auto gm = gpu::GPUModuleOp::create(b, module.getLoc(), "arcdsl_kernels");
    if (failed(lowerFunctionsToLLVM(fns, gm.getBody(), module.getLoc())))
      return signalPassFailure();
    // Device functions: internal, so the library and solver code inline
    // into the kernels and unused code is dropped.
    for (auto f : gm.getOps<LLVM::LLVMFuncOp>())
      if (!f.isExternal())
        f.setLinkage(LLVM::Linkage::Internal);
    SymbolTable symbols(gm);
    SmallVector<LLVM::LLVMFuncOp> impls;
    SmallVector<Attribute> order;
    for (const std::string &name : solvers) {
      impls.push_back(symbols.lookup<LLVM::LLVMFuncOp>(name + "__impl"));
      order.push_back(b.getStringAttr(name));
    }
    // One kernel for whole batches of (program, input) samples; program k
    // is the k-th batched solver of the module, listed in `arcdsl.dispatch`
    // (on the gpu.module, and on the module, where it outlives the
    // gpu.module's serialization for the runtime's bundle).
    if (!impls.empty()) {
      buildDispatch(b, gm, impls, module.getLoc());
      gm->setAttr("arcdsl.dispatch", b.getArrayAttr(order));
      module->setAttr("arcdsl.dispatch", b.getArrayAttr(order));
    }
  }
};

} // namespace

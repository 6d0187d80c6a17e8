//===- ArcDslToGPU.cpp - batched solvers to NVVM kernels ------------------===//
//
// Moves every function into `gpu.module @arcdsl_kernels` (lowered exactly as
// for the CPU) and wraps each batched solver in a one-thread-per-sample
// kernel that unpacks the sample's input into its arena, runs the solver and
// packs the result (see Passes.td for the kernel ABI).
//===----------------------------------------------------------------------===//

#include "ArcDsl/Conversion/ArcDslToLLVM.h"
#include "ArcDsl/Conversion/Passes.h"
#include "ArcDsl/Primitives/Value.h"

#include "mlir/Dialect/GPU/IR/GPUDialect.h"
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

/// kernel S(ctxs, in, inOffsets, out, outBytes, n) around S__impl.
void buildKernel(OpBuilder &b, gpu::GPUModuleOp m, StringRef name,
                 LLVM::LLVMFuncOp impl, Location loc) {
  MLIRContext *ctx = b.getContext();
  Type i64 = b.getI64Type(), i32 = b.getI32Type(), i8 = b.getI8Type();
  Type ptr = LLVM::LLVMPointerType::get(ctx);
  Type voidTy = LLVM::LLVMVoidType::get(ctx);
  auto unpack = declare(b, m, "arcdsl_rt_unpack", i64, {ptr, ptr});
  auto pack = declare(b, m, "arcdsl_rt_pack", i64, {ptr, i64, ptr, i64});

  b.setInsertionPointToEnd(m.getBody());
  auto kernel = LLVM::LLVMFuncOp::create(
      b, loc, name,
      LLVM::LLVMFunctionType::get(voidTy, {ptr, ptr, ptr, ptr, i64, i64}));
  kernel->setAttr(NVVM::NVVMDialect::getKernelFuncAttrName(), b.getUnitAttr());
  Block *entry = kernel.addEntryBlock(b);
  Block *work = &kernel.getBody().emplaceBlock();
  Block *done = &kernel.getBody().emplaceBlock();
  b.setInsertionPointToEnd(entry);
  Value ctxs = entry->getArgument(0), in = entry->getArgument(1),
        offs = entry->getArgument(2), out = entry->getArgument(3),
        outBytes = entry->getArgument(4), n = entry->getArgument(5);
  Value tid = NVVM::ThreadIdXOp::create(b, loc, i32);
  Value bid = NVVM::BlockIdXOp::create(b, loc, i32);
  Value bdim = NVVM::BlockDimXOp::create(b, loc, i32);
  Value idx32 = LLVM::AddOp::create(b, loc, LLVM::MulOp::create(b, loc, bid, bdim), tid);
  Value i = LLVM::ZExtOp::create(b, loc, i64, idx32);
  Value inRange = LLVM::ICmpOp::create(b, loc, LLVM::ICmpPredicate::slt, i, n);
  LLVM::CondBrOp::create(b, loc, inRange, work, done);

  b.setInsertionPointToEnd(work);
  auto ctxTy = LLVM::LLVMArrayType::get(i8, sizeof(ArcCtx));
  Value c = LLVM::GEPOp::create(b, loc, ptr, ctxTy, ctxs, ArrayRef<LLVM::GEPArg>{i});
  Value offP = LLVM::GEPOp::create(b, loc, ptr, i64, offs, ArrayRef<LLVM::GEPArg>{i});
  Value off = LLVM::LoadOp::create(b, loc, i64, offP);
  Value src = LLVM::GEPOp::create(b, loc, ptr, i8, in, ArrayRef<LLVM::GEPArg>{off});
  Value input = LLVM::CallOp::create(b, loc, unpack, ValueRange{c, src}).getResult();
  Value result = LLVM::CallOp::create(b, loc, impl, ValueRange{c, input}).getResult();
  Value dstOff = LLVM::MulOp::create(b, loc, i, outBytes);
  Value dst = LLVM::GEPOp::create(b, loc, ptr, i8, out, ArrayRef<LLVM::GEPArg>{dstOff});
  LLVM::CallOp::create(b, loc, pack, ValueRange{c, result, dst, outBytes});
  LLVM::BrOp::create(b, loc, ValueRange{}, done);

  b.setInsertionPointToEnd(done);
  LLVM::ReturnOp::create(b, loc, ValueRange{});
}

struct ConvertArcDslToGPUPass
    : public arcdsl::impl::ConvertArcDslToGPUBase<ConvertArcDslToGPUPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    MLIRContext *ctx = &getContext();
    SmallVector<func::FuncOp> fns(module.getOps<func::FuncOp>());
    SmallVector<std::string> solvers;
    for (func::FuncOp fn : fns)
      if (fn->hasAttr("arcdsl.batched"))
        solvers.push_back(fn.getSymName().str());
    if (solvers.empty() && !fns.empty()) {
      module.emitError("no batched solver to outline: run --batchify first");
      return signalPassFailure();
    }
    OpBuilder b(ctx);
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
    for (const std::string &name : solvers) {
      auto impl = symbols.lookup<LLVM::LLVMFuncOp>(name);
      if (failed(symbols.rename(impl, name + "__impl")))
        return signalPassFailure();
      buildKernel(b, gm, name, impl, impl.getLoc());
    }
  }
};

} // namespace

//===- ArcDslToGPU.cpp - batched solvers to NVVM kernels ------------------===//
//
// Moves every function into `gpu.module @arcdsl_kernels` (lowered exactly as
// for the CPU) and adds the kernel `arcdsl_dispatch`, which runs whole
// batches of (program, input) samples: each thread takes samples until none
// is left, unpacks a sample's input into its arena, runs the sample's
// program (a switch over the batched solvers) and packs the result (see
// Passes.td for the kernel ABI).
//===----------------------------------------------------------------------===//

#include "ArcDsl/Conversion/ArcDslToLLVM.h"
#include "ArcDsl/Conversion/Passes.h"
#include "ArcDsl/Primitives/ABI.h"

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

/// kernel arcdsl_dispatch(ArcBatch *b): every thread takes samples until
/// none is left and runs sample i's program (case k of a switch calls
/// impls[k]) on its input; see ArcBatch in Primitives/Hof.h.
void buildDispatch(OpBuilder &b, gpu::GPUModuleOp m,
                   ArrayRef<LLVM::LLVMFuncOp> impls, Location loc) {
  MLIRContext *ctx = b.getContext();
  Type i64 = b.getI64Type(), i32 = b.getI32Type(), i8 = b.getI8Type();
  Type ptr = LLVM::LLVMPointerType::get(ctx);
  Type voidTy = LLVM::LLVMVoidType::get(ctx);
  auto next = declare(b, m, "arcdsl_rt_batch_next", i64, {ptr, ptr, i64});
  auto program = declare(b, m, "arcdsl_rt_batch_program", i64, {ptr, i64});
  auto input = declare(b, m, "arcdsl_rt_batch_input", i64, {ptr, ptr, i64});
  auto finish =
      declare(b, m, "arcdsl_rt_batch_finish", voidTy, {ptr, ptr, i64, i64});
  auto failFn = declare(b, m, "arcdsl_rt_fail", voidTy, {ptr, i64});

  b.setInsertionPointToEnd(m.getBody());
  auto kernel = LLVM::LLVMFuncOp::create(
      b, loc, "arcdsl_dispatch", LLVM::LLVMFunctionType::get(voidTy, {ptr}));
  kernel->setAttr(NVVM::NVVMDialect::getKernelFuncAttrName(), b.getUnitAttr());
  Region &body = kernel.getBody();
  Block *entry = kernel.addEntryBlock(b);
  Block *loop = &body.emplaceBlock();
  Block *work = &body.emplaceBlock();
  Block *join = &body.emplaceBlock();
  join->addArgument(i64, loc);
  Block *unknown = &body.emplaceBlock();
  Block *done = &body.emplaceBlock();

  b.setInsertionPointToEnd(entry);
  Value batch = entry->getArgument(0);
  Value one = LLVM::ConstantOp::create(b, loc, i64, b.getI64IntegerAttr(1));
  auto ctxTy = LLVM::LLVMArrayType::get(i8, abi::kCtxBytes);
  Value c = LLVM::AllocaOp::create(b, loc, ptr, ctxTy, one, /*alignment=*/8);
  Value tid = NVVM::ThreadIdXOp::create(b, loc, i32);
  Value bid = NVVM::BlockIdXOp::create(b, loc, i32);
  Value bdim = NVVM::BlockDimXOp::create(b, loc, i32);
  Value slot = LLVM::ZExtOp::create(
      b, loc, i64,
      LLVM::AddOp::create(b, loc, LLVM::MulOp::create(b, loc, bid, bdim),
                          tid));
  LLVM::BrOp::create(b, loc, ValueRange{}, loop);

  b.setInsertionPointToEnd(loop);
  Value i = LLVM::CallOp::create(b, loc, next, ValueRange{batch, c, slot})
                .getResult();
  Value zero = LLVM::ConstantOp::create(b, loc, i64, b.getI64IntegerAttr(0));
  Value none = LLVM::ICmpOp::create(b, loc, LLVM::ICmpPredicate::slt, i, zero);
  LLVM::CondBrOp::create(b, loc, none, done, work);

  b.setInsertionPointToEnd(work);
  Value p = LLVM::CallOp::create(b, loc, program, ValueRange{batch, i})
                .getResult();
  Value in = LLVM::CallOp::create(b, loc, input, ValueRange{batch, c, i})
                 .getResult();
  SmallVector<int32_t> caseValues;
  SmallVector<Block *> caseBlocks;
  for (auto [k, impl] : llvm::enumerate(impls)) {
    Block *blk = &body.emplaceBlock();
    caseValues.push_back((int32_t)k);
    caseBlocks.push_back(blk);
    OpBuilder::InsertionGuard g(b);
    b.setInsertionPointToEnd(blk);
    Value r = LLVM::CallOp::create(b, loc, impl, ValueRange{c, in}).getResult();
    LLVM::BrOp::create(b, loc, ValueRange{r}, join);
  }
  SmallVector<ValueRange> caseOperands(caseBlocks.size(), ValueRange{});
  LLVM::SwitchOp::create(b, loc, LLVM::TruncOp::create(b, loc, i32, p),
                         unknown, ValueRange{}, caseValues, caseBlocks,
                         caseOperands);

  b.setInsertionPointToEnd(unknown);
  LLVM::CallOp::create(
      b, loc, failFn,
      ValueRange{c, LLVM::ConstantOp::create(b, loc, i64,
                                             b.getI64IntegerAttr(ERR_UNSUPPORTED))});
  Value err = LLVM::ConstantOp::create(b, loc, i64,
                                       b.getI64IntegerAttr((int64_t)abi::kErr));
  LLVM::BrOp::create(b, loc, ValueRange{err}, join);

  b.setInsertionPointToEnd(join);
  LLVM::CallOp::create(b, loc, finish,
                       ValueRange{batch, c, i, join->getArgument(0)});
  LLVM::BrOp::create(b, loc, ValueRange{}, loop);

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
    llvm::sort(solvers);
    SmallVector<LLVM::LLVMFuncOp> impls;
    SmallVector<Attribute> order;
    for (const std::string &name : solvers) {
      auto impl = symbols.lookup<LLVM::LLVMFuncOp>(name);
      if (failed(symbols.rename(impl, name + "__impl")))
        return signalPassFailure();
      impls.push_back(impl);
      order.push_back(b.getStringAttr(name));
    }
    // One kernel for whole batches of (program, input) samples; program k
    // is the k-th solver by name, listed in `arcdsl.dispatch`.
    if (!impls.empty()) {
      buildDispatch(b, gm, impls, module.getLoc());
      gm->setAttr("arcdsl.dispatch", b.getArrayAttr(order));
    }
  }
};

} // namespace

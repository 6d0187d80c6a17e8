//===- fuzz-pipelines.cpp - import, then the lowering pipelines -----------===//
//
// What imports (ImportInput.h) goes through one of arcdsl-opt's pipelines,
// chosen by the input's last byte:
//   0  arcdsl-compile (specialize-closures, infer-types, canonicalize, cse)
//   1  arcdsl-compile without cse
//   2  arcdsl-to-llvm (arcdsl-compile, convert-arcdsl-to-llvm)
//   3  arcdsl-compile, batchify, convert-arcdsl-to-gpu (the GPU pipeline
//      up to its PTX, which needs the CUDA bitcode: not fuzzed)
// One MLIRContext for every input. A pipeline may reject a program (a
// diagnostic); crashes and sanitizer reports are bugs.
//===----------------------------------------------------------------------===//

#include "ImportInput.h"

#include "ArcDsl/Conversion/Passes.h"
#include "ArcDsl/Dialect/ArcDsl/ArcDslDialect.h"
#include "ArcDsl/Dialect/ArcDsl/ArcDslPasses.h"
#include "ArcDsl/Pipelines/Pipelines.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/ControlFlow/IR/ControlFlowOps.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/LLVMIR/NVVMDialect.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Pass/PassManager.h"

namespace {

mlir::MLIRContext &context() {
  static mlir::MLIRContext *ctx = [] {
    mlir::DialectRegistry registry;
    registry.insert<arcdsl::ArcDslDialect, mlir::func::FuncDialect,
                    mlir::arith::ArithDialect, mlir::scf::SCFDialect,
                    mlir::cf::ControlFlowDialect, mlir::LLVM::LLVMDialect,
                    mlir::gpu::GPUDialect, mlir::NVVM::NVVMDialect>();
    auto *c = new mlir::MLIRContext(registry,
                                    mlir::MLIRContext::Threading::DISABLED);
    c->loadAllAvailableDialects();
    return c;
  }();
  return *ctx;
}

void buildPipeline(mlir::PassManager &pm, unsigned which) {
  arcdsl::CompilePipelineOptions options;
  switch (which) {
  case 0:
    arcdsl::buildCompilePipeline(pm, options);
    break;
  case 1:
    options.cse = false;
    arcdsl::buildCompilePipeline(pm, options);
    break;
  case 2:
    arcdsl::buildCpuPipeline(pm, options);
    break;
  default:
    arcdsl::buildCompilePipeline(pm, options);
    pm.addPass(arcdsl::createBatchify());
    pm.addPass(arcdsl::createConvertArcDslToGPU());
    break;
  }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 2)
    return 0;
  mlir::MLIRContext &ctx = context();
  arcdsl::ImportResult r = arcdsl::fuzz::importInput(ctx, data, size - 1);
  if (!r.module)
    return 0;
  mlir::ScopedDiagnosticHandler quiet(
      &ctx, [](mlir::Diagnostic &) { return mlir::success(); });
  mlir::PassManager pm(&ctx);
  buildPipeline(pm, data[size - 1] & 3);
  (void)pm.run(*r.module);
  return 0;
}

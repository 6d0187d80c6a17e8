//===- Passes.td - ArcDsl conversion passes ----------------*- tablegen -*-===//
#ifndef ARCDSL_CONVERSION_PASSES_TD
#define ARCDSL_CONVERSION_PASSES_TD

include "mlir/Pass/PassBase.td"

def ConvertArcDslToLLVM : Pass<"convert-arcdsl-to-llvm", "mlir::ModuleOp"> {
  let summary = "Lower specialized ArcDsl to the LLVM dialect";
  let description = [{
    Every ArcDsl value becomes an i64 tagged word (see
    include/ArcDsl/Primitives/Value.h); every function gets a leading
    `!llvm.ptr` context argument; a first-order primitive becomes a call of
    `arcdsl_prim_<name>` in the primitive library; `arcdsl.hof` becomes a
    loop over the container calling the specialized functions directly and
    the runtime helpers `arcdsl_rt_*`. Requires closure specialization.
  }];
  let dependentDialects = ["mlir::LLVM::LLVMDialect", "mlir::scf::SCFDialect",
                           "mlir::arith::ArithDialect",
                           "mlir::cf::ControlFlowDialect",
                           "mlir::func::FuncDialect"];
}

def ConvertArcDslToGPU : Pass<"convert-arcdsl-to-gpu", "mlir::ModuleOp"> {
  let summary = "Outline batched solvers into a gpu.module of NVVM kernels";
  let description = [{
    Every function goes into `gpu.module @arcdsl_kernels` as LLVM dialect
    (the same code as the CPU lowering). Each batched solver `S` (from
    --batchify) becomes the kernel `S` (`nvvm.kernel`), one thread per
    sample:

      S(ArcCtx *ctxs, const uint8_t *in, const int64_t *inOffsets,
        uint8_t *out, int64_t outBytes, int64_t n)

    Thread i unpacks its input image `in + inOffsets[i]` into its own arena
    (`ctxs[i]`), runs the solver, and packs the result into
    `out + i * outBytes`; its status is `ctxs[i].err`. The primitive library
    is linked in later, as NVPTX bitcode, by nvvm-attach-target (see the
    gpu-lower pipeline).
  }];
  let dependentDialects = ["mlir::LLVM::LLVMDialect", "mlir::gpu::GPUDialect",
                           "mlir::NVVM::NVVMDialect"];
}

#endif // ARCDSL_CONVERSION_PASSES_TD

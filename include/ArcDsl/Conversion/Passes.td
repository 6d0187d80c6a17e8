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
  let summary = "Outline batched solvers' sample loops into a gpu.module "
                "with one dispatch kernel";
  let description = [{
    Each batched solver's sample loop (`arcdsl.batch.map`, from --batchify)
    becomes its per-sample function `S__impl`; every function goes into
    `gpu.module @arcdsl_kernels` as LLVM dialect (the same code as the CPU
    lowering), and one kernel, a `gpu.func`, runs them all over a batch of
    (program, input) samples:

      gpu.func @arcdsl_dispatch(%batch: !llvm.ptr) kernel

    (`ArcBatch` in Primitives/Hof.h: per-thread arenas, input images, each
    sample's program and input, a sample counter, a result heap, per-sample
    status/work/result). Each thread takes the next sample from the counter
    until none is left (an scf.while): it sets up its context on its own
    arena, unpacks the sample's input, runs program k (case k of an
    scf.index_switch; k is the solver's place among the module's batched
    solvers, listed in `arcdsl.dispatch` on the gpu.module and the module),
    packs the result into the heap and records its status. The gpu-lower
    pipeline lowers the kernel with the upstream scf -> cf and gpu -> nvvm
    conversions and links the primitive library (as NVPTX bitcode, or at
    load time as PTX or SASS).
  }];
  // The functions are lowered by the CPU conversion's patterns, which
  // create scf/arith/cf ops: their dialects must be loaded here too.
  let dependentDialects = ["mlir::LLVM::LLVMDialect", "mlir::gpu::GPUDialect",
                           "mlir::NVVM::NVVMDialect", "mlir::scf::SCFDialect",
                           "mlir::arith::ArithDialect",
                           "mlir::cf::ControlFlowDialect",
                           "mlir::func::FuncDialect"];
}

#endif // ARCDSL_CONVERSION_PASSES_TD

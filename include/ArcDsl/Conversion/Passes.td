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

#endif // ARCDSL_CONVERSION_PASSES_TD

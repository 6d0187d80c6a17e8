//===- Pipelines.h - named ArcDsl pass pipelines ----------------*- C++ -*-===//
#ifndef ARCDSL_PIPELINES_PIPELINES_H
#define ARCDSL_PIPELINES_PIPELINES_H

#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassOptions.h"

namespace arcdsl {

/// Options of the `arcdsl-compile` pipeline (imported DSL -> specialized,
/// typed ArcDsl).
struct CompilePipelineOptions
    : public mlir::PassPipelineOptions<CompilePipelineOptions> {
  Option<bool> cse{*this, "cse",
                   llvm::cl::desc("merge identical primitive calls"),
                   llvm::cl::init(true)};
};

/// imported ArcDsl -> closure-free, typed ArcDsl:
/// specialize-closures, infer-types, canonicalize, arcdsl-cse.
void buildCompilePipeline(mlir::OpPassManager &pm,
                          const CompilePipelineOptions &options);

/// imported ArcDsl -> LLVM dialect for the CPU backend: the compile
/// pipeline, then convert-arcdsl-to-llvm.
void buildCpuPipeline(mlir::OpPassManager &pm,
                      const CompilePipelineOptions &options);

/// Register `arcdsl-compile` and `arcdsl-to-llvm` with the pass registry.
void registerPipelines();

} // namespace arcdsl

#endif // ARCDSL_PIPELINES_PIPELINES_H

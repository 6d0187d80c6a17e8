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

/// Options of the `gpu-lower` pipeline.
struct GpuLowerOptions : public mlir::PassPipelineOptions<GpuLowerOptions> {
  Option<std::string> chip{
      *this, "chip",
      llvm::cl::desc("GPU architecture: sm_90 (H100, default), sm_89 (L4), "
                     "sm_80 (A100), sm_75 (T4)"),
      llvm::cl::init("sm_90")};
  Option<std::string> features{*this, "features",
                               llvm::cl::desc("PTX features (default +ptx80)"),
                               llvm::cl::init("+ptx80")};
  Option<std::string> bitcode{
      *this, "bitcode",
      llvm::cl::desc("primitive library bitcode to link (default: the one "
                     "built for `chip`)"),
      llvm::cl::init("")};
  Option<bool> separateLibrary{
      *this, "separate-library",
      llvm::cl::desc("do not link the library bitcode: kernels call it as "
                     "extern functions, and the runtime links them with the "
                     "library's own PTX (much faster PTX compilation for "
                     "many solvers)"),
      llvm::cl::init(false)};
  Option<unsigned> optLevel{*this, "opt-level",
                            llvm::cl::desc("LLVM optimization level (0-3)"),
                            llvm::cl::init(3)};
};

/// The primitive library's NVPTX bitcode built for `chip`.
std::string defaultBitcodePath(llvm::StringRef chip);
/// The primitive library's PTX built for `chip` (for separate linking).
std::string defaultLibraryPtxPath(llvm::StringRef chip);
/// The primitive library as relocatable SASS for `chip` (ptxas -c of its
/// PTX; built with the library when the CUDA toolkit is there).
std::string defaultLibraryObjectPath(llvm::StringRef chip);

/// batched ArcDsl -> gpu.binary holding PTX: convert-arcdsl-to-gpu,
/// nvvm-attach-target (linking the primitive library bitcode),
/// gpu-module-to-binary{format=isa}.
void buildGpuLowerPipeline(mlir::OpPassManager &pm,
                           const GpuLowerOptions &options);

/// imported ArcDsl -> gpu.binary: arcdsl-compile, batchify, gpu-lower.
void buildGpuPipeline(mlir::OpPassManager &pm, const GpuLowerOptions &options);

/// Register `arcdsl-compile`, `arcdsl-to-llvm`, `gpu-lower` and `arcdsl-gpu`
/// with the pass registry.
void registerPipelines();

} // namespace arcdsl

#endif // ARCDSL_PIPELINES_PIPELINES_H

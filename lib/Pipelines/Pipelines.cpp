//===- Pipelines.cpp - named ArcDsl pass pipelines ------------------------===//
#include "ArcDsl/Pipelines/Pipelines.h"
#include "ArcDsl/Conversion/Passes.h"
#include "ArcDsl/Dialect/ArcDsl/ArcDslPasses.h"

#include "mlir/Pass/PassRegistry.h"
#include "mlir/Transforms/Passes.h"

using namespace mlir;

void arcdsl::buildCompilePipeline(OpPassManager &pm,
                                  const CompilePipelineOptions &options) {
  pm.addPass(createSpecializeClosures());
  pm.addPass(createInferTypes());
  pm.addPass(createCanonicalizerPass());
  if (options.cse)
    pm.addPass(createPrimCSE());
}

void arcdsl::buildCpuPipeline(OpPassManager &pm,
                              const CompilePipelineOptions &options) {
  buildCompilePipeline(pm, options);
  pm.addPass(createConvertArcDslToLLVM());
}

void arcdsl::registerPipelines() {
  PassPipelineRegistration<CompilePipelineOptions>(
      "arcdsl-compile",
      "imported ArcDsl to closure-free typed ArcDsl (specialize closures, "
      "infer types, canonicalize, CSE)",
      buildCompilePipeline);
  PassPipelineRegistration<CompilePipelineOptions>(
      "arcdsl-to-llvm",
      "imported ArcDsl to the LLVM dialect for the CPU backend",
      buildCpuPipeline);
}

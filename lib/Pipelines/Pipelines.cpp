//===- Pipelines.cpp - named ArcDsl pass pipelines ------------------------===//
#include "ArcDsl/Pipelines/Pipelines.h"
#include "ArcDsl/Conversion/Passes.h"
#include "ArcDsl/Dialect/ArcDsl/ArcDslPasses.h"

#include "mlir/Conversion/GPUToNVVM/GPUToNVVMPass.h"
#include "mlir/Conversion/ReconcileUnrealizedCasts/ReconcileUnrealizedCasts.h"
#include "mlir/Conversion/SCFToControlFlow/SCFToControlFlow.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/GPU/Transforms/Passes.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Transforms/Passes.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include <cstdlib>
#include <dlfcn.h>

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

// The primitive library's bitcode and PTX lie in ARCDSL_BITCODE_DIR (the
// environment's), else in lib/ beside the binary holding this code (build/
// bin/../lib for a tool of the build tree, arcdsl/lib for the wheel's core),
// else in the build tree that compiled it.
static std::string primitiveLibraryFile(llvm::StringRef chip,
                                        llvm::StringRef ext) {
  std::string name = ("arcdsl-primitives-" + chip + ext).str();
  if (const char *dir = std::getenv("ARCDSL_BITCODE_DIR"))
    return (llvm::Twine(dir) + "/" + name).str();
  Dl_info info;
  if (dladdr(reinterpret_cast<void *>(&primitiveLibraryFile), &info) &&
      info.dli_fname) {
    llvm::SmallString<256> path(llvm::sys::path::parent_path(info.dli_fname));
    for (llvm::StringRef up : {"", "../lib"}) {
      llvm::SmallString<256> candidate(path);
      llvm::sys::path::append(candidate, up, name);
      if (llvm::sys::fs::exists(candidate))
        return std::string(candidate);
    }
  }
  return (llvm::Twine(ARCDSL_BITCODE_DIR) + "/" + name).str();
}

std::string arcdsl::defaultBitcodePath(llvm::StringRef chip) {
  return primitiveLibraryFile(chip, ".bc");
}

std::string arcdsl::defaultLibraryPtxPath(llvm::StringRef chip) {
  return primitiveLibraryFile(chip, ".ptx");
}

std::string arcdsl::defaultLibraryObjectPath(llvm::StringRef chip) {
  return primitiveLibraryFile(chip, ".o");
}

void arcdsl::buildGpuLowerPipeline(OpPassManager &pm,
                                   const GpuLowerOptions &options) {
  pm.addPass(createConvertArcDslToGPU());
  // The dispatch kernel (a gpu.func over scf loops) to NVVM, upstream.
  pm.addNestedPass<gpu::GPUModuleOp>(createSCFToControlFlowPass());
  pm.addNestedPass<gpu::GPUModuleOp>(createConvertGpuOpsToNVVMOps());
  pm.addPass(createReconcileUnrealizedCastsPass());
  GpuNVVMAttachTargetOptions target;
  target.chip = options.chip;
  target.features = options.features;
  target.optLevel = options.optLevel;
  if (!options.separateLibrary)
    target.linkLibs.push_back(options.bitcode.empty()
                                  ? defaultBitcodePath(options.chip)
                                  : std::string(options.bitcode));
  pm.addPass(createGpuNVVMAttachTarget(target));
  GpuModuleToBinaryPassOptions binary;
  binary.compilationTarget = "isa";
  pm.addPass(createGpuModuleToBinaryPass(binary));
}

void arcdsl::buildGpuPipeline(OpPassManager &pm,
                              const GpuLowerOptions &options) {
  buildCompilePipeline(pm, CompilePipelineOptions());
  pm.addPass(createBatchify());
  buildGpuLowerPipeline(pm, options);
}

void arcdsl::registerPipelines() {
  PassPipelineRegistration<GpuLowerOptions>(
      "gpu-lower",
      "batched ArcDsl to a gpu.binary of PTX: the dispatch kernel that runs "
      "any mix of (program, input) samples, linking the primitive "
      "library's NVPTX bitcode",
      buildGpuLowerPipeline);
  PassPipelineRegistration<GpuLowerOptions>(
      "arcdsl-gpu",
      "imported ArcDsl to a gpu.binary: arcdsl-compile, batchify, gpu-lower",
      buildGpuPipeline);
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

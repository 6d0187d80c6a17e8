//===- arcdsl-opt.cpp - ArcDsl optimizer driver ---------------------------===//
//
// mlir-opt for ArcDsl: the ArcDsl dialect and passes, the conversion to LLVM,
// the named pipelines, and the upstream dialects they produce.
//===----------------------------------------------------------------------===//

#include "ArcDsl/Conversion/Passes.h"
#include "ArcDsl/Dialect/ArcDsl/ArcDslDialect.h"
#include "ArcDsl/Dialect/ArcDsl/ArcDslPasses.h"
#include "ArcDsl/Pipelines/Pipelines.h"
#include "ArcDsl/Tools/HideLlvmOptions.h"

#include "mlir/Conversion/ArithToLLVM/ArithToLLVM.h"
#include "mlir/Conversion/ControlFlowToLLVM/ControlFlowToLLVM.h"
#include "mlir/Conversion/Passes.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/ControlFlow/IR/ControlFlowOps.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/GPU/Transforms/Passes.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/LLVMIR/NVVMDialect.h"
#include "mlir/Target/LLVM/NVVM/Target.h"
#include "mlir/Target/LLVMIR/Dialect/Builtin/BuiltinToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Dialect/GPU/GPUToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Dialect/LLVMIR/LLVMToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Dialect/NVVM/NVVMToLLVMIRTranslation.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"
#include "mlir/Transforms/Passes.h"


int main(int argc, char **argv) {
  arcdsl::hideLlvmInternalOptions();
  mlir::registerTransformsPasses();
  mlir::registerGPUPasses();
  // The upstream steps of the gpu-lower pipeline, to run (and test) alone.
  mlir::registerSCFToControlFlowPass();
  mlir::registerConvertGpuOpsToNVVMOps();
  mlir::registerReconcileUnrealizedCastsPass();
  arcdsl::registerArcDslPasses();
  arcdsl::registerArcDslConversionPasses();
  arcdsl::registerPipelines();

  mlir::DialectRegistry registry;
  registry.insert<arcdsl::ArcDslDialect, mlir::func::FuncDialect,
                  mlir::arith::ArithDialect, mlir::scf::SCFDialect,
                  mlir::cf::ControlFlowDialect, mlir::LLVM::LLVMDialect,
                  mlir::gpu::GPUDialect, mlir::NVVM::NVVMDialect>();
  // convert-gpu-to-nvvm lowers arith and cf through these interfaces.
  mlir::arith::registerConvertArithToLLVMInterface(registry);
  mlir::cf::registerConvertControlFlowToLLVMInterface(registry);
  // gpu-module-to-binary translates gpu.module to LLVM IR, then to PTX.
  mlir::NVVM::registerNVVMTargetInterfaceExternalModels(registry);
  mlir::registerBuiltinDialectTranslation(registry);
  mlir::registerLLVMDialectTranslation(registry);
  mlir::registerNVVMDialectTranslation(registry);
  mlir::registerGPUDialectTranslation(registry);
  return mlir::asMainReturnCode(mlir::MlirOptMain(
      argc, argv,
      "arcdsl optimizer driver: the arcdsl dialect's passes "
      "(--arcdsl-specialize-closures,\n--arcdsl-infer-types, --batchify, "
      "...) and pipelines (--arcdsl-compile, --gpu-lower,\n--arcdsl-gpu) "
      "over MLIR files\n\n"
      "Exit codes: 0 the passes ran; 1 an error (bad options, an unreadable "
      "or invalid\ninput, a pass failure, --verify-diagnostics "
      "mismatches).\n",
      registry));
}

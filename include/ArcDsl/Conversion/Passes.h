//===- Passes.h - ArcDsl conversion passes ----------------------*- C++ -*-===//
#ifndef ARCDSL_CONVERSION_PASSES_H
#define ARCDSL_CONVERSION_PASSES_H

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/ControlFlow/IR/ControlFlowOps.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/LLVMIR/NVVMDialect.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/Pass.h"

namespace arcdsl {
#define GEN_PASS_DECL
#include "ArcDsl/Conversion/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "ArcDsl/Conversion/Passes.h.inc"
} // namespace arcdsl

#endif // ARCDSL_CONVERSION_PASSES_H

//===- ArcDslPasses.h - ArcDsl passes ---------------------------*- C++ -*-===//
#ifndef ARCDSL_DIALECT_ARCDSL_ARCDSLPASSES_H
#define ARCDSL_DIALECT_ARCDSL_ARCDSLPASSES_H

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/Pass.h"

namespace arcdsl {
#define GEN_PASS_DECL
#include "ArcDsl/Dialect/ArcDsl/ArcDslPasses.h.inc"

#define GEN_PASS_REGISTRATION
#include "ArcDsl/Dialect/ArcDsl/ArcDslPasses.h.inc"
} // namespace arcdsl

#endif // ARCDSL_DIALECT_ARCDSL_ARCDSLPASSES_H

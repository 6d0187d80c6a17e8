//===- TokpidjinOps.h - ops of the tokpidjin DSL's functions ----*- C++ -*-===//
//
// `arcdsl.tok.<name>`: a call of one tokpidjin function through its safe
// wrapper (TokpidjinOps.td). TokOpInterface gives its name, arities, safe
// default and on-empty value, which is all the passes use; the op classes
// (TokOp_<name>) are declared in TokpidjinOps.cpp only.
//===----------------------------------------------------------------------===//
#ifndef ARCDSL_DIALECT_ARCDSL_TOKPIDJINOPS_H
#define ARCDSL_DIALECT_ARCDSL_TOKPIDJINOPS_H

#include "ArcDsl/Dialect/ArcDsl/ArcDslOps.h"

namespace arcdsl {
/// The arity check of every tokpidjin op: MinArity..Arity operands.
llvm::LogicalResult verifyTokOp(mlir::Operation *op);
} // namespace arcdsl

#include "ArcDsl/Dialect/ArcDsl/TokpidjinInterfaces.h.inc"

#endif // ARCDSL_DIALECT_ARCDSL_TOKPIDJINOPS_H

//===- ArcDslTypes.h - ArcDsl types -----------------------------*- C++ -*-===//
#ifndef ARCDSL_DIALECT_ARCDSL_ARCDSLTYPES_H
#define ARCDSL_DIALECT_ARCDSL_ARCDSLTYPES_H

#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Types.h"

#define GET_TYPEDEF_CLASSES
#include "ArcDsl/Dialect/ArcDsl/ArcDslTypes.h.inc"

namespace arcdsl {
/// True for every type of the arcdsl dialect.
bool isArcDslType(mlir::Type type);
} // namespace arcdsl

#endif // ARCDSL_DIALECT_ARCDSL_ARCDSLTYPES_H

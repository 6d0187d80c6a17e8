//===- TypeRules.h - typing rules of the ARC-DSL primitives -----*- C++ -*-===//
//
// The static typing of ARC-DSL values: how a declared kind ("Grid",
// "Patch", "Container", ...) maps to a type, which types a kind accepts, and
// the result-type rule of every polymorphic primitive.
//===----------------------------------------------------------------------===//

#ifndef ARCDSL_DIALECT_ARCDSL_TYPERULES_H
#define ARCDSL_DIALECT_ARCDSL_TYPERULES_H

#include "ArcDsl/Dialect/ArcDsl/ArcDslTypes.h"
#include "mlir/IR/MLIRContext.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

namespace arcdsl {

/// The type of a declared kind when it names one concrete type (Grid,
/// Integer, Object, ...), `!arcdsl.fn` for Callable, else `!arcdsl.any`.
mlir::Type declaredResultType(mlir::MLIRContext *ctx, llvm::StringRef kind);

/// False when a value of type `t` can never be a `kind` (an Integer where a
/// Grid is needed, a function where data is needed...). `!arcdsl.any`
/// is accepted everywhere.
bool kindAccepts(llvm::StringRef kind, mlir::Type t);

/// Element type of a container type (a Grid's elements are rows,
/// tuple<int>; a pair's are ints), `!arcdsl.any` when unknown.
mlir::Type elementType(mlir::Type container);

/// Least common type of two types (`!arcdsl.any` when they differ).
mlir::Type joinTypes(mlir::Type a, mlir::Type b);

/// True when `t` contains no `!arcdsl.any`.
bool isConcrete(mlir::Type t);

/// Result type of first-order primitive `prim` (declared result kind
/// `declaredKind`) applied to `args`.
mlir::Type inferPrimResultType(mlir::MLIRContext *ctx, llvm::StringRef prim,
                               llvm::StringRef declaredKind,
                               llvm::ArrayRef<mlir::Type> args);

/// Result type of higher-order primitive `prim` whose function returns
/// `fnResult`, applied to the data operands `args` (function operands
/// removed).
mlir::Type inferHofResultType(mlir::MLIRContext *ctx, llvm::StringRef prim,
                              mlir::Type fnResult,
                              llvm::ArrayRef<mlir::Type> args);

} // namespace arcdsl

#endif // ARCDSL_DIALECT_ARCDSL_TYPERULES_H

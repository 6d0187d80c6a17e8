//===- TypeRules.h - typing rules of the ARC-DSL primitives -----*- C++ -*-===//
//
// The static typing of ARC-DSL values: the vocabulary of the result-type
// rules of ArcDslPrimitives.td and ArcDslHofOps.td. Which types a kind
// accepts, and the type a result of that kind is declared as, is
// ArcDslKinds.td's.
//===----------------------------------------------------------------------===//

#ifndef ARCDSL_DIALECT_ARCDSL_TYPERULES_H
#define ARCDSL_DIALECT_ARCDSL_TYPERULES_H

#include "ArcDsl/Dialect/ArcDsl/ArcDslTypes.h"
#include "mlir/IR/MLIRContext.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "mlir/IR/TypeRange.h"

namespace arcdsl {

/// Element type of a container type (a Grid's elements are rows,
/// tuple<int>; a pair's are ints), `!arcdsl.any` when unknown.
mlir::Type elementType(mlir::Type container);

/// Least common type of two types (`!arcdsl.any` when they differ).
mlir::Type joinTypes(mlir::Type a, mlir::Type b);

/// True when `t` contains no `!arcdsl.any`.
bool isConcrete(mlir::Type t);

/// The vocabulary of the result-type rules of ArcDslPrimitives.td: each
/// primitive op's `inferResultType` (and so its InferTypeOpInterface) is
/// a class derived from this one whose `eval()` is the primitive's rule.
class TypeRule {
public:
  TypeRule(mlir::MLIRContext *ctx, mlir::TypeRange args, llvm::StringRef prim,
           llvm::ArrayRef<llvm::StringLiteral> paramKinds,
           mlir::Type declaredResult)
      : ctx(ctx), args(args), prim(prim), paramKinds(paramKinds),
        declaredResult(declaredResult) {}

protected:
  /// Type of operand `i` (`!arcdsl.any` when absent).
  mlir::Type arg(unsigned i) const;
  /// Element type of operand `i`.
  mlir::Type elem(unsigned i) const;
  mlir::Type setOf(mlir::Type t) const;
  mlir::Type tupleOf(mlir::Type t) const;
  /// Python's (a, b): a pair of ints is an IntegerTuple, (int, pair) a
  /// Cell, two equal types a tuple, else a product.
  mlir::Type pairOf(mlir::Type a, mlir::Type b) const;
  /// Integer or pair arithmetic over all operands: a pair wins.
  mlir::Type numeric() const;
  mlir::Type join(mlir::Type a, mlir::Type b) const { return joinTypes(a, b); }
  /// `a` unless it is unknown, else `b`.
  mlir::Type knownOf(mlir::Type a, mlir::Type b) const;
  /// type(containers)(e for c in containers for e in c)
  mlir::Type mergeOf(mlir::Type containers) const;
  mlir::Type intT() const;
  mlir::Type gridT() const;
  /// A higher-order primitive before specialization: its function's result
  /// is unknown (inferHofResultType over the data operands).
  mlir::Type hof() const;
  /// The type of the declared result kind (ArcDslKinds.td).
  mlir::Type declared() const { return declaredResult; }

private:
  mlir::MLIRContext *ctx;
  mlir::TypeRange args;
  llvm::StringRef prim;
  llvm::ArrayRef<llvm::StringLiteral> paramKinds;
  mlir::Type declaredResult;
};

/// The vocabulary of the result-type rules of ArcDslHofOps.td: a
/// higher-order op's rule sees its data operands (`arg`, `elem`) and the
/// result type of its callee(s), `fn()`.
class HofTypeRule : public TypeRule {
public:
  HofTypeRule(mlir::MLIRContext *ctx, mlir::Type fnResult, mlir::TypeRange data)
      : TypeRule(ctx, data, "", {}, AnyType::get(ctx)), fnResult(fnResult) {}

protected:
  mlir::Type fn() const { return fnResult; }
  /// `type(like)(...)` with elements `elem`: a frozenset for a set, a tuple
  /// for any tuple-like, else unknown.
  mlir::Type sameContainer(mlir::Type like, mlir::Type elem) const;

private:
  mlir::Type fnResult;
};

/// Whether a primitive op's result type `actual` is compatible with the type
/// its rule infers: the same type; or one not inferred yet (`!arcdsl.any`
/// on either side, as the importer and closure specialization build calls);
/// or the declared kind's type (the importer's); or a function value (a
/// called result); or a batch (--batchify).
bool isCompatibleResultType(mlir::TypeRange inferred, mlir::TypeRange actual,
                            mlir::Type declared);

/// Result type of higher-order primitive `prim` whose function returns
/// `fnResult`, applied to the data operands `args` (function operands
/// removed): the rule of its `arcdsl.hof.<prim>` op, `!arcdsl.any` for a
/// primitive without one (rapply).
mlir::Type inferHofResultType(mlir::MLIRContext *ctx, llvm::StringRef prim,
                              mlir::Type fnResult,
                              llvm::ArrayRef<mlir::Type> args);

} // namespace arcdsl

#endif // ARCDSL_DIALECT_ARCDSL_TYPERULES_H

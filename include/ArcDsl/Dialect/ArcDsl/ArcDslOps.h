//===- ArcDslOps.h - ArcDsl operations --------------------------*- C++ -*-===//
#ifndef ARCDSL_DIALECT_ARCDSL_ARCDSLOPS_H
#define ARCDSL_DIALECT_ARCDSL_ARCDSLOPS_H

#include "ArcDsl/Dialect/ArcDsl/ArcDslDialect.h"
#include "ArcDsl/Dialect/ArcDsl/ArcDslTypes.h"
#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/SymbolTable.h"
#include "mlir/Interfaces/CallInterfaces.h"
#include "mlir/Interfaces/InferTypeOpInterface.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "ArcDsl/Dialect/ArcDsl/TypeRules.h"

namespace arcdsl {
/// How a primitive is implemented.
enum class PrimClass { FirstOrder, HigherOrder, Closure };

/// Whether a type fits a parameter kind (ArcDslKinds.td).
using KindPredicate = bool (*)(mlir::Type);
#include "ArcDsl/Dialect/ArcDsl/ArcDslKinds.h.inc"

/// The per-sample error state (ArcCtx::err at run time): what a primitive
/// that raises writes and `arcdsl.status` reads.
struct ErrorStateResource
    : mlir::SideEffects::Resource::Base<ErrorStateResource> {
  llvm::StringRef getName() override { return "arcdsl.error_state"; }
};
/// The function objects closure builders allocate.
struct FunctionObjectResource
    : mlir::SideEffects::Resource::Base<FunctionObjectResource> {
  llvm::StringRef getName() override { return "arcdsl.function_objects"; }
};
} // namespace arcdsl

#include "ArcDsl/Dialect/ArcDsl/ArcDslInterfaces.h.inc"
#include "ArcDsl/Dialect/ArcDsl/ArcDslHofInterfaces.h.inc"

namespace arcdsl {
/// The checks every higher-order op shares (ArcDslHofOps.cpp).
llvm::LogicalResult verifyHigherOrderOp(HigherOrderOpInterface op);
llvm::LogicalResult
verifyHigherOrderCallees(HigherOrderOpInterface op,
                         mlir::SymbolTableCollection &symbolTable);
} // namespace arcdsl

#define GET_OP_CLASSES
#include "ArcDsl/Dialect/ArcDsl/ArcDsl.h.inc"

namespace arcdsl {
/// Static description of one primitive, collected from the op classes.
struct PrimSignature {
  llvm::StringRef name;
  PrimClass primClass;
  llvm::ArrayRef<llvm::StringLiteral> paramKinds;
  llvm::ArrayRef<llvm::StringLiteral> paramNames;
  llvm::StringRef resultKind;
  llvm::StringRef opName; ///< "arcdsl.<name>"
  /// Per parameter, whether a type fits its kind.
  llvm::ArrayRef<KindPredicate> paramAccepts;
  /// The primitive's result-type rule (its InferTypeOpInterface) applied
  /// to operand types.
  mlir::Type (*inferResultType)(mlir::MLIRContext *, mlir::TypeRange);

  /// Why operands of types `types` cannot be this primitive's ("'rot90'
  /// expects Grid for parameter 'grid' (argument 1), got '!arcdsl.int'"),
  /// or "" when each fits its parameter's kind.
  std::string operandMismatch(mlir::TypeRange types) const;
};
/// The primitive named `name` (Python name), or null.
const PrimSignature *lookupPrimitive(llvm::StringRef name);
/// All 160 primitives in declaration order.
llvm::ArrayRef<PrimSignature> allPrimitives();

/// A call of primitive `prim` on `operands` with result type `result`: its
/// op, or, where an operand's type cannot fit its parameter's kind (the op
/// would not verify), `arcdsl.call_value` of `arcdsl.prim_ref prim`, which
/// runs the same library entry and raises where Python does.
mlir::Value buildPrimitiveCall(mlir::OpBuilder &b, mlir::Location loc,
                               const PrimSignature &prim,
                               mlir::ValueRange operands, mlir::Type result);

/// `arcdsl.hof.<prim>` over `callees` (null when there is no such op).
mlir::Operation *createHigherOrderOp(mlir::OpBuilder &b, mlir::Location loc,
                                     llvm::StringRef prim, mlir::Type result,
                                     mlir::ArrayAttr callees,
                                     mlir::ValueRange captures,
                                     mlir::ValueRange args);

/// Module attribute naming the DSL a module is written in, when it is not
/// Hodel's: "tokpidjin". A call of one of its functions by name is its op
/// (`arcdsl.tok.size_t`, TokpidjinOps.td); as a value it is a `prim_ref`
/// with the prefix "tok." (`arcdsl.prim_ref "tok.size_t"`). Each one's
/// "safe" wrapper is in the library.
constexpr llvm::StringLiteral kDslAttr = "arcdsl.dsl";
/// Module attribute: how the program's frozensets iterate, "python" (stock
/// CPython's hash-table order) or "canonical" (ascending; the default when
/// absent). Lowering makes every function set it in its context at entry.
constexpr llvm::StringLiteral kOrderAttr = "arcdsl.order";
constexpr llvm::StringLiteral kTokPrefix = "tok.";
/// The tokpidjin DSL's function `name` (without the prefix): its index in
/// Tokpidjin.def, or -1.
int lookupTokFunction(llvm::StringRef name);

/// Module attribute of an imported batt: its lines catch errors one by one,
/// so a line that cannot be typed or specialized is not an error of the
/// program: it compiles to `arcdsl.fail "TypeError"` (with a warning).
constexpr llvm::StringLiteral kLenientAttr = "arcdsl.lenient";
inline bool isLenient(mlir::ModuleOp module) {
  return module->hasAttr(kLenientAttr);
}

/// While alive, errors are not reported: the first one's text is kept (how a
/// lenient pass turns a batt line's error into a warning). Other
/// diagnostics go on to the outer handlers.
class CapturedErrors : public mlir::ScopedDiagnosticHandler {
public:
  explicit CapturedErrors(mlir::MLIRContext *ctx)
      : mlir::ScopedDiagnosticHandler(ctx, [this](mlir::Diagnostic &d) {
          if (d.getSeverity() != mlir::DiagnosticSeverity::Error)
            return mlir::failure();
          if (first.empty())
            first = d.str();
          return mlir::success();
        }) {}
  std::string first;
};
} // namespace arcdsl

#endif // ARCDSL_DIALECT_ARCDSL_ARCDSLOPS_H

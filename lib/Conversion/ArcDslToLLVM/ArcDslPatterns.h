//===- ArcDslPatterns.h - ArcDsl to LLVM conversion patterns ----*- C++ -*-===//
//
// The pieces of step 1 of the lowering (ArcDslToLLVM.cpp): the type
// converter, the preparation of each function and the op patterns.
//===----------------------------------------------------------------------===//

#ifndef ARCDSL_LIB_CONVERSION_ARCDSLTOLLVM_PATTERNS_H
#define ARCDSL_LIB_CONVERSION_ARCDSLTOLLVM_PATTERNS_H

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Transforms/DialectConversion.h"
#include "llvm/ADT/StringMap.h"

namespace arcdsl {

/// Every ArcDsl value type (batches included: a batched solver's body runs
/// per sample) is one i64 word; other types stay.
class ArcDslWordConverter : public mlir::TypeConverter {
public:
  explicit ArcDslWordConverter(mlir::MLIRContext *ctx);
};

/// Declarations of the library's entry points in one symbol table (a module
/// or a gpu.module), made on first use.
class LibraryDecls {
public:
  explicit LibraryDecls(mlir::Operation *symbolTable);

  /// `name(ctx, args...) -> result` (a void result when `result` is null).
  mlir::LLVM::LLVMFuncOp get(mlir::OpBuilder &b, llvm::StringRef name,
                             mlir::Type result,
                             llvm::ArrayRef<mlir::Type> args);
  /// A call of `name` with the context first.
  mlir::Value call(mlir::OpBuilder &b, mlir::Location loc,
                   llvm::StringRef name, mlir::Type result, mlir::Value ctx,
                   mlir::ValueRange args);
  /// A call of the run-time helper `arcdsl_rt_<name>` (ABI.h), context first.
  mlir::Value runtime(mlir::OpBuilder &b, mlir::Location loc,
                      const llvm::Twine &name, mlir::Type result,
                      mlir::Value ctx, mlir::ValueRange args);
  /// The callee `fn` of a higher-order op as the library's loops call it
  /// (ArcCallee: ctx, captured values, element words): a private function
  /// `<fn>.thunk<captures>`, made once per callee and number of captured
  /// leading parameters.
  mlir::FlatSymbolRefAttr thunk(mlir::OpBuilder &b, llvm::StringRef fn,
                                unsigned captures, unsigned params);

  mlir::Operation *symbolTable;
  /// Per function with batt lines: its line slot (an i64 alloca, -1 until
  /// a line's uncaught error ends the batt).
  llvm::DenseMap<mlir::Operation *, mlir::Value> lineSlots;

private:
  llvm::StringMap<mlir::LLVM::LLVMFuncOp> decls;
  llvm::StringMap<mlir::func::FuncOp> thunks;
};

/// Before conversion: the context becomes `fn`'s first argument; a private
/// function gets internal linkage; a tokpidjin or Python-order program sets
/// its mode at entry; a batt gets its line slot.
mlir::LogicalResult prepareFunction(mlir::func::FuncOp fn,
                                    LibraryDecls &library);

/// The context argument of the function holding `op`.
mlir::Value contextOf(mlir::Operation *op);

void populateArcDslToLLVMConversionPatterns(ArcDslWordConverter &converter,
                                            mlir::RewritePatternSet &patterns,
                                            LibraryDecls &library);

} // namespace arcdsl

#endif // ARCDSL_LIB_CONVERSION_ARCDSLTOLLVM_PATTERNS_H

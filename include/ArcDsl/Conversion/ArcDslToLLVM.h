//===- ArcDslToLLVM.h - specialized ArcDsl to the LLVM dialect --*- C++ -*-===//
#ifndef ARCDSL_CONVERSION_ARCDSLTOLLVM_H
#define ARCDSL_CONVERSION_ARCDSLTOLLVM_H

#include "mlir/Dialect/Func/IR/FuncOps.h"

namespace arcdsl {

/// Emit every function of `fns` (closure-free ArcDsl) as an `llvm.func`
/// taking the per-sample context pointer first and i64 value words, at the
/// end of `target` (a module body or a gpu.module body), declaring the
/// primitive library and run-time helpers there as needed; erases `fns`.
/// A batched solver (--batchify) becomes the per-sample function of its
/// batch: it returns its result word, the status stays in the context.
mlir::LogicalResult lowerFunctionsToLLVM(llvm::ArrayRef<mlir::func::FuncOp> fns,
                                         mlir::Block *target,
                                         mlir::Location loc);

} // namespace arcdsl

#endif // ARCDSL_CONVERSION_ARCDSLTOLLVM_H

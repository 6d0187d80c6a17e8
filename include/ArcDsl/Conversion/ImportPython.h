//===- ImportPython.h - ARC-DSL solver files to ArcDsl ----------*- C++ -*-===//
//
// Imports the Python subset of ARC-DSL solver files (`def solve_<id>(I):`
// with straight-line `x = prim(args)` lines) into an ArcDsl module, and
// exports such a module back to Python. Also imports batt files
// (`def batt(task_id, S, I, C, log_path):`, generated programs whose lines
// catch errors one by one and record values with `o.append(...)` and
// `s.append(...)`): see docs/batt.md.
//===----------------------------------------------------------------------===//

#ifndef ARCDSL_CONVERSION_IMPORTPYTHON_H
#define ARCDSL_CONVERSION_IMPORTPYTHON_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/raw_ostream.h"

#include <string>

namespace arcdsl {

struct ImportOptions {
  /// After building the module, run type inference on a copy (function
  /// values stay opaque), so ill-typed programs are rejected at import.
  bool checkTypes = true;
  /// Keep going after an error in one function: the function is dropped
  /// (and named in `failedFunctions`), the rest of the module is kept.
  bool keepGoing = false;
  /// Which DSL the file's primitives are: "hodel" (Michael Hodel's
  /// arc-dsl), "tokpidjin" (pierreb4/tokpidjin's extension), or empty to
  /// choose from the file's imports (`from safe_dsl import ...` is
  /// tokpidjin's module).
  std::string dsl;
};

struct ImportResult {
  mlir::OwningOpRef<mlir::ModuleOp> module;
  /// Functions dropped because of an error (keepGoing only), with the message.
  std::vector<std::pair<std::string, std::string>> failedFunctions;
};

/// Import the Python source held by the main buffer of `sourceMgr`.
/// Diagnostics go through the context's diagnostic engine with
/// FILE:line:col locations. Returns a null module on error (unless keepGoing).
ImportResult importPython(llvm::SourceMgr &sourceMgr, mlir::MLIRContext *ctx,
                          const ImportOptions &options = {});

/// Write the module back as a Python solver file.
mlir::LogicalResult exportPython(mlir::ModuleOp module, llvm::raw_ostream &os);

/// Register `--import-arcdsl` and `--export-arcdsl` with mlir-translate.
void registerImportPythonTranslation();
void registerExportPythonTranslation();

/// Names of the DSL's constants (T, F, ZERO, ..., THREE_BY_THREE) with their
/// values: integers/booleans have `isPair` false.
struct DslConstant {
  llvm::StringLiteral name;
  bool isBool, isPair;
  int64_t a, b;
};
llvm::ArrayRef<DslConstant> dslConstants();

} // namespace arcdsl

#endif // ARCDSL_CONVERSION_IMPORTPYTHON_H

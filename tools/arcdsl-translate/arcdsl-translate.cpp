//===- arcdsl-translate.cpp - ArcDsl translation driver -------------------===//
//
// --import-arcdsl: ARC-DSL solver file (Python) -> ArcDsl
// --export-arcdsl: ArcDsl -> Python solver file
//===----------------------------------------------------------------------===//

#include "ArcDsl/Conversion/ImportPython.h"

#include "mlir/Tools/mlir-translate/MlirTranslateMain.h"

#include "llvm/Support/CommandLine.h"

/// Hide LLVM's own options (its code generators' knobs, registered before
/// main runs) from --help; the MLIR driver's options are registered later,
/// inside the main function, and stay listed. --help-hidden lists them all.
static void hideLlvmInternalOptions() {
  for (auto &entry : llvm::cl::getRegisteredOptions()) {
    llvm::StringRef name = entry.first;
    if (name == "help" || name == "help-list" || name == "version" ||
        name.starts_with("help-"))
      continue;
    entry.second->setHiddenFlag(llvm::cl::ReallyHidden);
  }
}

int main(int argc, char **argv) {
  hideLlvmInternalOptions();
  arcdsl::registerImportPythonTranslation();
  arcdsl::registerExportPythonTranslation();
  return mlir::failed(
      mlir::mlirTranslateMain(argc, argv,
                              "arcdsl translation driver\n\n"
                              "  arcdsl-translate --import-arcdsl FILE.py  "
                              "(Python solvers -> arcdsl dialect)\n"
                              "  arcdsl-translate --export-arcdsl FILE.mlir "
                              "(arcdsl dialect -> Python)\n\n"
                              "Exit codes: 0 translated; 1 an error (bad "
                              "options, an unreadable file, a diagnostic at "
                              "FILE:line:col).\n"));
}

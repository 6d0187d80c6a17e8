//===- arcdsl-translate.cpp - ArcDsl translation driver -------------------===//
//
// --import-arcdsl: ARC-DSL solver file (Python) -> ArcDsl
// --export-arcdsl: ArcDsl -> Python solver file
//===----------------------------------------------------------------------===//

#include "ArcDsl/Conversion/ImportPython.h"
#include "ArcDsl/Tools/HideLlvmOptions.h"

#include "mlir/Tools/mlir-translate/MlirTranslateMain.h"

int main(int argc, char **argv) {
  arcdsl::hideLlvmInternalOptions();
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

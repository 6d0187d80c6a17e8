//===- arcdsl-translate.cpp - ArcDsl translation driver -------------------===//
//
// --import-arcdsl: ARC-DSL solver file (Python) -> ArcDsl
// --export-arcdsl: ArcDsl -> Python solver file
//===----------------------------------------------------------------------===//

#include "ArcDsl/Conversion/ImportPython.h"

#include "mlir/Tools/mlir-translate/MlirTranslateMain.h"

int main(int argc, char **argv) {
  arcdsl::registerImportPythonTranslation();
  arcdsl::registerExportPythonTranslation();
  return mlir::failed(
      mlir::mlirTranslateMain(argc, argv, "arcdsl translation driver\n"));
}

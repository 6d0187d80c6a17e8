//===- fuzz-import.cpp - the Python importer on arbitrary bytes -----------===//
//
// Solver files and batts of both DSLs (ImportInput.h says how the first
// byte picks the options): lex, parse, MLIRGen, verify and (unless the
// input turns it off) type inference. A module that imports must verify.
//===----------------------------------------------------------------------===//

#include "ImportInput.h"

#include "mlir/IR/Verifier.h"

#include <cstdio>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static mlir::MLIRContext ctx(mlir::MLIRContext::Threading::DISABLED);
  arcdsl::ImportResult r = arcdsl::fuzz::importInput(ctx, data, size);
  if (r.module && mlir::failed(mlir::verify(*r.module))) {
    fprintf(stderr, "fuzz-import: an imported module does not verify\n");
    abort();
  }
  return 0;
}

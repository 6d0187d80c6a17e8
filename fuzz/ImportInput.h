//===- ImportInput.h - fuzz input -> imported ArcDsl module -----*- C++ -*-===//
//
// Shared by fuzz-import and fuzz-pipelines. The input's first byte chooses
// the import options, the rest is the Python source:
//   bits 0-1  DSL: 0/3 from the file's imports, 1 hodel, 2 tokpidjin
//   bit 2     keepGoing (drop failing functions, keep the rest)
//   bit 3     no type check at import
//   bit 4     wrap the source as a batt's body: prepend
//             `def batt(task_id, S, I, C, log_path):` (the lines must be
//             indented by the input itself)
// Diagnostics are swallowed: errors are expected, crashes are bugs.
//===----------------------------------------------------------------------===//

#ifndef ARCDSL_FUZZ_IMPORTINPUT_H
#define ARCDSL_FUZZ_IMPORTINPUT_H

#include "ArcDsl/Conversion/ImportPython.h"

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/SourceMgr.h"

#include <cstddef>
#include <cstdint>
#include <string>

namespace arcdsl::fuzz {

inline constexpr const char *kBattHeader =
    "def batt(task_id, S, I, C, log_path):\n";

/// Import the fuzz input; a null module when it does not import.
inline ImportResult importInput(mlir::MLIRContext &ctx, const uint8_t *data,
                                size_t size) {
  if (size == 0)
    return {};
  uint8_t mode = data[0];
  ImportOptions options;
  static const char *const dsls[] = {"", "hodel", "tokpidjin", ""};
  options.dsl = dsls[mode & 3];
  options.keepGoing = mode & 4;
  options.checkTypes = !(mode & 8);
  std::string text = (mode & 16) ? kBattHeader : "";
  text.append((const char *)data + 1, size - 1);

  llvm::SourceMgr sourceMgr;
  sourceMgr.AddNewSourceBuffer(
      llvm::MemoryBuffer::getMemBufferCopy(text, "fuzz.py"), llvm::SMLoc());
  mlir::ScopedDiagnosticHandler quiet(
      &ctx, [](mlir::Diagnostic &) { return mlir::success(); });
  return importPython(sourceMgr, &ctx, options);
}

} // namespace arcdsl::fuzz

#endif // ARCDSL_FUZZ_IMPORTINPUT_H

//===- TokpidjinOps.cpp - ops of the tokpidjin DSL's functions ------------===//
//
// The 292 `arcdsl.tok.<name>` ops (TokpidjinOps.td), their arity check, and
// a compile-time check that each op's constants are the library's
// (Tokpidjin.def, generated from the same records by
// utils/gen-primitives-def.py).
//===----------------------------------------------------------------------===//

#include "ArcDsl/Dialect/ArcDsl/TokpidjinOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/OpImplementation.h"

using namespace mlir;
using namespace arcdsl;

#include "ArcDsl/Dialect/ArcDsl/TokpidjinInterfaces.cpp.inc"

#define GET_OP_CLASSES
#include "ArcDsl/Dialect/ArcDsl/TokpidjinOps.h.inc"
#define GET_OP_CLASSES
#include "ArcDsl/Dialect/ArcDsl/TokpidjinOps.cpp.inc"

void ArcDslDialect::registerTokpidjinOps() {
  addOperations<
#define GET_OP_LIST
#include "ArcDsl/Dialect/ArcDsl/TokpidjinOps.cpp.inc"
      >();
}

LogicalResult arcdsl::verifyTokOp(Operation *op) {
  auto tok = cast<TokOpInterface>(op);
  unsigned n = op->getNumOperands(), lo = tok.getMinArity(),
           hi = tok.getArity();
  if (n >= lo && n <= hi)
    return success();
  InFlightDiagnostic d = op->emitOpError("takes ");
  if (lo == hi)
    d << hi;
  else
    d << lo << " to " << hi;
  return d << " argument" << (hi == 1 ? "" : "s") << ", got " << n;
}

// Every function of Tokpidjin.def has its op, with the same arities and
// defaults (the .td's derivation agrees with the generator's).
namespace {
constexpr bool same(llvm::StringLiteral a, const char *b) {
  size_t i = 0;
  for (; i < a.size(); ++i)
    if (a.data()[i] != b[i])
      return false;
  return b[i] == 0;
}
} // namespace
#define ARCDSL_TOK(name, Entry, Arity, MinArity, Default, OnEmpty)             \
  static_assert(TokOp_##name::kArity == Arity &&                               \
                    TokOp_##name::kMinArity == MinArity &&                     \
                    same(TokOp_##name::kSafeDefault, #Default) &&              \
                    same(TokOp_##name::kOnEmpty, #OnEmpty),                    \
                "TokpidjinOps.td disagrees with Tokpidjin.def on " #name);
#include "ArcDsl/Primitives/Tokpidjin.def"

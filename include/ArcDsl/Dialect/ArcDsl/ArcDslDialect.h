//===- ArcDslDialect.h - ArcDsl dialect -------------------------*- C++ -*-===//
#ifndef ARCDSL_DIALECT_ARCDSL_ARCDSLDIALECT_H
#define ARCDSL_DIALECT_ARCDSL_ARCDSLDIALECT_H

#include "mlir/IR/Dialect.h"

#include "ArcDsl/Dialect/ArcDsl/ArcDslDialect.h.inc"

#endif // ARCDSL_DIALECT_ARCDSL_ARCDSLDIALECT_H

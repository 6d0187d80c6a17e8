//===- ArcDslDialect.cpp - ArcDsl dialect ---------------------------------===//
#include "ArcDsl/Dialect/ArcDsl/ArcDslDialect.h"
#include "ArcDsl/Dialect/ArcDsl/ArcDslOps.h"
#include "ArcDsl/Dialect/ArcDsl/ArcDslTypes.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/DialectImplementation.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace arcdsl;

#include "ArcDsl/Dialect/ArcDsl/ArcDslDialect.cpp.inc"

#define GET_TYPEDEF_CLASSES
#include "ArcDsl/Dialect/ArcDsl/ArcDslTypes.cpp.inc"

void ArcDslDialect::initialize() {
  addTypes<
#define GET_TYPEDEF_LIST
#include "ArcDsl/Dialect/ArcDsl/ArcDslTypes.cpp.inc"
      >();
  addOperations<
#define GET_OP_LIST
#include "ArcDsl/Dialect/ArcDsl/ArcDsl.cpp.inc"
      >();
  registerTokpidjinOps();
}

Operation *ArcDslDialect::materializeConstant(OpBuilder &builder,
                                              Attribute value, Type type,
                                              Location loc) {
  return ConstantOp::create(builder, loc, type, value);
}

bool arcdsl::isArcDslType(Type type) {
  return llvm::isa<ArcDslDialect>(type.getDialect());
}

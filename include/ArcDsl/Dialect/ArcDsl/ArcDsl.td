//===- ArcDsl.td - ArcDsl dialect umbrella -----------------*- tablegen -*-===//
#ifndef ARCDSL_TD
#define ARCDSL_TD

include "ArcDsl/Dialect/ArcDsl/ArcDslDialect.td"
include "ArcDsl/Dialect/ArcDsl/ArcDslTypes.td"
include "ArcDsl/Dialect/ArcDsl/ArcDslOpBase.td"
include "ArcDsl/Dialect/ArcDsl/ArcDslOps.td"
include "ArcDsl/Dialect/ArcDsl/ArcDslHofOps.td"
include "ArcDsl/Dialect/ArcDsl/ArcDslPrimitives.td"

#endif // ARCDSL_TD

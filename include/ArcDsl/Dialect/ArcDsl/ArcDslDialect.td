//===- ArcDslDialect.td - ArcDsl dialect definition --------*- tablegen -*-===//
#ifndef ARCDSL_DIALECT_TD
#define ARCDSL_DIALECT_TD

include "mlir/IR/OpBase.td"

def ArcDsl_Dialect : Dialect {
  let name = "arcdsl";
  let summary = "Michael Hodel's ARC-DSL as typed SSA";
  let description = [{
    One op per primitive of the reference ARC-DSL (`dsl.py`), plus constants,
    primitive references (primitives passed as values), calls of function
    values and specialized higher-order operations. Values are typed with the
    DSL's kinds (Integer, Grid, Object, ...); `!arcdsl.any` stands for a type
    not inferred yet and `!arcdsl.fn` for a function value, which closure
    specialization removes before lowering.
  }];
  let cppNamespace = "::arcdsl";
  let useDefaultTypePrinterParser = 1;
  let hasConstantMaterializer = 1;
  let extraClassDeclaration = [{
    /// The ops of the tokpidjin DSL's functions (TokpidjinOps.td).
    void registerTokpidjinOps();
  }];
}

#endif // ARCDSL_DIALECT_TD

//===- ArcDslTypes.td - ArcDsl types -----------------------*- tablegen -*-===//
#ifndef ARCDSL_TYPES_TD
#define ARCDSL_TYPES_TD

include "mlir/IR/AttrTypeBase.td"
include "ArcDsl/Dialect/ArcDsl/ArcDslDialect.td"

class ArcDsl_Type<string name, string typeMnemonic, list<Trait> traits = []>
    : TypeDef<ArcDsl_Dialect, name, traits> {
  let mnemonic = typeMnemonic;
}

def ArcDsl_AnyType : ArcDsl_Type<"Any", "any"> {
  let summary = "a value whose type is not inferred yet";
}
def ArcDsl_IntType : ArcDsl_Type<"Int", "int"> {
  let summary = "Integer";
}
def ArcDsl_BoolType : ArcDsl_Type<"Bool", "bool"> {
  let summary = "Boolean (an Integer in arithmetic, as in Python)";
}
def ArcDsl_PairType : ArcDsl_Type<"Pair", "pair"> {
  let summary = "IntegerTuple (i, j)";
}
def ArcDsl_CellType : ArcDsl_Type<"Cell", "cell"> {
  let summary = "Cell (color, (i, j))";
}
def ArcDsl_GridType : ArcDsl_Type<"Grid", "grid"> {
  let summary = "Grid: a tuple of rows of colours";
}
def ArcDsl_NoneType : ArcDsl_Type<"None", "none"> {
  let summary = "Python None";
}
def ArcDsl_FnType : ArcDsl_Type<"Fn", "fn"> {
  let summary = "a function value (primitive or closure)";
}
def ArcDsl_TupleType : ArcDsl_Type<"Tuple", "tuple"> {
  let summary = "a tuple whose elements share one type";
  let parameters = (ins "::mlir::Type":$elementType);
  let assemblyFormat = "`<` $elementType `>`";
}
def ArcDsl_SetType : ArcDsl_Type<"Set", "set"> {
  let summary = "a frozenset (Indices = set<pair>, Object = set<cell>, ...)";
  let parameters = (ins "::mlir::Type":$elementType);
  let assemblyFormat = "`<` $elementType `>`";
}
def ArcDsl_ProductType : ArcDsl_Type<"Product", "product"> {
  let summary = "a tuple with elements of different types, e.g. (Grid, Object)";
  let parameters = (ins ArrayRefParameter<"::mlir::Type">:$elementTypes);
  let assemblyFormat = "`<` $elementTypes `>`";
}

def ArcDsl_BatchType : ArcDsl_Type<"Batch", "batch"> {
  let summary = "one value per sample of a batch";
  let description = [{
    `!arcdsl.batch<T>` holds one `T` for each of the N samples a batched
    solver runs on (--batchify); a batch of one is the scalar program.
  }];
  let parameters = (ins "::mlir::Type":$elementType);
  let assemblyFormat = "`<` $elementType `>`";
}

def ArcDsl_Value : Type<
    CPred<"::arcdsl::isArcDslType($_self)">, "an arcdsl value">;

#endif // ARCDSL_TYPES_TD

//===- ArcDslKinds.td - the DSL's parameter kinds as type constraints -----===//
//
// Each kind string of ArcDslPrimitives.td ("Grid", "Patch", "Container",
// ...) is the type constraint ArcDsl_Kind_<kind>: the types a parameter of
// that kind accepts. They follow Python's duck typing: only a shape that
// can never fit is rejected (a bool is an int, any tuple of tuples may be a
// grid, a frozenset is iterated where one is declared, ...), and a type not
// inferred yet (`!arcdsl.any`) fits everywhere; `!arcdsl.batch<T>` fits
// where T does. mlir-tblgen -gen-type-constraint-decls/defs makes each one a
// C++ predicate, `arcdsl::is<Kind>Kind(Type)`. A primitive op's operands
// are ArcDsl_KindOperand<kind>, so the op verifier checks them; the op also
// lists the predicates per parameter (PrimitiveOpInterface::
// getParamAccepts) for the builders that must not make an ill-typed op
// (buildPrimitiveCall) and for --arcdsl-infer-types, which checks each
// operand again as its type is refined.
//===----------------------------------------------------------------------===//
#ifndef ARCDSL_KINDS_TD
#define ARCDSL_KINDS_TD

include "mlir/IR/CommonTypeConstraints.td"

// Shapes of the arcdsl types.
def ArcDsl_NumberShape
    : CPred<"::llvm::isa<::arcdsl::IntType, ::arcdsl::BoolType>($_self)">;
def ArcDsl_PairShape : CPred<"::llvm::isa<::arcdsl::PairType>($_self)">;
def ArcDsl_CellShape : CPred<"::llvm::isa<::arcdsl::CellType>($_self)">;
def ArcDsl_GridShape : CPred<"::llvm::isa<::arcdsl::GridType>($_self)">;
def ArcDsl_TupleShape
    : CPred<"::llvm::isa<::arcdsl::TupleType, ::arcdsl::ProductType>($_self)">;
def ArcDsl_SetShape : CPred<"::llvm::isa<::arcdsl::SetType>($_self)">;
def ArcDsl_FnShape : CPred<"::llvm::isa<::arcdsl::FnType>($_self)">;
def ArcDsl_NoneShape : CPred<"::llvm::isa<::arcdsl::NoneType>($_self)">;
def ArcDsl_BatchShape : CPred<"::llvm::isa<::arcdsl::BatchType>($_self)">;
// Not inferred yet: `!arcdsl.any` (or a type of another dialect).
def ArcDsl_UnknownShape : Neg<Or<[ArcDsl_NumberShape, ArcDsl_PairShape,
    ArcDsl_CellShape, ArcDsl_GridShape, ArcDsl_TupleShape, ArcDsl_SetShape,
    ArcDsl_FnShape, ArcDsl_NoneShape, ArcDsl_BatchShape]>>;

def ArcDsl_TupleLikeShape : Or<[ArcDsl_PairShape, ArcDsl_CellShape,
                                ArcDsl_GridShape, ArcDsl_TupleShape]>;
def ArcDsl_ContainerShape : Or<[ArcDsl_TupleLikeShape, ArcDsl_SetShape]>;
def ArcDsl_GridLikeShape : Or<[ArcDsl_GridShape, ArcDsl_TupleShape]>;

/// The kind `name`: the types of shape `shape`, any type not inferred yet,
/// and batches of those. `declared`: the type of a result declared of this
/// kind (C++ over the MLIRContext *$_ctxt; `!arcdsl.any` where the kind
/// names no single type), which a primitive's result-type rule gives
/// unless it says otherwise (each op's static declaredResultType()).
class ArcDsl_Kind<string name, Pred shape, string desc,
                  string declared = "::arcdsl::AnyType::get($_ctxt)">
    : Type<Or<[ArcDsl_UnknownShape, shape,
               And<[ArcDsl_BatchShape,
                    SubstLeaves<"$_self",
                      "::llvm::cast<::arcdsl::BatchType>($_self).getElementType()",
                      Or<[ArcDsl_UnknownShape, shape]>>]>]>,
           name # " (" # desc # ")"> {
  let cppFunctionName = "is" # name # "Kind";
  string declaredType = declared;
}

// C++ for the declared types.
defvar ArcDsl_IntT = "::arcdsl::IntType::get($_ctxt)";
defvar ArcDsl_PairT = "::arcdsl::PairType::get($_ctxt)";
defvar ArcDsl_CellT = "::arcdsl::CellType::get($_ctxt)";
class ArcDsl_SetOf<string elem> {
  string r = "::arcdsl::SetType::get($_ctxt, " # elem # ")";
}

def ArcDsl_Kind_Any : ArcDsl_Kind<"Any", CPred<"true">, "any value">;
def ArcDsl_Kind_Integer : ArcDsl_Kind<"Integer", ArcDsl_NumberShape,
    "an int or bool", ArcDsl_IntT>;
def ArcDsl_Kind_Boolean : ArcDsl_Kind<"Boolean", ArcDsl_NumberShape,
    "a bool or int", "::arcdsl::BoolType::get($_ctxt)">;
def ArcDsl_Kind_Numerical : ArcDsl_Kind<"Numerical",
    Or<[ArcDsl_NumberShape, ArcDsl_ContainerShape]>, "a number or a container">;
def ArcDsl_Kind_IntegerTuple : ArcDsl_Kind<"IntegerTuple", ArcDsl_TupleLikeShape,
    "a tuple", ArcDsl_PairT>;
def ArcDsl_Kind_Cell : ArcDsl_Kind<"Cell", ArcDsl_TupleLikeShape, "a tuple",
    ArcDsl_CellT>;
def ArcDsl_Kind_Grid : ArcDsl_Kind<"Grid", ArcDsl_GridLikeShape,
    "a grid or tuple", "::arcdsl::GridType::get($_ctxt)">;
def ArcDsl_Kind_Element : ArcDsl_Kind<"Element",
    Or<[ArcDsl_GridLikeShape, ArcDsl_SetShape]>, "a grid, tuple or frozenset">;
def ArcDsl_Kind_Piece : ArcDsl_Kind<"Piece",
    Or<[ArcDsl_GridLikeShape, ArcDsl_SetShape]>, "a grid, tuple or frozenset">;
def ArcDsl_Kind_Callable : ArcDsl_Kind<"Callable", ArcDsl_FnShape,
    "a function value", "::arcdsl::FnType::get($_ctxt)">;
// Python iterates any container where a frozenset is declared
// (`maximum(shape(x))` is the max of a pair).
def ArcDsl_Kind_Object : ArcDsl_Kind<"Object", ArcDsl_ContainerShape,
    "a container", ArcDsl_SetOf<ArcDsl_CellT>.r>;
def ArcDsl_Kind_Indices : ArcDsl_Kind<"Indices", ArcDsl_ContainerShape,
    "a container", ArcDsl_SetOf<ArcDsl_PairT>.r>;
def ArcDsl_Kind_Objects : ArcDsl_Kind<"Objects", ArcDsl_ContainerShape,
    "a container", ArcDsl_SetOf<ArcDsl_SetOf<ArcDsl_CellT>.r>.r>;
def ArcDsl_Kind_IndicesSet : ArcDsl_Kind<"IndicesSet", ArcDsl_ContainerShape,
    "a container", ArcDsl_SetOf<ArcDsl_SetOf<ArcDsl_PairT>.r>.r>;
def ArcDsl_Kind_IntegerSet : ArcDsl_Kind<"IntegerSet", ArcDsl_ContainerShape,
    "a container", ArcDsl_SetOf<ArcDsl_IntT>.r>;
foreach k = ["Patch", "FrozenSet", "Tuple", "TupleTuple", "Container",
             "ContainerContainer"] in
  def ArcDsl_Kind_ # k : ArcDsl_Kind<k, ArcDsl_ContainerShape, "a container">;

#endif // ARCDSL_KINDS_TD

//===- ArcDslOpBase.td - ArcDsl op classes -----------------*- tablegen -*-===//
//
// Signature classes for the primitives: each primitive of ArcDslPrimitives.td
// is one line naming its Python name, parameter names, parameter kinds and
// result kind; the classes below turn that into an op.
//===----------------------------------------------------------------------===//
#ifndef ARCDSL_OPBASE_TD
#define ARCDSL_OPBASE_TD

include "mlir/IR/OpBase.td"
include "mlir/Interfaces/SideEffectInterfaces.td"
include "mlir/Interfaces/InferTypeOpInterface.td"
include "ArcDsl/Dialect/ArcDsl/ArcDslDialect.td"
include "ArcDsl/Dialect/ArcDsl/ArcDslTypes.td"
include "ArcDsl/Dialect/ArcDsl/ArcDslKinds.td"

/// An operand of a primitive op whose parameter has kind `k`: an arcdsl
/// value that the kind accepts (the ODS verifier checks it).
class ArcDsl_KindOperand<string k>
    : Type<And<[ArcDsl_Value.predicate,
                !cast<ArcDsl_Kind>("ArcDsl_Kind_" # k).predicate]>,
           !cast<ArcDsl_Kind>("ArcDsl_Kind_" # k).summary>;

class ArcDsl_Op<string mnemonic, list<Trait> traits = []>
    : Op<ArcDsl_Dialect, mnemonic, traits>;

def ArcDsl_PrimitiveOpInterface : OpInterface<"PrimitiveOpInterface"> {
  let cppNamespace = "::arcdsl";
  let description = [{
    A call of one primitive of the reference DSL. Gives the primitive's Python
    name, its kind (first-order, higher-order, closure builder) and the
    declared kinds of its parameters and result.
  }];
  let methods = [
    StaticInterfaceMethod<"Python name of the primitive", "::llvm::StringRef",
      "getPrimName", (ins), [{}], [{ return ConcreteOp::kPrimName; }]>,
    StaticInterfaceMethod<"primitive kind", "::arcdsl::PrimClass",
      "getPrimClass", (ins), [{}], [{ return ConcreteOp::kPrimClass; }]>,
    StaticInterfaceMethod<"declared parameter kinds",
      "::llvm::ArrayRef<::llvm::StringLiteral>", "getParamKinds", (ins), [{}],
      [{ return ConcreteOp::kParamKinds; }]>,
    StaticInterfaceMethod<"per parameter, the predicate of its kind "
      "(ArcDsl_Kind_<kind> of ArcDslKinds.td)",
      "::llvm::ArrayRef<::arcdsl::KindPredicate>", "getParamAccepts", (ins),
      [{}], [{ return ConcreteOp::kParamAccepts; }]>,
    StaticInterfaceMethod<"declared result kind", "::llvm::StringRef",
      "getResultKind", (ins), [{}], [{ return ConcreteOp::kResultKind; }]>,
  ];
}

//===----------------------------------------------------------------------===//
// Effects
//===----------------------------------------------------------------------===//

// The per-sample error state (ArcCtx::err): a primitive that raises, in
// Python terms, writes it; `arcdsl.status` reads it. Writing it is the only
// effect a primitive has, so two identical calls may be merged (the second
// raises only if the first did: --arcdsl-cse), but a dead call that may
// raise is never erased: upstream DCE keeps it, as Python still raises.
def ArcDsl_ErrorState : Resource<"::arcdsl::ErrorStateResource">;
defvar ArcDsl_MayRaise = MemoryEffects<[MemWrite<ArcDsl_ErrorState>]>;

// A primitive with a result-type rule: `rule` is a C++ expression over the
// vocabulary of arcdsl::TypeRule (TypeRules.h): arg(i), elem(i), setOf(t),
// tupleOf(t), pairOf(a, b), numeric(), join(a, b), knownOf(a, b),
// mergeOf(t), intT(), gridT(), hof(), declared(). The default is the type
// of the declared result kind. It becomes the op's InferTypeOpInterface.
// Primitives with a folder (ArcDslFolds.cpp): constant arithmetic and
// comparisons with Python semantics, identity, the involutions and rotations
// of grids, first/last/size of a known pair.
defvar ArcDsl_FoldedPrims = [
  "identity", "add", "subtract", "multiply", "divide", "invert", "double",
  "halve", "increment", "decrement", "crement", "sign", "even", "positive",
  "flip", "both", "either", "equality", "greater", "toivec", "tojvec",
  "astuple", "first", "last", "size", "vmirror", "hmirror", "dmirror",
  "cmirror", "rot90", "rot180", "rot270"];

class ArcDsl_PrimBase<string name, list<string> params, list<string> kinds,
                      string result, string primClass, list<Trait> traits,
                      string rule>
    : ArcDsl_Op<name, traits # [
        DeclareOpInterfaceMethods<ArcDsl_PrimitiveOpInterface>,
        DeclareOpInterfaceMethods<InferTypeOpInterface>]> {
  let summary = "the `" # name # "` primitive";
  let description = "Calls `" # name # "(" # !interleave(params, ", ") #
                    ")` of the reference DSL; declared kinds (" #
                    !interleave(kinds, ", ") # ") -> " # result # ".";
  let arguments = !dag(ins, !foreach(k, kinds, ArcDsl_KindOperand<k>), params);
  let results = (outs ArcDsl_Value:$result);
  let assemblyFormat = "operands attr-dict `:` functional-type(operands, results)";
  let hasFolder = !not(!empty(!filter(n, ArcDsl_FoldedPrims, !eq(n, name))));
  let extraClassDeclaration = [{
    static constexpr ::llvm::StringLiteral kPrimName = "}] # name # [{";
    static constexpr ::arcdsl::PrimClass kPrimClass =
        ::arcdsl::PrimClass::}] # primClass # [{;
    static constexpr ::llvm::StringLiteral kParamKinds[] = {"}] #
        !interleave(kinds, "\", \"") # [{"};
    static constexpr ::arcdsl::KindPredicate kParamAccepts[] = {}] #
        !interleave(!foreach(k, kinds,
            "&::arcdsl::" # !cast<ArcDsl_Kind>("ArcDsl_Kind_" # k).cppFunctionName),
          ", ") # [{};
    static constexpr ::llvm::StringLiteral kResultKind = "}] # result # [{";
    static ::mlir::Type declaredResultType(::mlir::MLIRContext *ctx) {
      return }] # !subst("$_ctxt", "ctx",
          !cast<ArcDsl_Kind>("ArcDsl_Kind_" # result).declaredType) # [{;
    }
    static constexpr ::llvm::StringLiteral kParamNames[] = {"}] #
        !interleave(params, "\", \"") # [{"};
    /// This primitive's result-type rule applied to operand types `args`.
    static ::mlir::Type inferResultType(::mlir::MLIRContext *ctx,
                                        ::mlir::TypeRange args) {
      struct Rule : ::arcdsl::TypeRule {
        using TypeRule::TypeRule;
        ::mlir::Type eval() const { return }] #
          !if(!empty(rule), "declared()", rule) # [{; }
      };
      return Rule(ctx, args, kPrimName, kParamKinds, declaredResultType(ctx))
          .eval();
    }
    static bool isCompatibleReturnTypes(::mlir::TypeRange inferred,
                                        ::mlir::TypeRange actual);
  }];
  let extraClassDefinition = [{
    ::llvm::LogicalResult $cppClass::inferReturnTypes(
        ::mlir::MLIRContext *ctx, ::std::optional<::mlir::Location>,
        ::mlir::ValueRange operands, ::mlir::DictionaryAttr,
        ::mlir::OpaqueProperties, ::mlir::RegionRange,
        ::llvm::SmallVectorImpl<::mlir::Type> &results) {
      results.push_back(inferResultType(ctx, operands.getTypes()));
      return ::mlir::success();
    }
    bool $cppClass::isCompatibleReturnTypes(::mlir::TypeRange inferred,
                                            ::mlir::TypeRange actual) {
      return ::arcdsl::isCompatibleResultType(
          inferred, actual,
          actual.empty() ? ::mlir::Type()
                         : declaredResultType(actual.front().getContext()));
    }
  }];
}

/// First-order primitive: implemented by the primitive library; may raise.
class ArcDsl_Prim<string name, list<string> params, list<string> kinds,
                  string result, string rule = "">
    : ArcDsl_PrimBase<name, params, kinds, result, "FirstOrder",
                      [ArcDsl_MayRaise], rule>;

/// First-order primitive that cannot raise in Python whatever its operands
/// (`return x`, `(a, b)`, `not b`, `a if c else b`, ...) and whose library
/// entry raises nothing either (only a capacity bound: see
/// ArcDslPrimitives.td): Pure, so upstream CSE merges and DCE erases it.
class ArcDsl_TotalPrim<string name, list<string> params, list<string> kinds,
                       string result, string rule = "">
    : ArcDsl_PrimBase<name, params, kinds, result, "FirstOrder", [Pure],
                      rule>;

/// Higher-order primitive (takes function values): the compiler specializes
/// and expands it into loops over direct calls.
class ArcDsl_HofPrim<string name, list<string> params, list<string> kinds,
                     string result>
    : ArcDsl_PrimBase<name, params, kinds, result, "HigherOrder",
                      [ArcDsl_MayRaise], "hof()">;

// Each closure-builder call makes a new function object (Python compares
// functions by identity): an allocation of its result, so a dead one is
// erased but two identical ones are never merged.
def ArcDsl_FunctionObjects : Resource<"::arcdsl::FunctionObjectResource">;

/// Closure builder (rbind, compose, ...): returns a function value; removed
/// by closure specialization.
class ArcDsl_ClosurePrim<string name, list<string> params, list<string> kinds,
                         string result>
    : ArcDsl_PrimBase<name, params, kinds, result, "Closure", [], ""> {
  let results = (outs Res<ArcDsl_Value, "a new function object",
                          [MemAlloc<ArcDsl_FunctionObjects>]>:$result);
}

#endif // ARCDSL_OPBASE_TD

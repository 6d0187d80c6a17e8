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
include "ArcDsl/Dialect/ArcDsl/ArcDslDialect.td"
include "ArcDsl/Dialect/ArcDsl/ArcDslTypes.td"

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
    StaticInterfaceMethod<"declared result kind", "::llvm::StringRef",
      "getResultKind", (ins), [{}], [{ return ConcreteOp::kResultKind; }]>,
  ];
}

// A primitive can raise (a per-sample error), so a call whose result is dead
// is still executed: primitives carry a write effect, which keeps them from
// being erased; --arcdsl-cse merges identical calls instead.
class ArcDsl_PrimBase<string name, list<string> params, list<string> kinds,
                      string result, string primClass, list<Trait> traits>
    : ArcDsl_Op<name, traits # [
        DeclareOpInterfaceMethods<ArcDsl_PrimitiveOpInterface>]> {
  let summary = "the `" # name # "` primitive";
  let description = "Calls `" # name # "(" # !interleave(params, ", ") #
                    ")` of the reference DSL; declared kinds (" #
                    !interleave(kinds, ", ") # ") -> " # result # ".";
  let arguments = !dag(ins, !listsplat(ArcDsl_Value, !size(params)), params);
  let results = (outs ArcDsl_Value:$result);
  let assemblyFormat = "operands attr-dict `:` functional-type(operands, results)";
  let extraClassDeclaration = [{
    static constexpr ::llvm::StringLiteral kPrimName = "}] # name # [{";
    static constexpr ::arcdsl::PrimClass kPrimClass =
        ::arcdsl::PrimClass::}] # primClass # [{;
    static constexpr ::llvm::StringLiteral kParamKinds[] = {"}] #
        !interleave(kinds, "\", \"") # [{"};
    static constexpr ::llvm::StringLiteral kResultKind = "}] # result # [{";
    static constexpr ::llvm::StringLiteral kParamNames[] = {"}] #
        !interleave(params, "\", \"") # [{"};
  }];
}

/// First-order primitive: implemented by the primitive library.
class ArcDsl_Prim<string name, list<string> params, list<string> kinds,
                  string result>
    : ArcDsl_PrimBase<name, params, kinds, result, "FirstOrder",
                      [MemoryEffects<[MemWrite]>]>;

/// Higher-order primitive (takes function values): the compiler specializes
/// and expands it into loops over direct calls.
class ArcDsl_HofPrim<string name, list<string> params, list<string> kinds,
                     string result>
    : ArcDsl_PrimBase<name, params, kinds, result, "HigherOrder",
                      [MemoryEffects<[MemWrite]>]>;

/// Closure builder (rbind, compose, ...): returns a function value; removed
/// by closure specialization.
class ArcDsl_ClosurePrim<string name, list<string> params, list<string> kinds,
                         string result>
    : ArcDsl_PrimBase<name, params, kinds, result, "Closure", [Pure]>;

#endif // ARCDSL_OPBASE_TD

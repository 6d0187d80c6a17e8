//===- TokpidjinOps.td - one op per tokpidjin function -----*- tablegen -*-===//
//
// Every record of TokpidjinPrimitives.td is an op `arcdsl.tok.<name>`: a
// direct call of that tokpidjin function through its safe wrapper (the
// library's arcdsl_rt_tok_call, reached as a call of its FN word is), so a
// tokpidjin batt's lines are ops that CSE and the other passes see, and the
// interpreter of function values runs only where a function flows into
// data. Operands: the call's arguments, MinArity..Arity of them (a call may
// omit parameters with defaults). Static constants from the record: the
// original arity (`_original_argcount`), the safe default, the on-empty
// value. The result is `!arcdsl.any`: a failing call returns the safe
// default, whatever the annotation says, and tokpidjin's cells are
// (i, j, c), so Hodel's kinds do not describe its values.
//
// A root of its own (TokpidjinOps.h.inc/.cpp.inc, registered by
// ArcDslDialect::registerTokpidjinOps), so that it includes no other op.
//===----------------------------------------------------------------------===//

#ifndef ARCDSL_TOKPIDJINOPS_TD
#define ARCDSL_TOKPIDJINOPS_TD

include "mlir/IR/OpBase.td"
include "mlir/Interfaces/SideEffectInterfaces.td"
include "ArcDsl/Dialect/ArcDsl/ArcDslDialect.td"
include "ArcDsl/Dialect/ArcDsl/ArcDslTypes.td"
include "ArcDsl/Dialect/ArcDsl/ArcDslOpBase.td"

def ArcDsl_TokOpInterface : OpInterface<"TokOpInterface"> {
  let cppNamespace = "::arcdsl";
  let description = [{
    A call of one tokpidjin function (TokpidjinPrimitives.td) through its
    safe wrapper: never raises a Python exception (a failing call returns
    the safe default); capacity and work-bound errors are not caught.
  }];
  let methods = [
    StaticInterfaceMethod<"tokpidjin name", "::llvm::StringRef", "getTokName",
      (ins), [{}], [{ return ConcreteOp::kTokName; }]>,
    StaticInterfaceMethod<"parameters (_original_argcount)", "unsigned",
      "getArity", (ins), [{}], [{ return ConcreteOp::kArity; }]>,
    StaticInterfaceMethod<"parameters without a default", "unsigned",
      "getMinArity", (ins), [{}], [{ return ConcreteOp::kMinArity; }]>,
    StaticInterfaceMethod<"what a failed call returns: TUPLE, FROZENSET, "
      "ZERO, FALSE or CALLABLE", "::llvm::StringRef", "getSafeDefault",
      (ins), [{}], [{ return ConcreteOp::kSafeDefault; }]>,
    StaticInterfaceMethod<"what an empty first argument returns (empty: as "
      "the function computes)", "::llvm::StringRef", "getOnEmpty", (ins),
      [{}], [{ return ConcreteOp::kOnEmpty; }]>,
    StaticInterfaceMethod<"whether the call may call a function value (a "
      "Callable or key parameter, functions in a container, or a Callable "
      "result: may make a new function object)", "bool", "callsFunctions",
      (ins), [{}], [{ return ConcreteOp::kCallsFunctions; }]>,
  ];
  let verify = [{ return ::arcdsl::verifyTokOp($_op); }];
}

// The annotation of parameter "name: Annotation" or "name: A = default"
// ("" for "key = identity").
class TokParamAnnotation<string p> {
  defvar colon = !find(p, ":");
  defvar rest = !if(!eq(colon, -1), "", !substr(p, !add(colon, 2)));
  defvar eq = !find(rest, " =");
  string ann = !if(!eq(eq, -1), rest, !substr(rest, 0, eq));
}

/// TokPrim<name, impl, params, return annotation, on-empty>: the record
/// format TokpidjinPrimitives.td documents, as an op.
class TokPrim<string name, string impl, list<string> params, string ret,
              string onEmpty = "">
    : ArcDsl_Op<"tok." # name, [
        DeclareOpInterfaceMethods<ArcDsl_TokOpInterface>,
        // A tokpidjin call raises no Python error, but it charges work and
        // may hit capacity or the work bound (never caught): it writes the
        // error state, so a dead call is kept; identical calls are merged
        // by --arcdsl-cse.
        ArcDsl_MayRaise]> {
  string Name = name;
  string Impl = impl;
  list<string> Params = params;
  string Return = ret;
  string OnEmpty = onEmpty;

  list<string> Annotations =
      !foreach(p, params, TokParamAnnotation<p>.ann);
  int Arity = !size(params);
  int MinArity = !size(!filter(p, params, !eq(!find(p, "="), -1)));
  // tokpidjin's _get_safe_default: () once an annotation does not resolve
  // (R4, R8, A4, A8 live only in constants.py), else by the return
  // annotation (utils/gen-primitives-def.py computes the same for the
  // library; TokpidjinOps.cpp static_asserts that they agree).
  bit Unresolved = !foldl(0, !listconcat(Annotations, [ret]), acc, a,
      !or(acc, !eq(a, "R4"), !eq(a, "R8"), !eq(a, "A4"), !eq(a, "A8")));
  string SafeDefault = !if(Unresolved, "TUPLE", !cond(
      !or(!eq(ret, "FrozenSet"), !eq(ret, "Object"), !eq(ret, "Objects"),
          !eq(ret, "Indices"), !eq(ret, "IntegerSet"), !eq(ret, "Patch"),
          !eq(ret, "IndicesSet")): "FROZENSET",
      !or(!eq(ret, "Integer"), !eq(ret, "C_")): "ZERO",
      !eq(ret, "Boolean"): "FALSE",
      !eq(ret, "Callable"): "CALLABLE",
      true: "TUPLE"));
  // rapply and rapply_t call the functions of their data container.
  bit CallsFunctions = !or(!eq(ret, "Callable"), !eq(impl, "rapply"),
      !eq(impl, "tok:rapply_t"),
      !foldl(0, Annotations, acc, a,
             !or(acc, !eq(a, "Callable"), !eq(a, ""))));

  let summary = "tokpidjin's `" # name # "` (safe)";
  let description = "Calls tokpidjin's `" # name # "(" #
      !interleave(params, ", ") # ") -> " # ret #
      "` through its safe wrapper; a failing call returns " # SafeDefault #
      ".";
  let arguments = (ins Variadic<ArcDsl_Value>:$args);
  let results = (outs ArcDsl_Value:$result);
  let assemblyFormat =
      "$args attr-dict `:` functional-type($args, results)";
  let extraClassDeclaration = [{
    static constexpr ::llvm::StringLiteral kTokName = "}] # name # [{";
    static constexpr unsigned kArity = }] # Arity # [{;
    static constexpr unsigned kMinArity = }] # MinArity # [{;
    static constexpr ::llvm::StringLiteral kSafeDefault = "}] #
        SafeDefault # [{";
    static constexpr ::llvm::StringLiteral kOnEmpty = "}] #
        !if(!empty(onEmpty), "KEEP", onEmpty) # [{";
    static constexpr bool kCallsFunctions = }] #
        !if(CallsFunctions, "true", "false") # [{;
  }];
}

include "ArcDsl/Dialect/ArcDsl/TokpidjinPrimitives.td"

#endif // ARCDSL_TOKPIDJINOPS_TD

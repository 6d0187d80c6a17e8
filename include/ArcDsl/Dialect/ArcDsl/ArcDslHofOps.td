//===- ArcDslHofOps.td - higher-order ops over functions ---*- tablegen -*-===//
//
// The form of a higher-order primitive after closure specialization: one op
// per primitive (`arcdsl.hof.apply`, `arcdsl.hof.sfilter`, ...), whose
// functions are direct references to specialized functions, each taking the
// `captures` first and then the element(s). The library implements each
// loop once (lib/Primitives/HofLoops.h); the lowering calls it.
//===----------------------------------------------------------------------===//

#ifndef ARCDSL_HOFOPS_TD
#define ARCDSL_HOFOPS_TD

include "mlir/IR/OpBase.td"
include "mlir/IR/SymbolInterfaces.td"
include "mlir/Interfaces/SideEffectInterfaces.td"
include "ArcDsl/Dialect/ArcDsl/ArcDslOpBase.td"

def ArcDsl_HigherOrderOpInterface : OpInterface<"HigherOrderOpInterface"> {
  let cppNamespace = "::arcdsl";
  let description = [{
    A higher-order primitive over specialized functions: `callees` (one, or
    two for `branch_call`), the values they capture (`captures`, passed
    first to every call) and the primitive's data operands (`args`, in the
    primitive's order without its function parameter).
  }];
  let methods = [
    StaticInterfaceMethod<"Python name of the primitive (`call` and "
      "`branch_call`: a direct call, a two-way branch)", "::llvm::StringRef",
      "getPrimName", (ins), [{}], [{ return ConcreteOp::kPrimName; }]>,
    StaticInterfaceMethod<"number of callees", "unsigned", "getNumCallees",
      (ins), [{}], [{ return ConcreteOp::kNumCallees; }]>,
    StaticInterfaceMethod<"number of data operands (-1: any)", "int",
      "getNumData", (ins), [{}], [{ return ConcreteOp::kNumData; }]>,
    StaticInterfaceMethod<"elements one call of a callee takes after the "
      "captures (-1: the data operands, after the condition for "
      "branch_call)", "int", "getNumParams", (ins), [{}],
      [{ return ConcreteOp::kNumParams; }]>,
    StaticInterfaceMethod<"result type when the callee(s) return `fnResult` "
      "and the data operands have types `data`", "::mlir::Type",
      "inferResultType", (ins "::mlir::MLIRContext *":$ctx,
                              "::mlir::Type":$fnResult,
                              "::mlir::TypeRange":$data), [{}],
      [{ return ConcreteOp::inferResultType(ctx, fnResult, data); }]>,
    InterfaceMethod<"the specialized functions", "::mlir::ArrayAttr",
      "getCallees">,
    InterfaceMethod<"set the specialized functions", "void", "setCalleesAttr",
      (ins "::mlir::ArrayAttr":$callees)>,
    InterfaceMethod<"captured values", "::mlir::OperandRange", "getCaptures">,
    InterfaceMethod<"data operands", "::mlir::OperandRange", "getArgs">,
  ];
}

// The callees can raise: a write of the per-sample error state, as the
// primitives that may raise (ArcDsl_MayRaise, ArcDslOpBase.td), so a dead
// call still runs and identical calls are merged by --arcdsl-cse only.
//
// `rule` is the result type: a C++ expression over the vocabulary of
// HofTypeRule (TypeRules.h): `fn()` the callee's result type, `arg(i)` /
// `elem(i)` a data operand's type and its element type, `setOf`,
// `tupleOf`, `sameContainer`.
class ArcDsl_HofOp<string prim, int callees, int data, int params,
                   string rule, string semantics>
    : ArcDsl_Op<"hof." # prim, [
        AttrSizedOperandSegments, ArcDsl_MayRaise,
        DeclareOpInterfaceMethods<SymbolUserOpInterface>,
        ArcDsl_HigherOrderOpInterface]> {
  let summary = "`" # prim # "` over specialized functions";
  let description = semantics # [{

    The callee takes the captured values first, then the element(s).
  }];
  let arguments = (ins FlatSymbolRefArrayAttr:$callees,
                   Variadic<ArcDsl_Value>:$captures,
                   Variadic<ArcDsl_Value>:$args);
  let results = (outs ArcDsl_Value:$result);
  let assemblyFormat = [{
    $callees `(` $captures `)` `(` $args `)` attr-dict `:`
    functional-type(operands, results)
  }];
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    static constexpr ::llvm::StringLiteral kPrimName = "}] # prim # [{";
    static constexpr unsigned kNumCallees = }] # callees # [{;
    static constexpr int kNumData = }] # data # [{;
    static constexpr int kNumParams = }] # params # [{;
    static ::mlir::Type inferResultType(::mlir::MLIRContext *ctx,
                                        ::mlir::Type fnResult,
                                        ::mlir::TypeRange data) {
      struct Rule : ::arcdsl::HofTypeRule {
        using HofTypeRule::HofTypeRule;
        ::mlir::Type eval() const { return }] # rule # [{; }
      };
      return Rule(ctx, fnResult, data).eval();
    }
  }];
  let extraClassDefinition = [{
    ::llvm::LogicalResult $cppClass::verify() {
      return ::arcdsl::verifyHigherOrderOp(*this);
    }
    ::llvm::LogicalResult $cppClass::verifySymbolUses(
        ::mlir::SymbolTableCollection &symbolTable) {
      return ::arcdsl::verifyHigherOrderCallees(*this, symbolTable);
    }
  }];
}

def ArcDsl_HofApplyOp : ArcDsl_HofOp<"apply", 1, 1, 1,
    "sameContainer(arg(0), fn())", [{
  `type(c)(f(e) for e in c)`.
  ```mlir
  %r = arcdsl.hof.apply [@solve_x_f1] (%c0) (%objs)
         : (!arcdsl.int, !arcdsl.set<!arcdsl.set<!arcdsl.cell>>) -> !arcdsl.set<!arcdsl.int>
  ```
}]>;
def ArcDsl_HofMapplyOp : ArcDsl_HofOp<"mapply", 1, 1, 1,
    "setOf(elementType(fn()))",
  "`merge(apply(f, c))`.">;
def ArcDsl_HofSfilterOp : ArcDsl_HofOp<"sfilter", 1, 1, 1,
    "arg(0)",
  "`type(c)(e for e in c if f(e))`.">;
def ArcDsl_HofMfilterOp : ArcDsl_HofOp<"mfilter", 1, 1, 1,
    "setOf(elementType(elem(0)))",
  "`merge(sfilter(c, f))`.">;
def ArcDsl_HofExtractOp : ArcDsl_HofOp<"extract", 1, 1, 1,
    "elem(0)",
  "`next(e for e in c if f(e))`: StopIteration when none matches.">;
def ArcDsl_HofArgmaxOp : ArcDsl_HofOp<"argmax", 1, 1, 1,
    "elem(0)",
  "`max(c, key=f)`: the first of equal keys; ValueError when c is empty.">;
def ArcDsl_HofArgminOp : ArcDsl_HofOp<"argmin", 1, 1, 1,
    "elem(0)",
  "`min(c, key=f)`: the first of equal keys; ValueError when c is empty.">;
def ArcDsl_HofValmaxOp : ArcDsl_HofOp<"valmax", 1, 1, 1,
    "fn()",
  "`f(max(c, key=f, default=0))`.">;
def ArcDsl_HofValminOp : ArcDsl_HofOp<"valmin", 1, 1, 1,
    "fn()",
  "`f(min(c, key=f, default=0))`.">;
def ArcDsl_HofOrderOp : ArcDsl_HofOp<"order", 1, 1, 1,
    "tupleOf(elem(0))",
  "`tuple(sorted(c, key=f))` (stable).">;
def ArcDsl_HofPapplyOp : ArcDsl_HofOp<"papply", 1, 2, 2,
    "tupleOf(fn())",
  "`tuple(f(i, j) for i, j in zip(a, b))`.">;
def ArcDsl_HofMpapplyOp : ArcDsl_HofOp<"mpapply", 1, 2, 2,
    "tupleOf(elementType(fn()))",
  "`merge(papply(f, a, b))`.">;
def ArcDsl_HofPrapplyOp : ArcDsl_HofOp<"prapply", 1, 2, 2,
    "setOf(fn())",
  "`frozenset(f(i, j) for j in b for i in a)`.">;
def ArcDsl_HofPowerOp : ArcDsl_HofOp<"power", 1, 2, 1,
    "fn()", [{
  `power(f, n)(x)`: data operands (n, x); f applied n times (n >= 1, else
  RecursionError as Python's recursion building the composition).
}]>;
def ArcDsl_HofCallOp : ArcDsl_HofOp<"call", 1, -1, -1,
    "fn()",
  "A direct call of the callee with the data operands (`x4(x3)` of a "
  "function the compiler resolved).">;
def ArcDsl_HofBranchCallOp : ArcDsl_HofOp<"branch_call", 2, -1, -1,
    "fn()",
  "`branch(cond, f, g)(args...)`: the first data operand is the condition "
  "(Python truthiness), the rest the callees' arguments.">;

#endif // ARCDSL_HOFOPS_TD

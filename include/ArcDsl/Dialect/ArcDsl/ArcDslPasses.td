//===- ArcDslPasses.td - ArcDsl transformation passes ------*- tablegen -*-===//
#ifndef ARCDSL_PASSES_TD
#define ARCDSL_PASSES_TD

include "mlir/Pass/PassBase.td"

def InferTypes : Pass<"arcdsl-infer-types", "mlir::ModuleOp"> {
  let summary = "Infer a concrete type for every value of every solver";
  let description = [{
    Forward inference over the straight-line solver functions: every
    primitive's result type is computed from its operands' types by that
    primitive's rule (declared kinds in ArcDslPrimitives.td, polymorphic
    rules in InferTypes.cpp); specialized functions get their argument types
    from their call sites. An operand whose kind cannot fit the primitive's
    parameter (an Integer where a Grid is needed) is an error at the
    source location. `!arcdsl.any` is left only where the reference program
    itself is dynamically typed.

    Run before closure specialization (as the importer does, to type-check),
    function values stay opaque: closure builders give `!arcdsl.fn`, calls
    of function values and higher-order primitives an unknown result.
  }];
  let statistics = [
    Statistic<"numRefined", "refined", "values given a concrete type">,
    Statistic<"numUnresolved", "unresolved", "values left !arcdsl.any">,
  ];
}

def SpecializeClosures : Pass<"arcdsl-specialize-closures", "mlir::ModuleOp"> {
  let summary = "Turn function values into direct code";
  let description = [{
    Every use of a function value (a call of a variable, or a higher-order
    primitive such as `apply`, `sfilter`, `argmax`, `power`) whose function
    is built from primitives and closure builders (`rbind`, `lbind`,
    `compose`, `chain`, `fork`, `matcher`, `power`, `branch`) becomes an
    `arcdsl.hof` over newly created private functions that contain the
    composed code directly; captured values become leading arguments. No
    function value is left afterwards (a use that cannot be resolved
    statically is an error).
  }];
  let dependentDialects = ["mlir::func::FuncDialect"];
  let statistics = [
    Statistic<"numSpecialized", "specialized", "functions created">,
  ];
}

def PrimCSE : Pass<"arcdsl-cse", "mlir::ModuleOp"> {
  let summary = "Merge identical primitive calls and identical specialized functions";
  let description = [{
    Primitives are deterministic, so two calls of the same primitive with the
    same operands in one block compute the same value (or the same error):
    the later one is replaced by the earlier. Also merges identical
    constants and primitive references, and identical specialized functions.
  }];
  let statistics = [
    Statistic<"numMerged", "merged", "operations merged">,
  ];
}

def Batchify : Pass<"batchify", "mlir::ModuleOp"> {
  let summary = "Turn each solver into its batch form over N samples";
  let description = [{
    Rewrites every public solver `(T) -> R` into `(!arcdsl.batch<T>) ->
    (!arcdsl.batch<R>, !arcdsl.batch<!arcdsl.int>)`: its body becomes the
    region of an `arcdsl.batch.map` over the input batch (the sample loop:
    one sample's program, unchanged, run for every sample independently),
    which gives every sample's result and its status (0 or the error code
    it raised). The specialized functions that higher-order ops call stay
    as they are: they run inside one sample. Function values must be
    specialized first; when the input still has them, closure
    specialization and type inference run first. --convert-arcdsl-to-gpu
    consumes the sample loops (the dispatch kernel's work loop).
  }];
  let dependentDialects = ["mlir::func::FuncDialect"];
  let statistics = [
    Statistic<"numBatched", "batched", "solvers batched">,
  ];
}

def ShareBattModes : Pass<"arcdsl-batt-share-modes", "mlir::ModuleOp"> {
  let summary = "Let a batt's second call on a sample replay the lines not "
                "reading C from its first";
  let description = [{
    tokpidjin's run_batt.py calls a batt twice per sample: with C = None
    (solve) and with C = the expected output (diff). A line whose value does
    not depend on C (no operand of its ops, nested ones included, is
    reached from C) computes the same in both calls: primitives are
    deterministic, and the line starts from the same state when the sample
    has not failed before it. A line is the ops up to its `batt_line`; it
    is shared when none of them is reached from C and one of them does work
    (constants, primitive references, status reads and the items of the
    arguments do none). In each function with an `arcdsl.batt` layout,
    every shared line becomes

    ```mlir
    %r = arcdsl.batt_memo_replaying %memo : !arcdsl.any
    %t = scf.if %r -> (!arcdsl.any) {
      arcdsl.batt_memo_charge %memo[1] : !arcdsl.any
      %v = arcdsl.batt_memo_load %memo[9] : (!arcdsl.any) -> !arcdsl.any
      scf.yield %v : !arcdsl.any
    } else {
      arcdsl.batt_memo_mark %memo[1] : !arcdsl.any
      ... the line's ops ...
      arcdsl.batt_memo_store %t0, %memo[9] : !arcdsl.any, !arcdsl.any
      arcdsl.batt_memo_mark %memo[2] : !arcdsl.any
      scf.yield %t0 : !arcdsl.any
    }
    ```

    where `%memo = arcdsl.batt_memo %args` is the call's memo (its fourth
    argument; None for a call without one, which computes every line and
    keeps nothing). The function gets `arcdsl.batt_memo`, the number of
    memo words: the replay flag, two marks per shared line, one word per
    value a later line uses. The host runs a sample's solve call with a
    fresh memo, and, when that call did not raise, sets the flag and runs
    the diff call with it in the same arena; otherwise the diff call
    without one. Each call's output, status, failing line and work are
    those of the batt run whole. Run after the compile pipeline (on the
    lines as they will run); CPU batts only.
  }];
  let dependentDialects = ["mlir::scf::SCFDialect"];
  let statistics = [
    Statistic<"numLines", "lines", "batt lines seen">,
    Statistic<"numShared", "shared", "lines a second call replays">,
  ];
}

#endif // ARCDSL_PASSES_TD

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
    (!arcdsl.batch<R>, !arcdsl.batch<!arcdsl.int>)`: each of its values
    becomes the batch of that value over the samples (every scalar op its
    batch form: the same op over batch types, applied sample-wise), and a
    per-sample status (0 or the error code) is returned beside the result.
    Constants are the same in every sample: they stay scalar (broadcast).
    The specialized functions that higher-order ops call stay scalar: they
    run inside one sample. Function values must be specialized first; when
    the input still has them, closure specialization and type inference run
    first. A batch of one is the degenerate case of the same code.
  }];
  let dependentDialects = ["mlir::func::FuncDialect"];
  let statistics = [
    Statistic<"numBatched", "batched", "solvers batched">,
  ];
}

def ShareBattModes : Pass<"arcdsl-batt-share-modes", "mlir::ModuleOp"> {
  let summary = "Give each batt a record and a replay form that share the "
                "lines not reading C";
  let description = [{
    tokpidjin's run_batt.py calls a batt twice per sample: with C = None
    (solve) and with C = the expected output (diff). A line whose value does
    not depend on C (no operand of its ops, nested ones included, is
    reached from C) computes the same in both calls: primitives are
    deterministic, and the line starts from the same state when the sample
    has not failed before it. For each function with an `arcdsl.batt`
    layout `@F` this pass adds, after the compile pipeline (the lines as
    they will run):

    - `@F.record(%args)`: `@F` with `batt_memo_mark`s around each shared
      line and `batt_memo_store`s of its values, into the memo `%args[3]`;
    - `@F.replay(%args)`: `@F` where each shared line's ops are gone and
      its values are `batt_memo_load`s, after a `batt_memo_charge` of what
      the line cost when it was recorded (so the work, the work bound and
      the error that names a line stay those of `@F`).

    `@F` itself is unchanged; it gets `arcdsl.batt_memo`, the number of
    memo words (two per shared line, one per value it keeps). A line is
    the ops between two `batt_line`s; it is shared when none of them is
    reached from C and one of them does work (constants, primitive
    references, status reads and the items of the arguments do none). The
    host runs the record form on (S, I, None, memo) and, when that call
    did not raise, the replay form on (S, I, C, memo) in the same arena;
    otherwise `@F` on (S, I, C).
  }];
  let dependentDialects = ["mlir::func::FuncDialect"];
  let statistics = [
    Statistic<"numLines", "lines", "batt lines seen">,
    Statistic<"numShared", "shared", "lines the replay takes from the memo">,
  ];
}

#endif // ARCDSL_PASSES_TD

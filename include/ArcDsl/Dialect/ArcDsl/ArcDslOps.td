//===- ArcDslOps.td - ArcDsl structural ops ----------------*- tablegen -*-===//
#ifndef ARCDSL_OPS_TD
#define ARCDSL_OPS_TD

include "mlir/IR/OpBase.td"
include "mlir/IR/SymbolInterfaces.td"
include "mlir/Interfaces/SideEffectInterfaces.td"
include "mlir/Interfaces/CallInterfaces.td"
include "ArcDsl/Dialect/ArcDsl/ArcDslOpBase.td"

def ArcDsl_ConstantOp : ArcDsl_Op<"constant", [Pure, ConstantLike]> {
  let summary = "an Integer, Boolean or IntegerTuple constant";
  let description = [{
    `5 : i64` is an Integer, `true` a Boolean, `array<i64: 0, 1>` an
    IntegerTuple; `unit` is None.
    ```mlir
    %0 = arcdsl.constant(5 : i64) : !arcdsl.int
    %1 = arcdsl.constant(array<i64: 1, 0>) : !arcdsl.pair
    ```
  }];
  let arguments = (ins AnyAttr:$value);
  let results = (outs ArcDsl_Value:$result);
  let assemblyFormat = "`(` $value `)` attr-dict `:` type($result)";
  let hasVerifier = 1;
  let hasFolder = 1;
}

def ArcDsl_PrimRefOp : ArcDsl_Op<"prim_ref", [Pure]> {
  let summary = "a primitive passed as a value";
  let description = [{
    ```mlir
    %f = arcdsl.prim_ref "size" : !arcdsl.fn
    ```
  }];
  let arguments = (ins StrAttr:$prim);
  let results = (outs ArcDsl_FnType:$result);
  let assemblyFormat = "$prim attr-dict `:` type($result)";
  let hasVerifier = 1;
}

def ArcDsl_CallValueOp : ArcDsl_Op<"call_value", [ArcDsl_MayRaise]> {
  let summary = "call of a function value (`x4(x3)`)";
  let description = [{
    Before closure specialization the callee is any function value; after
    it, only a function that is not known at compile time (taken from a
    container, or computed by a higher-order primitive) is still called
    this way, through the primitive library's interpreter of function
    values. Calling a value that is not a function is a per-sample
    TypeError, as in Python.
  }];
  let arguments = (ins ArcDsl_Value:$callee, Variadic<ArcDsl_Value>:$args);
  let results = (outs ArcDsl_Value:$result);
  let assemblyFormat = "$callee `(` $args `)` attr-dict `:` type($callee) "
                       "`,` functional-type($args, results)";
  let hasVerifier = 1;
}

def ArcDsl_StatusOp : ArcDsl_Op<"status",
                                 [MemoryEffects<[MemRead<ArcDsl_ErrorState>]>]> {
  let summary = "the sample's status: 0, or the error code it raised";
  let description = [{
    Reads the per-sample error state that every primitive updates (0 when the
    sample has not failed; otherwise the code of the Python exception it
    raised, or a capacity/work-bound error). Batched solvers return it next
    to their result.
  }];
  let results = (outs ArcDsl_Value:$result);
  let assemblyFormat = "attr-dict `:` type($result)";
}

//===----------------------------------------------------------------------===//
// Batches of samples
//===----------------------------------------------------------------------===//

def ArcDsl_BatchMapOp : ArcDsl_Op<"batch.map", [RecursiveMemoryEffects,
    SingleBlock]> {
  let summary = "the sample loop: one program over every sample of a batch";
  let description = [{
    Runs its region once per sample of `samples`, each run on its own: its
    block argument is that sample's value, what it yields that sample's
    result, and the error the sample raised (0: none) its status. The runs
    share nothing, so they may go in any order or at once: the sample loop
    of a batched solver (--batchify), which --convert-arcdsl-to-gpu turns
    into the dispatch kernel's work loop (a GPU thread per sample).
    ```mlir
    %r, %status = arcdsl.batch.map %xs : !arcdsl.batch<!arcdsl.grid>
        -> !arcdsl.batch<!arcdsl.grid>, !arcdsl.batch<!arcdsl.int> {
    ^bb0(%x: !arcdsl.grid):
      %o = arcdsl.vmirror %x : (!arcdsl.grid) -> !arcdsl.grid
      arcdsl.batch.yield %o : !arcdsl.grid
    }
    ```
  }];
  let arguments = (ins ArcDsl_BatchType:$samples);
  let results = (outs ArcDsl_BatchType:$results, ArcDsl_BatchType:$status);
  let regions = (region SizedRegion<1>:$body);
  let assemblyFormat = "$samples attr-dict `:` qualified(type($samples)) "
                       "`->` qualified(type($results)) `,` "
                       "qualified(type($status)) $body";
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    /// The per-sample program's input (the block argument).
    ::mlir::BlockArgument getSample() { return getBody().front().getArgument(0); }
  }];
}

def ArcDsl_BatchYieldOp : ArcDsl_Op<"batch.yield", [Pure,
    Terminator, HasParent<"BatchMapOp">]> {
  let summary = "a sample's result in `arcdsl.batch.map`";
  let arguments = (ins ArcDsl_Value:$value);
  let assemblyFormat = "$value attr-dict `:` type($value)";
}

//===----------------------------------------------------------------------===//
// Batt programs
//===----------------------------------------------------------------------===//

// Reads the error state (did the line raise?) and clears it.
def ArcDsl_RecoverOp : ArcDsl_Op<"recover", [MemoryEffects<[
    MemRead<ArcDsl_ErrorState>, MemWrite<ArcDsl_ErrorState>]>]> {
  let summary = "the `except` of a batt line";
  let description = [{
    A generated batt wraps each line in
    `try: tN = f(...) except (TypeError, ...): tN = _get_safe_default(f)`.
    `recover` yields `value` when the line did not fail; when it raised one
    of the Python exceptions named in `caught`, and the
    sample had not failed before the line (`before` is the sample's status
    read just before it), the sample's error is cleared and the result is
    `_get_safe_default(callee)`: the failure value given by the callee's
    Python return annotation (frozenset(), (), 0, False or a function
    returning ()), or () when the callee is not a primitive. Any other
    error stays: the batt raised, as in Python.
    ```mlir
    %before = arcdsl.status : !arcdsl.int
    %v = arcdsl.size %x : (!arcdsl.any) -> !arcdsl.int
    %f = arcdsl.prim_ref "size" : !arcdsl.fn
    %t = arcdsl.recover %v, %f, %before {caught = ["TypeError", "ValueError"]}
           : (!arcdsl.int, !arcdsl.fn, !arcdsl.int) -> !arcdsl.any
    ```
  }];
  let arguments = (ins ArcDsl_Value:$value, ArcDsl_Value:$callee,
                   ArcDsl_Value:$before, StrArrayAttr:$caught);
  let results = (outs ArcDsl_Value:$result);
  let assemblyFormat = "$value `,` $callee `,` $before attr-dict `:` "
                       "functional-type(operands, results)";
}

// Reads the error state; writes the function's line slot (its own resource
// would do too: the default one keeps it ordered against everything).
def ArcDsl_BattLineOp : ArcDsl_Op<"batt_line", [MemoryEffects<[
    MemRead<ArcDsl_ErrorState>, MemWrite]>]> {
  let summary = "the end of batt line `index`: where an uncaught error rose";
  let description = [{
    The importer puts one after each batt line (`tN = ...`, its `except`
    included); `index` is the line's entry in the function's
    `arcdsl.batt` `lines` table (`[name, "FILE:line"]`). It reads the
    sample's status: the first `batt_line` that sees it set names the line
    whose error ended the run (an error caught by a line's `recover` is
    cleared before its `batt_line`, and an error no line catches stays set
    to the end). It writes that index to the function's line slot, so it
    is never dead and never moves across lines. On the CPU a batt that
    ends in an error returns the index (an Integer word) in place of its
    result; the GPU kernel packs no result of a failed sample, so batts run
    there report no line.
    ```mlir
    %t1 = arcdsl.size %x : (!arcdsl.any) -> !arcdsl.int
    arcdsl.batt_line 0
    ```
  }];
  let arguments = (ins I64Attr:$index);
  let assemblyFormat = "$index attr-dict";
}

def ArcDsl_FailOp : ArcDsl_Op<"fail", [ArcDsl_MayRaise]> {
  let summary = "raise a Python exception in the sample";
  let description = [{
    What a batt line that cannot run becomes (a call of a primitive with
    arguments of the wrong types, after a mutation): it raises the Python
    exception named `exception` when it runs, which the line's `recover`
    catches.
    ```mlir
    %v = arcdsl.fail "TypeError" : !arcdsl.any
    ```
  }];
  let arguments = (ins StrAttr:$exception);
  let results = (outs ArcDsl_Value:$result);
  let assemblyFormat = "$exception attr-dict `:` type($result)";
}

//===----------------------------------------------------------------------===//
// Batt calls sharing lines across modes (--arcdsl-batt-share-modes)
//===----------------------------------------------------------------------===//

// A batt runs once with C = None (solve) and once with C = the expected
// output (diff) on every sample; the lines that do not read C compute the
// same in both calls. A call may pass a memo (a tuple, the fourth argument):
// the first call records those lines' values and what each cost in it, the
// second replays them from it. Each op names a word of the memo by index.
// They read or write the memo and the sample's work counter: ordered
// against everything (the default resource), never dead.

def ArcDsl_BattMemoOp : ArcDsl_Op<"batt_memo", [Pure]> {
  let summary = "the memo a batt call was given, or None";
  let description = [{
    `args[3]` when the argument tuple has a fourth element, None otherwise
    (a call without a memo: the shared lines compute and nothing is kept).
    Raises nothing.
    ```mlir
    %memo = arcdsl.batt_memo %arg0 : (!arcdsl.any) -> !arcdsl.any
    ```
  }];
  let arguments = (ins ArcDsl_Value:$args);
  let results = (outs ArcDsl_Value:$result);
  let assemblyFormat = "$args attr-dict `:` functional-type($args, results)";
}

def ArcDsl_BattMemoReplayingOp : ArcDsl_Op<"batt_memo_replaying",
                                           [MemoryEffects<[MemRead]>]> {
  let summary = "whether this call replays the memo (its word 0 is set)";
  let description = [{
    The condition of a shared line's `scf.if`: true in the second call of a
    sample, whose memo the first call filled and the host then marked.
    ```mlir
    %r = arcdsl.batt_memo_replaying %memo : !arcdsl.any
    ```
  }];
  let arguments = (ins ArcDsl_Value:$memo);
  let results = (outs I1:$result);
  let assemblyFormat = "$memo attr-dict `:` type($memo)";
}

def ArcDsl_BattMemoMarkOp : ArcDsl_Op<"batt_memo_mark", [MemoryEffects<[
    MemRead<ArcDsl_ErrorState>, MemWrite]>]> {
  let summary = "record the sample's work so far in word `index` of the memo";
  let description = [{
    Before and after a shared line when it computes: the difference of the
    two words is what the line cost. Nothing without a memo.
    ```mlir
    arcdsl.batt_memo_mark %memo[1] : !arcdsl.any
    ```
  }];
  let arguments = (ins ArcDsl_Value:$memo, I64Attr:$index);
  let assemblyFormat = "$memo `[` $index `]` attr-dict `:` type($memo)";
}

def ArcDsl_BattMemoStoreOp : ArcDsl_Op<"batt_memo_store", [MemoryEffects<[
    MemWrite]>]> {
  let summary = "keep `value` in word `index` of the memo";
  let description = [{
    After a shared line when it computes: a value later lines use (already
    through the line's `recover`). Nothing without a memo.
    ```mlir
    arcdsl.batt_memo_store %t5, %memo[9] : !arcdsl.int, !arcdsl.any
    ```
  }];
  let arguments = (ins ArcDsl_Value:$value, ArcDsl_Value:$memo,
                   I64Attr:$index);
  let assemblyFormat = "$value `,` $memo `[` $index `]` attr-dict `:` "
                       "type($value) `,` type($memo)";
}

def ArcDsl_BattMemoChargeOp : ArcDsl_Op<"batt_memo_charge", [MemoryEffects<[
    MemRead<ArcDsl_ErrorState>, MemWrite<ArcDsl_ErrorState>, MemRead]>]> {
  let summary = "charge what a shared line cost when it was recorded";
  let description = [{
    When the call replays, in place of the line: unless the sample has
    already failed, its work grows by memo[index + 1] - memo[index] (the
    marks around the line), and it raises the work-bound error when that
    passes the bound, as the line itself would have.
    ```mlir
    arcdsl.batt_memo_charge %memo[1] : !arcdsl.any
    ```
  }];
  let arguments = (ins ArcDsl_Value:$memo, I64Attr:$index);
  let assemblyFormat = "$memo `[` $index `]` attr-dict `:` type($memo)";
}

def ArcDsl_BattMemoLoadOp : ArcDsl_Op<"batt_memo_load", [MemoryEffects<[
    MemRead<ArcDsl_ErrorState>, MemRead]>]> {
  let summary = "the value a shared line had when it was recorded";
  let description = [{
    When the call replays: word `index` of the memo, or the error word when
    the sample has already failed (as the line's own ops would give).
    ```mlir
    %t5 = arcdsl.batt_memo_load %memo[9] : (!arcdsl.any) -> !arcdsl.int
    ```
  }];
  let arguments = (ins ArcDsl_Value:$memo, I64Attr:$index);
  let results = (outs ArcDsl_Value:$result);
  let assemblyFormat = "$memo `[` $index `]` attr-dict `:` "
                       "functional-type($memo, results)";
}

// Builds a tuple: raises nothing in Python.
def ArcDsl_MakeTupleOp : ArcDsl_Op<"make_tuple", [Pure]> {
  let summary = "a tuple of values (of any types)";
  let description = [{
    What a batt returns: the values its `o.append(...)` and `s.append(...)`
    lines record, in order (the constant parts of those tuples are the
    function's `arcdsl.batt_records` attribute).
    ```mlir
    %r = arcdsl.make_tuple %a, %b : (!arcdsl.grid, !arcdsl.int) -> !arcdsl.any
    ```
  }];
  let arguments = (ins Variadic<ArcDsl_Value>:$elements);
  let results = (outs ArcDsl_Value:$result);
  let assemblyFormat = "$elements attr-dict `:` functional-type($elements, results)";
}

// IndexError out of range: may raise.
def ArcDsl_ItemOp : ArcDsl_Op<"item", [ArcDsl_MayRaise]> {
  let summary = "element `index` of a tuple (`x[k]`)";
  let description = [{
    A batt's arguments arrive as one tuple `(S, I, C)`; `item` takes them
    apart. IndexError out of range.
    ```mlir
    %i = arcdsl.item %args[1] : (!arcdsl.any) -> !arcdsl.grid
    ```
  }];
  let arguments = (ins ArcDsl_Value:$tuple, I64Attr:$index);
  let results = (outs ArcDsl_Value:$result);
  let assemblyFormat = "$tuple `[` $index `]` attr-dict `:` functional-type($tuple, results)";
}

#endif // ARCDSL_OPS_TD

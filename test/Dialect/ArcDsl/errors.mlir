// RUN: arcdsl-opt %s --split-input-file --verify-diagnostics

//===----------------------------------------------------------------------===//
// arcdsl.constant: the attribute kind must match the result type
//===----------------------------------------------------------------------===//

func.func @int_as_bool() {
  // expected-error @below {{'arcdsl.constant' op integer constant must be !arcdsl.int}}
  %0 = arcdsl.constant(1 : i64) : !arcdsl.bool
  return
}

// -----

func.func @bool_as_int() {
  // expected-error @below {{'arcdsl.constant' op boolean constant must be !arcdsl.bool}}
  %0 = arcdsl.constant(true) : !arcdsl.int
  return
}

// -----

func.func @unit_as_int() {
  // expected-error @below {{'arcdsl.constant' op unit constant must be !arcdsl.none}}
  %0 = arcdsl.constant(unit) : !arcdsl.int
  return
}

// -----

func.func @pair_as_int() {
  // expected-error @below {{'arcdsl.constant' op integer-tuple constant must be two integers of type !arcdsl.pair}}
  %0 = arcdsl.constant(array<i64: 1, 2>) : !arcdsl.int
  return
}

// -----

func.func @triple() {
  // expected-error @below {{'arcdsl.constant' op integer-tuple constant must be two integers of type !arcdsl.pair}}
  %0 = arcdsl.constant(array<i64: 1, 2, 3>) : !arcdsl.pair
  return
}

// -----

func.func @int_as_pair() {
  // expected-error @below {{'arcdsl.constant' op integer constant must be !arcdsl.int}}
  %0 = arcdsl.constant(7 : i64) : !arcdsl.pair
  return
}

// -----

func.func @string_constant() {
  // expected-error @below {{'arcdsl.constant' op unsupported constant value "five"}}
  %0 = arcdsl.constant("five") : !arcdsl.int
  return
}

// -----

//===----------------------------------------------------------------------===//
// arcdsl.prim_ref
//===----------------------------------------------------------------------===//

func.func @unknown_prim_ref() {
  // expected-error @below {{'arcdsl.prim_ref' op unknown primitive 'flipdiagonal'}}
  %0 = arcdsl.prim_ref "flipdiagonal" : !arcdsl.fn
  return
}

// -----

func.func @prim_ref_not_fn() {
  // expected-error @below {{'arcdsl.prim_ref' op result #0 must be}}
  %0 = "arcdsl.prim_ref"() {prim = "size"} : () -> !arcdsl.int
  return
}

// -----

//===----------------------------------------------------------------------===//
// arcdsl.hof.<prim>
//===----------------------------------------------------------------------===//

// A first-order primitive or a closure builder has no arcdsl.hof op.

func.func private @f(%x: !arcdsl.any) -> !arcdsl.any

func.func @hof_first_order(%c: !arcdsl.any) {
  // expected-error @below {{custom op 'arcdsl.hof.size' is unknown}}
  %0 = arcdsl.hof.size [@f]() (%c) : (!arcdsl.any) -> !arcdsl.any
  return
}

// -----

func.func private @f(%x: !arcdsl.any) -> !arcdsl.any

func.func @hof_closure_builder(%c: !arcdsl.any) {
  // expected-error @below {{custom op 'arcdsl.hof.rbind' is unknown}}
  %0 = arcdsl.hof.rbind [@f]() (%c) : (!arcdsl.any) -> !arcdsl.any
  return
}

// -----

func.func @hof_missing_callee(%c: !arcdsl.any) {
  // expected-error @below {{'arcdsl.hof.apply' op callee @nowhere does not exist}}
  %0 = arcdsl.hof.apply [@nowhere]() (%c) : (!arcdsl.any) -> !arcdsl.any
  return
}

// -----

func.func private @f(%x: !arcdsl.any) -> !arcdsl.any

func.func @hof_second_callee_missing(%b: !arcdsl.bool, %c: !arcdsl.any) {
  // expected-error @below {{'arcdsl.hof.branch_call' op callee @g does not exist}}
  %0 = arcdsl.hof.branch_call [@f, @g]() (%b, %c) : (!arcdsl.bool, !arcdsl.any) -> !arcdsl.any
  return
}

// -----

func.func @hof_no_callee(%c: !arcdsl.any) {
  // expected-error @below {{'arcdsl.hof.apply' op takes 1 callee, got 0}}
  %0 = arcdsl.hof.apply []() (%c) : (!arcdsl.any) -> !arcdsl.any
  return
}

// -----

// The shape of a hof must fit its primitive (the lowering indexes callees and
// operands by position): branch_call picks one of two callees ...

func.func private @f(%x: !arcdsl.any) -> !arcdsl.any

func.func @branch_call_one_callee(%b: !arcdsl.bool, %x: !arcdsl.any) {
  // expected-error @below {{'arcdsl.hof.branch_call' op takes 2 callees, got 1}}
  %0 = arcdsl.hof.branch_call [@f]() (%b, %x) : (!arcdsl.bool, !arcdsl.any) -> !arcdsl.any
  return
}

// -----

// ... apply maps one function over one container ...

func.func private @f(%x: !arcdsl.any) -> !arcdsl.any

func.func @apply_no_container() {
  // expected-error @below {{'arcdsl.hof.apply' op takes 1 data operand, got 0}}
  %0 = arcdsl.hof.apply [@f]() () : () -> !arcdsl.any
  return
}

// -----

func.func private @f(%x: !arcdsl.any) -> !arcdsl.any

func.func @apply_two_callees(%c: !arcdsl.any) {
  // expected-error @below {{'arcdsl.hof.apply' op takes 1 callee, got 2}}
  %0 = arcdsl.hof.apply [@f, @f]() (%c) : (!arcdsl.any) -> !arcdsl.any
  return
}

// -----

// ... papply zips two containers ...

func.func private @f2(%x: !arcdsl.any, %y: !arcdsl.any) -> !arcdsl.any

func.func @papply_one_container(%c: !arcdsl.any) {
  // expected-error @below {{'arcdsl.hof.papply' op takes 2 data operands, got 1}}
  %0 = arcdsl.hof.papply [@f2]() (%c) : (!arcdsl.any) -> !arcdsl.any
  return
}

// -----

// ... and each callee takes the captures, then one element (two for papply,
// mpapply and prapply).

func.func private @f2(%x: !arcdsl.any, %y: !arcdsl.any) -> !arcdsl.any

func.func @apply_callee_arity(%c: !arcdsl.any) {
  // expected-error @below {{'arcdsl.hof.apply' op callee @f2 takes 2 arguments, but the captures and the element(s) make 1}}
  %0 = arcdsl.hof.apply [@f2]() (%c) : (!arcdsl.any) -> !arcdsl.any
  return
}

// -----

//===----------------------------------------------------------------------===//
// Primitive ops: operand count and operand types
//===----------------------------------------------------------------------===//

func.func @add_one_operand(%a: !arcdsl.int) {
  // expected-error @below {{'arcdsl.add' op expected 2 operands, but found 1}}
  %0 = arcdsl.add %a : (!arcdsl.int) -> !arcdsl.int
  return
}

// -----

func.func @fill_two_operands(%g: !arcdsl.grid, %a: !arcdsl.int) {
  // expected-error @below {{'arcdsl.fill' op expected 3 operands, but found 2}}
  %0 = arcdsl.fill %g, %a : (!arcdsl.grid, !arcdsl.int) -> !arcdsl.grid
  return
}

// -----

func.func @vmirror_two_operands(%g: !arcdsl.grid) {
  // expected-error @below {{'arcdsl.vmirror' op requires a single operand}}
  %0 = arcdsl.vmirror %g, %g : (!arcdsl.grid, !arcdsl.grid) -> !arcdsl.grid
  return
}

// -----

func.func @builtin_operand(%g: i64) {
  // expected-error @below {{'arcdsl.vmirror' op operand #0 must be Piece (a grid, tuple or frozenset), but got 'i64'}}
  %0 = arcdsl.vmirror %g : (i64) -> !arcdsl.grid
  return
}

// -----

// A primitive's operands carry its parameter kinds (ArcDslKinds.td): a
// type of a shape the kind never accepts does not verify.
func.func @int_for_grid(%n: !arcdsl.int) {
  // expected-error @below {{'arcdsl.rot90' op operand #0 must be Grid (a grid or tuple), but got '!arcdsl.int'}}
  %0 = arcdsl.rot90 %n : (!arcdsl.int) -> !arcdsl.grid
  return
}

// -----

func.func @fn_for_container(%f: !arcdsl.fn) {
  // expected-error @below {{'arcdsl.size' op operand #0 must be Container (a container), but got '!arcdsl.fn'}}
  %0 = arcdsl.size %f : (!arcdsl.fn) -> !arcdsl.int
  return
}

// -----

func.func @grid_for_callable(%g: !arcdsl.grid) {
  // expected-error @below {{'arcdsl.rbind' op operand #0 must be Callable (a function value), but got '!arcdsl.grid'}}
  %0 = arcdsl.rbind %g, %g : (!arcdsl.grid, !arcdsl.grid) -> !arcdsl.fn
  return
}

// -----

// A batch fits where its element type does; `!arcdsl.any` fits everywhere.
func.func @batch_of_int_for_grid(%n: !arcdsl.batch<!arcdsl.int>) {
  // expected-error @below {{'arcdsl.vmirror' op operand #0 must be Piece (a grid, tuple or frozenset), but got '!arcdsl.batch<!arcdsl.int>'}}
  %0 = arcdsl.vmirror %n : (!arcdsl.batch<!arcdsl.int>) -> !arcdsl.any
  return
}

// -----

func.func @call_value_of_data(%g: !arcdsl.grid) {
  // expected-error @below {{'arcdsl.call_value' op callee must be a function value}}
  %0 = "arcdsl.call_value"(%g, %g) : (!arcdsl.grid, !arcdsl.grid) -> !arcdsl.any
  return
}

// -----

// A result type that contradicts the primitive's type rule.
func.func @result_against_rule(%g: !arcdsl.grid) -> !arcdsl.any {
  // expected-error @below {{'arcdsl.height' op inferred type(s) '!arcdsl.int' are incompatible with return type(s) of operation '!arcdsl.grid'}}
  // expected-error @below {{'arcdsl.height' op failed to infer returned types}}
  %0 = arcdsl.height %g : (!arcdsl.grid) -> !arcdsl.grid
  return %0 : !arcdsl.grid
}

// -----

//===----------------------------------------------------------------------===//
// arcdsl.batch.map: one sample in, each sample's result out
//===----------------------------------------------------------------------===//

func.func @sample_of_other_type(%xs: !arcdsl.batch<!arcdsl.grid>) {
  // expected-error @below {{'arcdsl.batch.map' op needs one block argument, the sample, of type '!arcdsl.grid'}}
  %r, %s = arcdsl.batch.map %xs : !arcdsl.batch<!arcdsl.grid> -> !arcdsl.batch<!arcdsl.int>, !arcdsl.batch<!arcdsl.int> {
  ^bb0(%x: !arcdsl.int):
    arcdsl.batch.yield %x : !arcdsl.int
  }
  return
}

// -----

func.func @result_of_other_type(%xs: !arcdsl.batch<!arcdsl.grid>) {
  // expected-error @below {{'arcdsl.batch.map' op must yield each sample's result as '!arcdsl.int'}}
  %r, %s = arcdsl.batch.map %xs : !arcdsl.batch<!arcdsl.grid> -> !arcdsl.batch<!arcdsl.int>, !arcdsl.batch<!arcdsl.int> {
  ^bb0(%x: !arcdsl.grid):
    arcdsl.batch.yield %x : !arcdsl.grid
  }
  return
}

// -----

func.func @status_not_int(%xs: !arcdsl.batch<!arcdsl.grid>) {
  // expected-error @below {{'arcdsl.batch.map' op status must be a batch of !arcdsl.int}}
  %r, %s = arcdsl.batch.map %xs : !arcdsl.batch<!arcdsl.grid> -> !arcdsl.batch<!arcdsl.grid>, !arcdsl.batch<!arcdsl.bool> {
  ^bb0(%x: !arcdsl.grid):
    arcdsl.batch.yield %x : !arcdsl.grid
  }
  return
}

// -----

func.func @yield_outside(%x: !arcdsl.int) {
  // expected-error @below {{'arcdsl.batch.yield' op expects parent op 'arcdsl.batch.map'}}
  arcdsl.batch.yield %x : !arcdsl.int
}

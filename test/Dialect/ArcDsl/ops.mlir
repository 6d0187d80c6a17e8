// RUN: arcdsl-opt %s --verify-roundtrip | FileCheck %s
// RUN: arcdsl-opt %s --mlir-print-op-generic | arcdsl-opt | FileCheck %s

//===----------------------------------------------------------------------===//
// Types
//===----------------------------------------------------------------------===//

// Every type of the dialect prints back as written, nested ones included.

// CHECK-LABEL: func.func private @types(
// CHECK-SAME: !arcdsl.int, !arcdsl.bool, !arcdsl.pair, !arcdsl.cell,
// CHECK-SAME: !arcdsl.grid, !arcdsl.none, !arcdsl.fn, !arcdsl.any,
// CHECK-SAME: !arcdsl.tuple<!arcdsl.int>,
// CHECK-SAME: !arcdsl.set<!arcdsl.set<!arcdsl.cell>>,
// CHECK-SAME: !arcdsl.product<!arcdsl.grid, !arcdsl.set<!arcdsl.pair>>,
// CHECK-SAME: !arcdsl.tuple<!arcdsl.tuple<!arcdsl.pair>>,
// CHECK-SAME: !arcdsl.product<!arcdsl.int, !arcdsl.bool, !arcdsl.any>,
// CHECK-SAME: !arcdsl.batch<!arcdsl.grid>)
// CHECK-SAME: -> !arcdsl.set<!arcdsl.product<!arcdsl.int, !arcdsl.pair>>
func.func private @types(!arcdsl.int, !arcdsl.bool, !arcdsl.pair, !arcdsl.cell,
                         !arcdsl.grid, !arcdsl.none, !arcdsl.fn, !arcdsl.any,
                         !arcdsl.tuple<!arcdsl.int>,
                         !arcdsl.set<!arcdsl.set<!arcdsl.cell>>,
                         !arcdsl.product<!arcdsl.grid, !arcdsl.set<!arcdsl.pair>>,
                         !arcdsl.tuple<!arcdsl.tuple<!arcdsl.pair>>,
                         !arcdsl.product<!arcdsl.int, !arcdsl.bool, !arcdsl.any>,
                         !arcdsl.batch<!arcdsl.grid>)
    -> !arcdsl.set<!arcdsl.product<!arcdsl.int, !arcdsl.pair>>

// Values of every type flow through primitive ops (kinds are checked by
// --arcdsl-infer-types, not here); a result type must be compatible with
// the op's type rule (its InferTypeOpInterface).

// CHECK-LABEL: func.func @typed_values
// CHECK-SAME: (%[[G:.*]]: !arcdsl.tuple<!arcdsl.tuple<!arcdsl.int>>, %[[C:.*]]: !arcdsl.product<!arcdsl.int, !arcdsl.pair>, %[[N:.*]]: !arcdsl.none)
// CHECK: %[[T:.*]] = arcdsl.identity %[[G]] : (!arcdsl.tuple<!arcdsl.tuple<!arcdsl.int>>) -> !arcdsl.tuple<!arcdsl.tuple<!arcdsl.int>>
// CHECK: %[[P:.*]] = arcdsl.identity %[[C]] : (!arcdsl.product<!arcdsl.int, !arcdsl.pair>) -> !arcdsl.product<!arcdsl.int, !arcdsl.pair>
// CHECK: arcdsl.astuple %[[T]], %[[P]] : (!arcdsl.tuple<!arcdsl.tuple<!arcdsl.int>>, !arcdsl.product<!arcdsl.int, !arcdsl.pair>) -> !arcdsl.product<!arcdsl.tuple<!arcdsl.tuple<!arcdsl.int>>, !arcdsl.product<!arcdsl.int, !arcdsl.pair>>
// CHECK: arcdsl.equality %[[N]], %[[N]] : (!arcdsl.none, !arcdsl.none) -> !arcdsl.bool
func.func @typed_values(%g: !arcdsl.tuple<!arcdsl.tuple<!arcdsl.int>>, %c: !arcdsl.product<!arcdsl.int, !arcdsl.pair>, %n: !arcdsl.none) -> !arcdsl.bool {
  %0 = arcdsl.identity %g : (!arcdsl.tuple<!arcdsl.tuple<!arcdsl.int>>) -> !arcdsl.tuple<!arcdsl.tuple<!arcdsl.int>>
  %1 = arcdsl.identity %c : (!arcdsl.product<!arcdsl.int, !arcdsl.pair>) -> !arcdsl.product<!arcdsl.int, !arcdsl.pair>
  %2 = arcdsl.astuple %0, %1 : (!arcdsl.tuple<!arcdsl.tuple<!arcdsl.int>>, !arcdsl.product<!arcdsl.int, !arcdsl.pair>) -> !arcdsl.product<!arcdsl.tuple<!arcdsl.tuple<!arcdsl.int>>, !arcdsl.product<!arcdsl.int, !arcdsl.pair>>
  %3 = arcdsl.equality %n, %n : (!arcdsl.none, !arcdsl.none) -> !arcdsl.bool
  return %3 : !arcdsl.bool
}

// The per-sample status of a batched solver.
// CHECK-LABEL: func.func @status
// CHECK: %[[R:.*]] = arcdsl.vmirror %{{.*}} : (!arcdsl.batch<!arcdsl.grid>) -> !arcdsl.batch<!arcdsl.grid>
// CHECK: %[[S:.*]] = arcdsl.status : !arcdsl.batch<!arcdsl.int>
// CHECK: return %[[R]], %[[S]] : !arcdsl.batch<!arcdsl.grid>, !arcdsl.batch<!arcdsl.int>
func.func @status(%I: !arcdsl.batch<!arcdsl.grid>) -> (!arcdsl.batch<!arcdsl.grid>, !arcdsl.batch<!arcdsl.int>) {
  %0 = arcdsl.vmirror %I : (!arcdsl.batch<!arcdsl.grid>) -> !arcdsl.batch<!arcdsl.grid>
  %1 = arcdsl.status : !arcdsl.batch<!arcdsl.int>
  return %0, %1 : !arcdsl.batch<!arcdsl.grid>, !arcdsl.batch<!arcdsl.int>
}

//===----------------------------------------------------------------------===//
// Constants
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @constants
// CHECK: arcdsl.constant(5 : i64) : !arcdsl.int
// CHECK: arcdsl.constant(-2 : i64) : !arcdsl.int
// CHECK: arcdsl.constant(true) : !arcdsl.bool
// CHECK: arcdsl.constant(false) : !arcdsl.bool
// CHECK: arcdsl.constant(array<i64: -1, 1>) : !arcdsl.pair
// CHECK: arcdsl.constant(unit) : !arcdsl.none
func.func @constants() -> !arcdsl.none {
  %0 = arcdsl.constant(5 : i64) : !arcdsl.int
  %1 = arcdsl.constant(-2 : i64) : !arcdsl.int
  %2 = arcdsl.constant(true) : !arcdsl.bool
  %3 = arcdsl.constant(false) : !arcdsl.bool
  %4 = arcdsl.constant(array<i64: -1, 1>) : !arcdsl.pair
  %5 = arcdsl.constant(unit) : !arcdsl.none
  return %5 : !arcdsl.none
}

//===----------------------------------------------------------------------===//
// Function values: prim_ref, closure builders, call_value
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @function_values
// CHECK-SAME: (%[[I:.*]]: !arcdsl.grid)
// CHECK: %[[ADD:.*]] = arcdsl.prim_ref "add" : !arcdsl.fn
// CHECK: %[[TWO:.*]] = arcdsl.constant(2 : i64) : !arcdsl.int
// CHECK: %[[RB:.*]] = arcdsl.rbind %[[ADD]], %[[TWO]] : (!arcdsl.fn, !arcdsl.int) -> !arcdsl.fn
// CHECK: %[[LB:.*]] = arcdsl.lbind %[[ADD]], %[[TWO]] : (!arcdsl.fn, !arcdsl.int) -> !arcdsl.fn
// CHECK: %[[CO:.*]] = arcdsl.compose %[[RB]], %[[LB]] : (!arcdsl.fn, !arcdsl.fn) -> !arcdsl.fn
// CHECK: %[[CH:.*]] = arcdsl.chain %[[CO]], %[[RB]], %[[LB]] : (!arcdsl.fn, !arcdsl.fn, !arcdsl.fn) -> !arcdsl.fn
// CHECK: %[[FK:.*]] = arcdsl.fork %[[ADD]], %[[CH]], %[[RB]] : (!arcdsl.fn, !arcdsl.fn, !arcdsl.fn) -> !arcdsl.fn
// CHECK: %[[MA:.*]] = arcdsl.matcher %[[FK]], %[[TWO]] : (!arcdsl.fn, !arcdsl.int) -> !arcdsl.fn
// CHECK: %[[R90:.*]] = arcdsl.prim_ref "rot90" : !arcdsl.fn
// CHECK: %[[PW:.*]] = arcdsl.power %[[R90]], %[[TWO]] : (!arcdsl.fn, !arcdsl.int) -> !arcdsl.fn
// CHECK: %[[X:.*]] = arcdsl.call_value %[[MA]](%[[TWO]]) : !arcdsl.fn, (!arcdsl.int) -> !arcdsl.any
// CHECK: %[[Y:.*]] = arcdsl.call_value %[[PW]](%[[I]]) : !arcdsl.fn, (!arcdsl.grid) -> !arcdsl.grid
// CHECK: arcdsl.call_value %[[ADD]](%[[TWO]], %[[TWO]]) : !arcdsl.fn, (!arcdsl.int, !arcdsl.int) -> !arcdsl.int
// CHECK: return %[[Y]] : !arcdsl.grid
func.func @function_values(%I: !arcdsl.grid) -> !arcdsl.grid {
  %add = arcdsl.prim_ref "add" : !arcdsl.fn
  %two = arcdsl.constant(2 : i64) : !arcdsl.int
  %rb = arcdsl.rbind %add, %two : (!arcdsl.fn, !arcdsl.int) -> !arcdsl.fn
  %lb = arcdsl.lbind %add, %two : (!arcdsl.fn, !arcdsl.int) -> !arcdsl.fn
  %co = arcdsl.compose %rb, %lb : (!arcdsl.fn, !arcdsl.fn) -> !arcdsl.fn
  %ch = arcdsl.chain %co, %rb, %lb : (!arcdsl.fn, !arcdsl.fn, !arcdsl.fn) -> !arcdsl.fn
  %fk = arcdsl.fork %add, %ch, %rb : (!arcdsl.fn, !arcdsl.fn, !arcdsl.fn) -> !arcdsl.fn
  %ma = arcdsl.matcher %fk, %two : (!arcdsl.fn, !arcdsl.int) -> !arcdsl.fn
  %r90 = arcdsl.prim_ref "rot90" : !arcdsl.fn
  %pw = arcdsl.power %r90, %two : (!arcdsl.fn, !arcdsl.int) -> !arcdsl.fn
  %x = arcdsl.call_value %ma(%two) : !arcdsl.fn, (!arcdsl.int) -> !arcdsl.any
  %y = arcdsl.call_value %pw(%I) : !arcdsl.fn, (!arcdsl.grid) -> !arcdsl.grid
  %z = arcdsl.call_value %add(%two, %two) : !arcdsl.fn, (!arcdsl.int, !arcdsl.int) -> !arcdsl.int
  return %y : !arcdsl.grid
}

//===----------------------------------------------------------------------===//
// Higher-order primitives: unspecialized and as arcdsl.hof.<prim> ops
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @higher_order
// CHECK-SAME: (%[[I:.*]]: !arcdsl.grid)
// CHECK: %[[OBJS:.*]] = arcdsl.objects %[[I]], %[[T:.*]], %[[F:.*]], %[[T]] : (!arcdsl.grid, !arcdsl.bool, !arcdsl.bool, !arcdsl.bool) -> !arcdsl.set<!arcdsl.set<!arcdsl.cell>>
// CHECK: %[[SIZE:.*]] = arcdsl.prim_ref "size" : !arcdsl.fn
// CHECK: arcdsl.apply %[[SIZE]], %[[OBJS]] : (!arcdsl.fn, !arcdsl.set<!arcdsl.set<!arcdsl.cell>>) -> !arcdsl.set<!arcdsl.int>
// CHECK: arcdsl.argmax %[[OBJS]], %[[SIZE]] : (!arcdsl.set<!arcdsl.set<!arcdsl.cell>>, !arcdsl.fn) -> !arcdsl.set<!arcdsl.cell>
// CHECK: arcdsl.papply %{{.*}}, %{{.*}}, %{{.*}} : (!arcdsl.fn, !arcdsl.tuple<!arcdsl.int>, !arcdsl.tuple<!arcdsl.int>) -> !arcdsl.tuple<!arcdsl.int>
// CHECK: %[[K:.*]] = arcdsl.constant(3 : i64) : !arcdsl.int
// CHECK: %[[H1:.*]] = arcdsl.hof.apply [@size_of]() (%[[OBJS]]) : (!arcdsl.set<!arcdsl.set<!arcdsl.cell>>) -> !arcdsl.set<!arcdsl.int>
// CHECK: %[[H2:.*]] = arcdsl.hof.sfilter [@bigger_than](%[[K]]) (%[[OBJS]]) : (!arcdsl.int, !arcdsl.set<!arcdsl.set<!arcdsl.cell>>) -> !arcdsl.set<!arcdsl.set<!arcdsl.cell>>
// CHECK: arcdsl.hof.branch_call [@size_of, @size_of]() (%[[T]], %[[H2]]) : (!arcdsl.bool, !arcdsl.set<!arcdsl.set<!arcdsl.cell>>) -> !arcdsl.int
// CHECK: arcdsl.hof.call [@size_of]() (%[[H2]]) : (!arcdsl.set<!arcdsl.set<!arcdsl.cell>>) -> !arcdsl.int
// CHECK: arcdsl.hof.power [@rot]() (%[[K]], %[[I]]) : (!arcdsl.int, !arcdsl.grid) -> !arcdsl.grid
func.func @higher_order(%I: !arcdsl.grid) -> !arcdsl.set<!arcdsl.int> {
  %t = arcdsl.constant(true) : !arcdsl.bool
  %f = arcdsl.constant(false) : !arcdsl.bool
  %objs = arcdsl.objects %I, %t, %f, %t : (!arcdsl.grid, !arcdsl.bool, !arcdsl.bool, !arcdsl.bool) -> !arcdsl.set<!arcdsl.set<!arcdsl.cell>>
  %size = arcdsl.prim_ref "size" : !arcdsl.fn
  %0 = arcdsl.apply %size, %objs : (!arcdsl.fn, !arcdsl.set<!arcdsl.set<!arcdsl.cell>>) -> !arcdsl.set<!arcdsl.int>
  %1 = arcdsl.argmax %objs, %size : (!arcdsl.set<!arcdsl.set<!arcdsl.cell>>, !arcdsl.fn) -> !arcdsl.set<!arcdsl.cell>
  %add = arcdsl.prim_ref "add" : !arcdsl.fn
  %tup = arcdsl.totuple %0 : (!arcdsl.set<!arcdsl.int>) -> !arcdsl.tuple<!arcdsl.int>
  %2 = arcdsl.papply %add, %tup, %tup : (!arcdsl.fn, !arcdsl.tuple<!arcdsl.int>, !arcdsl.tuple<!arcdsl.int>) -> !arcdsl.tuple<!arcdsl.int>
  %k = arcdsl.constant(3 : i64) : !arcdsl.int
  %h1 = arcdsl.hof.apply [@size_of]() (%objs) : (!arcdsl.set<!arcdsl.set<!arcdsl.cell>>) -> !arcdsl.set<!arcdsl.int>
  %h2 = arcdsl.hof.sfilter [@bigger_than] (%k) (%objs) : (!arcdsl.int, !arcdsl.set<!arcdsl.set<!arcdsl.cell>>) -> !arcdsl.set<!arcdsl.set<!arcdsl.cell>>
  %h3 = arcdsl.hof.branch_call [@size_of, @size_of]() (%t, %h2) : (!arcdsl.bool, !arcdsl.set<!arcdsl.set<!arcdsl.cell>>) -> !arcdsl.int
  %h4 = arcdsl.hof.call [@size_of]() (%h2) : (!arcdsl.set<!arcdsl.set<!arcdsl.cell>>) -> !arcdsl.int
  %h5 = arcdsl.hof.power [@rot]() (%k, %I) : (!arcdsl.int, !arcdsl.grid) -> !arcdsl.grid
  return %h1 : !arcdsl.set<!arcdsl.int>
}

// CHECK-LABEL: func.func private @size_of
// CHECK: arcdsl.size
func.func private @size_of(%x: !arcdsl.set<!arcdsl.cell>) -> !arcdsl.int {
  %0 = arcdsl.size %x : (!arcdsl.set<!arcdsl.cell>) -> !arcdsl.int
  return %0 : !arcdsl.int
}

// CHECK-LABEL: func.func private @bigger_than
// CHECK: arcdsl.greater
func.func private @bigger_than(%k: !arcdsl.int, %x: !arcdsl.set<!arcdsl.cell>) -> !arcdsl.bool {
  %0 = arcdsl.size %x : (!arcdsl.set<!arcdsl.cell>) -> !arcdsl.int
  %1 = arcdsl.greater %0, %k : (!arcdsl.int, !arcdsl.int) -> !arcdsl.bool
  return %1 : !arcdsl.bool
}

// CHECK-LABEL: func.func private @rot
// CHECK: arcdsl.rot90
func.func private @rot(%g: !arcdsl.grid) -> !arcdsl.grid {
  %0 = arcdsl.rot90 %g : (!arcdsl.grid) -> !arcdsl.grid
  return %0 : !arcdsl.grid
}

//===----------------------------------------------------------------------===//
// A sample of first-order primitives (nullary to four operands)
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @first_order
// CHECK-SAME: (%[[I:.*]]: !arcdsl.grid, %[[P:.*]]: !arcdsl.set<!arcdsl.pair>)
// CHECK: %[[A:.*]] = arcdsl.add %{{.*}}, %{{.*}} : (!arcdsl.int, !arcdsl.pair) -> !arcdsl.pair
// CHECK: %[[V:.*]] = arcdsl.vmirror %[[I]] : (!arcdsl.grid) -> !arcdsl.grid
// CHECK: %[[F:.*]] = arcdsl.fill %[[V]], %{{.*}}, %[[P]] : (!arcdsl.grid, !arcdsl.int, !arcdsl.set<!arcdsl.pair>) -> !arcdsl.grid
// CHECK: %[[S:.*]] = arcdsl.shift %[[P]], %[[A]] : (!arcdsl.set<!arcdsl.pair>, !arcdsl.pair) -> !arcdsl.set<!arcdsl.pair>
// CHECK: arcdsl.ofcolor %[[F]], %{{.*}} : (!arcdsl.grid, !arcdsl.int) -> !arcdsl.set<!arcdsl.pair>
// CHECK: arcdsl.switch %[[F]], %{{.*}}, %{{.*}} : (!arcdsl.grid, !arcdsl.int, !arcdsl.int) -> !arcdsl.grid
// CHECK: arcdsl.rot180
// CHECK: arcdsl.flip %{{.*}} : (!arcdsl.bool) -> !arcdsl.bool
// CHECK: arcdsl.hperiod
// CHECK: arcdsl.merge %{{.*}} : (!arcdsl.set<!arcdsl.set<!arcdsl.cell>>) -> !arcdsl.set<!arcdsl.cell>
func.func @first_order(%I: !arcdsl.grid, %p: !arcdsl.set<!arcdsl.pair>) -> !arcdsl.grid {
  %one = arcdsl.constant(1 : i64) : !arcdsl.int
  %dir = arcdsl.constant(array<i64: 0, 1>) : !arcdsl.pair
  %a = arcdsl.add %one, %dir : (!arcdsl.int, !arcdsl.pair) -> !arcdsl.pair
  %v = arcdsl.vmirror %I : (!arcdsl.grid) -> !arcdsl.grid
  %f = arcdsl.fill %v, %one, %p : (!arcdsl.grid, !arcdsl.int, !arcdsl.set<!arcdsl.pair>) -> !arcdsl.grid
  %s = arcdsl.shift %p, %a : (!arcdsl.set<!arcdsl.pair>, !arcdsl.pair) -> !arcdsl.set<!arcdsl.pair>
  %o = arcdsl.ofcolor %f, %one : (!arcdsl.grid, !arcdsl.int) -> !arcdsl.set<!arcdsl.pair>
  %w = arcdsl.switch %f, %one, %one : (!arcdsl.grid, !arcdsl.int, !arcdsl.int) -> !arcdsl.grid
  %r = arcdsl.rot180 %w : (!arcdsl.grid) -> !arcdsl.grid
  %t = arcdsl.constant(true) : !arcdsl.bool
  %nt = arcdsl.flip %t : (!arcdsl.bool) -> !arcdsl.bool
  %obj = arcdsl.asobject %r : (!arcdsl.grid) -> !arcdsl.set<!arcdsl.cell>
  %hp = arcdsl.hperiod %obj : (!arcdsl.set<!arcdsl.cell>) -> !arcdsl.int
  %objs = arcdsl.objects %r, %t, %nt, %t : (!arcdsl.grid, !arcdsl.bool, !arcdsl.bool, !arcdsl.bool) -> !arcdsl.set<!arcdsl.set<!arcdsl.cell>>
  %m = arcdsl.merge %objs : (!arcdsl.set<!arcdsl.set<!arcdsl.cell>>) -> !arcdsl.set<!arcdsl.cell>
  return %r : !arcdsl.grid
}

// The end of a batt line (index into the function's `lines` table).
// CHECK-LABEL: func.func @batt_line
// CHECK: arcdsl.batt_line 3
func.func @batt_line(%I: !arcdsl.grid) -> !arcdsl.grid {
  %v = arcdsl.vmirror %I : (!arcdsl.grid) -> !arcdsl.grid
  arcdsl.batt_line 3
  return %v : !arcdsl.grid
}

//===----------------------------------------------------------------------===//
// The sample loop
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @sample_loop
// CHECK: %{{.*}}, %{{.*}} = arcdsl.batch.map %{{.*}} : !arcdsl.batch<!arcdsl.grid> -> !arcdsl.batch<!arcdsl.int>, !arcdsl.batch<!arcdsl.int> {
// CHECK-NEXT: ^bb0(%[[X:.*]]: !arcdsl.grid):
// CHECK-NEXT: %[[H:.*]] = arcdsl.height %[[X]]
// CHECK-NEXT: arcdsl.batch.yield %[[H]] : !arcdsl.int
func.func @sample_loop(%xs: !arcdsl.batch<!arcdsl.grid>) -> (!arcdsl.batch<!arcdsl.int>, !arcdsl.batch<!arcdsl.int>) {
  %r, %s = arcdsl.batch.map %xs : !arcdsl.batch<!arcdsl.grid> -> !arcdsl.batch<!arcdsl.int>, !arcdsl.batch<!arcdsl.int> {
  ^bb0(%x: !arcdsl.grid):
    %h = arcdsl.height %x : (!arcdsl.grid) -> !arcdsl.int
    arcdsl.batch.yield %h : !arcdsl.int
  }
  return %r, %s : !arcdsl.batch<!arcdsl.int>, !arcdsl.batch<!arcdsl.int>
}

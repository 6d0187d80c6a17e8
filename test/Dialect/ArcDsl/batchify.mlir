// RUN: arcdsl-opt %s --batchify | FileCheck %s

// A solver becomes its batch form: argument, values and result over the
// batch, the per-sample status returned beside the result; constants stay
// scalar (broadcast); the specialized callee stays scalar.

// CHECK-LABEL: func.func @solve_a
// CHECK-SAME: (%[[I:.*]]: !arcdsl.batch<!arcdsl.grid>) -> (!arcdsl.batch<!arcdsl.grid>, !arcdsl.batch<!arcdsl.int>)
// CHECK-SAME: attributes {arcdsl.batched
// CHECK: %[[T:.*]] = arcdsl.constant(true) : !arcdsl.bool
// CHECK: %[[O:.*]] = arcdsl.objects %[[I]], %[[T]], %{{.*}}, %[[T]] : (!arcdsl.batch<!arcdsl.grid>, !arcdsl.bool, !arcdsl.bool, !arcdsl.bool) -> !arcdsl.batch<!arcdsl.set<!arcdsl.set<!arcdsl.cell>>>
// CHECK: %[[M:.*]] = arcdsl.hof.argmax [@solve_a__f0]() (%[[O]]) : (!arcdsl.batch<!arcdsl.set<!arcdsl.set<!arcdsl.cell>>>) -> !arcdsl.batch<!arcdsl.set<!arcdsl.cell>>
// CHECK: %[[F:.*]] = arcdsl.fill %[[I]], %{{.*}}, %[[M]] : (!arcdsl.batch<!arcdsl.grid>, !arcdsl.int, !arcdsl.batch<!arcdsl.set<!arcdsl.cell>>) -> !arcdsl.batch<!arcdsl.grid>
// CHECK: %[[S:.*]] = arcdsl.status : !arcdsl.batch<!arcdsl.int>
// CHECK: return %[[F]], %[[S]]
// CHECK: func.func private @solve_a__f0(%{{.*}}: !arcdsl.set<!arcdsl.cell>) -> !arcdsl.int
func.func @solve_a(%I: !arcdsl.grid) -> !arcdsl.grid {
  %t = arcdsl.constant(true) : !arcdsl.bool
  %f = arcdsl.constant(false) : !arcdsl.bool
  %objs = arcdsl.objects %I, %t, %f, %t : (!arcdsl.grid, !arcdsl.bool, !arcdsl.bool, !arcdsl.bool) -> !arcdsl.set<!arcdsl.set<!arcdsl.cell>>
  %big = arcdsl.hof.argmax [@solve_a__f0]() (%objs) : (!arcdsl.set<!arcdsl.set<!arcdsl.cell>>) -> !arcdsl.set<!arcdsl.cell>
  %five = arcdsl.constant(5 : i64) : !arcdsl.int
  %o = arcdsl.fill %I, %five, %big : (!arcdsl.grid, !arcdsl.int, !arcdsl.set<!arcdsl.cell>) -> !arcdsl.grid
  return %o : !arcdsl.grid
}
func.func private @solve_a__f0(%x: !arcdsl.set<!arcdsl.cell>) -> !arcdsl.int {
  %0 = arcdsl.size %x : (!arcdsl.set<!arcdsl.cell>) -> !arcdsl.int
  return %0 : !arcdsl.int
}

// Imported (unspecialized) input: --batchify specializes first.
// CHECK-LABEL: func.func @solve_b
// CHECK-SAME: (%[[I:.*]]: !arcdsl.batch<!arcdsl.grid>) -> (!arcdsl.batch<!arcdsl.grid>, !arcdsl.batch<!arcdsl.int>)
// CHECK: arcdsl.hof.power [@solve_b__f0]
// CHECK-NOT: arcdsl.prim_ref
// CHECK: arcdsl.status
func.func @solve_b(%I: !arcdsl.grid) -> !arcdsl.any {
  %r = arcdsl.prim_ref "rot90" : !arcdsl.fn
  %two = arcdsl.constant(2 : i64) : !arcdsl.int
  %p = arcdsl.power %r, %two : (!arcdsl.fn, !arcdsl.int) -> !arcdsl.fn
  %o = arcdsl.call_value %p(%I) : !arcdsl.fn, (!arcdsl.grid) -> !arcdsl.any
  return %o : !arcdsl.any
}

// RUN: arcdsl-opt %s --batchify | FileCheck %s
// RUN: arcdsl-opt %s --batchify | arcdsl-opt | FileCheck %s

// A solver becomes its batch form: the sample loop (arcdsl.batch.map) over
// the input batch, whose region is the solver's body unchanged (one
// sample's program, scalar), each sample's status beside the results; the
// specialized callee stays as it is. The output parses back.

// CHECK-LABEL: func.func @solve_a
// CHECK-SAME: (%[[IS:.*]]: !arcdsl.batch<!arcdsl.grid>) -> (!arcdsl.batch<!arcdsl.grid>, !arcdsl.batch<!arcdsl.int>)
// CHECK-SAME: attributes {arcdsl.batched
// CHECK: %[[R:.*]], %[[S:.*]] = arcdsl.batch.map %[[IS]] : !arcdsl.batch<!arcdsl.grid> -> !arcdsl.batch<!arcdsl.grid>, !arcdsl.batch<!arcdsl.int> {
// CHECK-NEXT: ^bb0(%[[I:.*]]: !arcdsl.grid):
// CHECK: %[[T:.*]] = arcdsl.constant(true) : !arcdsl.bool
// CHECK: %[[O:.*]] = arcdsl.objects %[[I]], %[[T]], %{{.*}}, %[[T]] : (!arcdsl.grid, !arcdsl.bool, !arcdsl.bool, !arcdsl.bool) -> !arcdsl.set<!arcdsl.set<!arcdsl.cell>>
// CHECK: %[[M:.*]] = arcdsl.hof.argmax [@solve_a__f0]() (%[[O]]) : (!arcdsl.set<!arcdsl.set<!arcdsl.cell>>) -> !arcdsl.set<!arcdsl.cell>
// CHECK: %[[F:.*]] = arcdsl.fill %[[I]], %{{.*}}, %[[M]] : (!arcdsl.grid, !arcdsl.int, !arcdsl.set<!arcdsl.cell>) -> !arcdsl.grid
// CHECK: arcdsl.batch.yield %[[F]] : !arcdsl.grid
// CHECK-NEXT: }
// CHECK-NEXT: return %[[R]], %[[S]]
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
// CHECK-SAME: (%{{.*}}: !arcdsl.batch<!arcdsl.grid>) -> (!arcdsl.batch<!arcdsl.grid>, !arcdsl.batch<!arcdsl.int>)
// CHECK: arcdsl.batch.map
// CHECK: arcdsl.hof.power [@solve_b__f0]
// CHECK-NOT: arcdsl.prim_ref
// CHECK: arcdsl.batch.yield
func.func @solve_b(%I: !arcdsl.grid) -> !arcdsl.any {
  %r = arcdsl.prim_ref "rot90" : !arcdsl.fn
  %two = arcdsl.constant(2 : i64) : !arcdsl.int
  %p = arcdsl.power %r, %two : (!arcdsl.fn, !arcdsl.int) -> !arcdsl.fn
  %o = arcdsl.call_value %p(%I) : !arcdsl.fn, (!arcdsl.grid) -> !arcdsl.any
  return %o : !arcdsl.any
}

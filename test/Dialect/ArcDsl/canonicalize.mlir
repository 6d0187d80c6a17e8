// RUN: arcdsl-opt %s --canonicalize | FileCheck %s
// RUN: arcdsl-opt %s --canonicalize --cse | FileCheck %s

// Dead primitive calls may raise (a per-sample error), so canonicalization
// must not delete them. Dead constants, primitive references and closures
// are pure and go; constants are uniqued.

// CHECK-LABEL: func.func @dead_primitives
// CHECK-SAME: (%[[I:.*]]: !arcdsl.grid)
// CHECK-DAG: %[[Z:.*]] = arcdsl.constant(0 : i64) : !arcdsl.int
// CHECK-DAG: %[[T:.*]] = arcdsl.constant(true) : !arcdsl.bool
// CHECK: %[[H:.*]] = arcdsl.height %[[I]]
// CHECK-NEXT: arcdsl.divide %[[H]], %[[Z]]
// CHECK-NEXT: %[[O:.*]] = arcdsl.objects %[[I]], %[[T]], %[[T]], %[[T]]
// CHECK-NEXT: arcdsl.first %[[O]]
// CHECK-NEXT: arcdsl.hof.argmax [@size_of]() (%[[O]])
// CHECK-NEXT: return %[[I]]
// CHECK-NOT: arcdsl.constant(5
// CHECK-NOT: arcdsl.prim_ref
// CHECK-NOT: arcdsl.rbind
func.func @dead_primitives(%I: !arcdsl.grid) -> !arcdsl.grid {
  %z = arcdsl.constant(0 : i64) : !arcdsl.int
  %h = arcdsl.height %I : (!arcdsl.grid) -> !arcdsl.int
  %0 = arcdsl.divide %h, %z : (!arcdsl.int, !arcdsl.int) -> !arcdsl.int
  %t0 = arcdsl.constant(true) : !arcdsl.bool
  %t1 = arcdsl.constant(true) : !arcdsl.bool
  %objs = arcdsl.objects %I, %t0, %t1, %t0 : (!arcdsl.grid, !arcdsl.bool, !arcdsl.bool, !arcdsl.bool) -> !arcdsl.set<!arcdsl.set<!arcdsl.cell>>
  %1 = arcdsl.first %objs : (!arcdsl.set<!arcdsl.set<!arcdsl.cell>>) -> !arcdsl.set<!arcdsl.cell>
  %2 = arcdsl.hof.argmax [@size_of]() (%objs) : (!arcdsl.set<!arcdsl.set<!arcdsl.cell>>) -> !arcdsl.set<!arcdsl.cell>
  %five = arcdsl.constant(5 : i64) : !arcdsl.int
  %add = arcdsl.prim_ref "add" : !arcdsl.fn
  %3 = arcdsl.rbind %add, %five : (!arcdsl.fn, !arcdsl.int) -> !arcdsl.fn
  return %I : !arcdsl.grid
}

func.func private @size_of(%x: !arcdsl.set<!arcdsl.cell>) -> !arcdsl.int {
  %0 = arcdsl.size %x : (!arcdsl.set<!arcdsl.cell>) -> !arcdsl.int
  return %0 : !arcdsl.int
}

// Duplicate primitive calls are not merged by canonicalize or upstream CSE
// (that is --arcdsl-cse's job, see cse.mlir).
// CHECK-LABEL: func.func @duplicates_stay
// CHECK: arcdsl.vmirror
// CHECK-NEXT: arcdsl.vmirror
func.func @duplicates_stay(%I: !arcdsl.grid) -> !arcdsl.grid {
  %0 = arcdsl.vmirror %I : (!arcdsl.grid) -> !arcdsl.grid
  %1 = arcdsl.vmirror %I : (!arcdsl.grid) -> !arcdsl.grid
  %2 = arcdsl.hconcat %0, %1 : (!arcdsl.grid, !arcdsl.grid) -> !arcdsl.grid
  return %2 : !arcdsl.grid
}

// The end of a batt line reads and writes state: never dead, never merged,
// never moved past the lines around it.
// CHECK-LABEL: func.func @batt_lines
// CHECK: arcdsl.vmirror
// CHECK-NEXT: arcdsl.batt_line 0
// CHECK-NEXT: arcdsl.batt_line 1
// CHECK-NEXT: arcdsl.hmirror
// CHECK-NEXT: arcdsl.batt_line 2
func.func @batt_lines(%I: !arcdsl.grid) -> !arcdsl.grid {
  %v = arcdsl.vmirror %I : (!arcdsl.grid) -> !arcdsl.grid
  arcdsl.batt_line 0
  arcdsl.batt_line 1
  %w = arcdsl.hmirror %v : (!arcdsl.grid) -> !arcdsl.grid
  arcdsl.batt_line 2
  return %w : !arcdsl.grid
}

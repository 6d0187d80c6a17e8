// RUN: arcdsl-opt %s --arcdsl-to-llvm | FileCheck %s
// RUN: arcdsl-opt %s --arcdsl-compile | FileCheck %s --check-prefix=COMPILE
// RUN: arcdsl-opt %s --arcdsl-compile=cse=false | FileCheck %s --check-prefix=NOCSE

// An imported solver (function values, !arcdsl.any results, duplicate and
// dead calls) through the named pipelines:
//   arcdsl-compile = specialize-closures, infer-types, canonicalize, arcdsl-cse
//   arcdsl-to-llvm = arcdsl-compile, then convert-arcdsl-to-llvm

// COMPILE-LABEL: func.func @solve
// COMPILE-SAME: (%[[I:.*]]: !arcdsl.grid) -> !arcdsl.grid
// COMPILE-DAG: %[[TWO:.*]] = arcdsl.constant(2 : i64) : !arcdsl.int
// COMPILE-DAG: %[[T:.*]] = arcdsl.constant(true) : !arcdsl.bool
// COMPILE-DAG: %[[F:.*]] = arcdsl.constant(false) : !arcdsl.bool
// COMPILE: %[[OBJS:.*]] = arcdsl.objects %[[I]], %[[T]], %[[F]], %[[T]] : (!arcdsl.grid, !arcdsl.bool, !arcdsl.bool, !arcdsl.bool) -> !arcdsl.set<!arcdsl.set<!arcdsl.cell>>
// COMPILE-NEXT: %[[RED:.*]] = arcdsl.hof.sfilter [@solve__f0](%[[TWO]]) (%[[OBJS]]) : (!arcdsl.int, !arcdsl.set<!arcdsl.set<!arcdsl.cell>>) -> !arcdsl.set<!arcdsl.set<!arcdsl.cell>>
// COMPILE-NEXT: %[[M:.*]] = arcdsl.merge %[[RED]] : (!arcdsl.set<!arcdsl.set<!arcdsl.cell>>) -> !arcdsl.set<!arcdsl.cell>
// COMPILE-NEXT: arcdsl.first %[[OBJS]] : (!arcdsl.set<!arcdsl.set<!arcdsl.cell>>) -> !arcdsl.set<!arcdsl.cell>
// COMPILE-NEXT: %[[O:.*]] = arcdsl.fill %[[I]], %[[TWO]], %[[M]] : (!arcdsl.grid, !arcdsl.int, !arcdsl.set<!arcdsl.cell>) -> !arcdsl.grid
// COMPILE-NEXT: %[[O2:.*]] = arcdsl.underfill %[[O]], %[[TWO]], %[[M]] : (!arcdsl.grid, !arcdsl.int, !arcdsl.set<!arcdsl.cell>) -> !arcdsl.grid
// COMPILE-NEXT: return %[[O2]] : !arcdsl.grid
// COMPILE-LABEL: func.func private @solve__f0
// COMPILE-SAME: (%[[K:.*]]: !arcdsl.int, %[[X:.*]]: !arcdsl.set<!arcdsl.cell>) -> !arcdsl.bool
// COMPILE-NEXT: %[[C:.*]] = arcdsl.color %[[X]] : (!arcdsl.set<!arcdsl.cell>) -> !arcdsl.int
// COMPILE-NEXT: arcdsl.equality %[[C]], %[[K]] : (!arcdsl.int, !arcdsl.int) -> !arcdsl.bool

// Without CSE the duplicate merge stays.
// NOCSE-LABEL: func.func @solve
// NOCSE: arcdsl.merge
// NOCSE-NEXT: arcdsl.merge
// NOCSE-NEXT: arcdsl.first

// CHECK-LABEL: llvm.func @solve
// CHECK-SAME: (%[[CTX:.*]]: !llvm.ptr, %[[I:.*]]: i64) -> i64
// CHECK-DAG: %[[TWO:.*]] = llvm.mlir.constant(2 : i64) : i64
// CHECK-DAG: %[[T:.*]] = llvm.mlir.constant(1152921504606846977 : i64) : i64
// CHECK-DAG: %[[F:.*]] = llvm.mlir.constant(1152921504606846976 : i64) : i64
// CHECK: %[[OBJS:.*]] = llvm.call @arcdsl_prim_objects(%[[CTX]], %[[I]], %[[T]], %[[F]], %[[T]])
// CHECK: %[[F0:.*]] = llvm.mlir.addressof @solve__f0.thunk1
// CHECK: llvm.store %[[TWO]]
// CHECK: %[[RED:.*]] = llvm.call @arcdsl_hof_sfilter(%[[CTX]], %[[OBJS]], %[[F0]],
// CHECK-NEXT: %[[M:.*]] = llvm.call @arcdsl_prim_merge(%[[CTX]], %[[RED]])
// CHECK-NEXT: llvm.call @arcdsl_prim_first(%[[CTX]], %[[OBJS]])
// CHECK-NEXT: %[[O:.*]] = llvm.call @arcdsl_prim_fill(%[[CTX]], %[[I]], %[[TWO]], %[[M]])
// CHECK-NEXT: %[[O2:.*]] = llvm.call @arcdsl_prim_underfill(%[[CTX]], %[[O]], %[[TWO]], %[[M]])
// CHECK-NEXT: llvm.return %[[O2]] : i64
// CHECK-LABEL: llvm.func internal @solve__f0
// CHECK-SAME: (%[[CTX:.*]]: !llvm.ptr, %[[K:.*]]: i64, %[[X:.*]]: i64) -> i64
// CHECK-NEXT: %[[C:.*]] = llvm.call @arcdsl_prim_color(%[[CTX]], %[[X]])
// CHECK-NEXT: %[[E:.*]] = llvm.call @arcdsl_prim_equality(%[[CTX]], %[[C]], %[[K]])
// CHECK-NEXT: llvm.return %[[E]] : i64
func.func @solve(%I: !arcdsl.grid) -> !arcdsl.any {
  %t = arcdsl.constant(true) : !arcdsl.bool
  %f = arcdsl.constant(false) : !arcdsl.bool
  %objs = arcdsl.objects %I, %t, %f, %t : (!arcdsl.grid, !arcdsl.bool, !arcdsl.bool, !arcdsl.bool) -> !arcdsl.any
  %color = arcdsl.prim_ref "color" : !arcdsl.fn
  %two = arcdsl.constant(2 : i64) : !arcdsl.int
  %m = arcdsl.matcher %color, %two : (!arcdsl.fn, !arcdsl.int) -> !arcdsl.fn
  %red = arcdsl.sfilter %objs, %m : (!arcdsl.any, !arcdsl.fn) -> !arcdsl.any
  %merged = arcdsl.merge %red : (!arcdsl.any) -> !arcdsl.any
  %merged2 = arcdsl.merge %red : (!arcdsl.any) -> !arcdsl.any
  %dead = arcdsl.first %objs : (!arcdsl.any) -> !arcdsl.any
  %two2 = arcdsl.constant(2 : i64) : !arcdsl.int
  %O = arcdsl.fill %I, %two2, %merged2 : (!arcdsl.grid, !arcdsl.int, !arcdsl.any) -> !arcdsl.any
  %O2 = arcdsl.underfill %O, %two, %merged : (!arcdsl.any, !arcdsl.int, !arcdsl.any) -> !arcdsl.any
  return %O2 : !arcdsl.any
}

// RUN: arcdsl-opt --arcdsl-batt-share-modes %s | FileCheck %s
// RUN: arcdsl-opt --arcdsl-batt-share-modes --arcdsl-batt-share-modes %s | FileCheck %s --check-prefix=ONCE

// A batt of four lines: t1 = shape(C) reads C; t2 = palette(I) and
// t3 = size(t2) do not, so they are shared (two memo words each for the
// work before and after, one each for the value kept: 2 * 3 + 3 = 9 words
// with t4); t4 = divide(t3, 0) reads no C either (its error is the same in
// both calls). t1 is computed in all three functions.

// CHECK-LABEL: func.func @batt(
// CHECK-SAME: arcdsl.batt_memo = 9 : i64
// CHECK-NOT: batt_memo_
// CHECK: return

// The replay form: the shared lines' ops are gone; each is a charge of
// its recorded cost, then its value from the memo (words 6, 7, 8).
// CHECK-LABEL: func.func @batt.replay(%arg0: !arcdsl.any)
// CHECK-NEXT: %[[MEMO:.*]] = arcdsl.item %arg0[3]
// CHECK: %[[C:.*]] = arcdsl.item %arg0[2]
// CHECK: arcdsl.shape %[[C]]
// CHECK: %[[T1:.*]] = arcdsl.recover
// CHECK-NEXT: arcdsl.batt_line 0
// CHECK-NEXT: arcdsl.batt_memo_charge %[[MEMO]][0]
// CHECK-NEXT: arcdsl.batt_memo_load %[[MEMO]][6] : (!arcdsl.any) -> !arcdsl.any
// CHECK-NEXT: arcdsl.batt_line 1
// CHECK-NEXT: arcdsl.batt_memo_charge %[[MEMO]][2]
// CHECK-NEXT: arcdsl.batt_memo_load %[[MEMO]][7] : (!arcdsl.any) -> !arcdsl.int
// CHECK-NEXT: arcdsl.batt_line 2
// CHECK-NEXT: arcdsl.batt_memo_charge %[[MEMO]][4]
// CHECK-NEXT: %[[T4:.*]] = arcdsl.batt_memo_load %[[MEMO]][8]
// CHECK-NEXT: arcdsl.batt_line 3
// CHECK-NEXT: arcdsl.make_tuple %[[T1]], %[[T4]]
// CHECK-NOT: arcdsl.palette
// CHECK-NOT: arcdsl.divide

// The record form: the batt itself, with the work marked before and after
// each shared line and the line's value stored.
// CHECK-LABEL: func.func @batt.record(%arg0: !arcdsl.any)
// CHECK-NEXT: %[[RMEMO:.*]] = arcdsl.item %arg0[3]
// CHECK: arcdsl.shape
// CHECK: arcdsl.batt_line 0
// CHECK-NEXT: arcdsl.batt_memo_mark %[[RMEMO]][0]
// CHECK-NEXT: arcdsl.status
// CHECK-NEXT: arcdsl.palette
// CHECK-NEXT: arcdsl.prim_ref "palette"
// CHECK-NEXT: %[[T2:.*]] = arcdsl.recover
// CHECK-NEXT: arcdsl.batt_memo_store %[[T2]], %[[RMEMO]][6]
// CHECK-NEXT: arcdsl.batt_memo_mark %[[RMEMO]][1]
// CHECK-NEXT: arcdsl.batt_line 1
// CHECK-NEXT: arcdsl.batt_memo_mark %[[RMEMO]][2]
// CHECK-NEXT: %[[T3:.*]] = arcdsl.size %[[T2]]
// CHECK-NEXT: arcdsl.batt_memo_store %[[T3]], %[[RMEMO]][7]
// CHECK-NEXT: arcdsl.batt_memo_mark %[[RMEMO]][3]
// CHECK-NEXT: arcdsl.batt_line 2
// CHECK: arcdsl.divide %[[T3]]

// Run twice, the pass adds the forms once.
// ONCE-COUNT-1: func.func @batt.replay
// ONCE-COUNT-1: func.func @batt.record

module {
  func.func @batt(%arg0: !arcdsl.any) -> !arcdsl.any attributes {arcdsl.batt = {lines = [["t1", "b.py:13"], ["t2", "b.py:18"], ["t3", "b.py:21"], ["t4", "b.py:23"]], records = [["s", [1, "line", "d", {slot = 0 : i64}]], ["o", [4, false, "line", {slot = 1 : i64}]]], returns = ["o", "s"]}} {
    %0 = arcdsl.constant(0 : i64) : !arcdsl.int
    %1 = arcdsl.item %arg0[0] : (!arcdsl.any) -> !arcdsl.any
    %2 = arcdsl.item %arg0[1] : (!arcdsl.any) -> !arcdsl.grid
    %3 = arcdsl.item %arg0[2] : (!arcdsl.any) -> !arcdsl.any
    %4 = arcdsl.status : !arcdsl.int
    %5 = arcdsl.shape %3 : (!arcdsl.any) -> !arcdsl.pair
    %6 = arcdsl.prim_ref "shape" : !arcdsl.fn
    %7 = arcdsl.recover %5, %6, %4 {caught = ["TypeError"]} : (!arcdsl.pair, !arcdsl.fn, !arcdsl.int) -> !arcdsl.any
    arcdsl.batt_line 0
    %8 = arcdsl.status : !arcdsl.int
    %9 = arcdsl.palette %2 : (!arcdsl.grid) -> !arcdsl.set<!arcdsl.int>
    %10 = arcdsl.prim_ref "palette" : !arcdsl.fn
    %11 = arcdsl.recover %9, %10, %8 {caught = ["TypeError"]} : (!arcdsl.set<!arcdsl.int>, !arcdsl.fn, !arcdsl.int) -> !arcdsl.any
    arcdsl.batt_line 1
    %12 = arcdsl.size %11 : (!arcdsl.any) -> !arcdsl.int
    arcdsl.batt_line 2
    %13 = arcdsl.status : !arcdsl.int
    %14 = arcdsl.divide %12, %0 : (!arcdsl.int, !arcdsl.int) -> !arcdsl.int
    %15 = arcdsl.prim_ref "divide" : !arcdsl.fn
    %16 = arcdsl.recover %14, %15, %13 {caught = ["TypeError"]} : (!arcdsl.int, !arcdsl.fn, !arcdsl.int) -> !arcdsl.any
    arcdsl.batt_line 3
    %17 = arcdsl.make_tuple %7, %16 : (!arcdsl.any, !arcdsl.any) -> !arcdsl.any
    return %17 : !arcdsl.any
  }
}

// RUN: arcdsl-opt --arcdsl-batt-share-modes %s | FileCheck %s
// RUN: arcdsl-opt --arcdsl-batt-share-modes --arcdsl-batt-share-modes %s | FileCheck %s --check-prefix=ONCE

// A batt of four lines: t1 = shape(C) reads C; t2 = palette(I),
// t3 = size(t2) and t4 = divide(t3, 0) do not (t4 raises the same error in
// both calls), so they are shared. Memo words: the replay flag, two marks
// per shared line, one per value a later line uses: 1 + 2 * 3 + 3 = 10.

// CHECK-LABEL: func.func @batt(
// CHECK-SAME: arcdsl.batt_memo = 10 : i64
// CHECK-NEXT: %[[MEMO:.*]] = arcdsl.batt_memo %arg0 : (!arcdsl.any) -> !arcdsl.any
// CHECK: %[[I:.*]] = arcdsl.item %arg0[1]
// CHECK: %[[C:.*]] = arcdsl.item %arg0[2]

// t1 stays as it was.
// CHECK: arcdsl.shape %[[C]]
// CHECK: %[[T1:.*]] = arcdsl.recover
// CHECK-NEXT: arcdsl.batt_line 0

// t2: replayed (its cost charged, its value loaded) or computed between
// two marks and kept.
// CHECK-NEXT: %[[R2:.*]] = arcdsl.batt_memo_replaying %[[MEMO]]
// CHECK-NEXT: %[[T2:.*]] = scf.if %[[R2]] -> (!arcdsl.any) {
// CHECK-NEXT:   arcdsl.batt_memo_charge %[[MEMO]][1]
// CHECK-NEXT:   %[[L2:.*]] = arcdsl.batt_memo_load %[[MEMO]][7] : (!arcdsl.any) -> !arcdsl.any
// CHECK-NEXT:   scf.yield %[[L2]]
// CHECK-NEXT: } else {
// CHECK-NEXT:   arcdsl.batt_memo_mark %[[MEMO]][1]
// CHECK-NEXT:   arcdsl.status
// CHECK-NEXT:   arcdsl.palette %[[I]]
// CHECK-NEXT:   arcdsl.prim_ref "palette"
// CHECK-NEXT:   %[[V2:.*]] = arcdsl.recover
// CHECK-NEXT:   arcdsl.batt_memo_store %[[V2]], %[[MEMO]][7]
// CHECK-NEXT:   arcdsl.batt_memo_mark %[[MEMO]][2]
// CHECK-NEXT:   scf.yield %[[V2]]
// CHECK-NEXT: }
// CHECK-NEXT: arcdsl.batt_line 1

// t3 reads t2 through the branch's result.
// CHECK-NEXT: arcdsl.batt_memo_replaying %[[MEMO]]
// CHECK-NEXT: %[[T3:.*]] = scf.if %{{.*}} -> (!arcdsl.int) {
// CHECK-NEXT:   arcdsl.batt_memo_charge %[[MEMO]][3]
// CHECK-NEXT:   arcdsl.batt_memo_load %[[MEMO]][8] : (!arcdsl.any) -> !arcdsl.int
// CHECK:      } else {
// CHECK-NEXT:   arcdsl.batt_memo_mark %[[MEMO]][3]
// CHECK-NEXT:   arcdsl.size %[[T2]]
// CHECK:      arcdsl.batt_line 2

// t4; the constant it divides by stays outside (CSE gave one to all).
// CHECK:        arcdsl.divide %[[T3]]
// CHECK:      arcdsl.batt_line 3
// CHECK-NEXT: arcdsl.make_tuple %[[T1]], %{{.*}}

// Run twice, the pass shares the lines once.
// ONCE-COUNT-3: scf.if
// ONCE-NOT: scf.if

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

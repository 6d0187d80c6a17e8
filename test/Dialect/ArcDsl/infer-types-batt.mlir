// RUN: arcdsl-opt %s --arcdsl-infer-types --verify-diagnostics | FileCheck %s
// In a batt (a module marked arcdsl.lenient) a line that does not type-check
// is not an error: it runs in the primitive library, which raises where
// Python does, and its type is not known (a warning); calling a value that
// is no function always raises (arcdsl.fail).

module attributes {arcdsl.lenient} {
  // CHECK-LABEL: func.func @batt
  func.func @batt(%args: !arcdsl.any) -> !arcdsl.any {
    %I = arcdsl.item %args[1] : (!arcdsl.any) -> !arcdsl.grid
    %five = arcdsl.constant(5 : i64) : !arcdsl.int
    %b0 = arcdsl.status : !arcdsl.int
    // The line's rot90 becomes a call of its function value (an op of
    // rot90 on an Integer would not verify).
    %x = arcdsl.identity %five : (!arcdsl.int) -> !arcdsl.any
    // CHECK: %[[F:.*]] = arcdsl.prim_ref "rot90"
    // CHECK-NEXT: %[[R:.*]] = arcdsl.call_value %[[F]](%{{.*}}) : !arcdsl.fn, (!arcdsl.int) -> !arcdsl.any
    // expected-warning @below {{this line is not typed statically: 'rot90' expects Grid for parameter 'grid' (argument 1), got '!arcdsl.int'}}
    %r = arcdsl.rot90 %x : (!arcdsl.any) -> !arcdsl.any
    %f = arcdsl.prim_ref "rot90" : !arcdsl.fn
    // CHECK: arcdsl.recover %[[R]], {{.*}} -> !arcdsl.any
    %t1 = arcdsl.recover %r, %f, %b0 {caught = ["TypeError"]} : (!arcdsl.any, !arcdsl.fn, !arcdsl.int) -> !arcdsl.any
    // CHECK-NEXT: arcdsl.batt_line 0
    arcdsl.batt_line 0
    // A size is an Integer, not a function.
    %n = arcdsl.size %I : (!arcdsl.grid) -> !arcdsl.any
    %b1 = arcdsl.status : !arcdsl.int
    // CHECK: %[[C:.*]] = arcdsl.fail "TypeError" : !arcdsl.any
    // expected-warning @below {{this line always fails: the called value is not a function: it is '!arcdsl.int'}}
    %c = arcdsl.call_value %n(%I) : !arcdsl.any, (!arcdsl.grid) -> !arcdsl.any
    // CHECK: arcdsl.recover %[[C]]
    %t2 = arcdsl.recover %c, %n, %b1 {caught = ["TypeError"]} : (!arcdsl.any, !arcdsl.any, !arcdsl.int) -> !arcdsl.any
    // CHECK: arcdsl.make_tuple {{.*}} -> !arcdsl.any
    %res = arcdsl.make_tuple %t1, %t2 : (!arcdsl.any, !arcdsl.any) -> !arcdsl.any
    return %res : !arcdsl.any
  }
}

// RUN: arcdsl-opt %s --arcdsl-cse | FileCheck %s

// A tokpidjin call is deterministic (its safe wrapper turns a Python error
// into the function's default): a second identical call is the first's
// value. Calls that may call a function value (a Callable or key
// parameter, or a Callable result) may make a new function object: kept.

// CHECK-LABEL: func.func @merged
func.func @merged(%I: !arcdsl.grid) -> !arcdsl.any {
  %r = arcdsl.constant(7 : i64) : !arcdsl.int
  // CHECK: %[[O:.*]] = arcdsl.tok.o_g
  // CHECK-NOT: arcdsl.tok.o_g
  %o1 = arcdsl.tok.o_g %I, %r : (!arcdsl.grid, !arcdsl.int) -> !arcdsl.any
  %o2 = arcdsl.tok.o_g %I, %r : (!arcdsl.grid, !arcdsl.int) -> !arcdsl.any
  // CHECK: %[[S:.*]] = arcdsl.tok.size_f %[[O]]
  // CHECK-NOT: arcdsl.tok.size_f
  %s1 = arcdsl.tok.size_f %o1 : (!arcdsl.any) -> !arcdsl.any
  %s2 = arcdsl.tok.size_f %o2 : (!arcdsl.any) -> !arcdsl.any
  // CHECK: arcdsl.make_tuple %[[S]], %[[S]]
  %t = arcdsl.make_tuple %s1, %s2 : (!arcdsl.any, !arcdsl.any) -> !arcdsl.any
  return %t : !arcdsl.any
}

// CHECK-LABEL: func.func @kept
func.func @kept(%I: !arcdsl.grid, %xs: !arcdsl.any) -> !arcdsl.any {
  %r = arcdsl.constant(7 : i64) : !arcdsl.int
  %f = arcdsl.prim_ref "tok.o_g" : !arcdsl.fn
  // rbind makes a new function object at each call.
  // CHECK-COUNT-2: arcdsl.tok.rbind
  %b1 = arcdsl.tok.rbind %f, %r : (!arcdsl.fn, !arcdsl.int) -> !arcdsl.any
  %b2 = arcdsl.tok.rbind %f, %r : (!arcdsl.fn, !arcdsl.int) -> !arcdsl.any
  // apply calls a function value (which may build closures).
  // CHECK-COUNT-2: arcdsl.tok.apply
  %a1 = arcdsl.tok.apply %f, %xs : (!arcdsl.fn, !arcdsl.any) -> !arcdsl.any
  %a2 = arcdsl.tok.apply %f, %xs : (!arcdsl.fn, !arcdsl.any) -> !arcdsl.any
  // rapply calls the functions of its container.
  // CHECK-COUNT-2: arcdsl.tok.rapply
  %p1 = arcdsl.tok.rapply %xs, %I : (!arcdsl.any, !arcdsl.grid) -> !arcdsl.any
  %p2 = arcdsl.tok.rapply %xs, %I : (!arcdsl.any, !arcdsl.grid) -> !arcdsl.any
  %t = arcdsl.make_tuple %b1, %b2, %a1, %a2, %p1, %p2 : (!arcdsl.any, !arcdsl.any, !arcdsl.any, !arcdsl.any, !arcdsl.any, !arcdsl.any) -> !arcdsl.any
  return %t : !arcdsl.any
}

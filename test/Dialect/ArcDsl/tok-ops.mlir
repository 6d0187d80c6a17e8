// RUN: arcdsl-opt %s --split-input-file --verify-diagnostics | FileCheck %s
// RUN: arcdsl-opt %s --split-input-file --verify-diagnostics | arcdsl-opt --split-input-file | FileCheck %s

// tokpidjin's functions as ops (TokpidjinOps.td): `arcdsl.tok.<name>`, its
// arguments as operands (MinArity..Arity of them: a call may omit a
// parameter with a default), an `!arcdsl.any` result.

// CHECK-LABEL: func.func @calls
func.func @calls(%I: !arcdsl.grid, %t: !arcdsl.any) -> !arcdsl.any {
  %r = arcdsl.constant(7 : i64) : !arcdsl.int
  // CHECK: arcdsl.tok.o_g %{{.*}}, %{{.*}} : (!arcdsl.grid, !arcdsl.int) -> !arcdsl.any
  %o = arcdsl.tok.o_g %I, %r : (!arcdsl.grid, !arcdsl.int) -> !arcdsl.any
  // key = identity may be left out, or given.
  // CHECK: arcdsl.tok.get_nth_by_key_t %{{.*}}, %{{.*}} : (!arcdsl.any, !arcdsl.int) -> !arcdsl.any
  %a = arcdsl.tok.get_nth_by_key_t %t, %r : (!arcdsl.any, !arcdsl.int) -> !arcdsl.any
  %k = arcdsl.prim_ref "tok.size_f" : !arcdsl.fn
  // CHECK: arcdsl.tok.get_nth_by_key_t %{{.*}}, %{{.*}}, %{{.*}} : (!arcdsl.any, !arcdsl.int, !arcdsl.fn) -> !arcdsl.any
  %b = arcdsl.tok.get_nth_by_key_t %t, %r, %k : (!arcdsl.any, !arcdsl.int, !arcdsl.fn) -> !arcdsl.any
  %c = arcdsl.tok.combine %a, %b : (!arcdsl.any, !arcdsl.any) -> !arcdsl.any
  return %c : !arcdsl.any
}

// -----

func.func @too_few(%I: !arcdsl.grid) -> !arcdsl.any {
  // expected-error @below {{'arcdsl.tok.o_g' op takes 2 arguments, got 1}}
  %o = arcdsl.tok.o_g %I : (!arcdsl.grid) -> !arcdsl.any
  return %o : !arcdsl.any
}

// -----

func.func @too_many(%t: !arcdsl.any) -> !arcdsl.any {
  // expected-error @below {{'arcdsl.tok.get_nth_by_key_t' op takes 2 to 3 arguments, got 4}}
  %o = arcdsl.tok.get_nth_by_key_t %t, %t, %t, %t : (!arcdsl.any, !arcdsl.any, !arcdsl.any, !arcdsl.any) -> !arcdsl.any
  return %o : !arcdsl.any
}

// -----

func.func @none(%t: !arcdsl.any) -> !arcdsl.any {
  // expected-error @below {{'arcdsl.tok.size_f' op takes 1 argument, got 0}}
  %o = arcdsl.tok.size_f : () -> !arcdsl.any
  return %o : !arcdsl.any
}

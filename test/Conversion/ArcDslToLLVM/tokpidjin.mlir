// RUN: arcdsl-opt %s --convert-arcdsl-to-llvm | FileCheck %s

// A tokpidjin call (`arcdsl.tok.<name>`) lowers to what `call_value` of its
// `prim_ref` runs: the library's call of its FN word (tag 5 << 60 |
// kTokBase + its index in Tokpidjin.def; kTokBase = 160, the Hodel
// primitives), arcdsl_rt_call<n> -> callFn -> the safe wrapper
// arcdsl_rt_tok_call. Same results, caught errors and work charges.

module attributes {arcdsl.dsl = "tokpidjin"} {
  // CHECK: llvm.func @batt(%{{.*}}: !llvm.ptr, %[[I:.*]]: i64, %[[T:.*]]: i64)
  func.func @batt(%I: !arcdsl.grid, %t: !arcdsl.any) -> !arcdsl.any {
    // CHECK: llvm.call @arcdsl_rt_set_dialect
    %r = arcdsl.constant(7 : i64) : !arcdsl.int
    // o_g is function 18: 5764607523034234880 + 160 + 18.
    // CHECK: %[[R:.*]] = llvm.mlir.constant(7 : i64) : i64
    // CHECK: %[[F:.*]] = llvm.mlir.constant(5764607523034235058 : i64) : i64
    // CHECK: %[[O:.*]] = llvm.call @arcdsl_rt_call2(%{{.*}}, %[[F]], %[[I]], %[[R]])
    %o = arcdsl.tok.o_g %I, %r : (!arcdsl.grid, !arcdsl.int) -> !arcdsl.any
    // A defaulted parameter left out: the wrapper fills it in.
    // CHECK: %[[G:.*]] = llvm.mlir.constant(5764607523034235056 : i64) : i64
    // CHECK: llvm.call @arcdsl_rt_call2(%{{.*}}, %[[G]], %[[T]], %[[R]])
    %a = arcdsl.tok.get_nth_by_key_t %t, %r : (!arcdsl.any, !arcdsl.int) -> !arcdsl.any
    // CHECK: %[[S:.*]] = llvm.mlir.constant(5764607523034235139 : i64) : i64
    // CHECK: llvm.call @arcdsl_rt_call1(%{{.*}}, %[[S]], %[[O]])
    %s = arcdsl.tok.size_f %o : (!arcdsl.any) -> !arcdsl.any
    %k = arcdsl.prim_ref "tok.size_f" : !arcdsl.fn
    // CHECK: %[[K:.*]] = llvm.mlir.constant(5764607523034235139 : i64) : i64
    // CHECK: %[[G3:.*]] = llvm.mlir.constant(5764607523034235056 : i64) : i64
    // CHECK: llvm.call @arcdsl_rt_call3(%{{.*}}, %[[G3]], %[[T]], %[[R]], %[[K]])
    %b = arcdsl.tok.get_nth_by_key_t %t, %r, %k : (!arcdsl.any, !arcdsl.int, !arcdsl.fn) -> !arcdsl.any
    %c = arcdsl.make_tuple %s, %a, %b : (!arcdsl.any, !arcdsl.any, !arcdsl.any) -> !arcdsl.any
    return %c : !arcdsl.any
  }
}

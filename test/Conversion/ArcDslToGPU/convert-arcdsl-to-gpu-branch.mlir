// RUN: arcdsl-opt %s --batchify --convert-arcdsl-to-gpu | FileCheck %s

// A function value chosen by `branch` (solve_7b7f7511 of the reference
// solvers) lowers to an scf.if over the two specialized callees, then to
// branches, inside the gpu.module. The pass loads the dialects of the CPU
// conversion's patterns itself: run alone it used to crash on creating
// the scf.if in an unloaded dialect.

// CHECK: gpu.module @arcdsl_kernels attributes {arcdsl.dispatch = ["solve_7b7f7511"]}
// CHECK: llvm.func internal @solve_7b7f7511__impl(%[[C:.*]]: !llvm.ptr, %[[I:.*]]: i64) -> i64
// CHECK: %[[P:.*]] = llvm.call @arcdsl_prim_portrait(%[[C]], %[[I]])
// CHECK: %[[T:.*]] = llvm.call @arcdsl_rt_truthy(%[[C]], %[[P]])
// CHECK: llvm.cond_br %{{.*}}, ^[[THEN:bb[0-9]+]], ^[[ELSE:bb[0-9]+]]
// CHECK: ^[[THEN]]:
// CHECK-NEXT: llvm.call @solve_7b7f7511__f0(%[[C]], %[[I]])
// CHECK: ^[[ELSE]]:
// CHECK-NEXT: llvm.call @solve_7b7f7511__f1(%[[C]], %[[I]])
// CHECK: gpu.func @arcdsl_dispatch
module {
  func.func @solve_7b7f7511(%arg0: !arcdsl.grid) -> !arcdsl.grid attributes {arcdsl.specialized} {
    %0 = arcdsl.portrait %arg0 : (!arcdsl.grid) -> !arcdsl.bool
    %1 = arcdsl.hof.branch_call [@solve_7b7f7511__f0, @solve_7b7f7511__f1]() (%0, %arg0) : (!arcdsl.bool, !arcdsl.grid) -> !arcdsl.grid
    return %1 : !arcdsl.grid
  }
  func.func private @solve_7b7f7511__f0(%arg0: !arcdsl.grid) -> !arcdsl.grid attributes {arcdsl.specialized} {
    %0 = arcdsl.tophalf %arg0 : (!arcdsl.grid) -> !arcdsl.grid
    return %0 : !arcdsl.grid
  }
  func.func private @solve_7b7f7511__f1(%arg0: !arcdsl.grid) -> !arcdsl.grid attributes {arcdsl.specialized} {
    %0 = arcdsl.lefthalf %arg0 : (!arcdsl.grid) -> !arcdsl.grid
    return %0 : !arcdsl.grid
  }
}

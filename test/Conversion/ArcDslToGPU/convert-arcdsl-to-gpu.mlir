// RUN: arcdsl-opt %s --batchify --convert-arcdsl-to-gpu | FileCheck %s

// Each batched solver's sample loop becomes its per-sample function
// @<name>__impl; every function moves into gpu.module @arcdsl_kernels as LLVM
// dialect; one kernel, the gpu.func @arcdsl_dispatch, runs any mix of
// (program, input) samples: each thread takes samples from a counter until
// none is left (scf.while), unpacks the input, runs program k (an
// scf.index_switch; k is the solver's place in the module, not sorted:
// solve_b is 0, solve_a is 1), packs the result. gpu-lower.mlir shows the
// upstream lowering of the kernel to NVVM.

// CHECK: module attributes {arcdsl.dispatch = ["solve_b", "solve_a"], gpu.container_module}
// CHECK: gpu.module @arcdsl_kernels attributes {arcdsl.dispatch = ["solve_b", "solve_a"]}
// CHECK-DAG: llvm.func @arcdsl_prim_vmirror(!llvm.ptr, i64) -> i64
// CHECK-DAG: llvm.func @arcdsl_rt_batch_next(!llvm.ptr, !llvm.ptr, i64) -> i64
// CHECK-DAG: llvm.func @arcdsl_rt_batch_input(!llvm.ptr, !llvm.ptr, i64) -> i64
// CHECK-DAG: llvm.func @arcdsl_rt_batch_finish(!llvm.ptr, !llvm.ptr, i64, i64)
// CHECK-DAG: llvm.func internal @solve_a__impl(%{{.*}}: !llvm.ptr, %{{.*}}: i64) -> i64
// CHECK-DAG: llvm.func internal @solve_b__impl(
// CHECK: gpu.func @arcdsl_dispatch(%[[B:.*]]: !llvm.ptr) kernel {
// CHECK: %[[C:.*]] = llvm.alloca %{{.*}} x !llvm.array<64 x i8>
// CHECK: %[[TID:.*]] = gpu.thread_id x
// CHECK: %[[BID:.*]] = gpu.block_id x
// CHECK: %[[BDIM:.*]] = gpu.block_dim x
// CHECK: %[[SLOT:.*]] = arith.index_cast
// CHECK: scf.while : () -> i64 {
// CHECK: %[[N:.*]] = llvm.call @arcdsl_rt_batch_next(%[[B]], %[[C]], %[[SLOT]])
// CHECK: %[[MORE:.*]] = arith.cmpi sge, %[[N]]
// CHECK: scf.condition(%[[MORE]]) %[[N]] : i64
// CHECK: } do {
// CHECK: ^bb0(%[[I:.*]]: i64):
// CHECK: %[[P:.*]] = llvm.call @arcdsl_rt_batch_program(%[[B]], %[[I]])
// CHECK: %[[IN:.*]] = llvm.call @arcdsl_rt_batch_input(%[[B]], %[[C]], %[[I]])
// CHECK: %[[R:.*]] = scf.index_switch
// CHECK-NEXT: case 0 {
// CHECK-NEXT: llvm.call @solve_b__impl(%[[C]], %[[IN]])
// CHECK: case 1 {
// CHECK-NEXT: llvm.call @solve_a__impl(%[[C]], %[[IN]])
// CHECK: default {
// CHECK: llvm.call @arcdsl_rt_fail(%[[C]],
// CHECK: llvm.call @arcdsl_rt_batch_finish(%[[B]], %[[C]], %[[I]], %[[R]])
// CHECK: gpu.return
// CHECK-NOT: func.func
// CHECK-NOT: arcdsl.
func.func @solve_b(%I: !arcdsl.grid) -> !arcdsl.grid {
  %o = arcdsl.hmirror %I : (!arcdsl.grid) -> !arcdsl.grid
  return %o : !arcdsl.grid
}
func.func @solve_a(%I: !arcdsl.grid) -> !arcdsl.grid {
  %o = arcdsl.vmirror %I : (!arcdsl.grid) -> !arcdsl.grid
  return %o : !arcdsl.grid
}

// RUN: arcdsl-opt %s --batchify --convert-arcdsl-to-gpu | FileCheck %s

// Every function moves into gpu.module @arcdsl_kernels as LLVM dialect; the
// batched solvers become @<name>__impl (per-sample bodies) and one kernel,
// @arcdsl_dispatch, runs any mix of (program, input) samples: each thread
// takes samples from a counter until none is left, unpacks the input, runs
// program k (solvers sorted by name: solve_a is 0, solve_b is 1), packs the
// result.

// CHECK: module attributes {gpu.container_module}
// CHECK: gpu.module @arcdsl_kernels attributes {arcdsl.dispatch = ["solve_a", "solve_b"]}
// CHECK-DAG: llvm.func @arcdsl_prim_vmirror(!llvm.ptr, i64) -> i64
// CHECK-DAG: llvm.func @arcdsl_rt_batch_next(!llvm.ptr, !llvm.ptr, i64) -> i64
// CHECK-DAG: llvm.func @arcdsl_rt_batch_input(!llvm.ptr, !llvm.ptr, i64) -> i64
// CHECK-DAG: llvm.func @arcdsl_rt_batch_finish(!llvm.ptr, !llvm.ptr, i64, i64)
// CHECK-DAG: llvm.func internal @solve_a__impl(%[[CTX:.*]]: !llvm.ptr, %{{.*}}: i64) -> i64
// CHECK-DAG: llvm.func internal @solve_b__impl(
// CHECK: llvm.func @arcdsl_dispatch(%[[B:.*]]: !llvm.ptr) attributes {nvvm.kernel}
// CHECK: %[[C:.*]] = llvm.alloca %{{.*}} x !llvm.array<64 x i8>
// CHECK: nvvm.read.ptx.sreg.tid.x
// CHECK: nvvm.read.ptx.sreg.ctaid.x
// CHECK: ^[[LOOP:bb[0-9]+]]:
// CHECK: %[[I:.*]] = llvm.call @arcdsl_rt_batch_next(%[[B]], %[[C]], %{{.*}})
// CHECK: llvm.icmp "slt" %[[I]]
// CHECK: %[[P:.*]] = llvm.call @arcdsl_rt_batch_program(%[[B]], %[[I]])
// CHECK: %[[IN:.*]] = llvm.call @arcdsl_rt_batch_input(%[[B]], %[[C]], %[[I]])
// CHECK: %[[K:.*]] = llvm.trunc %[[P]] : i64 to i32
// CHECK: llvm.switch %[[K]] : i32, ^[[UNKNOWN:.*]] [
// CHECK-NEXT: 0: ^[[CASE0:[^,]*]],
// CHECK-NEXT: 1: ^[[CASE1:[^,]*]]
// CHECK: ^[[JOIN:bb[0-9]+]](%[[R:.*]]: i64):
// CHECK: llvm.call @arcdsl_rt_batch_finish(%[[B]], %[[C]], %[[I]], %[[R]])
// CHECK: llvm.br ^[[LOOP]]
// CHECK: ^[[UNKNOWN]]:
// CHECK: llvm.call @arcdsl_rt_fail(%[[C]],
// CHECK: ^[[CASE0]]:
// CHECK-NEXT: llvm.call @solve_a__impl(%[[C]], %[[IN]])
// CHECK: ^[[CASE1]]:
// CHECK-NEXT: llvm.call @solve_b__impl(%[[C]], %[[IN]])
// CHECK-NOT: func.func
func.func @solve_b(%I: !arcdsl.grid) -> !arcdsl.grid {
  %o = arcdsl.hmirror %I : (!arcdsl.grid) -> !arcdsl.grid
  return %o : !arcdsl.grid
}
func.func @solve_a(%I: !arcdsl.grid) -> !arcdsl.grid {
  %o = arcdsl.vmirror %I : (!arcdsl.grid) -> !arcdsl.grid
  return %o : !arcdsl.grid
}

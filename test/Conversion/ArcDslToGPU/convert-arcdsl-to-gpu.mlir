// RUN: arcdsl-opt %s --batchify --convert-arcdsl-to-gpu | FileCheck %s

// Every function moves into gpu.module @arcdsl_kernels as LLVM dialect; the
// batched solver becomes kernel @solve_a (one thread per sample) around its
// per-sample body @solve_a__impl: unpack the input image into the sample's
// arena, run, pack the result.

// CHECK: module attributes {gpu.container_module}
// CHECK: gpu.module @arcdsl_kernels
// CHECK-DAG: llvm.func @arcdsl_prim_vmirror(!llvm.ptr, i64) -> i64
// CHECK-DAG: llvm.func @arcdsl_rt_unpack(!llvm.ptr, !llvm.ptr) -> i64
// CHECK-DAG: llvm.func @arcdsl_rt_pack(!llvm.ptr, i64, !llvm.ptr, i64) -> i64
// CHECK: llvm.func internal @solve_a__impl(%[[CTX:.*]]: !llvm.ptr, %{{.*}}: i64) -> i64
// CHECK: llvm.call @arcdsl_prim_vmirror(%[[CTX]]
// CHECK: llvm.func @solve_a(%{{.*}}: !llvm.ptr, %{{.*}}: !llvm.ptr, %{{.*}}: !llvm.ptr, %{{.*}}: !llvm.ptr, %{{.*}}: i64, %{{.*}}: i64) attributes {nvvm.kernel}
// CHECK: nvvm.read.ptx.sreg.tid.x
// CHECK: nvvm.read.ptx.sreg.ctaid.x
// CHECK: llvm.call @arcdsl_rt_unpack
// CHECK: llvm.call @solve_a__impl
// CHECK: llvm.call @arcdsl_rt_pack
// CHECK-NOT: func.func
func.func @solve_a(%I: !arcdsl.grid) -> !arcdsl.grid {
  %o = arcdsl.vmirror %I : (!arcdsl.grid) -> !arcdsl.grid
  return %o : !arcdsl.grid
}

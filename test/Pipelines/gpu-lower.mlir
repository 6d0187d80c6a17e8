// `arcdsl-opt --batchify --gpu-lower` as the user writes it: imported DSL to
// a gpu.binary of PTX with the primitive library linked in, for each chip;
// gpu-lower-ptxas.test has ptxas accept the PTX (whole program: nothing
// left undefined) for sm_90, sm_80 and sm_75.
// RUN: arcdsl-opt %s --batchify --gpu-lower | FileCheck %s
// RUN: arcdsl-opt %s --batchify --gpu-lower=chip=sm_75 | FileCheck %s --check-prefix=SM75
// RUN: arcdsl-opt %s --arcdsl-gpu=chip=sm_89 | FileCheck %s --check-prefix=NAMED

// The pipeline's steps before the binary: --convert-arcdsl-to-gpu (its own
// test shows the gpu.func kernel over scf loops), then the upstream
// convert-scf-to-cf and convert-gpu-to-nvvm on the gpu.module: the kernel
// becomes an llvm.func marked nvvm.kernel, its thread and block indices
// NVVM special registers, its loops branches; nothing of arith, cf, scf
// or gpu is left for the translation to LLVM IR.
// RUN: arcdsl-opt %s --pass-pipeline='builtin.module(batchify,convert-arcdsl-to-gpu,gpu.module(convert-scf-to-cf,convert-gpu-to-nvvm),reconcile-unrealized-casts)' | FileCheck %s --check-prefix=STEPS
// STEPS: gpu.module @arcdsl_kernels
// STEPS: llvm.func @arcdsl_dispatch(%[[B:.*]]: !llvm.ptr) attributes {{{.*}}nvvm.kernel{{.*}}}
// STEPS: nvvm.read.ptx.sreg.tid.x : i32
// STEPS: nvvm.read.ptx.sreg.ctaid.x : i32
// STEPS: nvvm.read.ptx.sreg.ntid.x : i32
// STEPS: llvm.call @arcdsl_rt_batch_next(%[[B]],
// STEPS: llvm.cond_br
// STEPS: llvm.switch
// STEPS: llvm.call @solve_a__impl(
// STEPS: llvm.call @arcdsl_rt_batch_finish(%[[B]],
// STEPS: llvm.return
// STEPS-NOT: arith.
// STEPS-NOT: cf.
// STEPS-NOT: scf.
// STEPS-NOT: gpu.func

// CHECK: gpu.binary @arcdsl_kernels
// CHECK-SAME: chip = "sm_90"
// CHECK-SAME: .entry arcdsl_dispatch
// SM75: gpu.binary @arcdsl_kernels
// SM75-SAME: chip = "sm_75"
// SM75-SAME: .target sm_75
// NAMED: gpu.binary @arcdsl_kernels
// NAMED-SAME: chip = "sm_89"
func.func @solve_a(%I: !arcdsl.grid) -> !arcdsl.any {
  %f = arcdsl.prim_ref "vmirror" : !arcdsl.fn
  %t = arcdsl.constant(true) : !arcdsl.bool
  %objs = arcdsl.objects %I, %t, %t, %t : (!arcdsl.grid, !arcdsl.bool, !arcdsl.bool, !arcdsl.bool) -> !arcdsl.any
  %s = arcdsl.prim_ref "size" : !arcdsl.fn
  %big = arcdsl.argmax %objs, %s : (!arcdsl.any, !arcdsl.fn) -> !arcdsl.any
  %g = arcdsl.subgrid %big, %I : (!arcdsl.any, !arcdsl.grid) -> !arcdsl.any
  %o = arcdsl.call_value %f(%g) : !arcdsl.fn, (!arcdsl.any) -> !arcdsl.any
  return %o : !arcdsl.any
}

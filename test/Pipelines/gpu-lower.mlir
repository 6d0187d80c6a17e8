// REQUIRES: ptxas
// `arcdsl-opt --batchify --gpu-lower` as the user writes it: imported DSL to
// a gpu.binary of PTX with the primitive library linked in, for each chip;
// ptxas accepts the PTX (whole program: nothing left undefined).
// RUN: arcdsl-opt %s --batchify --gpu-lower | FileCheck %s
// RUN: arcdsl-opt %s --batchify --gpu-lower | python3 %S/Inputs/extract-ptx.py > %t.sm90.ptx
// RUN: %ptxas -arch=sm_90 %t.sm90.ptx -o %t.sm90.cubin
// RUN: arcdsl-opt %s --batchify --gpu-lower=chip=sm_80 | python3 %S/Inputs/extract-ptx.py > %t.sm80.ptx
// RUN: %ptxas -arch=sm_80 %t.sm80.ptx -o %t.sm80.cubin
// RUN: arcdsl-opt %s --batchify --gpu-lower=chip=sm_75 | python3 %S/Inputs/extract-ptx.py > %t.sm75.ptx
// RUN: %ptxas -arch=sm_75 %t.sm75.ptx -o %t.sm75.cubin
// RUN: arcdsl-opt %s --arcdsl-gpu=chip=sm_89 | FileCheck %s --check-prefix=NAMED

// CHECK: gpu.binary @arcdsl_kernels
// CHECK-SAME: chip = "sm_90"
// CHECK-SAME: .entry arcdsl_dispatch
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

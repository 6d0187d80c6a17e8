// RUN: arcdsl-opt %s --convert-arcdsl-to-llvm --split-input-file --verify-diagnostics

// Function values must be specialized away before lowering.
func.func @closure(%I: !arcdsl.grid, %f: !arcdsl.fn) -> !arcdsl.grid {
  %0 = arcdsl.constant(1 : i64) : !arcdsl.int
  // expected-error @below {{'rbind' must be specialized before lowering}}
  %1 = arcdsl.rbind %f, %0 : (!arcdsl.fn, !arcdsl.int) -> !arcdsl.fn
  return %I : !arcdsl.grid
}

// -----

func.func @unspecialized_hof(%I: !arcdsl.grid, %f: !arcdsl.fn) -> !arcdsl.any {
  // expected-error @below {{'apply' must be specialized before lowering}}
  %0 = arcdsl.apply %f, %I : (!arcdsl.fn, !arcdsl.grid) -> !arcdsl.any
  return %0 : !arcdsl.any
}

// -----

func.func @prim_ref(%I: !arcdsl.grid) -> !arcdsl.fn {
  // expected-error @below {{cannot lower this operation to LLVM (run --arcdsl-specialize-closures first)}}
  %0 = arcdsl.prim_ref "add" : !arcdsl.fn
  return %0 : !arcdsl.fn
}

// -----

func.func @call_value(%I: !arcdsl.grid, %f: !arcdsl.fn) -> !arcdsl.any {
  // expected-error @below {{cannot lower this operation to LLVM (run --arcdsl-specialize-closures first)}}
  %0 = arcdsl.call_value %f(%I) : (!arcdsl.grid) -> !arcdsl.any
  return %0 : !arcdsl.any
}

// -----

// expected-error @below {{external functions are not supported}}
func.func private @external(!arcdsl.grid) -> !arcdsl.grid

// -----

func.func @two_results(%I: !arcdsl.grid) -> (!arcdsl.grid, !arcdsl.grid) {
  // expected-error @below {{a function must return one value}}
  return %I, %I : !arcdsl.grid, !arcdsl.grid
}

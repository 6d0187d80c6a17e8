// RUN: arcdsl-opt %s --convert-arcdsl-to-llvm --split-input-file --verify-diagnostics

// expected-error @below {{external functions are not supported}}
func.func private @external(!arcdsl.grid) -> !arcdsl.grid

// -----

func.func @two_results(%I: !arcdsl.grid) -> (!arcdsl.grid, !arcdsl.grid) {
  // expected-error @below {{a function must return one value}}
  return %I, %I : !arcdsl.grid, !arcdsl.grid
}

// RUN: arcdsl-opt %s --batchify --split-input-file --verify-diagnostics

// A solver has one input grid and one result: anything else cannot become
// a sample loop, and --batchify says which function.

// expected-error @below {{a solver to batch takes one input and returns one value in one block}}
func.func @solve_two(%a: !arcdsl.grid, %b: !arcdsl.grid) -> !arcdsl.grid {
  return %a : !arcdsl.grid
}

// -----

// Private functions (closure bodies, helpers) are not solvers: left alone.
func.func private @helper(%a: !arcdsl.grid, %b: !arcdsl.grid) -> !arcdsl.grid {
  return %a : !arcdsl.grid
}

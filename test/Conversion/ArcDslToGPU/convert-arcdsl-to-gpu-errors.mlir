// RUN: arcdsl-opt %s --convert-arcdsl-to-gpu --verify-diagnostics

// expected-error @below {{no batched solver to outline: run --batchify first}}
module {
  func.func @solve_a(%I: !arcdsl.grid) -> !arcdsl.grid {
    %o = arcdsl.vmirror %I : (!arcdsl.grid) -> !arcdsl.grid
    return %o : !arcdsl.grid
  }
}

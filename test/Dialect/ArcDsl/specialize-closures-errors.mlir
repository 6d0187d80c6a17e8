// RUN: arcdsl-opt %s --arcdsl-specialize-closures --split-input-file --verify-diagnostics

// Calling a closure with the wrong number of arguments: fill(I, 1) after
// rbind(fill, 1) is called with one argument.
func.func @closure_arity(%I: !arcdsl.grid) -> !arcdsl.any {
  %0 = arcdsl.prim_ref "fill" : !arcdsl.fn
  %1 = arcdsl.constant(1 : i64) : !arcdsl.int
  %2 = arcdsl.rbind %0, %1 : (!arcdsl.fn, !arcdsl.int) -> !arcdsl.fn
  // expected-error @below {{'fill' takes 3 arguments but 2 were given (through a closure)}}
  %3 = arcdsl.call_value %2(%I) : !arcdsl.fn, (!arcdsl.grid) -> !arcdsl.any
  return %3 : !arcdsl.any
}

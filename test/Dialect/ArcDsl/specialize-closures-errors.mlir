// RUN: arcdsl-opt %s --arcdsl-specialize-closures --split-input-file --verify-diagnostics

// A function value used as data.
func.func @fn_as_data(%I: !arcdsl.grid) -> !arcdsl.any {
  %0 = arcdsl.prim_ref "vmirror" : !arcdsl.fn
  // expected-error @below {{function values as data ('size' of a function) are not supported yet}}
  %1 = arcdsl.size %0 : (!arcdsl.fn) -> !arcdsl.any
  return %1 : !arcdsl.any
}

// -----

// A closure used as data.
func.func @closure_as_data(%I: !arcdsl.grid) -> !arcdsl.any {
  %0 = arcdsl.prim_ref "add" : !arcdsl.fn
  %1 = arcdsl.constant(1 : i64) : !arcdsl.int
  %2 = arcdsl.rbind %0, %1 : (!arcdsl.fn, !arcdsl.int) -> !arcdsl.fn
  // expected-error @below {{function values as data ('initset' of a function) are not supported yet}}
  %3 = arcdsl.initset %2 : (!arcdsl.fn) -> !arcdsl.any
  return %3 : !arcdsl.any
}

// -----

// A function where a higher-order primitive needs its container.
func.func @fn_as_container(%I: !arcdsl.grid) -> !arcdsl.any {
  %0 = arcdsl.prim_ref "vmirror" : !arcdsl.fn
  %1 = arcdsl.prim_ref "rot90" : !arcdsl.fn
  // expected-error @below {{'apply' expects data for parameter 'container', got a function}}
  %2 = arcdsl.apply %0, %1 : (!arcdsl.fn, !arcdsl.fn) -> !arcdsl.any
  return %2 : !arcdsl.any
}

// -----

// Data where a higher-order primitive needs its function.
func.func @data_as_fn(%I: !arcdsl.grid) -> !arcdsl.any {
  // expected-error @below {{'apply' expects a function for parameter 'function', got a value}}
  %0 = arcdsl.apply %I, %I : (!arcdsl.grid, !arcdsl.grid) -> !arcdsl.any
  return %0 : !arcdsl.any
}

// -----

// Calling a value that is not a function.
func.func @call_of_data(%I: !arcdsl.grid) -> !arcdsl.any {
  %0 = arcdsl.first %I : (!arcdsl.grid) -> !arcdsl.fn
  // expected-error @below {{called value is not a function}}
  %1 = arcdsl.call_value %0(%I) : (!arcdsl.grid) -> !arcdsl.any
  return %1 : !arcdsl.any
}

// -----

// Calling a closure with the wrong number of arguments: fill(I, 1) after
// rbind(fill, 1) is called with one argument.
func.func @closure_arity(%I: !arcdsl.grid) -> !arcdsl.any {
  %0 = arcdsl.prim_ref "fill" : !arcdsl.fn
  %1 = arcdsl.constant(1 : i64) : !arcdsl.int
  %2 = arcdsl.rbind %0, %1 : (!arcdsl.fn, !arcdsl.int) -> !arcdsl.fn
  // expected-error @below {{'fill' takes 3 arguments but 2 were given (through a closure)}}
  %3 = arcdsl.call_value %2(%I) : (!arcdsl.grid) -> !arcdsl.any
  return %3 : !arcdsl.any
}

// -----

// A solver must return data.
func.func @returns_fn(%I: !arcdsl.grid) -> !arcdsl.fn {
  %0 = arcdsl.prim_ref "vmirror" : !arcdsl.fn
  // expected-error @below {{'returns_fn' returns a function; a solver must return data}}
  return %0 : !arcdsl.fn
}

// -----

func.func @power_of_fn(%I: !arcdsl.grid) -> !arcdsl.any {
  %0 = arcdsl.prim_ref "vmirror" : !arcdsl.fn
  // expected-error @below {{'power' expects an integer count}}
  %1 = arcdsl.power %0, %0 : (!arcdsl.fn, !arcdsl.fn) -> !arcdsl.fn
  %2 = arcdsl.call_value %1(%I) : (!arcdsl.grid) -> !arcdsl.any
  return %2 : !arcdsl.any
}

// -----

func.func @branch_fn_and_value(%I: !arcdsl.grid, %b: !arcdsl.bool) -> !arcdsl.any {
  %0 = arcdsl.prim_ref "vmirror" : !arcdsl.fn
  // expected-error @below {{'branch' between a function and a value is not supported yet}}
  %1 = arcdsl.branch %b, %0, %I : (!arcdsl.bool, !arcdsl.fn, !arcdsl.grid) -> !arcdsl.any
  return %1 : !arcdsl.any
}

// -----

func.func @rapply(%I: !arcdsl.grid) -> !arcdsl.any {
  // expected-error @below {{'rapply' (a container of functions) is not supported yet}}
  %0 = arcdsl.rapply %I, %I : (!arcdsl.grid, !arcdsl.grid) -> !arcdsl.any
  return %0 : !arcdsl.any
}

// RUN: arcdsl-opt %s --arcdsl-infer-types --split-input-file --verify-diagnostics
// Calls whose operands become ill-typed as inference refines them (written
// with a declared type, such a call would not verify: errors.mlir).

// An Integer where a Grid is needed.
func.func @int_for_grid(%I: !arcdsl.grid) -> !arcdsl.any {
  %0 = arcdsl.constant(5 : i64) : !arcdsl.int
  %x = arcdsl.identity %0 : (!arcdsl.int) -> !arcdsl.any
  // expected-error @below {{'rot90' expects Grid for parameter 'grid' (argument 1), got '!arcdsl.int'}}
  %1 = arcdsl.rot90 %x : (!arcdsl.any) -> !arcdsl.any
  return %1 : !arcdsl.any
}

// -----

// An inferred Integer (not a declared one) where a Piece is needed.
func.func @inferred_int_for_piece(%I: !arcdsl.grid) -> !arcdsl.any {
  %0 = arcdsl.height %I : (!arcdsl.grid) -> !arcdsl.any
  // expected-error @below {{'height' expects Piece for parameter 'piece' (argument 1), got '!arcdsl.int'}}
  %1 = arcdsl.height %0 : (!arcdsl.any) -> !arcdsl.any
  return %1 : !arcdsl.any
}

// -----

// A Grid where an Integer is needed (the second argument of canvas).
func.func @grid_for_int(%I: !arcdsl.grid) -> !arcdsl.any {
  %0 = arcdsl.constant(array<i64: 2, 2>) : !arcdsl.pair
  %x = arcdsl.identity %I : (!arcdsl.grid) -> !arcdsl.any
  // expected-error @below {{'canvas' expects Integer for parameter 'value' (argument 1), got '!arcdsl.grid'}}
  %1 = arcdsl.canvas %x, %0 : (!arcdsl.any, !arcdsl.pair) -> !arcdsl.any
  return %1 : !arcdsl.any
}

// -----

// A set of objects where a Boolean is needed.
func.func @set_for_bool(%I: !arcdsl.grid) -> !arcdsl.any {
  %0 = arcdsl.partition %I : (!arcdsl.grid) -> !arcdsl.any
  // expected-error @below {{'flip' expects Boolean for parameter 'b' (argument 1), got '!arcdsl.set<!arcdsl.set<!arcdsl.cell>>'}}
  %1 = arcdsl.flip %0 : (!arcdsl.any) -> !arcdsl.any
  return %1 : !arcdsl.any
}

// -----

// A function where data is needed.
func.func @fn_for_data(%I: !arcdsl.grid) -> !arcdsl.any {
  %0 = arcdsl.prim_ref "vmirror" : !arcdsl.fn
  %x = arcdsl.identity %0 : (!arcdsl.fn) -> !arcdsl.any
  // expected-error @below {{'size' expects Container for parameter 'container' (argument 1), got '!arcdsl.fn'}}
  %1 = arcdsl.size %x : (!arcdsl.any) -> !arcdsl.any
  return %1 : !arcdsl.any
}

// -----

// A closure where data is needed.
func.func @closure_for_data(%I: !arcdsl.grid) -> !arcdsl.any {
  %0 = arcdsl.prim_ref "add" : !arcdsl.fn
  %1 = arcdsl.constant(1 : i64) : !arcdsl.int
  %2 = arcdsl.rbind %0, %1 : (!arcdsl.fn, !arcdsl.int) -> !arcdsl.fn
  %x = arcdsl.identity %2 : (!arcdsl.fn) -> !arcdsl.any
  // expected-error @below {{'fill' expects Integer for parameter 'value' (argument 2), got '!arcdsl.fn'}}
  %3 = arcdsl.fill %I, %x, %I : (!arcdsl.grid, !arcdsl.any, !arcdsl.grid) -> !arcdsl.any
  return %3 : !arcdsl.any
}

// -----

// Data where a function is needed.
func.func @data_for_fn(%I: !arcdsl.grid) -> !arcdsl.any {
  %x = arcdsl.identity %I : (!arcdsl.grid) -> !arcdsl.any
  // expected-error @below {{'apply' expects Callable for parameter 'function' (argument 1), got '!arcdsl.grid'}}
  %0 = arcdsl.apply %x, %I : (!arcdsl.any, !arcdsl.grid) -> !arcdsl.any
  return %0 : !arcdsl.any
}

// -----

// Inside a specialized function: the element type comes from the container
// (an Integer of a set<int>), and rot90 needs a Grid.
func.func @in_callee(%I: !arcdsl.grid) -> !arcdsl.any {
  %0 = arcdsl.palette %I : (!arcdsl.grid) -> !arcdsl.any
  %1 = arcdsl.hof.apply [@in_callee__f0]() (%0) : (!arcdsl.any) -> !arcdsl.any
  return %1 : !arcdsl.any
}
func.func private @in_callee__f0(%x: !arcdsl.any) -> !arcdsl.any {
  // expected-error @below {{'rot90' expects Grid for parameter 'grid' (argument 1), got '!arcdsl.int'}}
  %0 = arcdsl.rot90 %x : (!arcdsl.any) -> !arcdsl.any
  return %0 : !arcdsl.any
}

// -----

func.func @hof_over_int(%I: !arcdsl.grid) -> !arcdsl.any {
  %0 = arcdsl.height %I : (!arcdsl.grid) -> !arcdsl.any
  // expected-error @below {{'apply' expects a container, got '!arcdsl.int'}}
  %1 = arcdsl.hof.apply [@f]() (%0) : (!arcdsl.any) -> !arcdsl.any
  return %1 : !arcdsl.any
}
func.func private @f(%x: !arcdsl.any) -> !arcdsl.any {
  return %x : !arcdsl.any
}

// -----

func.func @papply_over_int(%I: !arcdsl.grid) -> !arcdsl.any {
  %0 = arcdsl.height %I : (!arcdsl.grid) -> !arcdsl.any
  // expected-error @below {{'papply' expects containers, got '!arcdsl.int'}}
  %1 = arcdsl.hof.papply [@f]() (%I, %0) : (!arcdsl.grid, !arcdsl.any) -> !arcdsl.any
  return %1 : !arcdsl.any
}
func.func private @f(%x: !arcdsl.any, %y: !arcdsl.any) -> !arcdsl.any {
  return %x : !arcdsl.any
}

// -----

func.func @power_of_grid(%I: !arcdsl.grid) -> !arcdsl.any {
  // expected-error @below {{'power' expects an Integer count, got '!arcdsl.grid'}}
  %0 = arcdsl.hof.power [@f]() (%I, %I) : (!arcdsl.grid, !arcdsl.grid) -> !arcdsl.any
  return %0 : !arcdsl.any
}
func.func private @f(%x: !arcdsl.any) -> !arcdsl.any {
  return %x : !arcdsl.any
}

// -----

// A data value called as a function (the importer types `x1` as a function
// when it sees `x1(I)`): the pass must reject the call, not leave IR that
// fails verification.
func.func @call_of_data(%I: !arcdsl.grid) -> !arcdsl.any {
  %0 = arcdsl.first %I : (!arcdsl.grid) -> !arcdsl.fn
  // expected-error @below {{not a function}}
  %1 = arcdsl.call_value %0(%I) : !arcdsl.fn, (!arcdsl.grid) -> !arcdsl.any
  return %1 : !arcdsl.any
}

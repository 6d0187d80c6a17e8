// RUN: arcdsl-opt %s --arcdsl-specialize-closures | FileCheck %s
// RUN: arcdsl-opt %s --arcdsl-specialize-closures | FileCheck %s --check-prefix=NOFN

// No function value survives the pass where every function is known at
// compile time (everything before @fn_in_a_set, the first function of the
// last section).
// NOFN-NOT: !arcdsl.fn
// NOFN-NOT: arcdsl.prim_ref
// NOFN-NOT: arcdsl.call_value
// NOFN: func.func @fn_in_a_set

//===----------------------------------------------------------------------===//
// Calls of closures are emitted inline
//===----------------------------------------------------------------------===//

// rbind(sizefilter, 2)(x) = sizefilter(x, 2)
// CHECK-LABEL: func.func @rbind_call
// CHECK-SAME: (%[[X:.*]]: !arcdsl.any)
// CHECK-NEXT: %[[TWO:.*]] = arcdsl.constant(2 : i64) : !arcdsl.int
// CHECK-NEXT: %[[R:.*]] = arcdsl.sizefilter %[[X]], %[[TWO]] : (!arcdsl.any, !arcdsl.int) -> !arcdsl.any
// CHECK-NEXT: return %[[R]]
func.func @rbind_call(%x: !arcdsl.any) -> !arcdsl.any {
  %0 = arcdsl.prim_ref "sizefilter" : !arcdsl.fn
  %1 = arcdsl.constant(2 : i64) : !arcdsl.int
  %2 = arcdsl.rbind %0, %1 : (!arcdsl.fn, !arcdsl.int) -> !arcdsl.fn
  %3 = arcdsl.call_value %2(%x) : !arcdsl.fn, (!arcdsl.any) -> !arcdsl.any
  return %3 : !arcdsl.any
}

// The ends of batt lines stay in place, the closure line's too.
// CHECK-LABEL: func.func @batt_lines
// CHECK-NEXT: %[[TWO:.*]] = arcdsl.constant(2 : i64)
// CHECK-NEXT: arcdsl.batt_line 0
// CHECK-NEXT: arcdsl.sizefilter %{{.*}}, %[[TWO]]
// CHECK-NEXT: arcdsl.batt_line 1
// CHECK-NEXT: return
func.func @batt_lines(%x: !arcdsl.any) -> !arcdsl.any {
  %0 = arcdsl.prim_ref "sizefilter" : !arcdsl.fn
  %1 = arcdsl.constant(2 : i64) : !arcdsl.int
  %2 = arcdsl.rbind %0, %1 : (!arcdsl.fn, !arcdsl.int) -> !arcdsl.fn
  arcdsl.batt_line 0
  %3 = arcdsl.call_value %2(%x) : !arcdsl.fn, (!arcdsl.any) -> !arcdsl.any
  arcdsl.batt_line 1
  return %3 : !arcdsl.any
}

// lbind(shift, obj)(UNITY) = shift(obj, UNITY)
// CHECK-LABEL: func.func @lbind_call
// CHECK-SAME: (%[[OBJ:.*]]: !arcdsl.any)
// CHECK-NEXT: %[[U:.*]] = arcdsl.constant(array<i64: 1, 1>) : !arcdsl.pair
// CHECK-NEXT: %[[R:.*]] = arcdsl.shift %[[OBJ]], %[[U]] : (!arcdsl.any, !arcdsl.pair) -> !arcdsl.any
// CHECK-NEXT: return %[[R]]
func.func @lbind_call(%obj: !arcdsl.any) -> !arcdsl.any {
  %0 = arcdsl.prim_ref "shift" : !arcdsl.fn
  %1 = arcdsl.lbind %0, %obj : (!arcdsl.fn, !arcdsl.any) -> !arcdsl.fn
  %2 = arcdsl.constant(array<i64: 1, 1>) : !arcdsl.pair
  %3 = arcdsl.call_value %1(%2) : !arcdsl.fn, (!arcdsl.pair) -> !arcdsl.any
  return %3 : !arcdsl.any
}

// fork(hconcat, identity, vmirror)(I) = hconcat(identity(I), vmirror(I))
// CHECK-LABEL: func.func @fork_call
// CHECK-SAME: (%[[I:.*]]: !arcdsl.grid)
// CHECK-NEXT: %[[A:.*]] = arcdsl.identity %[[I]]
// CHECK-NEXT: %[[B:.*]] = arcdsl.vmirror %[[I]]
// CHECK-NEXT: %[[R:.*]] = arcdsl.hconcat %[[A]], %[[B]]
// CHECK-NEXT: return %[[R]]
func.func @fork_call(%I: !arcdsl.grid) -> !arcdsl.any {
  %0 = arcdsl.prim_ref "hconcat" : !arcdsl.fn
  %1 = arcdsl.prim_ref "identity" : !arcdsl.fn
  %2 = arcdsl.prim_ref "vmirror" : !arcdsl.fn
  %3 = arcdsl.fork %0, %1, %2 : (!arcdsl.fn, !arcdsl.fn, !arcdsl.fn) -> !arcdsl.fn
  %4 = arcdsl.call_value %3(%I) : !arcdsl.fn, (!arcdsl.grid) -> !arcdsl.any
  return %4 : !arcdsl.any
}

// A primitive passed through identity and called: a direct call.
// CHECK-LABEL: func.func @prim_call
// CHECK-SAME: (%[[I:.*]]: !arcdsl.grid)
// CHECK-NEXT: %[[R:.*]] = arcdsl.vmirror %[[I]] : (!arcdsl.grid) -> !arcdsl.any
// CHECK-NEXT: return %[[R]]
func.func @prim_call(%I: !arcdsl.grid) -> !arcdsl.any {
  %0 = arcdsl.prim_ref "vmirror" : !arcdsl.fn
  %1 = arcdsl.identity %0 : (!arcdsl.fn) -> !arcdsl.fn
  %2 = arcdsl.call_value %1(%I) : !arcdsl.fn, (!arcdsl.grid) -> !arcdsl.any
  return %2 : !arcdsl.any
}

// A closure that is never used leaves nothing behind; a dead primitive call
// (which may raise) stays.
// CHECK-LABEL: func.func @unused_closure
// CHECK-NEXT: arcdsl.constant(3 : i64)
// CHECK-NEXT: arcdsl.rot90
// CHECK-NEXT: return
func.func @unused_closure(%I: !arcdsl.grid) -> !arcdsl.grid {
  %0 = arcdsl.prim_ref "add" : !arcdsl.fn
  %1 = arcdsl.constant(3 : i64) : !arcdsl.int
  %2 = arcdsl.rbind %0, %1 : (!arcdsl.fn, !arcdsl.int) -> !arcdsl.fn
  %3 = arcdsl.rot90 %I : (!arcdsl.grid) -> !arcdsl.grid
  return %I : !arcdsl.grid
}

//===----------------------------------------------------------------------===//
// Higher-order primitives become arcdsl.hof.<prim> ops over private functions
//===----------------------------------------------------------------------===//

// compose(size, toindices): inner first.
// CHECK-LABEL: func.func @compose_apply
// CHECK-SAME: (%[[OBJS:.*]]: !arcdsl.any)
// CHECK: %[[R:.*]] = arcdsl.hof.apply [@compose_apply__f0]() (%[[OBJS]]) : (!arcdsl.any) -> !arcdsl.any
// CHECK: return %[[R]]
// CHECK-LABEL: func.func private @compose_apply__f0
// CHECK-SAME: (%[[E:.*]]: !arcdsl.any) -> !arcdsl.any
// CHECK-NEXT: %[[A:.*]] = arcdsl.toindices %[[E]]
// CHECK-NEXT: %[[B:.*]] = arcdsl.size %[[A]]
// CHECK-NEXT: return %[[B]]
func.func @compose_apply(%objs: !arcdsl.any) -> !arcdsl.any {
  %0 = arcdsl.prim_ref "size" : !arcdsl.fn
  %1 = arcdsl.prim_ref "toindices" : !arcdsl.fn
  %2 = arcdsl.compose %0, %1 : (!arcdsl.fn, !arcdsl.fn) -> !arcdsl.fn
  %3 = arcdsl.apply %2, %objs : (!arcdsl.fn, !arcdsl.any) -> !arcdsl.any
  return %3 : !arcdsl.any
}

// chain(double, size, toindices)(x) = double(size(toindices(x)))
// CHECK-LABEL: func.func @chain_apply
// CHECK: arcdsl.hof.apply [@chain_apply__f0]() (%{{.*}})
// CHECK-LABEL: func.func private @chain_apply__f0
// CHECK-SAME: (%[[E:.*]]: !arcdsl.any) -> !arcdsl.any
// CHECK-NEXT: %[[A:.*]] = arcdsl.toindices %[[E]]
// CHECK-NEXT: %[[B:.*]] = arcdsl.size %[[A]]
// CHECK-NEXT: %[[C:.*]] = arcdsl.double %[[B]]
// CHECK-NEXT: return %[[C]]
func.func @chain_apply(%objs: !arcdsl.any) -> !arcdsl.any {
  %0 = arcdsl.prim_ref "double" : !arcdsl.fn
  %1 = arcdsl.prim_ref "size" : !arcdsl.fn
  %2 = arcdsl.prim_ref "toindices" : !arcdsl.fn
  %3 = arcdsl.chain %0, %1, %2 : (!arcdsl.fn, !arcdsl.fn, !arcdsl.fn) -> !arcdsl.fn
  %4 = arcdsl.apply %3, %objs : (!arcdsl.fn, !arcdsl.any) -> !arcdsl.any
  return %4 : !arcdsl.any
}

// argmax takes (container, compfunc); the hof keeps only the container.
// CHECK-LABEL: func.func @fork_argmax
// CHECK-SAME: (%[[OBJS:.*]]: !arcdsl.any)
// CHECK: arcdsl.hof.argmax [@fork_argmax__f0]() (%[[OBJS]]) : (!arcdsl.any) -> !arcdsl.any
// CHECK-LABEL: func.func private @fork_argmax__f0
// CHECK-SAME: (%[[E:.*]]: !arcdsl.any) -> !arcdsl.any
// CHECK-NEXT: %[[H:.*]] = arcdsl.height %[[E]]
// CHECK-NEXT: %[[W:.*]] = arcdsl.width %[[E]]
// CHECK-NEXT: %[[S:.*]] = arcdsl.add %[[H]], %[[W]]
// CHECK-NEXT: return %[[S]]
func.func @fork_argmax(%objs: !arcdsl.any) -> !arcdsl.any {
  %0 = arcdsl.prim_ref "add" : !arcdsl.fn
  %1 = arcdsl.prim_ref "height" : !arcdsl.fn
  %2 = arcdsl.prim_ref "width" : !arcdsl.fn
  %3 = arcdsl.fork %0, %1, %2 : (!arcdsl.fn, !arcdsl.fn, !arcdsl.fn) -> !arcdsl.fn
  %4 = arcdsl.argmax %objs, %3 : (!arcdsl.any, !arcdsl.fn) -> !arcdsl.any
  return %4 : !arcdsl.any
}

// matcher(color, 2): the target is captured and passed first.
// CHECK-LABEL: func.func @matcher_sfilter
// CHECK-SAME: (%[[OBJS:.*]]: !arcdsl.any)
// CHECK: %[[TWO:.*]] = arcdsl.constant(2 : i64) : !arcdsl.int
// CHECK: arcdsl.hof.sfilter [@matcher_sfilter__f0](%[[TWO]]) (%[[OBJS]]) : (!arcdsl.int, !arcdsl.any) -> !arcdsl.any
// CHECK-LABEL: func.func private @matcher_sfilter__f0
// CHECK-SAME: (%[[K:.*]]: !arcdsl.int, %[[E:.*]]: !arcdsl.any) -> !arcdsl.any
// CHECK-NEXT: %[[C:.*]] = arcdsl.color %[[E]]
// CHECK-NEXT: %[[EQ:.*]] = arcdsl.equality %[[C]], %[[K]]
// CHECK-NEXT: return %[[EQ]]
func.func @matcher_sfilter(%objs: !arcdsl.any) -> !arcdsl.any {
  %0 = arcdsl.prim_ref "color" : !arcdsl.fn
  %1 = arcdsl.constant(2 : i64) : !arcdsl.int
  %2 = arcdsl.matcher %0, %1 : (!arcdsl.fn, !arcdsl.int) -> !arcdsl.fn
  %3 = arcdsl.sfilter %objs, %2 : (!arcdsl.any, !arcdsl.fn) -> !arcdsl.any
  return %3 : !arcdsl.any
}

// Two captures, in the order the closure term binds them: lbind(lbind(fill,
// I), c)(e) = fill(I, c, e).
// CHECK-LABEL: func.func @captures_apply
// CHECK-SAME: (%[[I:.*]]: !arcdsl.grid, %[[OBJS:.*]]: !arcdsl.any, %[[C:.*]]: !arcdsl.int)
// CHECK: arcdsl.hof.apply [@captures_apply__f0](%[[C]], %[[I]]) (%[[OBJS]]) : (!arcdsl.int, !arcdsl.grid, !arcdsl.any) -> !arcdsl.any
// CHECK-LABEL: func.func private @captures_apply__f0
// CHECK-SAME: (%[[CC:.*]]: !arcdsl.int, %[[CI:.*]]: !arcdsl.grid, %[[E:.*]]: !arcdsl.any) -> !arcdsl.any
// CHECK-NEXT: %[[R:.*]] = arcdsl.fill %[[CI]], %[[CC]], %[[E]]
// CHECK-NEXT: return %[[R]]
func.func @captures_apply(%I: !arcdsl.grid, %objs: !arcdsl.any, %c: !arcdsl.int) -> !arcdsl.any {
  %0 = arcdsl.prim_ref "fill" : !arcdsl.fn
  %1 = arcdsl.lbind %0, %I : (!arcdsl.fn, !arcdsl.grid) -> !arcdsl.fn
  %2 = arcdsl.lbind %1, %c : (!arcdsl.fn, !arcdsl.int) -> !arcdsl.fn
  %3 = arcdsl.apply %2, %objs : (!arcdsl.fn, !arcdsl.any) -> !arcdsl.any
  return %3 : !arcdsl.any
}

// papply passes two elements; the rbind capture still comes first.
// CHECK-LABEL: func.func @papply_closure
// CHECK-SAME: (%[[A:.*]]: !arcdsl.any, %[[B:.*]]: !arcdsl.any, %[[F:.*]]: !arcdsl.int)
// CHECK: arcdsl.hof.papply [@papply_closure__f0](%[[F]]) (%[[A]], %[[B]]) : (!arcdsl.int, !arcdsl.any, !arcdsl.any) -> !arcdsl.any
// CHECK-LABEL: func.func private @papply_closure__f0
// CHECK-SAME: (%[[CF:.*]]: !arcdsl.int, %[[X:.*]]: !arcdsl.any, %[[Y:.*]]: !arcdsl.any) -> !arcdsl.any
// CHECK-NEXT: %[[R:.*]] = arcdsl.cellwise %[[X]], %[[Y]], %[[CF]]
// CHECK-NEXT: return %[[R]]
func.func @papply_closure(%a: !arcdsl.any, %b: !arcdsl.any, %fallback: !arcdsl.int) -> !arcdsl.any {
  %0 = arcdsl.prim_ref "cellwise" : !arcdsl.fn
  %1 = arcdsl.rbind %0, %fallback : (!arcdsl.fn, !arcdsl.int) -> !arcdsl.fn
  %2 = arcdsl.papply %1, %a, %b : (!arcdsl.fn, !arcdsl.any, !arcdsl.any) -> !arcdsl.any
  return %2 : !arcdsl.any
}

// A higher-order primitive inside a closure: the specialized function holds
// an arcdsl.hof.<prim> op of its own; the matcher target is threaded through both.
// CHECK-LABEL: func.func @nested_hof
// CHECK-SAME: (%[[PARTS:.*]]: !arcdsl.any)
// CHECK: %[[TWO:.*]] = arcdsl.constant(2 : i64)
// CHECK: arcdsl.hof.apply [@nested_hof__f0](%[[TWO]]) (%[[PARTS]])
// CHECK-LABEL: func.func private @nested_hof__f0
// CHECK-SAME: (%[[K:.*]]: !arcdsl.int, %[[P:.*]]: !arcdsl.any)
// CHECK-NEXT: %[[R:.*]] = arcdsl.hof.sfilter [@nested_hof__f1](%[[K]]) (%[[P]])
// CHECK-NEXT: return %[[R]]
// CHECK-LABEL: func.func private @nested_hof__f1
// CHECK-SAME: (%[[K:.*]]: !arcdsl.int, %[[E:.*]]: !arcdsl.any)
// CHECK-NEXT: %[[C:.*]] = arcdsl.color %[[E]]
// CHECK-NEXT: arcdsl.equality %[[C]], %[[K]]
func.func @nested_hof(%parts: !arcdsl.any) -> !arcdsl.any {
  %0 = arcdsl.prim_ref "color" : !arcdsl.fn
  %1 = arcdsl.constant(2 : i64) : !arcdsl.int
  %2 = arcdsl.matcher %0, %1 : (!arcdsl.fn, !arcdsl.int) -> !arcdsl.fn
  %3 = arcdsl.prim_ref "sfilter" : !arcdsl.fn
  %4 = arcdsl.rbind %3, %2 : (!arcdsl.fn, !arcdsl.fn) -> !arcdsl.fn
  %5 = arcdsl.apply %4, %parts : (!arcdsl.fn, !arcdsl.any) -> !arcdsl.any
  return %5 : !arcdsl.any
}

// A closure built inside a specialized function captures that function's
// element: fork(apply, lbind(lbind, shift), corners)(e)
//   = apply(lbind(shift, e), corners(e)).
// CHECK-LABEL: func.func @closure_of_element
// CHECK-SAME: (%[[OBJS:.*]]: !arcdsl.any)
// CHECK-NEXT: %[[R:.*]] = arcdsl.hof.mapply [@closure_of_element__f0]() (%[[OBJS]])
// CHECK-NEXT: return %[[R]]
// CHECK-LABEL: func.func private @closure_of_element__f0
// CHECK-SAME: (%[[E:.*]]: !arcdsl.any) -> !arcdsl.any
// CHECK-NEXT: %[[C:.*]] = arcdsl.corners %[[E]]
// CHECK-NEXT: %[[A:.*]] = arcdsl.hof.apply [@closure_of_element__f1](%[[E]]) (%[[C]])
// CHECK-NEXT: return %[[A]]
// CHECK-LABEL: func.func private @closure_of_element__f1
// CHECK-SAME: (%[[CAP:.*]]: !arcdsl.any, %[[D:.*]]: !arcdsl.any) -> !arcdsl.any
// CHECK-NEXT: %[[S:.*]] = arcdsl.shift %[[CAP]], %[[D]]
// CHECK-NEXT: return %[[S]]
func.func @closure_of_element(%objs: !arcdsl.any) -> !arcdsl.any {
  %0 = arcdsl.prim_ref "lbind" : !arcdsl.fn
  %1 = arcdsl.prim_ref "shift" : !arcdsl.fn
  %2 = arcdsl.lbind %0, %1 : (!arcdsl.fn, !arcdsl.fn) -> !arcdsl.fn
  %3 = arcdsl.prim_ref "apply" : !arcdsl.fn
  %4 = arcdsl.prim_ref "corners" : !arcdsl.fn
  %5 = arcdsl.fork %3, %2, %4 : (!arcdsl.fn, !arcdsl.fn, !arcdsl.fn) -> !arcdsl.fn
  %6 = arcdsl.mapply %5, %objs : (!arcdsl.fn, !arcdsl.any) -> !arcdsl.any
  return %6 : !arcdsl.any
}

// A higher-order primitive with a function bound by lbind and called.
// CHECK-LABEL: func.func @lbind_hof_call
// CHECK-SAME: (%[[GS:.*]]: !arcdsl.any)
// CHECK: arcdsl.hof.apply [@lbind_hof_call__f0]() (%[[GS]])
// CHECK-LABEL: func.func private @lbind_hof_call__f0
// CHECK-SAME: (%[[G:.*]]: !arcdsl.any)
// CHECK-NEXT: arcdsl.vmirror %[[G]]
func.func @lbind_hof_call(%gs: !arcdsl.any) -> !arcdsl.any {
  %0 = arcdsl.prim_ref "apply" : !arcdsl.fn
  %1 = arcdsl.prim_ref "vmirror" : !arcdsl.fn
  %2 = arcdsl.lbind %0, %1 : (!arcdsl.fn, !arcdsl.fn) -> !arcdsl.fn
  %3 = arcdsl.call_value %2(%gs) : !arcdsl.fn, (!arcdsl.any) -> !arcdsl.any
  return %3 : !arcdsl.any
}

// power(rot90, 3)(I): a power hof over the count and the start value.
// CHECK-LABEL: func.func @power_call
// CHECK-SAME: (%[[I:.*]]: !arcdsl.grid)
// CHECK: %[[N:.*]] = arcdsl.constant(3 : i64)
// CHECK: arcdsl.hof.power [@power_call__f0]({{.*}}) (%[[N]], %[[I]])
// CHECK-LABEL: func.func private @power_call__f0
// CHECK-SAME: %[[X:arg[0-9]+]]: !arcdsl.any) -> !arcdsl.any
// CHECK-NEXT: %[[R:.*]] = arcdsl.rot90 %[[X]]
// CHECK-NEXT: return %[[R]]
func.func @power_call(%I: !arcdsl.grid) -> !arcdsl.any {
  %0 = arcdsl.prim_ref "rot90" : !arcdsl.fn
  %1 = arcdsl.constant(3 : i64) : !arcdsl.int
  %2 = arcdsl.power %0, %1 : (!arcdsl.fn, !arcdsl.int) -> !arcdsl.fn
  %3 = arcdsl.call_value %2(%I) : !arcdsl.fn, (!arcdsl.grid) -> !arcdsl.any
  return %3 : !arcdsl.any
}

// power of a closure with a capture: the capture reaches the callee.
// CHECK-LABEL: func.func @power_closure
// CHECK-SAME: (%[[OBJ:.*]]: !arcdsl.any)
// CHECK: %[[U:.*]] = arcdsl.constant(array<i64: 1, 1>)
// CHECK: %[[N:.*]] = arcdsl.constant(2 : i64)
// CHECK: arcdsl.hof.power [@power_closure__f0]({{.*}}%[[U]]{{.*}}) (%[[N]], %[[OBJ]])
// CHECK-LABEL: func.func private @power_closure__f0
// CHECK-SAME: %[[D:arg[0-9]+]]: !arcdsl.pair, %[[X:arg[0-9]+]]: !arcdsl.any) -> !arcdsl.any
// CHECK-NEXT: %[[R:.*]] = arcdsl.shift %[[X]], %[[D]]
// CHECK-NEXT: return %[[R]]
func.func @power_closure(%obj: !arcdsl.any) -> !arcdsl.any {
  %0 = arcdsl.prim_ref "shift" : !arcdsl.fn
  %1 = arcdsl.constant(array<i64: 1, 1>) : !arcdsl.pair
  %2 = arcdsl.rbind %0, %1 : (!arcdsl.fn, !arcdsl.pair) -> !arcdsl.fn
  %3 = arcdsl.constant(2 : i64) : !arcdsl.int
  %4 = arcdsl.power %2, %3 : (!arcdsl.fn, !arcdsl.int) -> !arcdsl.fn
  %5 = arcdsl.call_value %4(%obj) : !arcdsl.fn, (!arcdsl.any) -> !arcdsl.any
  return %5 : !arcdsl.any
}

// branch(cond, hmirror, vmirror)(I): one callee per branch.
// CHECK-LABEL: func.func @branch_call
// CHECK-SAME: (%[[I:.*]]: !arcdsl.grid)
// CHECK: %[[P:.*]] = arcdsl.portrait %[[I]]
// CHECK: arcdsl.hof.branch_call [@branch_call__f0, @branch_call__f1]({{.*}}) (%[[P]], %[[I]])
// CHECK-LABEL: func.func private @branch_call__f0
// CHECK-SAME: %[[X:arg[0-9]+]]: !arcdsl.any) -> !arcdsl.any
// CHECK-NEXT: arcdsl.hmirror %[[X]]
// CHECK-LABEL: func.func private @branch_call__f1
// CHECK-SAME: %[[X:arg[0-9]+]]: !arcdsl.any) -> !arcdsl.any
// CHECK-NEXT: arcdsl.vmirror %[[X]]
func.func @branch_call(%I: !arcdsl.grid) -> !arcdsl.any {
  %0 = arcdsl.portrait %I : (!arcdsl.grid) -> !arcdsl.bool
  %1 = arcdsl.prim_ref "hmirror" : !arcdsl.fn
  %2 = arcdsl.prim_ref "vmirror" : !arcdsl.fn
  %3 = arcdsl.branch %0, %1, %2 : (!arcdsl.bool, !arcdsl.fn, !arcdsl.fn) -> !arcdsl.fn
  %4 = arcdsl.call_value %3(%I) : !arcdsl.fn, (!arcdsl.grid) -> !arcdsl.any
  return %4 : !arcdsl.any
}

// Several hofs in one solver get distinct functions, numbered per solver.
// CHECK-LABEL: func.func @two_hofs
// CHECK: arcdsl.hof.apply [@two_hofs__f0]()
// CHECK: arcdsl.hof.valmax [@two_hofs__f1]()
// CHECK-LABEL: func.func private @two_hofs__f0
// CHECK-NEXT: arcdsl.size
// CHECK-LABEL: func.func private @two_hofs__f1
// CHECK-NEXT: arcdsl.width
func.func @two_hofs(%objs: !arcdsl.any) -> !arcdsl.any {
  %0 = arcdsl.prim_ref "size" : !arcdsl.fn
  %1 = arcdsl.apply %0, %objs : (!arcdsl.fn, !arcdsl.any) -> !arcdsl.any
  %2 = arcdsl.prim_ref "width" : !arcdsl.fn
  %3 = arcdsl.valmax %objs, %2 : (!arcdsl.any, !arcdsl.fn) -> !arcdsl.any
  return %3 : !arcdsl.any
}

// Already specialized input is kept as is.
// CHECK-LABEL: func.func @already_specialized
// CHECK: arcdsl.hof.apply [@existing]() (%{{.*}}) : (!arcdsl.any) -> !arcdsl.any
// CHECK-LABEL: func.func private @existing
// CHECK-NEXT: arcdsl.size
func.func @already_specialized(%objs: !arcdsl.any) -> !arcdsl.any {
  %0 = arcdsl.hof.apply [@existing]() (%objs) : (!arcdsl.any) -> !arcdsl.any
  return %0 : !arcdsl.any
}
func.func private @existing(%x: !arcdsl.any) -> !arcdsl.any {
  %0 = arcdsl.size %x : (!arcdsl.any) -> !arcdsl.any
  return %0 : !arcdsl.any
}

//===----------------------------------------------------------------------===//
// Functions as data: materialized as the closures Python builds
//===----------------------------------------------------------------------===//

// initset(rbind(add, 1)) and insert of the same closure: one closure (one
// Python object), built by the library at run time.
// CHECK-LABEL: func.func @fn_in_a_set
// CHECK: %[[ADD:.*]] = arcdsl.prim_ref "add" : !arcdsl.fn
// CHECK: %[[RB:.*]] = arcdsl.rbind %[[ADD]], %{{.*}} : (!arcdsl.fn, !arcdsl.int) -> !arcdsl.fn
// CHECK: %[[S:.*]] = arcdsl.initset %[[RB]]
// CHECK: arcdsl.insert %[[RB]], %[[S]]
func.func @fn_in_a_set(%I: !arcdsl.grid) -> !arcdsl.any {
  %0 = arcdsl.prim_ref "add" : !arcdsl.fn
  %1 = arcdsl.constant(1 : i64) : !arcdsl.int
  %2 = arcdsl.rbind %0, %1 : (!arcdsl.fn, !arcdsl.int) -> !arcdsl.fn
  %3 = arcdsl.initset %2 : (!arcdsl.fn) -> !arcdsl.any
  %4 = arcdsl.insert %2, %3 : (!arcdsl.fn, !arcdsl.any) -> !arcdsl.any
  return %4 : !arcdsl.any
}

// A solver may return a function (compose(vmirror, hmirror)).
// CHECK-LABEL: func.func @returns_fn
// CHECK: %[[V:.*]] = arcdsl.prim_ref "vmirror"
// CHECK: %[[H:.*]] = arcdsl.prim_ref "hmirror"
// CHECK: %[[C:.*]] = arcdsl.compose %[[V]], %[[H]]
// CHECK: return %[[C]] : !arcdsl.fn
func.func @returns_fn(%I: !arcdsl.grid) -> !arcdsl.fn {
  %0 = arcdsl.prim_ref "vmirror" : !arcdsl.fn
  %1 = arcdsl.prim_ref "hmirror" : !arcdsl.fn
  %2 = arcdsl.compose %0, %1 : (!arcdsl.fn, !arcdsl.fn) -> !arcdsl.fn
  return %2 : !arcdsl.fn
}

// apply(lbind(rbind, upscale), ks) returns functions: the specialized
// function builds rbind(upscale, k) at run time; rapply over that tuple of
// functions and calls of a function taken out of it run in the library.
// CHECK-LABEL: func.func @fn_from_a_hof
// CHECK: %[[FS:.*]] = arcdsl.hof.apply [@fn_from_a_hof__f0]() (%{{.*}})
// CHECK: arcdsl.rapply %[[FS]], %{{.*}}
// CHECK: %[[F:.*]] = arcdsl.first %[[FS]]
// CHECK: arcdsl.call_value %[[F]](%{{.*}}) : !arcdsl.any, (!arcdsl.grid) -> !arcdsl.any
// CHECK: arcdsl.apply %[[F]], %{{.*}}
// CHECK-LABEL: func.func private @fn_from_a_hof__f0
// CHECK-SAME: (%[[K:.*]]: !arcdsl.any) -> !arcdsl.fn
// CHECK: %[[UP:.*]] = arcdsl.prim_ref "upscale"
// CHECK: %[[R:.*]] = arcdsl.rbind %[[UP]], %[[K]]
// CHECK: return %[[R]] : !arcdsl.fn
func.func @fn_from_a_hof(%I: !arcdsl.grid, %ks: !arcdsl.any) -> !arcdsl.any {
  %0 = arcdsl.prim_ref "rbind" : !arcdsl.fn
  %1 = arcdsl.prim_ref "upscale" : !arcdsl.fn
  %2 = arcdsl.lbind %0, %1 : (!arcdsl.fn, !arcdsl.fn) -> !arcdsl.fn
  %3 = arcdsl.apply %2, %ks : (!arcdsl.fn, !arcdsl.any) -> !arcdsl.any
  %4 = arcdsl.rapply %3, %I : (!arcdsl.any, !arcdsl.grid) -> !arcdsl.any
  %5 = arcdsl.first %3 : (!arcdsl.any) -> !arcdsl.any
  %6 = arcdsl.call_value %5(%I) : !arcdsl.any, (!arcdsl.grid) -> !arcdsl.any
  %7 = arcdsl.apply %5, %4 : (!arcdsl.any, !arcdsl.any) -> !arcdsl.any
  return %7 : !arcdsl.any
}

// branch between a function and a value: both become values.
// CHECK-LABEL: func.func @branch_fn_and_value
// CHECK: %[[V:.*]] = arcdsl.prim_ref "vmirror"
// CHECK: arcdsl.branch %{{.*}}, %[[V]], %{{.*}}
func.func @branch_fn_and_value(%I: !arcdsl.grid, %b: !arcdsl.bool) -> !arcdsl.any {
  %0 = arcdsl.prim_ref "vmirror" : !arcdsl.fn
  %1 = arcdsl.branch %b, %0, %I : (!arcdsl.bool, !arcdsl.fn, !arcdsl.grid) -> !arcdsl.any
  return %1 : !arcdsl.any
}

// A composition that doubles ten times calls 2 * 2^10 primitives: past the
// bound of inlined calls (512) it is built and called at run time, and the
// pass's output stays linear in its input (it was 2^n ops).
// CHECK-LABEL: func.func @doubling_compose
// CHECK-COUNT-10: arcdsl.compose
// CHECK: arcdsl.call_value
// CHECK-NOT: arcdsl.hmirror
// CHECK: return
func.func @doubling_compose(%I: !arcdsl.grid) -> !arcdsl.any {
  %0 = arcdsl.prim_ref "hmirror" : !arcdsl.fn
  %1 = arcdsl.prim_ref "vmirror" : !arcdsl.fn
  %2 = arcdsl.compose %0, %1 : (!arcdsl.fn, !arcdsl.fn) -> !arcdsl.fn
  %3 = arcdsl.compose %2, %2 : (!arcdsl.fn, !arcdsl.fn) -> !arcdsl.fn
  %4 = arcdsl.compose %3, %3 : (!arcdsl.fn, !arcdsl.fn) -> !arcdsl.fn
  %5 = arcdsl.compose %4, %4 : (!arcdsl.fn, !arcdsl.fn) -> !arcdsl.fn
  %6 = arcdsl.compose %5, %5 : (!arcdsl.fn, !arcdsl.fn) -> !arcdsl.fn
  %7 = arcdsl.compose %6, %6 : (!arcdsl.fn, !arcdsl.fn) -> !arcdsl.fn
  %8 = arcdsl.compose %7, %7 : (!arcdsl.fn, !arcdsl.fn) -> !arcdsl.fn
  %9 = arcdsl.compose %8, %8 : (!arcdsl.fn, !arcdsl.fn) -> !arcdsl.fn
  %10 = arcdsl.compose %9, %9 : (!arcdsl.fn, !arcdsl.fn) -> !arcdsl.fn
  %11 = arcdsl.compose %10, %10 : (!arcdsl.fn, !arcdsl.fn) -> !arcdsl.fn
  %12 = arcdsl.call_value %11(%I) : !arcdsl.fn, (!arcdsl.grid) -> !arcdsl.any
  return %12 : !arcdsl.any
}

// Three doublings (16 calls) are still emitted inline.
// CHECK-LABEL: func.func @small_doubling
// CHECK-COUNT-8: arcdsl.vmirror
// CHECK-NOT: arcdsl.call_value
// CHECK: return
func.func @small_doubling(%I: !arcdsl.grid) -> !arcdsl.any {
  %0 = arcdsl.prim_ref "hmirror" : !arcdsl.fn
  %1 = arcdsl.prim_ref "vmirror" : !arcdsl.fn
  %2 = arcdsl.compose %0, %1 : (!arcdsl.fn, !arcdsl.fn) -> !arcdsl.fn
  %3 = arcdsl.compose %2, %2 : (!arcdsl.fn, !arcdsl.fn) -> !arcdsl.fn
  %4 = arcdsl.compose %3, %3 : (!arcdsl.fn, !arcdsl.fn) -> !arcdsl.fn
  %5 = arcdsl.compose %4, %4 : (!arcdsl.fn, !arcdsl.fn) -> !arcdsl.fn
  %6 = arcdsl.call_value %5(%I) : !arcdsl.fn, (!arcdsl.grid) -> !arcdsl.any
  return %6 : !arcdsl.any
}

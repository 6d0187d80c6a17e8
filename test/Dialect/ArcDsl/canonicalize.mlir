// RUN: arcdsl-opt %s --canonicalize | FileCheck %s
// RUN: arcdsl-opt %s --canonicalize --cse | FileCheck %s

// Dead primitive calls may raise (a per-sample error), so canonicalization
// must not delete them. Dead constants, primitive references and closures
// are pure and go; constants are uniqued.

// CHECK-LABEL: func.func @dead_primitives
// CHECK-SAME: (%[[I:.*]]: !arcdsl.grid)
// CHECK-DAG: %[[Z:.*]] = arcdsl.constant(0 : i64) : !arcdsl.int
// CHECK-DAG: %[[T:.*]] = arcdsl.constant(true) : !arcdsl.bool
// CHECK: %[[H:.*]] = arcdsl.height %[[I]]
// CHECK-NEXT: arcdsl.divide %[[H]], %[[Z]]
// CHECK-NEXT: %[[O:.*]] = arcdsl.objects %[[I]], %[[T]], %[[T]], %[[T]]
// CHECK-NEXT: arcdsl.first %[[O]]
// CHECK-NEXT: arcdsl.hof.argmax [@size_of]() (%[[O]])
// CHECK-NEXT: return %[[I]]
// CHECK-NOT: arcdsl.constant(5
// CHECK-NOT: arcdsl.prim_ref
// CHECK-NOT: arcdsl.rbind
func.func @dead_primitives(%I: !arcdsl.grid) -> !arcdsl.grid {
  %z = arcdsl.constant(0 : i64) : !arcdsl.int
  %h = arcdsl.height %I : (!arcdsl.grid) -> !arcdsl.int
  %0 = arcdsl.divide %h, %z : (!arcdsl.int, !arcdsl.int) -> !arcdsl.int
  %t0 = arcdsl.constant(true) : !arcdsl.bool
  %t1 = arcdsl.constant(true) : !arcdsl.bool
  %objs = arcdsl.objects %I, %t0, %t1, %t0 : (!arcdsl.grid, !arcdsl.bool, !arcdsl.bool, !arcdsl.bool) -> !arcdsl.set<!arcdsl.set<!arcdsl.cell>>
  %1 = arcdsl.first %objs : (!arcdsl.set<!arcdsl.set<!arcdsl.cell>>) -> !arcdsl.set<!arcdsl.cell>
  %2 = arcdsl.hof.argmax [@size_of]() (%objs) : (!arcdsl.set<!arcdsl.set<!arcdsl.cell>>) -> !arcdsl.set<!arcdsl.cell>
  %five = arcdsl.constant(5 : i64) : !arcdsl.int
  %add = arcdsl.prim_ref "add" : !arcdsl.fn
  %3 = arcdsl.rbind %add, %five : (!arcdsl.fn, !arcdsl.int) -> !arcdsl.fn
  return %I : !arcdsl.grid
}

func.func private @size_of(%x: !arcdsl.set<!arcdsl.cell>) -> !arcdsl.int {
  %0 = arcdsl.size %x : (!arcdsl.set<!arcdsl.cell>) -> !arcdsl.int
  return %0 : !arcdsl.int
}

// Duplicate primitive calls are not merged by canonicalize or upstream CSE
// (that is --arcdsl-cse's job, see cse.mlir).
// CHECK-LABEL: func.func @duplicates_stay
// CHECK: arcdsl.vmirror
// CHECK-NEXT: arcdsl.vmirror
func.func @duplicates_stay(%I: !arcdsl.grid) -> !arcdsl.grid {
  %0 = arcdsl.vmirror %I : (!arcdsl.grid) -> !arcdsl.grid
  %1 = arcdsl.vmirror %I : (!arcdsl.grid) -> !arcdsl.grid
  %2 = arcdsl.hconcat %0, %1 : (!arcdsl.grid, !arcdsl.grid) -> !arcdsl.grid
  return %2 : !arcdsl.grid
}

// The end of a batt line reads and writes state: never dead, never merged,
// never moved past the lines around it.
// CHECK-LABEL: func.func @batt_lines
// CHECK: arcdsl.vmirror
// CHECK-NEXT: arcdsl.batt_line 0
// CHECK-NEXT: arcdsl.batt_line 1
// CHECK-NEXT: arcdsl.hmirror
// CHECK-NEXT: arcdsl.batt_line 2
func.func @batt_lines(%I: !arcdsl.grid) -> !arcdsl.grid {
  %v = arcdsl.vmirror %I : (!arcdsl.grid) -> !arcdsl.grid
  arcdsl.batt_line 0
  arcdsl.batt_line 1
  %w = arcdsl.hmirror %v : (!arcdsl.grid) -> !arcdsl.grid
  arcdsl.batt_line 2
  return %w : !arcdsl.grid
}

//===----------------------------------------------------------------------===//
// Pure primitives (they raise nothing in Python): dead ones go, identical
// ones merge under upstream CSE.
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @dead_total_prims
// CHECK-NEXT: return
func.func @dead_total_prims(%a: !arcdsl.any, %b: !arcdsl.any) -> !arcdsl.any {
  %0 = arcdsl.identity %a : (!arcdsl.any) -> !arcdsl.any
  %1 = arcdsl.astuple %a, %b : (!arcdsl.any, !arcdsl.any) -> !arcdsl.product<!arcdsl.any, !arcdsl.any>
  %2 = arcdsl.flip %a : (!arcdsl.any) -> !arcdsl.bool
  %3 = arcdsl.branch %a, %a, %b : (!arcdsl.any, !arcdsl.any, !arcdsl.any) -> !arcdsl.any
  return %a : !arcdsl.any
}

//===----------------------------------------------------------------------===//
// identity
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @identity
// CHECK-SAME: (%[[A:.*]]: !arcdsl.any)
// CHECK-NEXT: return %[[A]]
func.func @identity(%a: !arcdsl.any) -> !arcdsl.any {
  %0 = arcdsl.identity %a : (!arcdsl.any) -> !arcdsl.any
  %1 = arcdsl.identity %0 : (!arcdsl.any) -> !arcdsl.any
  return %1 : !arcdsl.any
}

//===----------------------------------------------------------------------===//
// Grid transforms
//===----------------------------------------------------------------------===//

// vmirror, hmirror and rot180 are involutions of any tuple of tuples: the
// outer call goes; the inner one stays (it may raise: a "grid" that is a
// tuple of ints).
// CHECK-LABEL: func.func @involutions
// CHECK-SAME: (%[[G:.*]]: !arcdsl.grid)
// CHECK-NEXT: arcdsl.vmirror %[[G]]
// CHECK-NEXT: arcdsl.hmirror %[[G]]
// CHECK-NEXT: arcdsl.rot180 %[[G]]
// CHECK-NEXT: %[[C:.*]] = arcdsl.hconcat %[[G]], %[[G]]
// CHECK-NEXT: %[[D:.*]] = arcdsl.hconcat %[[C]], %[[G]]
// CHECK-NEXT: return %[[D]]
func.func @involutions(%g: !arcdsl.grid) -> !arcdsl.grid {
  %0 = arcdsl.vmirror %g : (!arcdsl.grid) -> !arcdsl.grid
  %1 = arcdsl.vmirror %0 : (!arcdsl.grid) -> !arcdsl.grid
  %2 = arcdsl.hmirror %g : (!arcdsl.grid) -> !arcdsl.grid
  %3 = arcdsl.hmirror %2 : (!arcdsl.grid) -> !arcdsl.grid
  %4 = arcdsl.rot180 %g : (!arcdsl.grid) -> !arcdsl.grid
  %5 = arcdsl.rot180 %4 : (!arcdsl.grid) -> !arcdsl.grid
  %6 = arcdsl.hconcat %1, %3 : (!arcdsl.grid, !arcdsl.grid) -> !arcdsl.grid
  %7 = arcdsl.hconcat %6, %5 : (!arcdsl.grid, !arcdsl.grid) -> !arcdsl.grid
  return %7 : !arcdsl.grid
}

// vmirror(hmirror(x)) is rot180(x), not x; vmirror of vmirror of a value
// not known to be a grid (an Object: a frozenset, rebuilt in another
// iteration order; an int: TypeError) is not folded.
// CHECK-LABEL: func.func @not_involutions
// CHECK: arcdsl.hmirror
// CHECK-NEXT: %[[V:.*]] = arcdsl.vmirror
// CHECK-NEXT: arcdsl.vmirror
// CHECK-NEXT: %[[W:.*]] = arcdsl.vmirror
// CHECK-NEXT: arcdsl.vmirror
// CHECK-NEXT: %[[X:.*]] = arcdsl.vmirror
// CHECK-NEXT: return %[[V]], %[[W]], %[[X]]
func.func @not_involutions(%g: !arcdsl.grid, %o: !arcdsl.set<!arcdsl.cell>, %a: !arcdsl.any) -> (!arcdsl.grid, !arcdsl.set<!arcdsl.cell>, !arcdsl.any) {
  %0 = arcdsl.hmirror %g : (!arcdsl.grid) -> !arcdsl.grid
  %1 = arcdsl.vmirror %0 : (!arcdsl.grid) -> !arcdsl.grid
  %2 = arcdsl.vmirror %o : (!arcdsl.set<!arcdsl.cell>) -> !arcdsl.set<!arcdsl.cell>
  %3 = arcdsl.vmirror %2 : (!arcdsl.set<!arcdsl.cell>) -> !arcdsl.set<!arcdsl.cell>
  %4 = arcdsl.vmirror %a : (!arcdsl.any) -> !arcdsl.any
  %5 = arcdsl.vmirror %4 : (!arcdsl.any) -> !arcdsl.any
  return %1, %3, %5 : !arcdsl.grid, !arcdsl.set<!arcdsl.cell>, !arcdsl.any
}

// dmirror, cmirror and rotations by 90 go through zip, which truncates
// ragged rows and drops rows of width 0: folded only on a grid that is
// itself the result of a transform through zip (rectangular, width >= 1,
// or empty).
// CHECK-LABEL: func.func @through_zip
// CHECK-SAME: (%[[G:.*]]: !arcdsl.grid)
// CHECK-NEXT: %[[T:.*]] = arcdsl.rot90 %[[G]]
// CHECK-NEXT: arcdsl.dmirror %[[T]]
// CHECK-NEXT: arcdsl.cmirror %[[T]]
// CHECK-NEXT: arcdsl.rot270 %[[T]]
// CHECK-NEXT: %[[R1:.*]] = arcdsl.rot90 %[[T]]
// CHECK-NEXT: %[[R2:.*]] = arcdsl.rot90 %[[R1]]
// CHECK-NEXT: arcdsl.rot90 %[[R2]]
// CHECK-NEXT: %[[A:.*]] = arcdsl.hconcat %[[T]], %[[T]]
// CHECK-NEXT: %[[B:.*]] = arcdsl.hconcat %[[A]], %[[T]]
// CHECK-NEXT: %[[C:.*]] = arcdsl.hconcat %[[B]], %[[T]]
// CHECK-NEXT: return %[[C]]
func.func @through_zip(%g: !arcdsl.grid) -> !arcdsl.grid {
  %t = arcdsl.rot90 %g : (!arcdsl.grid) -> !arcdsl.grid
  %0 = arcdsl.dmirror %t : (!arcdsl.grid) -> !arcdsl.grid
  %1 = arcdsl.dmirror %0 : (!arcdsl.grid) -> !arcdsl.grid
  %2 = arcdsl.cmirror %t : (!arcdsl.grid) -> !arcdsl.grid
  %3 = arcdsl.cmirror %2 : (!arcdsl.grid) -> !arcdsl.grid
  %4 = arcdsl.rot270 %t : (!arcdsl.grid) -> !arcdsl.grid
  %5 = arcdsl.rot90 %4 : (!arcdsl.grid) -> !arcdsl.grid
  %6 = arcdsl.rot90 %t : (!arcdsl.grid) -> !arcdsl.grid
  %7 = arcdsl.rot90 %6 : (!arcdsl.grid) -> !arcdsl.grid
  %8 = arcdsl.rot90 %7 : (!arcdsl.grid) -> !arcdsl.grid
  %9 = arcdsl.rot90 %8 : (!arcdsl.grid) -> !arcdsl.grid
  %a = arcdsl.hconcat %1, %3 : (!arcdsl.grid, !arcdsl.grid) -> !arcdsl.grid
  %b = arcdsl.hconcat %a, %5 : (!arcdsl.grid, !arcdsl.grid) -> !arcdsl.grid
  %c = arcdsl.hconcat %b, %9 : (!arcdsl.grid, !arcdsl.grid) -> !arcdsl.grid
  return %c : !arcdsl.grid
}

// On a grid of unknown shape (an argument) they are not folded:
// dmirror(dmirror(((), ()))) is ().
// CHECK-LABEL: func.func @through_zip_unknown_shape
// CHECK-NEXT: arcdsl.dmirror
// CHECK-NEXT: %[[D:.*]] = arcdsl.dmirror
// CHECK-NEXT: arcdsl.rot270
// CHECK-NEXT: %[[R:.*]] = arcdsl.rot90
// CHECK-NEXT: return %[[D]], %[[R]]
func.func @through_zip_unknown_shape(%g: !arcdsl.grid) -> (!arcdsl.grid, !arcdsl.grid) {
  %0 = arcdsl.dmirror %g : (!arcdsl.grid) -> !arcdsl.grid
  %1 = arcdsl.dmirror %0 : (!arcdsl.grid) -> !arcdsl.grid
  %2 = arcdsl.rot270 %g : (!arcdsl.grid) -> !arcdsl.grid
  %3 = arcdsl.rot90 %2 : (!arcdsl.grid) -> !arcdsl.grid
  return %1, %3 : !arcdsl.grid, !arcdsl.grid
}

//===----------------------------------------------------------------------===//
// Constant arithmetic (Python semantics, 60-bit Integers)
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @arith
// CHECK-DAG: arcdsl.constant(5 : i64)
// CHECK-DAG: arcdsl.constant(-1 : i64)
// CHECK-DAG: arcdsl.constant(6 : i64)
// CHECK-DAG: arcdsl.constant(-4 : i64)
// CHECK-DAG: arcdsl.constant(array<i64: 5, 1>)
// CHECK-DAG: arcdsl.constant(array<i64: -1, 0>)
// CHECK-DAG: arcdsl.constant(2 : i64)
// CHECK-NOT: arcdsl.add
// CHECK-NOT: arcdsl.subtract
// CHECK-NOT: arcdsl.multiply
// CHECK-NOT: arcdsl.divide
// CHECK: return
func.func @arith() -> (!arcdsl.int, !arcdsl.int, !arcdsl.int, !arcdsl.int, !arcdsl.pair, !arcdsl.pair, !arcdsl.int) {
  %two = arcdsl.constant(2 : i64) : !arcdsl.int
  %three = arcdsl.constant(3 : i64) : !arcdsl.int
  %m7 = arcdsl.constant(-7 : i64) : !arcdsl.int
  %t = arcdsl.constant(true) : !arcdsl.bool
  %p = arcdsl.constant(array<i64: 3, -1>) : !arcdsl.pair
  %0 = arcdsl.add %two, %three : (!arcdsl.int, !arcdsl.int) -> !arcdsl.int
  %1 = arcdsl.subtract %two, %three : (!arcdsl.int, !arcdsl.int) -> !arcdsl.int
  %2 = arcdsl.multiply %two, %three : (!arcdsl.int, !arcdsl.int) -> !arcdsl.int
  // Floor division: -7 // 2 == -4.
  %3 = arcdsl.divide %m7, %two : (!arcdsl.int, !arcdsl.int) -> !arcdsl.int
  %4 = arcdsl.add %two, %p : (!arcdsl.int, !arcdsl.pair) -> !arcdsl.pair
  // (3 // -7, -1 // -7) == (-1, 0)
  %5 = arcdsl.divide %p, %m7 : (!arcdsl.pair, !arcdsl.int) -> !arcdsl.pair
  %6 = arcdsl.add %t, %t : (!arcdsl.bool, !arcdsl.bool) -> !arcdsl.int
  return %0, %1, %2, %3, %4, %5, %6 : !arcdsl.int, !arcdsl.int, !arcdsl.int, !arcdsl.int, !arcdsl.pair, !arcdsl.pair, !arcdsl.int
}

// Not folded: a ZeroDivisionError, a result outside the 60-bit Integer
// word (a capacity error), an operand that is not a constant, a result type
// that is not inferred.
// CHECK-LABEL: func.func @arith_no_fold
// CHECK: arcdsl.divide
// CHECK: arcdsl.divide
// CHECK: arcdsl.multiply
// CHECK: arcdsl.add
// CHECK: arcdsl.add
// CHECK: arcdsl.halve
func.func @arith_no_fold(%x: !arcdsl.int) -> (!arcdsl.int, !arcdsl.pair, !arcdsl.int, !arcdsl.int, !arcdsl.any, !arcdsl.int) {
  %zero = arcdsl.constant(0 : i64) : !arcdsl.int
  %one = arcdsl.constant(1 : i64) : !arcdsl.int
  %big = arcdsl.constant(576460752303423487 : i64) : !arcdsl.int
  %p = arcdsl.constant(array<i64: 1, 0>) : !arcdsl.pair
  %0 = arcdsl.divide %one, %zero : (!arcdsl.int, !arcdsl.int) -> !arcdsl.int
  %1 = arcdsl.divide %one, %p : (!arcdsl.int, !arcdsl.pair) -> !arcdsl.pair
  %2 = arcdsl.multiply %big, %big : (!arcdsl.int, !arcdsl.int) -> !arcdsl.int
  %3 = arcdsl.add %x, %one : (!arcdsl.int, !arcdsl.int) -> !arcdsl.int
  %4 = arcdsl.add %one, %one : (!arcdsl.int, !arcdsl.int) -> !arcdsl.any
  %5 = arcdsl.halve %x : (!arcdsl.int) -> !arcdsl.int
  return %0, %1, %2, %3, %4, %5 : !arcdsl.int, !arcdsl.pair, !arcdsl.int, !arcdsl.int, !arcdsl.any, !arcdsl.int
}

// CHECK-LABEL: func.func @unary
// CHECK-DAG: %[[M3:.*]] = arcdsl.constant(-3 : i64) : !arcdsl.int
// CHECK-DAG: %[[P:.*]] = arcdsl.constant(array<i64: 6, -4>) : !arcdsl.pair
// CHECK-DAG: %[[H:.*]] = arcdsl.constant(array<i64: 1, -1>) : !arcdsl.pair
// CHECK-DAG: %[[I:.*]] = arcdsl.constant(array<i64: 4, -1>) : !arcdsl.pair
// CHECK-DAG: %[[D:.*]] = arcdsl.constant(array<i64: 2, -3>) : !arcdsl.pair
// CHECK-DAG: %[[C:.*]] = arcdsl.constant(array<i64: 4, -3>) : !arcdsl.pair
// CHECK-DAG: %[[Z:.*]] = arcdsl.constant(0 : i64) : !arcdsl.int
// CHECK: return %[[M3]], %[[P]], %[[H]], %[[I]], %[[D]], %[[C]], %[[H]], %[[Z]]
func.func @unary() -> (!arcdsl.int, !arcdsl.pair, !arcdsl.pair, !arcdsl.pair, !arcdsl.pair, !arcdsl.pair, !arcdsl.pair, !arcdsl.int) {
  %three = arcdsl.constant(3 : i64) : !arcdsl.int
  %p = arcdsl.constant(array<i64: 3, -2>) : !arcdsl.pair
  %zero = arcdsl.constant(0 : i64) : !arcdsl.int
  %0 = arcdsl.invert %three : (!arcdsl.int) -> !arcdsl.int
  %1 = arcdsl.double %p : (!arcdsl.pair) -> !arcdsl.pair
  // (3 // 2, -2 // 2)
  %2 = arcdsl.halve %p : (!arcdsl.pair) -> !arcdsl.pair
  %3 = arcdsl.increment %p : (!arcdsl.pair) -> !arcdsl.pair
  %4 = arcdsl.decrement %p : (!arcdsl.pair) -> !arcdsl.pair
  %5 = arcdsl.crement %p : (!arcdsl.pair) -> !arcdsl.pair
  %6 = arcdsl.sign %p : (!arcdsl.pair) -> !arcdsl.pair
  %7 = arcdsl.crement %zero : (!arcdsl.int) -> !arcdsl.int
  return %0, %1, %2, %3, %4, %5, %6, %7 : !arcdsl.int, !arcdsl.pair, !arcdsl.pair, !arcdsl.pair, !arcdsl.pair, !arcdsl.pair, !arcdsl.pair, !arcdsl.int
}

// Comparisons and Booleans.
// CHECK-LABEL: func.func @logic
// CHECK-DAG: %[[T:.*]] = arcdsl.constant(true) : !arcdsl.bool
// CHECK-DAG: %[[F:.*]] = arcdsl.constant(false) : !arcdsl.bool
// CHECK-DAG: %[[Z:.*]] = arcdsl.constant(0 : i64) : !arcdsl.int
// CHECK: return %[[F]], %[[T]], %[[T]], %[[F]], %[[F]], %[[T]], %[[T]], %[[F]], %[[Z]]
func.func @logic() -> (!arcdsl.bool, !arcdsl.bool, !arcdsl.bool, !arcdsl.bool, !arcdsl.bool, !arcdsl.bool, !arcdsl.bool, !arcdsl.bool, !arcdsl.int) {
  %three = arcdsl.constant(3 : i64) : !arcdsl.int
  %one = arcdsl.constant(1 : i64) : !arcdsl.int
  %zero = arcdsl.constant(0 : i64) : !arcdsl.int
  %t = arcdsl.constant(true) : !arcdsl.bool
  %f = arcdsl.constant(false) : !arcdsl.bool
  %p = arcdsl.constant(array<i64: 1, 0>) : !arcdsl.pair
  %0 = arcdsl.even %three : (!arcdsl.int) -> !arcdsl.bool
  %1 = arcdsl.positive %three : (!arcdsl.int) -> !arcdsl.bool
  // True == 1
  %2 = arcdsl.equality %t, %one : (!arcdsl.bool, !arcdsl.int) -> !arcdsl.bool
  // 1 == (1, 0) is False
  %3 = arcdsl.equality %one, %p : (!arcdsl.int, !arcdsl.pair) -> !arcdsl.bool
  %4 = arcdsl.greater %one, %three : (!arcdsl.int, !arcdsl.int) -> !arcdsl.bool
  %5 = arcdsl.flip %zero : (!arcdsl.int) -> !arcdsl.bool
  %6 = arcdsl.either %f, %t : (!arcdsl.bool, !arcdsl.bool) -> !arcdsl.bool
  %7 = arcdsl.both %t, %f : (!arcdsl.bool, !arcdsl.bool) -> !arcdsl.bool
  // 0 and 3 is 0
  %8 = arcdsl.both %zero, %three : (!arcdsl.int, !arcdsl.int) -> !arcdsl.int
  return %0, %1, %2, %3, %4, %5, %6, %7, %8 : !arcdsl.bool, !arcdsl.bool, !arcdsl.bool, !arcdsl.bool, !arcdsl.bool, !arcdsl.bool, !arcdsl.bool, !arcdsl.bool, !arcdsl.int
}

// Not folded: both of an int and a Boolean (the result's type is the one
// not known statically). Even of a tuple (TypeError) is no op at all: the
// kind Integer rejects a pair (errors.mlir), so a batt holds that line as a
// call of the function value, which no folder touches.
// CHECK-LABEL: func.func @logic_no_fold
// CHECK: arcdsl.call_value
// CHECK: arcdsl.both
func.func @logic_no_fold() -> (!arcdsl.any, !arcdsl.int) {
  %one = arcdsl.constant(1 : i64) : !arcdsl.int
  %t = arcdsl.constant(true) : !arcdsl.bool
  %p = arcdsl.constant(array<i64: 1, 0>) : !arcdsl.pair
  %even = arcdsl.prim_ref "even" : !arcdsl.fn
  %0 = arcdsl.call_value %even(%p) : !arcdsl.fn, (!arcdsl.pair) -> !arcdsl.any
  %1 = arcdsl.both %t, %one : (!arcdsl.bool, !arcdsl.int) -> !arcdsl.int
  return %0, %1 : !arcdsl.any, !arcdsl.int
}

//===----------------------------------------------------------------------===//
// Tuples
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @tuples
// CHECK-SAME: (%[[G:.*]]: !arcdsl.grid, %[[O:.*]]: !arcdsl.set<!arcdsl.cell>)
// CHECK-DAG: %[[TWO:.*]] = arcdsl.constant(2 : i64) : !arcdsl.int
// CHECK-DAG: %[[IV:.*]] = arcdsl.constant(array<i64: 2, 0>) : !arcdsl.pair
// CHECK-DAG: %[[JV:.*]] = arcdsl.constant(array<i64: 0, 2>) : !arcdsl.pair
// CHECK-DAG: %[[AT:.*]] = arcdsl.constant(array<i64: 2, 2>) : !arcdsl.pair
// CHECK-NOT: arcdsl.astuple
// CHECK-NOT: arcdsl.first
// CHECK-NOT: arcdsl.last
// CHECK-NOT: arcdsl.size
// CHECK: return %[[G]], %[[O]], %[[TWO]], %[[TWO]], %[[IV]], %[[JV]], %[[AT]], %[[TWO]]
func.func @tuples(%g: !arcdsl.grid, %o: !arcdsl.set<!arcdsl.cell>) -> (!arcdsl.grid, !arcdsl.set<!arcdsl.cell>, !arcdsl.int, !arcdsl.int, !arcdsl.pair, !arcdsl.pair, !arcdsl.pair, !arcdsl.int) {
  %two = arcdsl.constant(2 : i64) : !arcdsl.int
  %p = arcdsl.constant(array<i64: 5, 2>) : !arcdsl.pair
  %t = arcdsl.astuple %g, %o : (!arcdsl.grid, !arcdsl.set<!arcdsl.cell>) -> !arcdsl.product<!arcdsl.grid, !arcdsl.set<!arcdsl.cell>>
  %0 = arcdsl.first %t : (!arcdsl.product<!arcdsl.grid, !arcdsl.set<!arcdsl.cell>>) -> !arcdsl.grid
  %1 = arcdsl.last %t : (!arcdsl.product<!arcdsl.grid, !arcdsl.set<!arcdsl.cell>>) -> !arcdsl.set<!arcdsl.cell>
  %2 = arcdsl.size %t : (!arcdsl.product<!arcdsl.grid, !arcdsl.set<!arcdsl.cell>>) -> !arcdsl.int
  %3 = arcdsl.last %p : (!arcdsl.pair) -> !arcdsl.int
  %4 = arcdsl.toivec %two : (!arcdsl.int) -> !arcdsl.pair
  %5 = arcdsl.tojvec %two : (!arcdsl.int) -> !arcdsl.pair
  %6 = arcdsl.astuple %two, %two : (!arcdsl.int, !arcdsl.int) -> !arcdsl.pair
  %7 = arcdsl.size %p : (!arcdsl.pair) -> !arcdsl.int
  return %0, %1, %2, %3, %4, %5, %6, %7 : !arcdsl.grid, !arcdsl.set<!arcdsl.cell>, !arcdsl.int, !arcdsl.int, !arcdsl.pair, !arcdsl.pair, !arcdsl.pair, !arcdsl.int
}

// Not folded: a tuple holding a Boolean ((True, 0) is not (1, 0) in the
// library), first of a container not known to be a pair (it may be
// empty: StopIteration).
// CHECK-LABEL: func.func @tuples_no_fold
// CHECK: arcdsl.toivec
// CHECK: arcdsl.astuple
// CHECK: arcdsl.first
func.func @tuples_no_fold(%x: !arcdsl.tuple<!arcdsl.int>) -> (!arcdsl.any, !arcdsl.any, !arcdsl.int) {
  %t = arcdsl.constant(true) : !arcdsl.bool
  %one = arcdsl.constant(1 : i64) : !arcdsl.int
  %0 = arcdsl.toivec %t : (!arcdsl.bool) -> !arcdsl.any
  %1 = arcdsl.astuple %t, %one : (!arcdsl.bool, !arcdsl.int) -> !arcdsl.any
  %2 = arcdsl.first %x : (!arcdsl.tuple<!arcdsl.int>) -> !arcdsl.int
  return %0, %1, %2 : !arcdsl.any, !arcdsl.any, !arcdsl.int
}

# RUN: arcdsl-translate --import-arcdsl %s | FileCheck %s
# RUN: arcdsl-translate --import-arcdsl %s --mlir-print-debuginfo | FileCheck %s --check-prefix=LOC
"""Module docstrings and imports are accepted."""
from dsl import *
from constants import *
import dsl


# A solver takes the input Grid; each call's result type is what the
# primitive's rule gives for its operand types (the declared kind's type
# where the rule is the declaration), !arcdsl.any where not known.
# CHECK-LABEL: func.func @solve_basic
# CHECK-SAME: (%[[I:.*]]: !arcdsl.grid) -> !arcdsl.grid
# CHECK-NEXT: %[[V:.*]] = arcdsl.vmirror %[[I]] : (!arcdsl.grid) -> !arcdsl.grid
# CHECK-NEXT: %[[O:.*]] = arcdsl.hconcat %[[I]], %[[V]] : (!arcdsl.grid, !arcdsl.grid) -> !arcdsl.grid
# CHECK-NEXT: return %[[O]] : !arcdsl.grid
def solve_basic(I):
    """Docstrings are skipped."""
    # Locations point into the Python source (line:column of the call).
    # LOC-LABEL: func.func @solve_basic
    # LOC: arcdsl.vmirror {{.*}} loc(#[[VM:loc[0-9]*]])
    # LOC: #[[VM]] = loc("{{.*}}import.py":[[@LINE+1]]:10)
    x1 = vmirror(I)
    O = hconcat(I, x1)
    return O


# Every kind of constant: named integers, booleans and pairs, literals,
# negative literals, pair literals and None.
# CHECK-LABEL: func.func @solve_constants
# CHECK-NEXT: %[[Z:.*]] = arcdsl.constant(0 : i64) : !arcdsl.int
# CHECK-NEXT: %[[TEN:.*]] = arcdsl.constant(10 : i64) : !arcdsl.int
# CHECK-NEXT: %[[NEG1:.*]] = arcdsl.constant(-1 : i64) : !arcdsl.int
# CHECK-NEXT: %[[NEG2:.*]] = arcdsl.constant(-2 : i64) : !arcdsl.int
# CHECK-NEXT: %[[L:.*]] = arcdsl.constant(42 : i64) : !arcdsl.int
# CHECK-NEXT: %[[NL:.*]] = arcdsl.constant(-7 : i64) : !arcdsl.int
# CHECK-NEXT: %[[T:.*]] = arcdsl.constant(true) : !arcdsl.bool
# CHECK-NEXT: %[[F:.*]] = arcdsl.constant(false) : !arcdsl.bool
# CHECK-NEXT: %[[PT:.*]] = arcdsl.constant(true) : !arcdsl.bool
# CHECK-NEXT: %[[UR:.*]] = arcdsl.constant(array<i64: -1, 1>) : !arcdsl.pair
# CHECK-NEXT: %[[TBZ:.*]] = arcdsl.constant(array<i64: 2, 0>) : !arcdsl.pair
# CHECK-NEXT: %[[NU:.*]] = arcdsl.constant(array<i64: -1, -1>) : !arcdsl.pair
# CHECK-NEXT: %[[P1:.*]] = arcdsl.constant(array<i64: 3, -4>) : !arcdsl.pair
# CHECK-NEXT: %[[P2:.*]] = arcdsl.constant(array<i64: 1, 0>) : !arcdsl.pair
# CHECK-NEXT: %[[N:.*]] = arcdsl.constant(unit) : !arcdsl.none
# CHECK-NEXT: arcdsl.repeat %[[Z]], %[[TEN]] : (!arcdsl.int, !arcdsl.int) -> !arcdsl.tuple<!arcdsl.int>
def solve_constants(I):
    x1 = ZERO
    x2 = TEN
    x3 = NEG_ONE
    x4 = NEG_TWO
    x5 = 42
    x6 = -7
    x7 = T
    x8 = F
    x9 = True
    x10 = UP_RIGHT
    x11 = TWO_BY_ZERO
    x12 = NEG_UNITY
    x13 = (3, -4)
    x14 = (ONE, ZERO)
    x15 = None
    O = repeat(x1, x2)
    return O


# A tuple literal of non-constants is an astuple call.
# CHECK-LABEL: func.func @solve_tuple
# CHECK-SAME: (%[[I:.*]]: !arcdsl.grid)
# CHECK-NEXT: %[[H:.*]] = arcdsl.height %[[I]] : (!arcdsl.grid) -> !arcdsl.int
# CHECK-NEXT: %[[W:.*]] = arcdsl.width %[[I]] : (!arcdsl.grid) -> !arcdsl.int
# CHECK-NEXT: %[[P:.*]] = arcdsl.astuple %[[H]], %[[W]] : (!arcdsl.int, !arcdsl.int) -> !arcdsl.pair
# CHECK-NEXT: %[[Z:.*]] = arcdsl.constant(0 : i64) : !arcdsl.int
# CHECK-NEXT: %[[C:.*]] = arcdsl.canvas %[[Z]], %[[P]] : (!arcdsl.int, !arcdsl.pair) -> !arcdsl.grid
def solve_tuple(I):
    x1 = height(I)
    x2 = width(I)
    x3 = (x1, x2)
    O = canvas(ZERO, x3)
    return O


# Keyword arguments go to the parameter of that name, whatever their order;
# arguments are evaluated left to right.
# CHECK-LABEL: func.func @solve_keywords
# CHECK-SAME: (%[[I:.*]]: !arcdsl.grid)
# CHECK-NEXT: %[[T:.*]] = arcdsl.constant(true) : !arcdsl.bool
# CHECK-NEXT: %[[D:.*]] = arcdsl.constant(false) : !arcdsl.bool
# CHECK-NEXT: %[[U:.*]] = arcdsl.constant(true) : !arcdsl.bool
# CHECK-NEXT: %[[O:.*]] = arcdsl.objects %[[I]], %[[U]], %[[D]], %[[T]] : (!arcdsl.grid, !arcdsl.bool, !arcdsl.bool, !arcdsl.bool) -> !arcdsl.set<!arcdsl.set<!arcdsl.cell>>
# CHECK-NEXT: %[[TWO:.*]] = arcdsl.constant(2 : i64) : !arcdsl.int
# CHECK-NEXT: %[[F:.*]] = arcdsl.fill %[[I]], %[[TWO]], %[[O]]
def solve_keywords(I):
    x1 = objects(I, without_bg=T, diagonal=F, univalued=T)
    O = fill(grid=I, value=TWO, patch=x1)
    return O


# Primitives used as values, closure builders, higher-order primitives and
# calls of function-valued variables.
# CHECK-LABEL: func.func @solve_functions
# CHECK-SAME: (%[[I:.*]]: !arcdsl.grid)
# CHECK: %[[OBJS:.*]] = arcdsl.objects
# CHECK: %[[SIZE:.*]] = arcdsl.prim_ref "size" : !arcdsl.fn
# CHECK-NEXT: %[[BIG:.*]] = arcdsl.argmax %[[OBJS]], %[[SIZE]] : (!arcdsl.set<!arcdsl.set<!arcdsl.cell>>, !arcdsl.fn) -> !arcdsl.set<!arcdsl.cell>
# CHECK-NEXT: %[[SHIFT:.*]] = arcdsl.prim_ref "shift" : !arcdsl.fn
# CHECK-NEXT: %[[DOWN:.*]] = arcdsl.constant(array<i64: 1, 0>) : !arcdsl.pair
# CHECK-NEXT: %[[RB:.*]] = arcdsl.rbind %[[SHIFT]], %[[DOWN]] : (!arcdsl.fn, !arcdsl.pair) -> !arcdsl.fn
# CHECK-NEXT: %[[MOVED:.*]] = arcdsl.call_value %[[RB]](%[[BIG]]) : !arcdsl.fn, (!arcdsl.set<!arcdsl.cell>) -> !arcdsl.any
# CHECK-NEXT: %[[R90:.*]] = arcdsl.prim_ref "rot90" : !arcdsl.fn
# CHECK-NEXT: %[[THREE:.*]] = arcdsl.constant(3 : i64) : !arcdsl.int
# CHECK-NEXT: %[[POW:.*]] = arcdsl.power %[[R90]], %[[THREE]] : (!arcdsl.fn, !arcdsl.int) -> !arcdsl.fn
# CHECK-NEXT: %[[ROT:.*]] = arcdsl.call_value %[[POW]](%[[I]]) : !arcdsl.fn, (!arcdsl.grid) -> !arcdsl.any
# CHECK-NEXT: %[[VM:.*]] = arcdsl.prim_ref "vmirror" : !arcdsl.fn
# CHECK-NEXT: %[[DIRECT:.*]] = arcdsl.call_value %[[VM]](%[[ROT]]) : !arcdsl.fn, (!arcdsl.any) -> !arcdsl.any
# CHECK-NEXT: arcdsl.paint %[[DIRECT]], %[[MOVED]]
def solve_functions(I):
    x1 = objects(I, T, F, T)
    x2 = argmax(x1, size)
    x3 = rbind(shift, DOWN)
    x4 = x3(x2)
    x5 = power(rot90, THREE)
    x6 = x5(I)
    x7 = vmirror
    x8 = x7(x6)
    O = paint(x8, x4)
    return O


# A helper with several parameters: arguments are !arcdsl.any; a variable
# may shadow a DSL constant.
# CHECK-LABEL: func.func @helper
# CHECK-SAME: (%[[A:.*]]: !arcdsl.any, %[[B:.*]]: !arcdsl.any) -> !arcdsl.any
# CHECK-NEXT: %[[S:.*]] = arcdsl.add %[[A]], %[[B]] : (!arcdsl.any, !arcdsl.any) -> !arcdsl.any
# CHECK-NEXT: %[[D:.*]] = arcdsl.double %[[S]]
# CHECK-NEXT: return %[[D]]
def helper(a, b):
    ONE = add(a, b)
    x2 = double(ONE)
    return x2

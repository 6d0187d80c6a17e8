# RUN: arcdsl-translate --import-arcdsl %s -o %t.mlir
# RUN: arcdsl-translate --export-arcdsl %t.mlir -o %t.py
# RUN: FileCheck %s --input-file=%t.py
# RUN: arcdsl-translate --import-arcdsl %t.py -o %t.reimported.mlir
# RUN: diff %t.mlir %t.reimported.mlir
# RUN: grep -c "func.func @" %t.reimported.mlir | FileCheck %s --check-prefix=FUNCS
# FUNCS: {{^5$}}
# Exporting and importing again gives the same IR; the exported text names
# DSL constants, prints other literals, passes primitives by name, calls
# function-valued variables, puts keyword arguments in place and names the
# returned value O.
from dsl import *
from constants import *


# CHECK: from dsl import *
# CHECK-NEXT: from constants import *
# CHECK-EMPTY:
# CHECK-EMPTY:
# CHECK-NEXT: def solve_one(I):
# CHECK-NEXT:     x1 = vmirror(I)
# CHECK-NEXT:     O = hconcat(I, x1)
# CHECK-NEXT:     return O
def solve_one(I):
    x1 = vmirror(I)
    x2 = hconcat(I, x1)
    return x2


# CHECK-LABEL: def solve_constants(I):
# CHECK-NEXT:     x1 = objects(I, T, F, T)
# CHECK-NEXT:     x2 = shift(x1, UP_RIGHT)
# CHECK-NEXT:     x3 = shift(x2, (3, -4))
# CHECK-NEXT:     x4 = add(NEG_TWO, 42)
# CHECK-NEXT:     x5 = add(x4, -7)
# CHECK-NEXT:     x6 = crop(I, ORIGIN, TWO_BY_TWO)
# CHECK-NEXT:     O = fill(x6, x5, x3)
# CHECK-NEXT:     return O
def solve_constants(I):
    x1 = objects(I, T, F, T)
    x2 = shift(x1, UP_RIGHT)
    x3 = shift(x2, (3, -4))
    x4 = add(NEG_TWO, 42)
    x5 = add(x4, -7)
    x6 = crop(I, start=(0, ZERO), dims=(TWO, 2))
    O = fill(x6, x5, x3)
    return O


# CHECK-LABEL: def solve_functions(I):
# CHECK-NEXT:     x1 = rbind(shift, DOWN)
# CHECK-NEXT:     x2 = objects(I, T, F, T)
# CHECK-NEXT:     x3 = argmax(x2, size)
# CHECK-NEXT:     x4 = x1(x3)
# CHECK-NEXT:     x5 = power(rot90, THREE)
# CHECK-NEXT:     x6 = x5(I)
# CHECK-NEXT:     x7 = fork(combine, identity, x1)
# CHECK-NEXT:     x8 = mapply(x7, x2)
# CHECK-NEXT:     x9 = paint(x6, x4)
# CHECK-NEXT:     O = paint(x9, x8)
# CHECK-NEXT:     return O
def solve_functions(I):
    x1 = rbind(shift, DOWN)
    x2 = objects(I, T, F, T)
    x3 = argmax(x2, size)
    x4 = x1(x3)
    x5 = power(rot90, THREE)
    x6 = x5(I)
    x7 = fork(combine, identity, x1)
    x8 = mapply(x7, x2)
    x9 = paint(x6, x4)
    O = paint(x9, x8)
    return O


# CHECK-LABEL: def helper(a0, a1):
# CHECK-NEXT:     x1 = astuple(a0, a1)
# CHECK-NEXT:     O = initset(x1)
# CHECK-NEXT:     return O
def helper(a, b):
    x1 = (a, b)
    x2 = initset(x1)
    return x2


# Returning an argument.
# CHECK-LABEL: def solve_identity(I):
# CHECK-NEXT:     return I
def solve_identity(I):
    return I

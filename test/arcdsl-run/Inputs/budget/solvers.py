from dsl import *
from constants import *

# Thirty lines that double a composition: calling x29 calls hmirror and
# vmirror 2^30 times each (CPython does not finish; the work bound ends
# the run). Inlined, the calls were 2^30 ops: the compile took 1.6 GB at
# 18 lines and the OOM killer at 30.
def solve_67a3c6ac(I):
    x0 = compose(hmirror, vmirror)
    x1 = compose(x0, x0)
    x2 = compose(x1, x1)
    x3 = compose(x2, x2)
    x4 = compose(x3, x3)
    x5 = compose(x4, x4)
    x6 = compose(x5, x5)
    x7 = compose(x6, x6)
    x8 = compose(x7, x7)
    x9 = compose(x8, x8)
    x10 = compose(x9, x9)
    x11 = compose(x10, x10)
    x12 = compose(x11, x11)
    x13 = compose(x12, x12)
    x14 = compose(x13, x13)
    x15 = compose(x14, x14)
    x16 = compose(x15, x15)
    x17 = compose(x16, x16)
    x18 = compose(x17, x17)
    x19 = compose(x18, x18)
    x20 = compose(x19, x19)
    x21 = compose(x20, x20)
    x22 = compose(x21, x21)
    x23 = compose(x22, x22)
    x24 = compose(x23, x23)
    x25 = compose(x24, x24)
    x26 = compose(x25, x25)
    x27 = compose(x26, x26)
    x28 = compose(x27, x27)
    x29 = compose(x28, x28)
    O = x29(I)
    return O


# The same doubling, 6 lines: 64 mirror pairs, an identity (CPython: the
# input itself).
def solve_68b16354(I):
    x0 = compose(hmirror, vmirror)
    x1 = compose(x0, x0)
    x2 = compose(x1, x1)
    x3 = compose(x2, x2)
    x4 = compose(x3, x3)
    x5 = compose(x4, x4)
    x6 = compose(x5, x5)
    x7 = x6(I)
    O = hmirror(x7)
    return O


# power(f, n) builds n frames deep in Python: RecursionError past the
# recursion limit (10,000), at once.
def solve_0d3d703e(I):
    x1 = power(rot90, 400000000)
    O = x1(I)
    return O


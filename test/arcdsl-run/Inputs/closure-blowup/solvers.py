# Closure terms that use another term twice (fuzz-pipelines found the
# first one: the compiler inlined 2^60 calls and ran out of memory). Past
# 512 inline calls a term runs in the library's interpreter instead.
from dsl import *
from constants import *


def solve_c0000001(I):
    x1 = compose(rot90, rot90)
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
    x15 = compose(rot90, x14)
    O = x15(I)
    return O

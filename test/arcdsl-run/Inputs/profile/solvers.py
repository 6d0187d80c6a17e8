# Programs for test/arcdsl-run/profile-prims.test.
from dsl import *
from constants import *


def solve_profa(I):
    x1 = objects(I, T, F, T)
    x2 = apply(size, x1)
    return x2

def solve_profb(I):
    x1 = vmirror(I)
    x2 = vmirror(x1)
    return x2

from dsl import *
from constants import *


def solve_mirror(I):
    O = vmirror(I)
    return O


def solve_biggest(I):
    x1 = objects(I, T, F, T)
    x2 = argmax(x1, size)
    O = fill(I, ONE, x2)
    return O

# Constants of every kind, end to end (see ../../constants.test).
from dsl import *
from constants import *


def solve_c0000001(I):
    x1 = ofcolor(I, ONE)
    x2 = shift(x1, (-1, 1))
    x3 = fill(I, TWO, x2)
    x4 = shift(x1, NEG_UNITY)
    O = fill(x3, 3, x4)
    return O


def solve_c0000002(I):
    x1 = (134217728, -134217729)
    x2 = first(x1)
    x3 = last(x1)
    x4 = greater(x2, ZERO)
    x5 = greater(ZERO, x3)
    x6 = both(x4, x5)
    x7 = vmirror(I)
    O = branch(x6, I, x7)
    return O


def solve_c0000003(I):
    x1 = 576460752303423488
    x2 = greater(x1, ZERO)
    x3 = vmirror(I)
    O = branch(x2, I, x3)
    return O

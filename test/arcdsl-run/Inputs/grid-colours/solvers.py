# Grid cells hold colours outside 0-9 (programs compute them): painting -300
# or 1000 and reading them back gives Python's values; a colour outside the
# grid cell type (16 bits) is a capacity error, never a wrapped value.
from dsl import *
from constants import *


def solve_c1000001(I):
    x1 = ofcolor(I, ONE)
    x2 = fill(I, -300, x1)
    x3 = palette(x2)
    x4 = minimum(x3)
    x5 = add(x4, 301)
    O = canvas(x5, UNITY)
    return O


def solve_c1000002(I):
    x1 = ofcolor(I, ONE)
    x2 = fill(I, 1000, x1)
    x3 = colorcount(x2, 1000)
    x4 = mostcolor(x2)
    x5 = subtract(x4, 998)
    O = canvas(x5, astuple(ONE, x3))
    return O


def solve_c1000003(I):
    x1 = ofcolor(I, ONE)
    x2 = fill(I, 40000, x1)
    x3 = palette(x2)
    x4 = maximum(x3)
    x5 = subtract(x4, 39999)
    O = canvas(x5, UNITY)
    return O


def solve_c1000004(I):
    x1 = ofcolor(I, ONE)
    x2 = fill(I, -300, x1)
    O = vconcat(I, x2)
    return O

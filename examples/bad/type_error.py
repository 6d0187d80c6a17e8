# bad: ill-typed call -- height expects a grid or patch, not an integer
from dsl import *
from constants import *


def solve_bad(I):
    x1 = height(FIVE)
    O = canvas(ZERO, x1)
    return O

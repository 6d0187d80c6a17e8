# bad: wrong arity -- fill takes 3 arguments (grid, value, patch) but is given 2
from dsl import *
from constants import *


def solve_bad(I):
    x1 = ofcolor(I, ONE)
    O = fill(I, x1)
    return O

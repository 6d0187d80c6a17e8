# bad: syntax error -- unbalanced parenthesis on the first assignment
from dsl import *
from constants import *


def solve_bad(I):
    x1 = vmirror(I
    O = hmirror(x1)
    return O

# bad: use of variable x2, which is never assigned
from dsl import *
from constants import *


def solve_bad(I):
    x1 = vmirror(I)
    O = hconcat(x1, x2)
    return O

# bad: call of a primitive that does not exist (flipdiagonal is not in the DSL)
from dsl import *
from constants import *


def solve_bad(I):
    x1 = flipdiagonal(I)
    O = hmirror(x1)
    return O

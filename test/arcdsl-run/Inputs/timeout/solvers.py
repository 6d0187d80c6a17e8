from dsl import *

# Rotates the grid 400 million times: with the work bound lifted it runs
# until the per-task timeout, which ends only this task.
def solve_67a3c6ac(I):
    x1 = power(rot90, 400000000)
    O = x1(I)
    return O


def solve_68b16354(I):
    O = hmirror(I)
    return O


# With the default work bound the same program stops with a WorkLimit error.
def solve_74dd1130(I):
    x1 = power(rot90, 400000000)
    O = x1(I)
    return O

from dsl import *

# Rotates the grid 10^9 times (powers of powers, 1,300 calls deep: under
# Python's recursion limit, as a single power of 10^9 would not be): with
# the work bound lifted it runs until the per-task timeout, which ends only
# this task.
def solve_67a3c6ac(I):
    x1 = power(rot90, 100)
    x2 = power(x1, 100)
    x3 = power(x2, 100)
    x4 = power(x3, 1000)
    O = x4(I)
    return O


def solve_68b16354(I):
    O = hmirror(I)
    return O


# With the default work bound the same program stops with a WorkLimit error.
def solve_74dd1130(I):
    x1 = power(rot90, 100)
    x2 = power(x1, 100)
    x3 = power(x2, 100)
    x4 = power(x3, 1000)
    O = x4(I)
    return O

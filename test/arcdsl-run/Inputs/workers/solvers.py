from dsl import *

# Runs away (10^12 rotations, 4,000 frames deep: under Python's recursion
# limit) on an input of 19 rows and 21 columns, and rotates once on any
# other. In the cross workload of the ARC training tasks the first such
# input is the 284th (2c608aff's), in the second unit of 256 samples.
def solve_0d3d703e(I):
    x1 = shape(I)
    x2 = astuple(19, 21)
    x3 = equality(x1, x2)
    x4 = branch(x3, 1000, 1)
    x5 = power(rot90, x4)
    x6 = power(x5, x4)
    x7 = power(x6, x4)
    x8 = power(x7, x4)
    O = x8(I)
    return O


def solve_68b16354(I):
    O = hmirror(I)
    return O

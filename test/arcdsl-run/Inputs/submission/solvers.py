# Candidates for the submission rule (submission.test): for 67a3c6ac one
# that fits (vmirror) and one that does not (hmirror); for 68b16354 only one
# that does not fit (rot90; the task is hmirror); for 00000000 one that
# raises (first of an empty set).
def solve_67a3c6ac(I):
    O = vmirror(I)
    return O


def solve_67a3c6ac_other(I):
    O = hmirror(I)
    return O


def solve_68b16354_x(I):
    O = rot90(I)
    return O


def solve_00000000_e(I):
    x1 = ofcolor(I, 9)
    O = first(x1)
    return O

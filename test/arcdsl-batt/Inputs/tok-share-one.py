# One shared line, whose value no later line uses (share-modes.test;
# calling an int raises TypeError, caught, in both calls): the
# memo is 3 words (the replay flag, two marks), which as a tuple of ints
# would be an inline (i, j, c) triple in this DSL.
from dsl import *
from constants import *
from safe_dsl import _get_safe_default

def batt(task_id, S, I, C, log_path):
    s = []
    o = []
    t1 = identity(ONE)
    try:
        t3 = t1(I)
    except (TypeError, AttributeError, ValueError, IndexError, KeyError):
        t3 = _get_safe_default(t1)
    try:
        t2 = shape_t(C)
    except (TypeError, AttributeError, ValueError, IndexError, KeyError):
        t2 = _get_safe_default(shape_t)
    o.append((2, False, 'x', t2))
    return o, s

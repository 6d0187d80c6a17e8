# The six lines of issue 14: power(initset, 10000 * height) is 120,000
# calls deep for a 12-row grid; CPython raises RecursionError in power.
from dsl import *
from constants import *

def batt(task_id, S, I, C, log_path):
    s = []
    o = []
    t1 = height(I)
    t2 = multiply(t1, 10000)
    t3 = power(initset, t2)
    t4 = t3(I)
    t5 = t3(ZERO)
    t6 = equality(t4, t5)
    s.append((6, 'None', 'differ_deep', t6))
    return o, s

# A value nested 27,000 deep (three calls of a 9,000-fold power, each
# within the recursion limit; CPython builds it too): deeper than arcdsl
# writes or sends a value (10,000 levels), a Capacity error, never a crash.
from dsl import *
from constants import *

def batt(task_id, S, I, C, log_path):
    s = []
    o = []
    t1 = power(initset, 9000)
    t2 = t1(ZERO)
    t3 = t1(t2)
    t4 = t1(t3)
    s.append((4, 'None', 'deep', t4))
    return o, s

# A vectorized batt (no try) whose error names its line (batt-line.test):
# in solve mode C is None and `shape(C)` raises TypeError at t4 (line 14).

from dsl import *
from constants import *

def batt(task_id, S, I, C, log_path):
    s = []
    o = []
    t1 = shape(I)
    t2 = palette(I)
    t3 = size(t2)
    o.append((3, False, 'line', t3))
    t4 = shape(C)
    t5 = first(t4)
    s.append((5, 'line', 'differ_first', t5))
    return o, s

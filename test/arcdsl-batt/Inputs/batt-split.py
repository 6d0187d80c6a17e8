# One specialized function under two splits of its parameters
# (batt-split.test): `shift` under prapply (both parameters from the
# elements) and the same function from `lbind(shift, ...)` under apply (the
# first parameter captured). Identical specialized functions are merged, so
# the compiled callee is called both ways.

from dsl import *
from constants import *

def batt(task_id, S, I, C, log_path):
    s = []
    o = []
    t1 = objects(I, T, F, T)
    t2 = initset(ORIGIN)
    t3 = insert(UNITY, t2)
    t4 = prapply(shift, t1, t3)
    o.append((4, False, 'split', t4))
    t7 = first(t1)
    t8 = lbind(shift, t7)
    t9 = apply(t8, t3)
    o.append((9, False, 'split', t9))
    return o, s

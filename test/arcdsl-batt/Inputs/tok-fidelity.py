# Calls where tokpidjin's functions differ from Hodel's (test/arcdsl-batt/tokpidjin.test).
from dsl import *
from constants import *
from safe_dsl import _get_safe_default

def batt(task_id, S, I, C, log_path):
    s = []
    o = []
    t1 = asobject(I)
    t2 = totuple(t1)
    t3 = shift(t1, UNITY)
    t4 = position(t2, t3)
    t5 = first(t1)
    t6 = other_t(t1, t5)
    t7 = colorcount_t(t1, ONE)
    t8 = astuple(ONE, ZERO)
    t9 = crop(I, ORIGIN, t8)
    t10 = underpaint(t9, t1)
    t11 = upscale_f(t2, TWO)
    t12 = power(identity, ZERO)
    t13 = apply(t12, t2)
    t14 = power(identity, THREE)
    t15 = apply(t14, t2)
    t16 = position(I, t3)
    t17 = palette_t(I)
    t18 = decrement(t17)
    t19 = cellwise(I, t17, t18)
    t20 = compress(t19)
    o.append((4, False, 'x', t4))
    o.append((6, False, 'x', t6))
    o.append((7, False, 'x', t7))
    o.append((10, False, 'x', t10))
    o.append((11, False, 'x', t11))
    o.append((13, False, 'x', t13))
    o.append((15, False, 'x', t15))
    o.append((16, False, 'x', t16))
    o.append((19, False, 'x', t19))
    o.append((20, False, 'x', t20))
    return o, s

# power(f, n) around the reference's recursion limit (10,000 with two
# frames below the batt: n = 9998 completes, 9999 raises RecursionError),
# values nested 9,998 deep compared, hashed, put in sets and sorted (two equal
# values that are distinct objects: CPython's comparison recurses).
from dsl import *
from constants import *

def batt(task_id, S, I, C, log_path):
    s = []
    o = []
    try:
        t1 = power(initset, 9998)
    except Exception:
        t1 = _get_safe_default(power)
    try:
        t2 = t1(ZERO)
    except Exception:
        t2 = _get_safe_default(initset)
    try:
        t3 = t1(ONE)
    except Exception:
        t3 = _get_safe_default(initset)
    try:
        t4 = t1(decrement(ONE))
    except Exception:
        t4 = _get_safe_default(initset)
    try:
        t5 = equality(t2, t3)
    except Exception:
        t5 = _get_safe_default(equality)
    s.append((5, 'None', 'eq_9998', t5))
    try:
        t6 = equality(t2, t4)
    except Exception:
        t6 = _get_safe_default(equality)
    s.append((6, 'None', 'same_9998', t6))
    try:
        t7 = combine(t2, t3)
    except Exception:
        t7 = _get_safe_default(combine)
    try:
        t8 = size(t7)
    except Exception:
        t8 = _get_safe_default(size)
    s.append((8, 'None', 'size_9998', t8))
    try:
        t9 = contained(t2, t7)
    except Exception:
        t9 = _get_safe_default(contained)
    s.append((9, 'None', 'in_9998', t9))
    try:
        t91 = insert(t2, t7)
    except Exception:
        t91 = _get_safe_default(insert)
    try:
        t92 = size(t91)
    except Exception:
        t92 = _get_safe_default(size)
    s.append((92, 'None', 'insert_9998', t92))
    try:
        t93 = order(t91, size)
    except Exception:
        t93 = _get_safe_default(order)
    try:
        t94 = size(t93)
    except Exception:
        t94 = _get_safe_default(size)
    s.append((94, 'None', 'order_9998', t94))
    try:
        t10 = power(initset, 9999)
    except Exception:
        t10 = _get_safe_default(power)
    try:
        t11 = t10(ZERO)
    except Exception:
        t11 = _get_safe_default(initset)
    try:
        t12 = t10(ONE)
    except Exception:
        t12 = _get_safe_default(initset)
    try:
        t13 = t10(decrement(ONE))
    except Exception:
        t13 = _get_safe_default(initset)
    try:
        t14 = equality(t11, t12)
    except Exception:
        t14 = _get_safe_default(equality)
    s.append((14, 'None', 'eq_9999', t14))
    try:
        t15 = equality(t11, t13)
    except Exception:
        t15 = _get_safe_default(equality)
    s.append((15, 'None', 'same_9999', t15))
    try:
        t16 = combine(t11, t12)
    except Exception:
        t16 = _get_safe_default(combine)
    try:
        t17 = size(t16)
    except Exception:
        t17 = _get_safe_default(size)
    s.append((17, 'None', 'size_9999', t17))
    try:
        t18 = contained(t11, t16)
    except Exception:
        t18 = _get_safe_default(contained)
    s.append((18, 'None', 'in_9999', t18))
    return o, s

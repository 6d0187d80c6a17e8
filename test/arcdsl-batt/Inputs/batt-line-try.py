# A card.py batt (try/except) whose error names its line (batt-line.test):
# in solve mode `shape(C)` raises TypeError at t1, which its except catches
# (no line named); `divide(t3, ZERO)` raises ZeroDivisionError, which no
# except names, at t4 (line 23) in both modes.

from dsl import *
from constants import *

def batt(task_id, S, I, C, log_path):
    s = []
    o = []
    try:
        t1 = shape(C)
    except (TypeError, AttributeError, ValueError, IndexError, KeyError):
        t1 = _get_safe_default(shape)
    s.append((1, 'line', 'differ_shape', t1))
    try:
        t2 = palette(I)
    except (TypeError, AttributeError, ValueError, IndexError, KeyError):
        t2 = _get_safe_default(palette)
    t3 = size(t2)
    try:
        t4 = divide(t3, ZERO)
    except (TypeError, AttributeError, ValueError, IndexError, KeyError):
        t4 = _get_safe_default(divide)
    o.append((4, False, 'line', t4))
    return o, s

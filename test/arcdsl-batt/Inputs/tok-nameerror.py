# tokpidjin's batt_gpu.py shape: F0 without `from constants import *` (test/arcdsl-batt/tokpidjin.test).
from dsl import *
from safe_dsl import _get_safe_default

def batt(task_id, S, I, C, log_path):
    s = []
    o = []
    try:
        t1 = get_nth_t(S, F0)
    except (TypeError, AttributeError, ValueError, IndexError, KeyError):
        t1 = _get_safe_default(get_nth_t)
    o.append((1, False, 'x', t1))
    return o, s

# RUN: arcdsl-translate --import-arcdsl %s 2>&1 | FileCheck %s
# A batt of the tokpidjin DSL (chosen by `from safe_dsl import`): its names
# are tokpidjin's functions (prim_ref "tok.NAME"), each called through its
# safe wrapper at run time (call_value), its constants included.

from dsl import *
from constants import *
from safe_dsl import _get_safe_default

# CHECK: module attributes {arcdsl.dsl = "tokpidjin", arcdsl.lenient}
def batt(task_id, S, I, C, log_path):
    s = []
    o = []
    # CHECK: %[[R:.*]] = arcdsl.constant(7 : i64) : !arcdsl.int
    # CHECK: %[[F1:.*]] = arcdsl.prim_ref "tok.o_g" : !arcdsl.fn
    # CHECK: %[[V1:.*]] = arcdsl.call_value %[[F1]](%{{.*}}, %[[R]])
    # CHECK: %[[D1:.*]] = arcdsl.prim_ref "tok.o_g" : !arcdsl.fn
    # CHECK: arcdsl.recover %[[V1]], %[[D1]]
    try:
        t1 = o_g(I, R7)
    except (TypeError, AttributeError, ValueError, IndexError, KeyError):
        t1 = _get_safe_default(o_g)
    # CHECK: arcdsl.constant(-1 : i64)
    # CHECK: arcdsl.prim_ref "tok.get_nth_f"
    t2 = get_nth_f(t1, L1)
    # A name as a value, then called.
    # CHECK: %[[P:.*]] = arcdsl.prim_ref "tok.p_g"
    # CHECK: %[[ID:.*]] = arcdsl.prim_ref "tok.identity"
    # CHECK: %[[T3:.*]] = arcdsl.call_value %[[ID]](%[[P]])
    # CHECK: arcdsl.call_value %[[T3]](%{{.*}})
    t3 = identity(p_g)
    t4 = t3(I)
    # CHECK: arcdsl.constant(100 : i64)
    t5 = multiply(t2, HUNDRED)
    o.append((5, False, 'task', t5))
    s.append((4, 'None', 'differ', t4))
    return o, s

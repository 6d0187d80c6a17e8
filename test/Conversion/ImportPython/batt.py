# RUN: arcdsl-translate --import-arcdsl %s 2>&1 | FileCheck %s
# A batt (the generated programs of a program search): every line catches
# errors, appends record values, a line that cannot run is a warning.

from dsl import *
from constants import *

# CHECK: warning: this line always fails: 'size' takes 1 argument but 2 were given
# CHECK: warning: this line always fails: 'ZERO' is a constant, not a function
# CHECK: module attributes {arcdsl.lenient}
# CHECK: func.func @batt(%[[ARGS:.*]]: !arcdsl.any) -> !arcdsl.any attributes {arcdsl.batt = {lines = {{\[}}["t1", "batt.py:24"], ["t2", "batt.py:31"], ["t3", "batt.py:38"], ["t4", "batt.py:46"], ["t5", "batt.py:51"], ["t6", "batt.py:59"]], records = {{\[}}["s", [1, "None", "differ_x", {slot = 0 : i64}]], ["o", [3, false, "1f85a75f", {slot = 1 : i64}]], ["o", {slot = 2 : i64}]], returns = ["o", "s"]}}
def batt(task_id, S, I, C, log_path):
    s = []
    o = []
    # CHECK: %[[S:.*]] = arcdsl.item %[[ARGS]][0] : (!arcdsl.any) -> !arcdsl.any
    # CHECK: %[[I:.*]] = arcdsl.item %[[ARGS]][1] : (!arcdsl.any) -> !arcdsl.grid
    # CHECK: %[[C:.*]] = arcdsl.item %[[ARGS]][2] : (!arcdsl.any) -> !arcdsl.any
    # CHECK: %[[B1:.*]] = arcdsl.status
    # CHECK: %[[V1:.*]] = arcdsl.equality %[[I]], %[[C]]
    # CHECK: %[[F1:.*]] = arcdsl.prim_ref "equality"
    # CHECK: %[[T1:.*]] = arcdsl.recover %[[V1]], %[[F1]], %[[B1]] {caught = ["TypeError", "AttributeError", "ValueError", "IndexError", "KeyError"]}
    # CHECK-NEXT: arcdsl.batt_line 0
    try:
        t1 = equality(I, C)
    except (TypeError, AttributeError, ValueError, IndexError, KeyError):
        t1 = _get_safe_default(equality)
    s.append((1, 'None', 'differ_x', t1))
    # CHECK: %[[V2:.*]] = arcdsl.objects %[[I]]
    # CHECK: arcdsl.recover %[[V2]]
    try:
        t2 = objects(I, T, F, T)
    except (TypeError, AttributeError, ValueError, IndexError, KeyError):
        t2 = _get_safe_default(objects)
    # Mutated: one argument too many.
    # CHECK: %[[V3:.*]] = arcdsl.fail "TypeError" : !arcdsl.any
    # CHECK: arcdsl.recover %[[V3]]
    try:
        t3 = size(t2, I)
    except (TypeError, AttributeError, ValueError, IndexError, KeyError):
        t3 = _get_safe_default(size)
    o.append((3, False, '1f85a75f', t3))
    # A call of a computed function: its default comes from the value.
    # CHECK: %[[V4:.*]] = arcdsl.call_value %[[G:.*]](%[[I]])
    # CHECK: arcdsl.recover %[[V4]], %[[G]]
    try:
        t4 = t2(I)
    except (TypeError, ValueError):
        t4 = _get_safe_default(t2)
    # CHECK: arcdsl.fail "TypeError"
    try:
        t5 = ZERO(I)
    except TypeError:
        t5 = _get_safe_default(ZERO)
    # The vectorized form: no try.
    # CHECK: %[[V6:.*]] = arcdsl.vmirror %[[I]]
    # CHECK-NEXT: arcdsl.batt_line 5
    # CHECK-NOT: arcdsl.recover
    # CHECK: arcdsl.make_tuple %[[T1]], {{.*}}, %[[V6]]
    t6 = vmirror(I)
    o.append(t6)
    return o, s

# RUN: arcdsl-translate --import-arcdsl %s 2>&1 | FileCheck %s
# A batt of the tokpidjin DSL (chosen by `from safe_dsl import`): its names
# are tokpidjin's functions and constants. A call of a function by its name
# is its op (arcdsl.tok.NAME, a direct call of its safe wrapper); a name
# used as a value is prim_ref "tok.NAME", and a call of a variable is
# call_value; so is a call with an argument count the function does not
# take (at run time, the wrapper's TypeError gives the safe default).

from dsl import *
from constants import *
from safe_dsl import _get_safe_default

# CHECK: module attributes {arcdsl.dsl = "tokpidjin", arcdsl.lenient}
def batt(task_id, S, I, C, log_path):
    s = []
    o = []
    # CHECK: %[[R:.*]] = arcdsl.constant(7 : i64) : !arcdsl.int
    # CHECK: %[[V1:.*]] = arcdsl.tok.o_g %{{.*}}, %[[R]] : (!arcdsl.grid, !arcdsl.int) -> !arcdsl.any
    # CHECK: %[[D1:.*]] = arcdsl.prim_ref "tok.o_g" : !arcdsl.fn
    # CHECK: arcdsl.recover %[[V1]], %[[D1]]
    try:
        t1 = o_g(I, R7)
    except (TypeError, AttributeError, ValueError, IndexError, KeyError):
        t1 = _get_safe_default(o_g)
    # CHECK: %[[L1:.*]] = arcdsl.constant(-1 : i64)
    # CHECK: %[[T2:.*]] = arcdsl.tok.get_nth_f %{{.*}}, %[[L1]]
    t2 = get_nth_f(t1, L1)
    # A name as a value, then called.
    # CHECK: %[[P:.*]] = arcdsl.prim_ref "tok.p_g"
    # CHECK: %[[T3:.*]] = arcdsl.tok.identity %[[P]] : (!arcdsl.fn) -> !arcdsl.fn
    # CHECK: %[[T4:.*]] = arcdsl.call_value %[[T3]](%{{.*}})
    t3 = identity(p_g)
    t4 = t3(I)
    # CHECK: %[[H:.*]] = arcdsl.constant(100 : i64)
    # CHECK: arcdsl.tok.multiply %[[T2]], %[[H]]
    t5 = multiply(t2, HUNDRED)
    # A defaulted parameter left out, then given.
    # CHECK: arcdsl.tok.get_nth_by_key_t %[[T4]], %{{[0-9]+}} :
    t6 = get_nth_by_key_t(t4, L1)
    # CHECK: arcdsl.tok.get_nth_by_key_t %[[T4]], %{{[0-9]+}}, %{{[0-9]+}} :
    t7 = get_nth_by_key_t(t4, L1, size_f)
    # An argument count o_g does not take: a call of its value.
    # CHECK: %[[F8:.*]] = arcdsl.prim_ref "tok.o_g"
    # CHECK: arcdsl.call_value %[[F8]](%{{.*}})
    # CHECK-NOT: arcdsl.tok.o_g
    t8 = o_g(I)
    o.append((5, False, 'task', t5))
    s.append((4, 'None', 'differ', t4))
    return o, s

# Hand-written: string constants in records (non-ASCII, escapes, a lone
# surrogate), for batt-strings.test.

from dsl import *
from constants import *

def batt(task_id, S, I, C, log_path):
    s = []
    o = []
    t1 = shape(I)
    s.append((1, 'café', 'caf\xe9 \xff \u00e9', t1))
    s.append((2, '\ud800', '\U0001F600 tab\there \x00', t1))
    o.append((3, 'ÿ\\x', "quote\"s", t1))
    return o, s

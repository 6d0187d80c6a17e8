# One line that needs a large arena: upscale(I, 300) is 300 * height(I) rows
# of 300 * width(I) cells (over 100 MB for the larger grids).
from dsl import *
from constants import *

def batt(task_id, S, I, C, log_path):
    s = []
    o = []
    t1 = upscale(I, 300)
    t2 = height(t1)
    s.append((2, 'None', 'height', t2))
    return o, s

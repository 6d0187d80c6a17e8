# Programs whose results show the order their frozensets iterate in
# (test/arcdsl-run/python-order.test).
from dsl import *
from constants import *


def solve_ordera(I):
    # A set of cells of one colour (a generator over the grid, row-major).
    x1 = ofcolor(I, 1)
    return totuple(x1)

def solve_orderb(I):
    # Colour ties: max(set(values), key=values.count).
    x1 = mostcolor(I)
    x2 = leastcolor(I)
    return (x1, x2)

def solve_orderc(I):
    # A union after a resize: dneighbors | ineighbors has 8 pairs.
    x1 = neighbors((5, 7))
    return totuple(x1)

def solve_orderd(I):
    # Sets of tuples (objects of cells), their first cells, first object.
    x1 = objects(I, T, F, T)
    x2 = totuple(x1)
    x3 = apply(first, x2)
    return x3

def solve_ordere(I):
    # The palette of a grid, and insert/remove on it.
    x1 = palette(I)
    x2 = insert(17, x1)
    x3 = remove(0, x2)
    return (totuple(x2), totuple(x3))

def solve_orderf(I):
    # box: four set comprehensions joined by |, then frozenset().
    x1 = asindices(I)
    x2 = box(x1)
    return totuple(x2)

def solve_orderg(I):
    # cmirror of an object: vmirror, dmirror and vmirror each build a new
    # set, iterated in its own order by the next step.
    x1 = objects(I, T, F, T)
    x2 = argmax(x1, size)
    x3 = cmirror(x2)
    return totuple(x3)

def solve_orderh(I):
    # cmirror of the empty set raises where its first step, vmirror, does:
    # ulcorner(frozenset()) is (), and ()[1] an IndexError.
    x1 = ofcolor(I, 5)
    return cmirror(x1)

from dsl import *
from constants import *

# Loops of every higher-order primitive, long enough to split (at least 9
# elements), with errors and early ends in their middle: split-loops.test
# runs them with every loop split (ARCDSL_SPLIT_WORK=0) and without.


# apply over every index: neighbours' count of colour 1 (a set of ints).
def solve_apply(I):
    x1 = asindices(I)
    x2 = rbind(toobject, I)
    x3 = rbind(colorcount, ONE)
    x4 = chain(x3, x2, neighbors)
    O = apply(x4, x1)
    return O


# sfilter and mfilter over indices and objects.
def solve_filter(I):
    x1 = asindices(I)
    x2 = rbind(toobject, I)
    x3 = rbind(colorcount, ONE)
    x4 = chain(x3, x2, neighbors)
    x5 = matcher(x4, TWO)
    x6 = sfilter(x1, x5)
    x7 = objects(I, T, F, T)
    x8 = compose(even, size)
    x9 = mfilter(x7, x8)
    O = astuple(x6, x9)
    return O


# argmax / argmin / valmax / valmin / order over objects, ties included.
def solve_best(I):
    x1 = objects(I, T, F, T)
    x2 = argmax(x1, size)
    x3 = argmin(x1, size)
    x4 = valmax(x1, size)
    x5 = valmin(x1, uppermost)
    x6 = order(x1, size)
    x7 = astuple(x2, x3)
    x8 = astuple(x4, x5)
    O = astuple(astuple(x7, x8), x6)
    return O


# extract: found in the middle of the loop, and not found (StopIteration).
def solve_extract(I):
    x1 = objects(I, T, F, T)
    x2 = matcher(size, THREE)
    O = extract(x1, x2)
    return O


def solve_nomatch(I):
    x1 = asindices(I)
    x2 = matcher(first, NEG_ONE)
    O = extract(x1, x2)
    return O


# apply whose sixth element raises (first of an empty tuple): RuntimeError
# (inside the generator), the elements after it never needed.
def solve_raise(I):
    x1 = interval(FIVE, NEG_TWO, NEG_ONE)
    x2 = astuple(x1, x1)
    x3 = merge(x2)
    x4 = lbind(interval, ZERO)
    x5 = rbind(x4, ONE)
    x6 = compose(first, x5)
    O = apply(x6, x3)
    return O


# argmax whose key raises in the middle (max() is no generator: first's
# StopIteration stays StopIteration).
def solve_keyraise(I):
    x1 = interval(FIVE, NEG_TWO, NEG_ONE)
    x2 = astuple(x1, x1)
    x3 = merge(x2)
    x4 = lbind(interval, ZERO)
    x5 = rbind(x4, ONE)
    x6 = compose(first, x5)
    O = argmax(x3, x6)
    return O


# papply, mpapply, prapply (connect of every pair of colour-1 cells).
def solve_pairs(I):
    x1 = ofcolor(I, ONE)
    x2 = totuple(x1)
    x3 = papply(connect, x2, x2)
    x4 = mpapply(connect, x2, x2)
    x5 = prapply(connect, x1, x1)
    x6 = merge(x5)
    O = astuple(astuple(x3, x4), x6)
    return O


# rapply over closures made by a loop (lbind(add, i) for each i).
def solve_closures(I):
    x1 = interval(ZERO, TEN, ONE)
    x2 = lbind(lbind, add)
    x3 = apply(x2, x1)
    O = rapply(x3, THREE)
    return O


# Each element builds a set of two functions: CPython orders it by their
# addresses (the run is flagged), and a lane's addresses are not the
# sample's: those elements run again on the sample's thread.
def solve_address(I):
    x1 = interval(ZERO, TEN, ONE)
    x2 = lbind(lbind, add)
    x3 = lbind(rbind, add)
    x4 = compose(initset, x3)
    x5 = fork(insert, x2, x4)
    x6 = apply(x5, x1)
    x7 = rbind(rapply, FOUR)
    O = apply(x7, x6)
    return O


# Nested loops: an apply over objects whose body filters every index (the
# outer loop splits; loops inside a lane stay on it).
def solve_nested(I):
    x1 = objects(I, T, F, T)
    x2 = asindices(I)
    x3 = lbind(sfilter, x2)
    x4 = compose(lbind(lbind, greater), size)
    x5 = lbind(rbind, manhattan)
    x6 = rbind(compose, initset)
    x7 = compose(x6, x5)
    x8 = fork(compose, x4, x7)
    x9 = compose(x3, x8)
    O = mapply(x9, x1)
    return O


# Each element's result holds one new set twice: keeping it would copy the
# set twice, more than the call made, so the sequential keep leaves the
# call's bytes as they are; split, those elements run again here.
def solve_shared(I):
    x1 = interval(ZERO, TEN, ONE)
    x2 = fork(astuple, identity, identity)
    x3 = compose(x2, initset)
    O = apply(x3, x1)
    return O

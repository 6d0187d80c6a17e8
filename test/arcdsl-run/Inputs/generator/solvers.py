from dsl import *
from constants import *

# apply(first, ...) over a tuple holding an empty tuple: first's
# StopIteration is raised inside apply's generator expression.
def solve_gena(I):
    x1 = astuple(ONE, TWO)
    x2 = interval(ZERO, ZERO, ONE)
    x3 = astuple(x1, x2)
    O = apply(first, x3)
    return O


# sfilter with a condition that raises StopIteration (first of an empty
# set) inside its generator expression.
def solve_genb(I):
    x1 = remove(ONE, initset(ONE))
    x2 = initset(x1)
    x3 = compose(positive, first)
    O = sfilter(x2, x3)
    return O


# extract with no match: next() itself raises StopIteration, outside the
# generator.
def solve_genc(I):
    x1 = initset(ONE)
    O = extract(x1, even)
    return O


# argmax's key raises StopIteration: max() is not a generator.
def solve_gend(I):
    x1 = remove(ONE, initset(ONE))
    x2 = initset(x1)
    O = argmax(x2, first)
    return O


# colorfilter reads next(iter(obj)) inside its generator expression.
def solve_gene(I):
    x1 = remove(ONE, initset(ONE))
    x2 = initset(x1)
    O = colorfilter(x2, ONE)
    return O


# objects of an empty grid without background: mostcolor raises ValueError
# before len(grid[0]) would raise IndexError.
def solve_genf(I):
    x1 = upscale(I, ZERO)
    O = objects(x1, F, F, T)
    return O


# the same grid with the background kept: len(grid[0]) raises IndexError.
def solve_geng(I):
    x1 = upscale(I, ZERO)
    O = objects(x1, F, F, F)
    return O

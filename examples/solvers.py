from dsl import *
from constants import *


def solve_67a3c6ac(I):
    O = vmirror(I)
    return O


def solve_68b16354(I):
    O = hmirror(I)
    return O


def solve_74dd1130(I):
    O = dmirror(I)
    return O


def solve_3c9b0459(I):
    O = rot180(I)
    return O


def solve_6150a2bd(I):
    x1 = power(rot90, TWO)
    O = x1(I)
    return O


def solve_ed36ccf7(I):
    O = rot270(I)
    return O


def solve_a416b8f3(I):
    O = hconcat(I, I)
    return O


def solve_c8f0f002(I):
    O = replace(I, SEVEN, FIVE)
    return O


def solve_b1948b0a(I):
    O = switch(I, SIX, TWO)
    return O


def solve_d511f180(I):
    O = switch(I, FIVE, EIGHT)
    return O


def solve_0d3d703e(I):
    x1 = switch(I, THREE, FOUR)
    x2 = switch(x1, ONE, FIVE)
    x3 = switch(x2, TWO, SIX)
    O = switch(x3, EIGHT, NINE)
    return O


def solve_c59eb873(I):
    O = upscale(I, TWO)
    return O


def solve_d10ecb37(I):
    O = crop(I, ORIGIN, TWO_BY_TWO)
    return O


def solve_2dee498d(I):
    x1 = hsplit(I, THREE)
    O = first(x1)
    return O


def solve_4c4377d9(I):
    x1 = hmirror(I)
    O = vconcat(x1, I)
    return O


def solve_6d0aefbc(I):
    x1 = vmirror(I)
    O = hconcat(I, x1)
    return O


def solve_6fa7a44f(I):
    x1 = hmirror(I)
    O = vconcat(I, x1)
    return O


def solve_46442a0e(I):
    x1 = fork(hconcat, identity, rot90)
    x2 = fork(hconcat, rot270, rot180)
    x3 = x1(I)
    x4 = x2(I)
    O = vconcat(x3, x4)
    return O


def solve_7fe24cdd(I):
    x1 = rot90(I)
    x2 = hconcat(I, x1)
    x3 = rot180(x2)
    O = vconcat(x2, x3)
    return O


def solve_a740d043(I):
    x1 = objects(I, F, T, T)
    x2 = merge(x1)
    x3 = subgrid(x2, I)
    O = replace(x3, ONE, ZERO)
    return O


def solve_1cf80156(I):
    x1 = objects(I, T, T, T)
    x2 = first(x1)
    O = subgrid(x2, I)
    return O


def solve_28bf18c6(I):
    x1 = objects(I, T, T, T)
    x2 = first(x1)
    x3 = subgrid(x2, I)
    O = hconcat(x3, x3)
    return O


def solve_5582e5ca(I):
    x1 = mostcolor(I)
    x2 = shape(I)
    O = canvas(x1, x2)
    return O


def solve_d631b094(I):
    x1 = palette(I)
    x2 = other(x1, ZERO)
    x3 = colorcount(I, x2)
    x4 = astuple(ONE, x3)
    O = canvas(x2, x4)
    return O


def solve_25ff71a9(I):
    x1 = objects(I, T, T, T)
    x2 = first(x1)
    O = move(I, x2, DOWN)
    return O


def solve_0520fde7(I):
    x1 = lefthalf(I)
    x2 = righthalf(I)
    x3 = cellwise(x1, x2, ZERO)
    O = replace(x3, ONE, TWO)
    return O


def solve_99b1bc43(I):
    x1 = tophalf(I)
    x2 = bottomhalf(I)
    x3 = ofcolor(x1, ZERO)
    x4 = ofcolor(x2, ZERO)
    x5 = combine(x3, x4)
    x6 = intersection(x3, x4)
    x7 = difference(x5, x6)
    x8 = shape(x1)
    x9 = canvas(ZERO, x8)
    O = fill(x9, THREE, x7)
    return O


def solve_1b2d62fb(I):
    x1 = lefthalf(I)
    x2 = righthalf(I)
    x3 = cellwise(x1, x2, NINE)
    x4 = replace(x3, ZERO, EIGHT)
    O = replace(x4, NINE, ZERO)
    return O


def solve_6430c8c4(I):
    x1 = tophalf(I)
    x2 = bottomhalf(I)
    x3 = ofcolor(x1, ZERO)
    x4 = ofcolor(x2, ZERO)
    x5 = intersection(x3, x4)
    x6 = shape(x1)
    x7 = canvas(ZERO, x6)
    O = fill(x7, THREE, x5)
    return O


def solve_ce4f8723(I):
    x1 = tophalf(I)
    x2 = bottomhalf(I)
    x3 = replace(x1, ONE, THREE)
    x4 = replace(x2, TWO, THREE)
    O = cellwise(x3, x4, THREE)
    return O


def solve_be94b721(I):
    x1 = objects(I, T, F, T)
    x2 = argmax(x1, size)
    O = subgrid(x2, I)
    return O


def solve_23b5c85d(I):
    x1 = objects(I, T, F, T)
    x2 = argmin(x1, size)
    O = subgrid(x2, I)
    return O


def solve_6e82a1ae(I):
    x1 = objects(I, T, F, T)
    x2 = lbind(subtract, FIVE)
    x3 = compose(x2, size)
    x4 = fork(recolor, x3, identity)
    x5 = mapply(x4, x1)
    O = paint(I, x5)
    return O


def solve_08ed6ac7(I):
    x1 = objects(I, T, F, T)
    x2 = order(x1, size)
    x3 = interval(FOUR, ZERO, NEG_ONE)
    x4 = mpapply(recolor, x3, x2)
    O = paint(I, x4)
    return O


def solve_a61f2674(I):
    x1 = objects(I, T, F, T)
    x2 = argmax(x1, height)
    x3 = argmin(x1, height)
    x4 = recolor(ONE, x2)
    x5 = recolor(TWO, x3)
    x6 = shape(I)
    x7 = canvas(ZERO, x6)
    x8 = paint(x7, x4)
    O = paint(x8, x5)
    return O


def solve_d2abd087(I):
    x1 = objects(I, T, F, T)
    x2 = matcher(size, SIX)
    x3 = compose(flip, x2)
    x4 = mfilter(x1, x2)
    x5 = mfilter(x1, x3)
    x6 = fill(I, TWO, x4)
    O = fill(x6, ONE, x5)
    return O


def solve_25d8a9c8(I):
    x1 = frontiers(I)
    x2 = sfilter(x1, hline)
    x3 = merge(x2)
    x4 = shape(I)
    x5 = canvas(ZERO, x4)
    O = fill(x5, FIVE, x3)
    return O


def solve_9565186b(I):
    x1 = mostcolor(I)
    x2 = shape(I)
    x3 = canvas(x1, x2)
    O = cellwise(I, x3, FIVE)
    return O


def solve_3aa6fb7a(I):
    x1 = objects(I, T, F, T)
    x2 = mapply(delta, x1)
    O = fill(I, ONE, x2)
    return O


def solve_b230c067(I):
    x1 = objects(I, T, T, T)
    x2 = lbind(matcher, normalize)
    x3 = compose(x2, normalize)
    x4 = lbind(sfilter, x1)
    x5 = chain(size, x4, x3)
    x6 = argmin(x1, x5)
    x7 = replace(I, EIGHT, ONE)
    O = fill(x7, TWO, x6)
    return O


def solve_67385a82(I):
    x1 = objects(I, T, F, F)
    x2 = colorfilter(x1, THREE)
    x3 = rbind(greater, ONE)
    x4 = compose(x3, size)
    x5 = mfilter(x2, x4)
    O = fill(I, EIGHT, x5)
    return O


def solve_0ca9ddb6(I):
    x1 = ofcolor(I, TWO)
    x2 = ofcolor(I, ONE)
    x3 = mapply(ineighbors, x1)
    x4 = mapply(dneighbors, x2)
    x5 = underfill(I, FOUR, x3)
    O = underfill(x5, SEVEN, x4)
    return O


def solve_00d62c1b(I):
    x1 = objects(I, T, F, F)
    x2 = colorfilter(x1, ZERO)
    x3 = rbind(bordering, I)
    x4 = compose(flip, x3)
    x5 = mfilter(x2, x4)
    O = fill(I, FOUR, x5)
    return O


def solve_d5d6de2d(I):
    x1 = objects(I, T, F, T)
    x2 = mapply(delta, x1)
    x3 = replace(I, TWO, ZERO)
    O = fill(x3, THREE, x2)
    return O


def solve_bb43febb(I):
    x1 = objects(I, T, F, F)
    x2 = colorfilter(x1, FIVE)
    x3 = compose(backdrop, inbox)
    x4 = mapply(x3, x2)
    O = fill(I, TWO, x4)
    return O


def solve_d037b0a7(I):
    x1 = objects(I, T, F, T)
    x2 = rbind(shoot, DOWN)
    x3 = compose(x2, center)
    x4 = fork(recolor, color, x3)
    x5 = mapply(x4, x1)
    O = paint(I, x5)
    return O


def solve_5614dbcf(I):
    x1 = replace(I, FIVE, ZERO)
    O = downscale(x1, THREE)
    return O


def solve_445eab21(I):
    x1 = objects(I, T, F, T)
    x2 = compose(size, backdrop)
    x3 = argmax(x1, x2)
    x4 = color(x3)
    O = canvas(x4, TWO_BY_TWO)
    return O


def solve_44f52bb0(I):
    x1 = vmirror(I)
    x2 = equality(I, x1)
    x3 = branch(x2, ONE, SEVEN)
    O = canvas(x3, UNITY)
    return O


def solve_8efcae92(I):
    x1 = replace(I, TWO, ONE)
    x2 = objects(x1, T, F, F)
    x3 = colorfilter(x2, ONE)
    x4 = ofcolor(I, TWO)
    x5 = lbind(intersection, x4)
    x6 = chain(size, x5, toindices)
    x7 = argmax(x3, x6)
    O = subgrid(x7, I)
    return O


def solve_ea32f347(I):
    x1 = objects(I, T, F, T)
    x2 = argmax(x1, size)
    x3 = argmin(x1, size)
    x4 = remove(x2, x1)
    x5 = other(x4, x3)
    x6 = fill(I, ONE, x2)
    x7 = fill(x6, TWO, x3)
    O = fill(x7, FOUR, x5)
    return O


def solve_dc1df850(I):
    x1 = ofcolor(I, TWO)
    x2 = mapply(neighbors, x1)
    O = underfill(I, ONE, x2)
    return O


def solve_b27ca6d3(I):
    x1 = objects(I, T, F, T)
    x2 = sizefilter(x1, TWO)
    x3 = mapply(outbox, x2)
    O = underfill(I, THREE, x3)
    return O


def solve_ce22a75a(I):
    x1 = ofcolor(I, FIVE)
    x2 = compose(backdrop, neighbors)
    x3 = mapply(x2, x1)
    O = fill(I, ONE, x3)
    return O


def solve_6d75e8bb(I):
    x1 = objects(I, T, T, T)
    x2 = first(x1)
    x3 = backdrop(x2)
    O = underfill(I, TWO, x3)
    return O


def solve_7f4411dc(I):
    x1 = palette(I)
    x2 = other(x1, ZERO)
    x3 = ofcolor(I, x2)
    x4 = lbind(intersection, x3)
    x5 = chain(size, x4, dneighbors)
    x6 = rbind(greater, ONE)
    x7 = compose(x6, x5)
    x8 = sfilter(x3, x7)
    x9 = shape(I)
    x10 = canvas(ZERO, x9)
    O = fill(x10, x2, x8)
    return O


def solve_810b9b61(I):
    x1 = objects(I, T, T, T)
    x2 = fork(equality, toindices, box)
    x3 = fork(equality, toindices, backdrop)
    x4 = compose(flip, x3)
    x5 = fork(both, x2, x4)
    x6 = mfilter(x1, x5)
    O = fill(I, THREE, x6)
    return O


def solve_a699fb00(I):
    x1 = ofcolor(I, ONE)
    x2 = shift(x1, RIGHT)
    x3 = shift(x1, LEFT)
    x4 = intersection(x2, x3)
    O = underfill(I, TWO, x4)
    return O


def solve_f25fbde4(I):
    x1 = objects(I, T, T, T)
    x2 = first(x1)
    x3 = subgrid(x2, I)
    O = upscale(x3, TWO)
    return O


def solve_b91ae062(I):
    x1 = numcolors(I)
    x2 = decrement(x1)
    O = upscale(I, x2)
    return O


def solve_253bf280(I):
    x1 = ofcolor(I, EIGHT)
    x2 = product(x1, x1)
    x3 = fork(connect, first, last)
    x4 = apply(x3, x2)
    x5 = fork(either, vline, hline)
    x6 = mfilter(x4, x5)
    O = underfill(I, THREE, x6)
    return O


def solve_a87f7484(I):
    x1 = portrait(I)
    x2 = branch(x1, identity, dmirror)
    x3 = x2(I)
    x4 = height(x3)
    x5 = width(x3)
    x6 = divide(x4, x5)
    x7 = vsplit(x3, x6)
    x8 = rbind(ofcolor, ZERO)
    x9 = lbind(matcher, x8)
    x10 = compose(x9, x8)
    x11 = lbind(sfilter, x7)
    x12 = chain(size, x11, x10)
    x13 = argmin(x7, x12)
    O = x2(x13)
    return O


def solve_0b148d64(I):
    x1 = leastcolor(I)
    x2 = ofcolor(I, x1)
    O = subgrid(x2, I)
    return O


def solve_5117e062(I):
    x1 = objects(I, F, T, T)
    x2 = lbind(contained, EIGHT)
    x3 = compose(x2, palette)
    x4 = extract(x1, x3)
    x5 = palette(x4)
    x6 = other(x5, EIGHT)
    x7 = subgrid(x4, I)
    O = replace(x7, EIGHT, x6)
    return O


def solve_d0f5fe59(I):
    x1 = objects(I, T, T, T)
    x2 = size(x1)
    x3 = astuple(x2, x2)
    x4 = canvas(ZERO, x3)
    x5 = shoot(ORIGIN, UNITY)
    O = fill(x4, EIGHT, x5)
    return O


def solve_1fad071e(I):
    x1 = objects(I, T, F, T)
    x2 = colorfilter(x1, ONE)
    x3 = sizefilter(x2, FOUR)
    x4 = size(x3)
    x5 = astuple(ONE, FIVE)
    x6 = canvas(ZERO, x5)
    x7 = decrement(x4)
    x8 = tojvec(x7)
    x9 = connect(ORIGIN, x8)
    O = fill(x6, ONE, x9)
    return O


def solve_a3325580(I):
    x1 = objects(I, T, F, T)
    x2 = valmax(x1, size)
    x3 = sizefilter(x1, x2)
    x4 = order(x3, leftmost)
    x5 = apply(color, x4)
    O = repeat(x5, x2)
    return O


def solve_39a8645d(I):
    x1 = objects(I, T, T, T)
    x2 = totuple(x1)
    x3 = apply(normalize, x2)
    x4 = mostcommon(x3)
    x5 = shape(x4)
    x6 = canvas(ZERO, x5)
    O = paint(x6, x4)
    return O


def solve_f25ffba3(I):
    x1 = bottomhalf(I)
    x2 = hmirror(x1)
    O = vconcat(x2, x1)
    return O


def solve_3af2c5a8(I):
    x1 = fork(hconcat, identity, vmirror)
    x2 = fork(vconcat, identity, hmirror)
    x3 = compose(x2, x1)
    O = x3(I)
    return O


# Functions as data: containers of functions, rapply, closures returned by
# higher-order primitives, functions chosen at run time.

def solve_9dfd6313(I):
    x1 = astuple(dmirror, cmirror)
    x2 = first(x1)
    O = x2(I)
    return O


def solve_8be77c9e(I):
    x1 = astuple(identity, hmirror)
    x2 = rapply(x1, I)
    x3 = first(x2)
    x4 = last(x2)
    O = vconcat(x3, x4)
    return O


def solve_c9e6f938(I):
    x1 = astuple(identity, vmirror)
    x2 = lbind(compose, identity)
    x3 = apply(x2, x1)
    x4 = rapply(x3, I)
    x5 = first(x4)
    x6 = last(x4)
    O = hconcat(x5, x6)
    return O


def solve_9172f3a0(I):
    x1 = lbind(rbind, upscale)
    x2 = interval(ONE, FOUR, ONE)
    x3 = apply(x1, x2)
    x4 = last(x3)
    O = x4(I)
    return O


def solve_7b7f7511(I):
    x1 = portrait(I)
    x2 = astuple(lefthalf, tophalf)
    x3 = branch(x1, last, first)
    x4 = x3(x2)
    O = x4(I)
    return O


def solve_ac0a08a4(I):
    x1 = colorcount(I, ZERO)
    x2 = subtract(NINE, x1)
    x3 = rbind(upscale, x2)
    x4 = initset(x3)
    x5 = insert(x3, x4)
    x6 = rapply(x5, I)
    O = first(x6)
    return O


def solve_1f85a75f(I):
    x1 = objects(I, T, T, T)
    x2 = astuple(size, width)
    x3 = first(x2)
    x4 = argmax(x1, x3)
    O = subgrid(x4, I)
    return O


def solve_60b61512(I):
    x1 = objects(I, T, T, T)
    x2 = initset(delta)
    x3 = insert(box, x2)
    x4 = last(x3)
    x5 = mapply(x4, x1)
    O = fill(I, SEVEN, x5)
    return O

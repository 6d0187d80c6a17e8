# Programs of our own in the tokpidjin DSL (pierreb4/tokpidjin's dsl.py
# names: typed _t/_f variants, o_g, mir_rot_*, rank selectors, (i, j, c)
# cells), one per example task of examples/tasks. They need not solve their
# task: utils/make-batt.py --dsl tokpidjin folds them, mutated, into batts
# that test the tokpidjin semantics against its Python (test/arcdsl-batt).

def solve_00d62c1b(I):
    x1 = o_g(I, R0)
    x2 = rbind(bordering, I)
    x3 = compose(flip, x2)
    x4 = mfilter_f(x1, x3)
    x5 = fill(I, YELLOW, x4)
    return x5


def solve_1f85a75f(I):
    x1 = o_g(I, R7)
    x2 = get_arg_rank_f(x1, size, F0)
    x3 = subgrid(x2, I)
    x4 = get_color_rank_t(x3, L1)
    x5 = get_color_rank_f(x2, F0)
    x6 = replace(x3, x4, x5)
    return x6


def solve_39a8645d(I):
    x1 = o_g_t(I, R7)
    x2 = get_nth_t(x1, F0)
    x3 = get_nth_t(x1, F9)
    x4 = size_t(x2)
    x5 = astuple(x4, x3)
    x6 = o_g(I, R5)
    x7 = mostcommon_f(x6)
    x8 = normalize_o(x7)
    x9 = shape_f(x8)
    x10 = canvas(BLACK, x9)
    x11 = paint(x10, x8)
    return x11


def solve_5117e062(I):
    x1 = o_g(I, R3)
    x2 = get_nth_f(x1, L1)
    x3 = col_row(x2, R1)
    x4 = corner(x2, R3)
    x5 = index(I, x4)
    x6 = index(I, UNITY)
    x7 = astuple(x5, x6)
    x8 = crop(I, x4, THREE_BY_THREE)
    x9 = p_g(x8)
    x10 = get_rank(x9, F0)
    x11 = subgrid(x2, I)
    x12 = replace(x11, x10, x3)
    return x12


def solve_68b16354(I):
    x1 = mir_rot_t(I, A0)
    x2 = mir_rot_t(x1, A7)
    x3 = a_mr(S)
    x4 = mir_rot_t(x2, x3)
    return x4


def solve_7fe24cdd(I):
    x1 = mir_rot_t(I, A4)
    x2 = hconcat(I, x1)
    x3 = mir_rot_t(I, A5)
    x4 = mir_rot_t(I, A6)
    x5 = hconcat(x4, x3)
    x6 = vconcat(x2, x5)
    x7 = hsplit(x6, THREE)
    x8 = vsplit(I, FOUR)
    x9 = combine_t(x7, x8)
    x10 = get_nth_t(x9, L1)
    return x6


def solve_a3325580(I):
    x1 = o_g(I, R5)
    x2 = apply(size, x1)
    x3 = maximum(x2)
    x4 = sizefilter(x1, x3)
    x5 = apply(color, x4)
    x6 = order(x4, leftmost)
    x7 = apply(color, x6)
    x8 = c_iz(S, p_g)
    x9 = c_zo(S, p_g)
    x10 = get_nth_t(x8, F0)
    x11 = lbind(canvas, x10)
    x12 = astuple(x3, ONE)
    x13 = x11(x12)
    x14 = size_f(x5)
    x15 = astuple(x3, x14)
    x16 = canvas(BLACK, x15)
    x17 = dmirror_t(x16)
    return x17


def solve_b230c067(I):
    x1 = o_g(I, R7)
    x2 = totuple(x1)
    x3 = apply(normalize, x2)
    x4 = get_common_rank_t(x3, F0)
    x5 = matcher(normalize, x4)
    x6 = sfilter_f(x1, x5)
    x7 = merge_f(x6)
    x8 = fill(I, RED, x7)
    x9 = difference(x1, x6)
    x10 = merge_f(x9)
    x11 = fill(x8, BLUE, x10)
    x12 = get_val_rank_f(x1, size, L1)
    x13 = outbox(x7)
    x14 = manhattan(x7, x13)
    x15 = gravitate(x10, x7)
    x16 = first(x9)
    x17 = uppermost(x16)
    x18 = center(x7)
    x19 = position(x7, x10)
    return x11


def solve_ce22a75a(I):
    x1 = f_ofcolor(I, GRAY)
    x2 = apply(neighbors, x1)
    x3 = mapply(neighbors, x1)
    x4 = fill(I, BLUE, x3)
    x5 = fill(x4, BLUE, x1)
    x6 = asobject(x5)
    x7 = get_nth_by_key_f(x6, F0)
    x8 = get_nth_by_key_t(x2, L1, size)
    x9 = cellwise(I, x5, NEG_ONE)
    x10 = extract(x2, positive)
    x11 = other_f(x1, x7)
    x12 = mir_rot_f(x1, A2)
    x13 = inbox(x12)
    return x5


def solve_d631b094(I):
    x1 = palette_t(I)
    x2 = other(x1, ZERO)
    x3 = f_ofcolor(I, x2)
    x4 = size_f(x3)
    x5 = astuple(ONE, x4)
    x6 = canvas(x2, x5)
    x7 = c_iz_n(S, p_g, first)
    x8 = c_zo_n(S, size, last)
    x9 = power(rot90, TWO)
    x10 = x9(x6)
    x11 = mfilter_t(x2, positive)
    x12 = objects_t(I, T, F, T)
    x13 = colorfilter_t(x12, x2)
    x14 = sizefilter_t(x12, ONE)
    x15 = celltuple(x3, x1)
    x16 = toij(x7)
    x17 = ascell(UNITY, x2)
    x18 = astriple(ONE, TWO, x2)
    x19 = second(x1)
    x20 = dedupe_pair_tuple(S)
    x21 = is_no_grid(x6)
    x22 = get_arg_rank(x12, size, F1)
    x23 = get_common_rank(x1, L1)
    x24 = valmax_t(x12, size)
    x25 = leastcommon_f(x3)
    x26 = color(x17)
    return x6

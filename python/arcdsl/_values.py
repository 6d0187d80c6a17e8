"""Values crossing between Python and arcdsl: function values, grids."""


class Function:
    """A function value a program returned (a primitive or a closure)."""
    __slots__ = ('name',)

    def __init__(self, name):
        self.name = name

    def __repr__(self):
        return f'<arcdsl function {self.name}>'

    # Python compares functions by identity, which does not survive leaving
    # the run; two Function values are equal when their names are.
    def __eq__(self, other):
        return isinstance(other, Function) and other.name == self.name

    def __hash__(self):
        return hash(self.name)

    def __reduce__(self):
        return (Function, (self.name,))


def check_grid(g, what='grid'):
    """`g` as a tuple of tuples of ints: a tuple or list (or anything with
    .tolist(), e.g. a numpy array) of equally long tuple/list rows of ints
    (bools are not ints here). TypeError for another type, ValueError for
    rows of different lengths. The ints' range is checked when the run
    starts (OverflowError beyond |x| < 2**59); ARC colours are 0..9, but
    programs may be given any int, as the DSL's Python may."""
    if hasattr(g, 'tolist') and not isinstance(g, (tuple, list)):
        g = g.tolist()
    if not isinstance(g, (tuple, list)):
        raise TypeError(f'arcdsl: {what}: must be a tuple or list of rows, '
                        f'not {type(g).__name__}')
    rows = []
    width = None
    for i, row in enumerate(g):
        if not isinstance(row, (tuple, list)):
            raise TypeError(f'arcdsl: {what}: row {i} must be a tuple or '
                            f'list, not {type(row).__name__}')
        for j, x in enumerate(row):
            if type(x) is not int:
                if isinstance(x, int) and not isinstance(x, bool):
                    continue  # an int subclass (numpy ints are not)
                raise TypeError(f'arcdsl: {what}: cell [{i}][{j}] must be an int, '
                                f'not {type(x).__name__}')
        if width is None:
            width = len(row)
        elif len(row) != width:
            raise ValueError(f'arcdsl: {what}: not rectangular: row {i} '
                             f'has {len(row)} cells, row 0 has {width}')
        rows.append(tuple(int(x) for x in row))
    return tuple(rows)


def is_grid(v):
    """Whether a program's value is a grid a submission can hold (what an
    ARC task file holds, as lib/Runtime/Submission.cpp has it): 1 to 30
    tuples of 1 to 30 ints 0..9, all of one length."""
    if not isinstance(v, tuple) or not 1 <= len(v) <= 30:
        return False
    width = len(v[0]) if isinstance(v[0], tuple) else 0
    if not 1 <= width <= 30:
        return False
    return all(isinstance(row, tuple) and len(row) == width
               and all(type(x) is int and 0 <= x <= 9 for x in row)
               for row in v)

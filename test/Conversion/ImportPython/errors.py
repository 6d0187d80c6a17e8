# RUN: arcdsl-translate --import-arcdsl %s --split-input-file='# '----- --verify-diagnostics
# Import errors, reported at the Python source location (one chunk each).

def solve_syntax(I):
    x1 = vmirror(I
    # expected-error @below {{expected ')' to close '(' opened at}}
    O = hmirror(x1)
    return O

# -----

def solve_bad_token(I):
    # expected-error @below {{expected expression (unexpected '=')}}
    x1 = = vmirror(I)
    return x1

# -----

def solve_unknown_prim(I):
    # expected-error @below {{unknown primitive 'flipdiagonal'}}
    x1 = flipdiagonal(I)
    return x1

# -----

def solve_too_few(I):
    x1 = ofcolor(I, ONE)
    # expected-error @below {{'fill' takes 3 arguments but 2 were given}}
    O = fill(I, x1)
    return O

# -----

def solve_too_many(I):
    # expected-error @below {{'vmirror' takes 1 argument but 2 were given}}
    O = vmirror(I, I)
    return O

# -----

def solve_unknown_keyword(I):
    # expected-error @below {{'objects' has no parameter named 'diagonally'}}
    x1 = objects(I, T, diagonally=F, without_bg=T)
    return x1

# -----

def solve_duplicate_keyword(I):
    # expected-error @below {{'crop' got multiple values for 'grid'}}
    x1 = crop(I, ORIGIN, grid=I)
    return x1

# -----

def solve_missing_keyword(I):
    # expected-error @below {{'crop' is missing an argument for parameter 2}}
    x1 = crop(I, dims=UNITY)
    return x1

# -----

def solve_undefined(I):
    x1 = vmirror(I)
    # expected-error @below {{undefined name 'x2'}}
    O = hconcat(x1, x2)
    return O

# -----

def solve_ill_typed(I):
    # expected-error @below {{'height' expects Piece for parameter 'piece' (argument 1), got '!arcdsl.int'}}
    x1 = height(FIVE)
    O = canvas(ZERO, x1)
    return O

# -----

def solve_ill_typed_grid(I):
    x1 = asobject(I)
    # expected-error @below {{'rot90' expects Grid for parameter 'grid' (argument 1), got '!arcdsl.set<!arcdsl.cell>'}}
    O = rot90(x1)
    return O

# -----

def solve_fn_as_data(I):
    # expected-error @below {{'size' expects Container for parameter 'container' (argument 1), got '!arcdsl.fn'}}
    x1 = size(vmirror)
    return x1

# -----

def solve_after_return(I):
    O = vmirror(I)
    return O
    # expected-error @below {{statement after return}}
    x1 = hmirror(I)

# -----

# expected-error @below {{function 'solve_no_return' does not end with a return statement}}
def solve_no_return(I):
    x1 = vmirror(I)

# -----

def solve_call_constant(I):
    # expected-error @below {{'FIVE' is a constant, not a function}}
    x1 = FIVE(I)
    return x1

# -----

def solve_call_int(I):
    x1 = height(I)
    # expected-error @below {{calling a value of type '!arcdsl.int', which is not a function}}
    x2 = x1(I)
    return x2

# -----

def solve_keyword_on_value(I):
    x1 = rbind(shift, DOWN)
    # expected-error @below {{keyword arguments in a call of a function value are not supported}}
    x2 = x1(patch=I)
    return x2

# -----

def solve_tuple_assign(I):
    # expected-error @below {{tuple assignment is not supported}}
    x1, x2 = vmirror(I), hmirror(I)
    return x1

# -----

def solve_triple(I):
    # expected-error @below {{only pairs (a, b) are supported as tuple literals}}
    x1 = (ONE, TWO, THREE)
    return x1

# -----

def solve_if(I):
    # expected-error @below {{unsupported statement in a solver}}
    if I:
        return I
    return I

# -----

# expected-error @below {{only imports and function definitions are supported at module level}}
x0 = vmirror

# -----

def solve_bare_return(I):
    # expected-error @below {{a solver must return a value}}
    return

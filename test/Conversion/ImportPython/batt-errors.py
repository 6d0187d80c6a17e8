# RUN: arcdsl-translate --import-arcdsl %s --split-input-file='# '----- --verify-diagnostics
# Batt forms that are not supported are errors at their source location.

def batt(task_id, S, I, C, log_path):
    o = []
    # expected-error @below {{unsupported try statement in a batt}}
    try:
        t1 = vmirror(I)
    except TypeError:
        t1 = identity(I)
    return o

# -----

# expected-error @below {{a batt's parameters are task_id, S, I, C and log_path; 'X' is not one of them}}
def batt(task_id, S, X, C, log_path):
    o = []
    return o

# -----

def batt(task_id, S, I, C, log_path):
    o = []
    # expected-error @below {{'task_id' (a string of the batt's caller) cannot be used in a line}}
    t1 = astuple(task_id, I)
    return o

# -----

def batt(task_id, S, I, C, log_path):
    o = []
    t1 = vmirror(I)
    # expected-error @below {{a batt returns its record lists (`return o, s`)}}
    return t1

# -----

def batt(task_id, S, I, C, log_path):
    o = []
    # expected-error @below {{unknown primitive 'flipdiagonal'}}
    t1 = flipdiagonal(I)
    return o

# -----

# A tokpidjin batt (imported from 'safe_dsl') knows tokpidjin's names only.
from safe_dsl import _get_safe_default

def batt(task_id, S, I, C, log_path):
    o = []
    # expected-error @below {{unknown primitive 'not_a_tok_function'}}
    t1 = not_a_tok_function(I)
    return o

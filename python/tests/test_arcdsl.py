"""Tests of the arcdsl Python module (pytest).

The expected outputs are those of the Python batt (the reference dsl.py on
stock CPython, tools/arcdsl-batt/hodelbatt.py --stock, for the default
python order; under the canonical-order rule for order='canonical'),
checked in beside the batt files under test/arcdsl-batt/Inputs.
"""
import gzip
import json
import math
import os

import pytest

import arcdsl

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
INPUTS = os.path.join(ROOT, 'test', 'arcdsl-batt', 'Inputs')
TASKS = os.path.join(ROOT, 'examples', 'tasks')


def grid(g):
    return tuple(tuple(r) for r in g)


def decode(j):
    """The golden/JSON encoding of a value as the Python value."""
    if isinstance(j, list):
        return tuple(decode(e) for e in j)
    if isinstance(j, dict):
        if 'set' in j:
            return frozenset(decode(e) for e in j['set'])
        if 'str' in j:
            return j['str']
        if 'fn' in j:
            return arcdsl.Function(j['fn'])
        if 'repr' in j:  # tokpidjin's special floats; nan is math.nan itself
            return {'nan': math.nan, 'inf': math.inf, '-inf': -math.inf}[j['repr']]
    return j


def samples(task_id):
    t = json.load(open(os.path.join(TASKS, task_id + '.json')))
    S = tuple((grid(p['input']), grid(p['output'])) for p in t['train'])
    named = [(f'train/{k}', p) for k, p in enumerate(t['train'])] + \
            [(f'test/{k}', p) for k, p in enumerate(t['test'])]
    for name, p in named:
        for mode in ('solve', 'diff'):
            C = grid(p['output']) if mode == 'diff' else None
            yield (task_id, name, mode), (S, grid(p['input']), C)


def expected(batt, order='python'):
    kind = 'stock' if order == 'python' else 'expected'
    with gzip.open(os.path.join(INPUTS, f'{batt}.{kind}.jsonl.gz'), 'rt') as f:
        return {(r['task'], r['sample'], r['mode']): r for r in map(json.loads, f)}


@pytest.fixture(scope='module')
def card():
    return arcdsl.compile(os.path.join(INPUTS, 'batt-card.py'))


def test_run_returns_the_python_batts_tuples(card):
    exp = expected('batt-card')
    n = 0
    for task in ('1f85a75f', 'd631b094', '00d62c1b'):
        for key, (S, I, C) in samples(task):
            o, s = card.run(S, I, C)
            want = exp[key]
            assert o == [decode(r) for r in want['o']]
            assert s == [decode(r) for r in want['s']]
            assert all(type(r) is tuple for r in o + s)
            n += 1
    assert n > 10


def test_batt_signature(card):
    key, (S, I, C) = next(samples('1f85a75f'))
    assert card.batt('1f85a75f', S, I, C, 'log.txt') == card.run(S, I, C)


def test_run_batch_equals_run(card):
    runs = [args for _, args in samples('1f85a75f')] * 20
    batch = card.run_batch(runs, threads=2)
    assert len(batch) == len(runs)
    assert batch[:len(runs) // 20] == [card.run(*a) for a in runs[:len(runs) // 20]]
    assert batch[0] == batch[len(runs) // 20]


def test_a_raising_batt_raises_the_python_exception():
    p = arcdsl.compile(os.path.join(INPUTS, 'batt-vectorized.py'))
    exp = expected('batt-vectorized')
    raised = 0
    for key, args in samples('1f85a75f'):
        if 'error' in exp[key]:
            with pytest.raises(TypeError):
                p.run(*args)
            raised += 1
        else:
            o, s = p.run(*args)
            assert o == [decode(r) for r in exp[key]['o']]
    assert raised
    # run_batch returns the exception instead of raising it.
    out = p.run_batch([args for _, args in samples('1f85a75f')])
    assert any(isinstance(r, TypeError) for r in out)


def test_a_batt_error_names_its_line():
    # Inputs/batt-line.py: `t4 = shape(C)` (line 14) raises with C = None.
    p = arcdsl.compile(os.path.join(INPUTS, 'batt-line.py'))
    (_, (S, I, C)), (_, (S2, I2, C2)) = list(samples('1f85a75f'))[:2]
    with pytest.raises(TypeError) as e:
        p.run(S, I, None)
    assert isinstance(e.value, arcdsl.RunError)
    assert (e.value.line, e.value.at) == ('t4', 'batt-line.py:14')
    assert 't4' in str(e.value) and 'batt-line.py:14' in str(e.value)
    p.run(S2, I2, C2)  # diff mode: no error
    # A caught error is no run error: the uncaught one later names its line.
    q = arcdsl.compile(os.path.join(INPUTS, 'batt-line-try.py'))
    out = q.run_batch([(S, I, None), (S2, I2, C2)])
    assert [(type(r).__name__, r.line, r.at) for r in out] == \
        [('ZeroDivisionError', 't4', 'batt-line-try.py:23')] * 2


def test_compile_errors_carry_the_diagnostic(tmp_path):
    bad = tmp_path / 'bad.py'
    bad.write_text('def batt(task_id, S, I, C, log_path):\n'
                   '    o = []\n'
                   '    t1 = flipdiagonal(I)\n'
                   '    return o\n')
    with pytest.raises(arcdsl.CompileError, match=r"bad.py:3:10: unknown primitive 'flipdiagonal'"):
        arcdsl.compile(bad)
    with pytest.raises(arcdsl.CompileError, match='no `def batt'):
        arcdsl.compile(os.path.join(ROOT, 'examples', 'solvers.py'))


def test_both_orders():
    # The same batt under the canonical order gives the canonical-order
    # reference's tuples, which differ from stock CPython's here.
    canon = arcdsl.compile(os.path.join(INPUTS, 'batt-card.py'), order='canonical')
    py, exp_c, exp_p = expected('batt-card'), expected('batt-card', 'canonical'), None
    differ = 0
    for key, (S, I, C) in samples('1f85a75f'):
        o, s = canon.run(S, I, C)
        assert o == [decode(r) for r in exp_c[key]['o']]
        differ += exp_c[key]['o'] != py[key]['o']
    assert differ > 0
    with pytest.raises(arcdsl.CompileError, match="order must be 'python' or 'canonical'"):
        arcdsl.compile(os.path.join(INPUTS, 'batt-card.py'), order='sorted')


def test_bad_arguments():
    p = arcdsl.compile(os.path.join(INPUTS, 'batt-card.py'))
    with pytest.raises(TypeError, match='cannot pass a str'):
        p.run((), 'not a grid', None)


def test_tokpidjin_batt_returns_the_python_batts_tuples():
    # Expected values: tokpidjin's dsl.py (tools/arcdsl-batt/refbatt.py).
    prog = arcdsl.compile(os.path.join(INPUTS, 'tok-card.py'))
    exp = expected('tok-card')
    n = 0
    for task in ('1f85a75f', 'b230c067'):
        for key, (S, I, C) in samples(task):
            o, s = prog.run(S, I, C)
            assert o == [decode(r) for r in exp[key]['o']]
            assert s == [decode(r) for r in exp[key]['s']]
            n += 1
    assert n > 10


def test_tokpidjin_values(tmp_path):
    # Hand-checked values of tokpidjin's semantics: (i, j, c) cells, -inf
    # off the grid, nan (math.nan itself) for an empty patch, None where
    # its functions fall through, safe calls instead of exceptions.
    path = tmp_path / 'tok.py'
    path.write_text(
        'from dsl import *\nfrom constants import *\n'
        'from safe_dsl import _get_safe_default\n\n'
        'def batt(task_id, S, I, C, log_path):\n'
        '    s = []\n    o = []\n'
        '    t0 = f_ofcolor(I, NINE)\n'
        '    t1 = o_g(I, R5)\n'
        '    t2 = index(I, TWO_BY_TWO)\n'
        '    t3 = uppermost(t0)\n'
        '    t4 = first(t0)\n'
        '    t5 = size(t1, t2)\n'
        '    t6 = col_row(t1, R9)\n'
        "    o.append((1, False, 'x', t1))\n"
        "    o.append((2, False, 'x', t2))\n"
        "    o.append((3, False, 'x', t3))\n"
        "    o.append((4, False, 'x', t4))\n"
        "    o.append((5, False, 'x', t5))\n"
        "    o.append((6, False, 'x', t6))\n"
        '    return o, s\n')
    prog = arcdsl.compile(str(path))
    I = ((1, 0), (0, 2))
    o, s = prog.run((), I, None)
    t1, t2, t3, t4, t5, t6 = (r[3] for r in o)
    assert t1 == frozenset({frozenset({(0, 0, 1)}), frozenset({(1, 1, 2)})})
    assert t2 == -math.inf
    assert t3 is math.nan
    assert t4 is None
    assert t5 == 0  # wrong argument count: size's default
    assert t6 is None

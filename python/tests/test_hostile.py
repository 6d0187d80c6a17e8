"""Hostile arguments to the arcdsl Python module (pytest): each is refused
at the API with a clear Python exception, never a crash."""
import os

import pytest

import arcdsl
from arcdsl import _arcdsl

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BATT = os.path.join(ROOT, 'test', 'arcdsl-batt', 'Inputs', 'batt-card.py')
GRID = ((1, 0), (0, 1))


@pytest.fixture(scope='module')
def card():
    return arcdsl.compile(BATT)


@pytest.mark.parametrize('x', [2**63, -2**63 - 1, 2**64, 10**40, 2**59, -2**59])
def test_ints_beyond_arcdsls_range_raise_overflowerror(card, x):
    with pytest.raises(OverflowError, match="out of arcdsl's int range"):
        card.run(((GRID, GRID),), ((1, x),), None)
    with pytest.raises(OverflowError, match="out of arcdsl's int range"):
        card.run_batch([((), frozenset({(x, (0, 0))}), None)])


def test_ints_at_the_edge_of_the_range_are_accepted(card):
    for x in (2**59 - 1, -(2**59 - 1)):
        out = card.run_batch([((), ((1, x),), None)])
        assert len(out) == 1   # a result or the exception the batt raised


def test_a_list_holding_itself_is_a_valueerror(card):
    loop = []
    loop.append(loop)
    with pytest.raises(ValueError, match='deeper than 32 levels'):
        card.run((), loop, None)
    s = [GRID]
    s.append(s)
    with pytest.raises(ValueError, match='deeper than 32 levels'):
        card.run_batch([(s, GRID, None)])


def test_20000_deep_tuples_are_a_valueerror(card):
    t = ()
    for _ in range(20000):
        t = (t,)
    with pytest.raises(ValueError, match='deeper than 32 levels'):
        card.run((), t, None)
    with pytest.raises(ValueError, match='deeper than 32 levels'):
        card.run((), GRID, frozenset({t}))


def test_nesting_within_the_limit_is_accepted(card):
    t = 0
    for _ in range(30):
        t = (t,)
    assert len(card.run_batch([((), GRID, t)])) == 1


@pytest.mark.parametrize('mb', [0, -1, -2**63, 2**70, _arcdsl.MAX_ARENA_MB + 1, 1.5, True, '64'])
def test_bad_arena_mb_is_a_valueerror(mb):
    with pytest.raises(ValueError, match='arena_mb must be an int from 1 to 65536'):
        arcdsl.compile(BATT, arena_mb=mb)


@pytest.mark.parametrize('mb', [0, -5])
def test_the_native_constructor_checks_arena_mb_too(mb):
    with pytest.raises(ValueError, match='arena_mb must be from 1 to 65536'):
        _arcdsl.Program(BATT, '', mb, 1000, 'python')


@pytest.mark.parametrize('w', [0, -1, 2**64])
def test_bad_work_limit_is_a_valueerror(w):
    with pytest.raises(ValueError, match='work_limit must be a positive int'):
        arcdsl.compile(BATT, work_limit=w)


def test_a_small_arena_still_runs():
    p = arcdsl.compile(BATT, arena_mb=1)
    assert p.run_batch([((((GRID, GRID),)), GRID, None)], threads=1)


def test_record_strings_come_back_as_pythons():
    # The batt's string constants, a lone surrogate included (it made the
    # str conversion raise UnicodeDecodeError).
    p = arcdsl.compile(os.path.join(ROOT, 'test', 'arcdsl-batt', 'Inputs', 'batt-strings.py'))
    o, s = p.run((), GRID, None)
    assert o == [(3, '\xff\\x', 'quote"s', (2, 2))]
    assert s == [(1, 'caf\xe9', 'caf\xe9 \xff \xe9', (2, 2)),
                 (2, '\ud800', '\U0001F600 tab\there \x00', (2, 2))]

"""One heavy sample on several threads (docs/runtime.md), pytest.

run_many / run_batch with more threads than samples: the threads without
a sample of their own help the others' long loops; and runs on one thread
with the caller's helpers (arcdsl.set_split_threads). The switches are read
once per process, so the split runs happen in a child interpreter with
every loop split (ARCDSL_SPLIT_WORK=0, each split waiting for its helpers:
ARCDSL_SPLIT_JOIN=1). Expected values: stock CPython's
(test/arcdsl-run/Inputs/split-stock.json, refrun.py --stock) and, for
every sample, this process's run on one thread.
"""
import json
import os
import subprocess
import sys

import arcdsl
import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SPLIT = os.path.join(ROOT, 'test', 'arcdsl-run', 'Inputs', 'split')
STOCK = os.path.join(ROOT, 'test', 'arcdsl-run', 'Inputs', 'split-stock.json')
NAMES = ['apply', 'filter', 'best', 'pairs', 'closures', 'nested', 'raise',
         'keyraise', 'nomatch', 'shared']

CHILD = r'''
import json, sys
import arcdsl
sys.path.insert(0, sys.argv[1])
from test_split import encode, runs
if sys.argv[2] == 'helpers':   # one thread, with the caller's helpers
    arcdsl.set_split_threads(2)
    out = runs(1)
    arcdsl.set_split_threads(0)
else:                           # three threads for one sample
    out = runs(3)
print(json.dumps(encode(out)))
'''


def runs(threads):
    """Each sample of NAMES alone in run_many, on `threads` threads (those
    beyond the first only help)."""
    solvers = arcdsl.load_solvers(os.path.join(SPLIT, 'solvers.py'))
    out = []
    for name in NAMES:
        with open(os.path.join(SPLIT, name + '.json')) as f:
            grid = json.load(f)['train'][0]['input']
        r, = arcdsl.run_many([(solvers['solve_' + name], grid)],
                             threads=threads)
        out.append(r)
    return out


def encode(results):
    return [type(r).__name__ if isinstance(r, BaseException) else repr(r)
            for r in results]


@pytest.mark.parametrize('mode', ['threads', 'helpers'])
def test_one_sample_on_three_threads_gives_its_value(mode):
    alone = runs(1)
    with open(STOCK) as f:
        stock = json.load(f)
    # Alone, the errors are CPython's.
    for name, r in zip(NAMES, alone):
        want = stock[name][name][0]
        if isinstance(want, dict) and 'error' in want:
            assert type(r).__name__ == want['error'], name
        else:
            assert not isinstance(r, BaseException), name
    env = dict(os.environ, ARCDSL_SPLIT_WORK='0', ARCDSL_SPLIT_JOIN='1',
               ARCDSL_SPLIT_STATS='1')
    child = subprocess.run(
        [sys.executable, '-c', CHILD, os.path.dirname(__file__), mode],
        env=env, capture_output=True, text=True, timeout=300)
    assert child.returncode == 0, child.stderr
    split = json.loads(child.stdout)
    assert split == encode(alone)
    # Loops did split, and helpers ran lanes of them.
    stats = [l for l in child.stderr.splitlines() if 'loop(s) split' in l]
    assert stats, child.stderr
    assert sum(int(l.split()[1]) for l in stats) > 0
    assert sum(int(l.split()[4]) for l in stats) > 0


def test_set_split_threads_checks_its_argument():
    for bad in (-1, 257, 1.5, True, '2'):
        with pytest.raises(ValueError):
            arcdsl.set_split_threads(bad)
    arcdsl.set_split_threads(0)


BATT_CHILD = r'''
import json, sys
import arcdsl
sys.path.insert(0, sys.argv[1])
from test_split import batt_runs
arcdsl.set_split_threads(1)
print(json.dumps(batt_runs()))
'''


def batt_runs():
    """program.run on every sample of two tasks, one call at a time, as
    tokpidjin's run_batt.py calls it: repr of each result or the error."""
    from test_arcdsl import INPUTS, samples
    p = arcdsl.compile(os.path.join(INPUTS, 'batt-card.py'))
    out = []
    for task in ('1f85a75f', '00d62c1b'):
        for _, (S, I, C) in samples(task):
            try:
                out.append(repr(p.run(S, I, C)))
            except Exception as e:
                out.append(type(e).__name__)
    return out


def test_batt_calls_with_the_callers_helpers():
    """With a helper (and every loop split), each call's result is the one
    it has alone (test_arcdsl checks those against stock CPython)."""
    alone = batt_runs()
    env = dict(os.environ, ARCDSL_SPLIT_WORK='0', ARCDSL_SPLIT_JOIN='1',
               ARCDSL_SPLIT_STATS='1')
    child = subprocess.run(
        [sys.executable, '-c', BATT_CHILD, os.path.dirname(__file__)],
        env=env, capture_output=True, text=True, timeout=300)
    assert child.returncode == 0, child.stderr
    assert json.loads(child.stdout) == alone
    stats = [l for l in child.stderr.splitlines() if 'loop(s) split' in l]
    assert stats and int(stats[-1].split()[4]) > 0, child.stderr

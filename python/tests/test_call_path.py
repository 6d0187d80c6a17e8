"""One sample per call (pytest): `Program.run`, `run_batch(..., threads=1)`
and `Solver.__call__` run on the calling thread, on a stack and arenas it
keeps between calls (lib/Runtime: onBigStack, runSamplesOnThreads), not on
a fresh thread. What they return must be what worker threads return
(run_batch with threads=2), call after call, and a timeout or a crash must
still cost that sample only.

Faults are injected by the runtime's test-only switch ARCDSL_TEST_FAULT
(read once per process: the faulty runs happen in a child interpreter).
"""
import json
import os
import subprocess
import sys
import threading

import pytest

import arcdsl

from test_arcdsl import INPUTS, ROOT, samples

TASKS = ('1f85a75f', 'd631b094', '00d62c1b')


def outcome(r):
    """A result, or a raised/returned error as what tells it apart."""
    if isinstance(r, BaseException):
        return (type(r).__name__, str(r), getattr(r, 'line', None),
                getattr(r, 'at', None))
    return r


def called(f, *args):
    try:
        return outcome(f(*args))
    except arcdsl.RunError as e:
        return outcome(e)


@pytest.mark.parametrize('batt', ['batt-card.py', 'batt-vectorized.py',
                                  'batt-line.py', 'batt-line-try.py',
                                  'tok-card.py'])
def test_run_equals_worker_threads_call_after_call(batt):
    p = arcdsl.compile(os.path.join(INPUTS, batt))
    runs = [a for t in TASKS for _, a in samples(t)]
    on_workers = [outcome(r) for r in p.run_batch(runs, threads=2)]
    for _ in range(3):
        assert [called(p.run, *a) for a in runs] == on_workers
    on_caller = [outcome(r) for r in p.run_batch(runs, threads=1)]
    assert on_caller == on_workers
    assert [outcome(p.run_batch([a])[0]) for a in runs] == on_workers


def test_programs_of_other_arena_sizes_alternate():
    """The caller's kept arenas are mapped again for another size: a 1 MiB
    program's capacity errors stay its own."""
    big = arcdsl.compile(os.path.join(INPUTS, 'tok-card.py'))
    small = arcdsl.compile(os.path.join(INPUTS, 'tok-card.py'), arena_mb=1)
    runs = [a for t in TASKS for _, a in samples(t)]
    want_big = [outcome(r) for r in big.run_batch(runs, threads=2)]
    want_small = [outcome(r) for r in small.run_batch(runs, threads=2)]
    for a, wb, ws in zip(runs, want_big, want_small):
        assert called(small.run, *a) == ws
        assert called(big.run, *a) == wb


def test_recursion_past_the_limit_on_the_calling_thread():
    """Issue 14's batt on the calling thread (with the stack floor of its
    kept stack): RecursionError as on worker threads, call after call."""
    p = arcdsl.compile(os.path.join(INPUTS, 'deep', 'issue-power.py'))
    S, I, C = next(samples('1f85a75f'))[1]
    for _ in range(2):
        with pytest.raises(RecursionError):
            p.run(S, I, C)


def test_python_threads_call_run_at_once():
    p = arcdsl.compile(os.path.join(INPUTS, 'batt-card.py'))
    runs = [a for t in TASKS for _, a in samples(t)]
    want = [called(p.run, *a) for a in runs]
    got = {}

    def worker(k):
        got[k] = [[called(p.run, *a) for a in runs] for _ in range(3)]

    threads = [threading.Thread(target=worker, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert got == {k: [want] * 3 for k in range(4)}


def test_solver_call_equals_run_many_call_after_call():
    solvers = arcdsl.load_solvers(os.path.join(ROOT, 'examples', 'solvers.py'))
    grids = [a[1] for t in TASKS for _, a in samples(t)][::2]
    pairs = [(s, g) for s in solvers.values() if s.issue is None
             for g in grids][:200]
    want = [outcome(r) for r in arcdsl.run_many(pairs, threads=2)]
    for _ in range(2):
        assert [called(s, g) for s, g in pairs] == want


CHILD = r'''
import json, os, sys
sys.path.insert(0, sys.argv[1])
import arcdsl
from test_arcdsl import INPUTS, ROOT, samples
from test_call_path import outcome, called
p = arcdsl.compile(os.path.join(INPUTS, 'batt-card.py'))
x = next(samples('1f85a75f'))[1]
solver = arcdsl.load_solvers(os.path.join(ROOT, 'examples',
                                          'solvers.py'))['solve_1f85a75f']
out = {
    'run': [called(lambda: p.run(*x, wall_timeout=0.5)) for _ in range(2)],
    'batch': [outcome(r) for r in p.run_batch([x, x], threads=1, wall_timeout=0.5)],
    'solver': [called(lambda: solver(x[1], wall_timeout=0.5)) for _ in range(2)],
    'many': [outcome(r) for r in arcdsl.run_many([(solver, x[1])] * 2,
                                                 threads=1, wall_timeout=0.5)],
}
print(json.dumps({k: [repr(r) for r in v] for k, v in out.items()}))
'''


@pytest.mark.parametrize('fault,error', [('hang', 'SampleTimeout'),
                                         ('segv', 'SampleCrash')])
def test_a_timeout_or_crash_on_the_calling_thread_costs_that_call(fault, error):
    """Sample 0 of every call hangs (or faults): run raises, call after call,
    and the interpreter goes on; the next sample of the same call (index 1)
    gives the clean result."""
    p = arcdsl.compile(os.path.join(INPUTS, 'batt-card.py'))
    x = next(samples('1f85a75f'))[1]
    clean = repr(p.run(*x))
    solver = arcdsl.load_solvers(os.path.join(ROOT, 'examples',
                                              'solvers.py'))['solve_1f85a75f']
    clean_solver = repr(solver(x[1]))
    env = dict(os.environ, ARCDSL_TEST_FAULT=f'{fault}@0')
    child = subprocess.run(
        [sys.executable, '-c', CHILD, os.path.dirname(__file__)],
        env=env, capture_output=True, text=True, timeout=120)
    assert child.returncode == 0, child.stderr
    out = json.loads(child.stdout)
    for key in ('run', 'solver'):
        assert all(r.startswith(f"('{error}',") for r in out[key]), out[key]
    assert out['batch'][0].startswith(f"('{error}',") and out['batch'][1] == clean
    assert out['many'][0].startswith(f"('{error}',") and out['many'][1] == clean_solver

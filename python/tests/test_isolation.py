"""A sample that crashes or runs away costs that sample only (pytest).

Faults are injected by the runtime's test-only switch ARCDSL_TEST_FAULT
(read once per process, so the faulty runs happen in a child interpreter);
the clean results to compare with are the Python batt's (hodelbatt.py
--stock, checked in) and this process's own run.
"""
import json
import os
import subprocess
import sys

import arcdsl
import pytest

from test_arcdsl import INPUTS, decode, expected, samples

TASK = '1f85a75f'

CHILD = r'''
import json, sys
import arcdsl
sys.path.insert(0, sys.argv[1])
from test_arcdsl import INPUTS, samples
import os
p = arcdsl.compile(os.path.join(INPUTS, 'batt-card.py'))
runs = [a for _, a in samples(sys.argv[2])]
out = p.run_batch(runs, threads=2, wall_timeout=1.0)
print(json.dumps([type(r).__name__ if isinstance(r, BaseException) else repr(r)
                  for r in out]))
'''


def test_run_batch_survives_a_crash_and_a_runaway():
    p = arcdsl.compile(os.path.join(INPUTS, 'batt-card.py'))
    runs = list(samples(TASK))
    clean = p.run_batch([a for _, a in runs], threads=2)
    exp = expected('batt-card')
    for (key, _), r in zip(runs, clean):  # the clean run is CPython's
        o, s = r
        assert o == [decode(x) for x in exp[key]['o']]
    env = dict(os.environ, ARCDSL_TEST_FAULT='segv@2,hang@4')
    child = subprocess.run(
        [sys.executable, '-c', CHILD, os.path.dirname(__file__), TASK],
        env=env, capture_output=True, text=True, timeout=120)
    assert child.returncode == 0, child.stderr
    faulty = json.loads(child.stdout)
    assert len(faulty) == len(runs)
    assert faulty[2] == 'SampleCrash'
    assert faulty[4] == 'SampleTimeout'
    for k, r in enumerate(clean):
        if k not in (2, 4):
            assert faulty[k] == repr(r)


def test_recursion_past_the_limit_is_recursion_error():
    """Issue 14's six lines: CPython raises RecursionError in power."""
    p = arcdsl.compile(os.path.join(INPUTS, 'deep', 'issue-power.py'))
    out = p.run_batch([a for _, a in samples(TASK)], threads=2)
    assert out and all(isinstance(r, RecursionError) for r in out)


def test_timeout_error_is_a_timeout_error():
    assert issubclass(arcdsl.SampleTimeout, TimeoutError)
    assert arcdsl.DEFAULT_WALL_TIMEOUT > 1


def test_exponential_compositions_compile_and_run_into_the_work_bound(tmp_path):
    """Thirty lines that double a composition (2^30 calls when called): the
    compile is linear (it used to abort the interpreter with "LLVM ERROR: out
    of memory"), the run ends with the bound (CPython does not finish it
    either); under the default bound of 10 CPython seconds its grids fill
    the 2 GiB arena first (a CapacityError)."""
    lines = ['from dsl import *', 'from constants import *', '',
             'def batt(task_id, S, I, C, log_path):', '    s = []', '    o = []',
             '    t1 = compose(hmirror, vmirror)']
    lines += [f'    t{k} = compose(t{k - 1}, t{k - 1})' for k in range(2, 31)]
    lines += ['    t31 = t30(I)', "    s.append((31, 'None', 'deep', t31))",
              '    return o, s']
    path = tmp_path / 'doubling.py'
    path.write_text('\n'.join(lines) + '\n')
    p = arcdsl.compile(path, timeout=0.1)
    out = p.run_batch([a for _, a in samples(TASK)][:2], threads=2)
    assert all(isinstance(r, arcdsl.WorkLimitError) for r in out)


def test_deep_results_come_back_or_are_capacity_errors(tmp_path):
    """A result 27,000 levels deep cannot be sent back (CapacityError; it
    aborted the interpreter with std::bad_alloc); 9,000 levels come back
    as the nested frozensets CPython returns."""
    src = open(os.path.join(INPUTS, 'deep', 'deep-result.py')).read()
    I = ((0, 1), (1, 0))
    p = arcdsl.compile(os.path.join(INPUTS, 'deep', 'deep-result.py'))
    assert isinstance(p.run_batch([((), I, None)])[0], arcdsl.CapacityError)
    shallow = tmp_path / 'shallow.py'
    shallow.write_text(src.replace('power(initset, 9000)', 'power(initset, 3000)'))
    o, s = arcdsl.compile(shallow).run(((), I, None)[0], I)
    v, depth = s[0][3], 0
    while isinstance(v, frozenset):
        v, depth = next(iter(v)), depth + 1
    assert (depth, v) == (9000, 0)


def test_timeout_is_estimated_cpython_seconds():
    """timeout=S stops a run whose cost (estimated CPython-ns: 5,656 per
    sample, 218 per hmirror call and 1 per unit, one unit per row and cell)
    passes 2 x S x 10^9, as work_limit=2 x S x 10^9 does: 5,900 for a
    5 x 5 grid passes a bound of 5,910, 5,924 for a 7 x 7 one does not."""
    src = 'def solve_x(I):\n    O = hmirror(I)\n    return O\n'
    small = tuple(tuple(range(5)) for _ in range(5))
    large = tuple(tuple(range(7)) for _ in range(7))
    for opts in (dict(timeout=2.955e-6), dict(work_limit=5910)):
        solver = arcdsl.load_solvers(src, **opts)['solve_x']
        assert solver(small) == small[::-1]
        with pytest.raises(arcdsl.WorkLimitError):
            solver(large)
    assert arcdsl.load_solvers(src)['solve_x'](large) == large[::-1]
    for bad in (dict(timeout=0), dict(timeout=True), dict(timeout='1'),
                dict(timeout=1, work_limit=10)):
        with pytest.raises(ValueError):
            arcdsl.load_solvers(src, **bad)
    assert arcdsl.DEFAULT_TIMEOUT == 1.0 and arcdsl.BATT_TIMEOUT == 10.0

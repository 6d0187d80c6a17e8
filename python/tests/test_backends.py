"""run_many's and evaluate's backends (docs/python.md), pytest.

The CPU backend is the oracle. The GPU path (python/GpuBindings.cpp:
per-file kernel bundles, Jobs over Tasks, runJobsOnGpu, SampleOutput
JSON back to Python values) is run here without a GPU through the test
hook backend='host-jobs': runJobsOnGpu with no device runs every sample
on host threads through the same jobs and results, so what it returns
must be exactly the CPU backend's. With a GPU present, 'gpu' is checked
against the CPU the same way.
"""
import os

import pytest

import arcdsl

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SOLVERS = os.path.join(ROOT, 'examples', 'solvers.py')
TASKS = os.path.join(ROOT, 'examples', 'tasks')
GRID = ((1, 2, 3), (4, 5, 6))

# Solvers whose outputs are not grids: sets of objects, pairs, ints, bools,
# functions (a primitive and a closure), and work past a small work limit.
VALUES = '''from dsl import *
from constants import *


def solve_f0000001(I):
    O = objects(I, T, F, F)
    return O


def solve_f0000002(I):
    O = shape(I)
    return O


def solve_f0000003(I):
    O = palette(I)
    return O


def solve_f0000004(I):
    x1 = size(I)
    O = equality(x1, TWO)
    return O


def solve_f0000005(I):
    O = compose(vmirror, hmirror)
    return O


def solve_f0000006(I):
    O = astuple(vmirror, I)
    return O


def solve_f0000007(I):
    x1 = upscale(I, TEN)
    x2 = upscale(x1, TEN)
    O = objects(x2, T, F, F)
    return O
'''


def kinds(results):
    """Values as they are; errors as (class, message)."""
    return [(type(r), str(r)) if isinstance(r, BaseException) else r
            for r in results]


@pytest.fixture(scope='module')
def tasks():
    return arcdsl.load_tasks(TASKS)


@pytest.fixture(scope='module')
def grids(tasks):
    return [g for t in tasks.values() for part in ('train', 'test')
            for g, _ in t[part]]


@pytest.mark.parametrize('order', ['python', 'canonical'])
def test_host_jobs_equal_cpu_on_every_input(order, grids):
    # Every solver on every train and test input: outputs and the errors of
    # the solvers that raise on other tasks' inputs.
    solvers = arcdsl.load_solvers(SOLVERS, order=order)
    pairs = [(s, g) for s in solvers.values() for g in grids]
    cpu = arcdsl.run_many(pairs, backend='cpu')
    jobs = arcdsl.run_many(pairs, backend='host-jobs')
    assert kinds(jobs) == kinds(cpu)
    errors = {type(r).__name__ for r in cpu if isinstance(r, BaseException)}
    assert {'ValueError', 'StopIteration'} <= errors
    assert sum(isinstance(r, tuple) for r in cpu) > len(pairs) // 2


def test_host_jobs_equal_cpu_on_other_values_and_files():
    # Several files in one call (grouped per file), non-grid values, a
    # solver past a small work limit, and a function that did not compile.
    values = arcdsl.load_solvers(VALUES, strict=False)
    assert not values.issues
    limited = arcdsl.Solvers(VALUES, order='canonical', work_limit=20000,
                             strict=False)
    broken = arcdsl.load_solvers('def solve_a(I):\n    O = flipdiagonal(I)\n'
                                 '    return O\n', strict=False)
    examples = arcdsl.load_solvers(SOLVERS)
    pairs = []
    for g in (GRID, ((0,),), ((1, 1), (1, 0))):
        pairs += [(s, g) for s in values.values()]
        pairs += [(s, g) for s in limited.values()]
        pairs += [(broken['solve_a'], g), (examples['solve_67a3c6ac'], g)]
    cpu = arcdsl.run_many(pairs, backend='cpu', threads=2)
    jobs = arcdsl.run_many(pairs, backend='host-jobs', threads=2)
    assert kinds(jobs) == kinds(cpu)
    made = dict(zip([s.name for s in values.values()], cpu))
    assert isinstance(made['solve_f0000001'], frozenset)
    assert made['solve_f0000002'] == (2, 3)
    assert made['solve_f0000003'] == frozenset({1, 2, 3, 4, 5, 6})
    assert made['solve_f0000004'] is True
    assert isinstance(made['solve_f0000005'], arcdsl.Function)
    assert isinstance(made['solve_f0000006'][0], arcdsl.Function)
    assert any(isinstance(r, arcdsl.WorkLimitError) for r in cpu)
    assert any(isinstance(r, arcdsl.CompileError) for r in cpu)


def results_of(results):
    return {tid: (r.status, r.candidates, r.fit,
                  [(t.status, t.attempts, t.expected, t.solver,
                    {n: (type(e), str(e)) for n, e in t.errors.items()})
                   for t in r.tests])
            for tid, r in results.items()}


@pytest.mark.parametrize('order', ['python', 'canonical'])
def test_evaluate_host_jobs_equals_cpu(order, tasks):
    solvers = arcdsl.load_solvers(SOLVERS, order=order)
    cpu = arcdsl.evaluate(solvers, tasks, cross=True, progress=False,
                          backend='cpu')
    jobs = arcdsl.evaluate(solvers, tasks, cross=True, progress=False,
                           backend='host-jobs')
    assert results_of(jobs) == results_of(cpu)
    assert jobs.summary() == cpu.summary()
    assert cpu.summary()['pass'] > 0


def test_auto_and_gpu(tasks):
    solvers = arcdsl.load_solvers(SOLVERS)
    pairs = [(s, t['train'][0][0]) for s, t in zip(solvers.values(),
                                                   tasks.values())]
    cpu = arcdsl.run_many(pairs, backend='cpu')
    assert kinds(arcdsl.run_many(pairs)) == kinds(cpu)  # 'auto'
    name, why = arcdsl.gpu_status()
    if name is None:
        # No GPU (this machine): 'auto' ran on the CPU; 'gpu' says why not.
        assert why
        with pytest.raises(RuntimeError, match='GPU backend unavailable: '):
            arcdsl.run_many(pairs, backend='gpu')
        with pytest.raises(RuntimeError, match='GPU backend unavailable: '):
            arcdsl.evaluate(solvers, tasks, progress=False, backend='gpu')
    else:
        assert why in ('sm_75', 'sm_80', 'sm_89', 'sm_90')
        assert kinds(arcdsl.run_many(pairs, backend='gpu')) == kinds(cpu)
    assert arcdsl.run_many([], backend='host-jobs') == []


def test_a_bad_backend_is_refused():
    solvers = arcdsl.load_solvers(SOLVERS)
    with pytest.raises(ValueError, match="backend must be 'auto', 'cpu' or 'gpu'"):
        arcdsl.run_many([(solvers['solve_67a3c6ac'], GRID)], backend='tpu')
    with pytest.raises(ValueError, match="backend must be"):
        arcdsl.evaluate(solvers, TASKS, progress=False, backend=None)


def test_auto_takes_the_gpu_only_for_large_calls(monkeypatch):
    # With a GPU, 'auto' keeps small calls on the host's cores (faster there,
    # docs/python.md) and sends calls of AUTO_GPU_MIN_RUNS runs or more to it.
    from arcdsl import _solvers
    monkeypatch.setattr(_solvers, 'gpu_status', lambda: ('Fake GPU', 'sm_90'))
    n = _solvers.AUTO_GPU_MIN_RUNS
    assert _solvers._backend('auto', n - 1) == 'cpu'
    assert _solvers._backend('auto', n) == 'gpu'
    assert _solvers._backend('gpu', 1) == 'gpu'
    assert _solvers._backend('cpu', 10 * n) == 'cpu'
    monkeypatch.setattr(_solvers, 'gpu_status', lambda: (None, 'no driver'))
    assert _solvers._backend('auto', 10 * n) == 'cpu'
    with pytest.raises(RuntimeError, match='no driver'):
        _solvers._backend('gpu', 1)

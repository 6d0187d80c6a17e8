"""The reference DSL under CPython, loaded and timed for the bench scripts
(calibrate_work.py, fit_work_model.py).

load(refrun, dsl, solvers, tasks, stock) runs ../shared/tools/refrun.py's
loader without running any solver (`--only` with an id no solver has) and
returns (module of the solvers, tasks: id -> [(input, output)...]); with
stock=True its `--stock` set order. Nothing of dsl.py is copied here.

add_arguments(parser) adds the options that name them: --refrun,
--reference-dsl, --solvers, --tasks.

timed(f, grid, timeout) calls f(grid) under a SIGALRM limit and returns
(outcome, CPU seconds): outcome 'ok', 'timeout' or the exception's name;
timed_value also returns the value (None unless 'ok').

load_namespace() is load()'s refrun.py namespace itself (`enc`, refrun's
encoding of a value for comparison, is in it).
"""
import signal
import sys
import time


def add_arguments(ap):
    ap.add_argument('--refrun', required=True)
    ap.add_argument('--reference-dsl', required=True)
    ap.add_argument('--solvers', required=True)
    ap.add_argument('--tasks', required=True)


def load(refrun, dsl, solvers, tasks, stock=False):
    ns = load_namespace(refrun, dsl, solvers, tasks, stock)
    return ns['mod'], ns['tasks']


def load_namespace(refrun, dsl, solvers, tasks, stock=False):
    argv = sys.argv
    sys.argv = ['refrun.py', '--dsl', dsl, '--solvers', solvers, '--tasks',
                tasks, '--only=-none-'] + (['--stock'] if stock else [])
    ns = {'__name__': 'refrun', '__file__': refrun}
    try:
        with open(refrun) as fh:
            exec(compile(fh.read(), refrun, 'exec'), ns)
    finally:
        sys.argv = argv
    return ns


class Timeout(Exception):
    pass


_armed = [False]


def _alarm(*_):
    if _armed[0]:  # not once the call has returned
        _armed[0] = False
        raise Timeout()


def timed(f, grid, timeout):
    outcome, secs, _ = timed_value(f, grid, timeout)
    return outcome, secs


def timed_value(f, grid, timeout):
    signal.signal(signal.SIGALRM, _alarm)
    start = time.process_time()
    value = None
    try:
        try:
            _armed[0] = True
            signal.setitimer(signal.ITIMER_REAL, timeout)
            value = f(grid)
            outcome = 'ok'
        finally:
            _armed[0] = False
            signal.setitimer(signal.ITIMER_REAL, 0)
    except Timeout:  # also when it fired as the call returned
        outcome, value = 'timeout', None
    except Exception as e:  # noqa: BLE001 - a reference error is an outcome
        outcome, value = type(e).__name__, None
    return outcome, time.process_time() - start, value

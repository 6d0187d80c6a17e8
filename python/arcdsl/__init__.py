"""arcdsl: compiled ARC-DSL programs (solver files and batts), called from
Python. Solver files: see `load_solvers`, `run_many`, `evaluate` and
docs/python.md. Batts:

    import arcdsl
    program = arcdsl.compile('batt.py')        # CompileError on bad input
    o, s = program.run(S, I, C)                 # what batt(task_id, S, I, C, log_path) returns
    results = program.run_batch([(S, I, C), ...])   # many samples on all cores

A search loop like tokpidjin's run_batt.py switches with one line:
`batt = arcdsl.compile(path).batt` has the Python batt's signature.

Values are the Python batt's: ints, bools, None, tuples (grids are tuples
of tuples), frozensets, strings (the constant parts of the recorded
tuples). A function value comes back as an `arcdsl.Function` (its
qualified name, e.g. `rbind.<locals>.<lambda>`; equal by name). When the
batt raises, `run` raises the same Python exception (StopIteration,
ZeroDivisionError, ...; an `arcdsl.errors.<Name>`, subclass of the builtin
and of `RunError`; its `line` and `at` name the batt line that raised,
e.g. `t12` and `batt.py:57`, and so does its message), `WorkLimitError` for a
run past the bound (`timeout`: a call that stock CPython would not finish
within that many seconds, by the cost model's estimate), `CapacityError` for a
value past arcdsl's capacities, `SampleTimeout` for a run past `wall_timeout`
seconds and `SampleCrash` for a run that crashed (a bug in arcdsl: only
that sample is lost); `run_batch` puts such exception objects in its list
instead of raising.

Arguments are checked before anything runs: an int outside arcdsl's range
(|x| < 2**59) raises OverflowError, a value nested deeper than 32 levels
(or a container that holds itself) ValueError, another type TypeError;
arena_mb must be an int from 1 to 65536, timeout seconds > 0 and work_limit
(the bound in cost units, estimated CPython nanoseconds) a positive int
(ValueError).
"""
from . import _arcdsl
try:
    from ._version import __version__  # written into the wheel (make-wheel.py)
except ImportError:
    __version__ = 'dev'                 # a build tree
from . import _errors as errors
from ._errors import (CompileError, RunError, WorkLimitError, CapacityError,
                      SampleTimeout, SampleCrash, UnsupportedError, make_error)
from ._values import Function
from ._solvers import Solver, Solvers, _bound, gpu_status, load_solvers, \
    run_many
from ._evaluate import Results, TaskResult, TestResult, evaluate, \
    load_tasks, write_submission

__all__ = ['compile', 'Program', 'Function', 'CompileError', 'RunError',
           'WorkLimitError', 'CapacityError', 'SampleTimeout', 'SampleCrash',
           'UnsupportedError', 'errors', 'load_solvers', 'Solvers', 'Solver',
           'run_many', 'evaluate', 'load_tasks', 'Results', 'TaskResult',
           'TestResult', 'write_submission', 'gpu_status',
           'set_split_threads']


DEFAULT_WALL_TIMEOUT = _arcdsl.DEFAULT_WALL_TIMEOUT
DEFAULT_TIMEOUT = _arcdsl.DEFAULT_TIMEOUT  # solver runs, CPython seconds
BATT_TIMEOUT = _arcdsl.BATT_TIMEOUT  # a batt call, CPython seconds


def _error(name, detail='', line=None, at=None):
    if line is not None and not detail:
        detail = f'the batt raised {name} at line {line} ({at})'
    e = make_error(name, detail or f'the batt raised {name}')
    e.line, e.at = line, at
    return e


class Program:
    """A compiled batt file."""

    def __init__(self, path, dsl='', arena_mb=2048, work_limit=None,
                 order='python', timeout=None):
        # Checked here, so that a bad setting is not taken for a compile
        # error (the native constructor checks them too).
        if (isinstance(arena_mb, bool) or not isinstance(arena_mb, int)
                or not 1 <= arena_mb <= _arcdsl.MAX_ARENA_MB):
            raise ValueError(f'arcdsl: arena_mb must be an int from 1 to '
                             f'{_arcdsl.MAX_ARENA_MB} (MiB), not {arena_mb!r}')
        work_limit = _bound(work_limit, timeout, _arcdsl.BATT_TIMEOUT)
        try:
            self._p = _arcdsl.Program(
                str(path), dsl, arena_mb,
                work_limit, order)
        except ValueError as e:
            raise CompileError(str(e)) from None
        self.path = str(path)

    @property
    def warnings(self):
        """How many lines always fail or are typed only at run time."""
        return self._p.warnings

    def _unpack(self, r):
        if isinstance(r, str):
            return _error(r)
        if isinstance(r, dict):
            return _error(r['error'], line=r['line'], at=r['at'])
        return r[0] if len(r) == 1 else tuple(r)

    def run(self, S, I, C=None, wall_timeout=DEFAULT_WALL_TIMEOUT):
        """Run the batt once; returns what the Python batt returns."""
        r = self._unpack(
            self._p.run_batch_py([(S, I, C)], 1, Function, wall_timeout)[0])
        if isinstance(r, BaseException):
            raise r
        return r

    def batt(self, task_id, S, I, C, log_path=None):
        """The Python batt's signature (task_id and log_path are unused)."""
        return self.run(S, I, C)

    def run_batch(self, samples, threads=0, wall_timeout=DEFAULT_WALL_TIMEOUT):
        """Run many (S, I, C) samples at once on native threads; returns a
        list with, per sample, the batt's result or the exception it
        raised. A sample past `wall_timeout` seconds is a SampleTimeout, one
        that crashes a SampleCrash; the others' results are kept."""
        return [self._unpack(r) for r in
                self._p.run_batch_py(list(samples), threads, Function,
                                     wall_timeout)]


def set_split_threads(n):
    """Start `n` helper threads (0 stops them; the default) for the runs
    made one at a time on the calling thread: `program.run`, `solver(grid)`,
    `run_many`/`run_batch` with threads=1. A heavy sample's long loops
    (apply, sfilter, argmax ... over many costly elements) are then shared
    with the helpers, with the same result, work and errors as alone
    (docs/runtime.md). Runs on several threads (threads=0 or > 1) need no
    helpers: their idle threads help each other."""
    if isinstance(n, bool) or not isinstance(n, int) or not 0 <= n <= 256:
        raise ValueError(f'arcdsl: split threads must be an int from 0 to '
                         f'256, not {n!r}')
    _arcdsl.set_split_threads(n)


def compile(path, dsl='', arena_mb=2048, work_limit=None, order='python',
            timeout=None):
    """Compile the batt file at `path` (dsl: 'hodel', 'tokpidjin' or ''
    for the file's imports; order: 'python', stock CPython's set iteration
    order, the default, or 'canonical', ascending). timeout: a call that
    stock CPython would not finish within this many seconds (default 10,
    tokpidjin run_batt.py's per-call limit; estimated by the cost model, the
    same on every machine) is a WorkLimitError, as run_batt.py loses a call
    that times out; work_limit: that bound in cost units instead."""
    return Program(path, dsl, arena_mb, work_limit, order, timeout)

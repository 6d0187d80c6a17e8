"""Solver files: `load_solvers`, the `Solvers` collection, `Solver` and
`run_many` (docs/python.md)."""
import hashlib
import os
from collections.abc import Mapping

from . import _arcdsl
from ._errors import CompileError, make_error
from ._values import Function, check_grid

DEFAULT_WALL_TIMEOUT = _arcdsl.DEFAULT_WALL_TIMEOUT
#: The per-run arena arcdsl-run uses (MiB): the same capacities.
DEFAULT_ARENA_MB = 256
#: The largest solver file read (as arcdsl-run: 64 MiB).
MAX_SOURCE_BYTES = 64 << 20

# Compiled files of this process, by a hash of (source, options): a pool
# worker unpickling many solvers of one file compiles it once.
_CACHE = {}


def _bound(work_limit, timeout, default_seconds):
    """The per-sample bound in cost units (estimated CPython nanoseconds,
    docs/capacities.md): `timeout` seconds of stock CPython (default
    `default_seconds`) or a raw `work_limit`."""
    if timeout is not None:
        if work_limit is not None:
            raise ValueError('arcdsl: give timeout or work_limit, not both')
        if (isinstance(timeout, bool) or not isinstance(timeout, (int, float))
                or not 0 < timeout < 1e9):
            raise ValueError(f'arcdsl: timeout must be CPython seconds > 0, '
                             f'not {timeout!r}')
        return _arcdsl.work_limit_for(float(timeout))
    if work_limit is None:
        return _arcdsl.work_limit_for(default_seconds)
    if (isinstance(work_limit, bool) or not isinstance(work_limit, int)
            or not 1 <= work_limit < 2**63):
        raise ValueError(f'arcdsl: work_limit must be a positive int, '
                         f'not {work_limit!r}')
    return work_limit


def _check_options(order, arena_mb, work_limit, timeout=None):
    if order not in ('python', 'canonical'):
        raise ValueError(f"arcdsl: order must be 'python' or 'canonical', "
                         f'not {order!r}')
    if (isinstance(arena_mb, bool) or not isinstance(arena_mb, int)
            or not 1 <= arena_mb <= _arcdsl.MAX_ARENA_MB):
        raise ValueError(f'arcdsl: arena_mb must be an int from 1 to '
                         f'{_arcdsl.MAX_ARENA_MB} (MiB), not {arena_mb!r}')
    return _bound(work_limit, timeout, _arcdsl.DEFAULT_TIMEOUT)


def _compiled(source, filename, order):
    """The native SolverFile and its functions, compiled once per process
    for one (source, filename, order)."""
    key = hashlib.sha256('\0'.join((source, filename, order))
                         .encode('utf-8', 'surrogatepass')).hexdigest()
    hit = _CACHE.get(key)
    if hit is None:
        try:
            native = _arcdsl.SolverFile(source, filename, order)
        except ValueError as e:
            raise CompileError(str(e)) from None
        hit = _CACHE[key] = (native, native.functions())
    return hit


def clear_cache():
    """Forget this process's compiled files (their code stays mapped while
    a Solvers object of them lives)."""
    _CACHE.clear()


def _task_of(name):
    """The task id of `solve_<id>` / `solve_<id>_<anything>`, else None."""
    if not name.startswith('solve_') or len(name) == len('solve_'):
        return None
    return name[len('solve_'):].split('_', 1)[0]


def named_for(name, task_id):
    """Whether function `name` is named for task `task_id`: `solve_<id>` or
    `solve_<id>_<anything>` (a suffix after the underscore; as
    lib/Runtime/Submission.cpp's isNamedFor)."""
    head = 'solve_' + task_id
    return name == head or (name.startswith(head + '_') and len(name) > len(head) + 1)


class Solver:
    """One function of a compiled solver file: `solver(grid)` runs it."""
    __slots__ = ('solvers', 'name', 'index', 'issue')

    def __init__(self, solvers, name, index, issue):
        self.solvers = solvers  # the Solvers collection it belongs to
        self.name = name
        self.index = index      # in the native file's function list
        self.issue = issue      # None, or (kind, diagnostic) when it did not compile

    @property
    def task_id(self):
        """`abc` for `solve_abc` and `solve_abc_2`; None for other names."""
        return _task_of(self.name)

    @property
    def order(self):
        return self.solvers.order

    def __repr__(self):
        state = '' if self.issue is None else f' ({self.issue[0]})'
        return f'<arcdsl solver {self.name}{state}>'

    def run(self, grid, wall_timeout=DEFAULT_WALL_TIMEOUT):
        """The program's output on `grid` (a tuple of tuples for a grid);
        raises the run's error (a RunError, docs/python.md), CompileError
        when this solver did not compile."""
        # run_many([(self, grid)], threads=1, wall_timeout=wall_timeout)[0], its
        # checks and its CPU call without the rest of its bookkeeping (a
        # call's fixed cost: bench/python_call_overhead.py).
        grid = check_grid(grid)
        _check_wall_timeout(wall_timeout)
        if self.issue is not None:
            raise CompileError(self.issue[1])
        s = self.solvers
        err, value = _arcdsl.run_many([(s._native, self.index, grid)], 1,
                                      s.arena_mb, s.work_limit,
                                      float(wall_timeout), Function)[0]
        if err is not None:
            raise make_error(err)
        return value

    __call__ = run

    def __reduce__(self):
        return (_restore_solver, self.solvers._state() + (self.name,))


def _restore_solver(*state):
    return _restore_solvers(*state[:-1])[state[-1]]


class Solvers(Mapping):
    """A compiled solver file: name -> Solver, in file order (every
    function that takes one argument; `issues` lists those that did not
    compile, `helpers` those that are not solvers)."""

    def __init__(self, source, filename='<string>', order='python',
                 arena_mb=DEFAULT_ARENA_MB, work_limit=None, strict=True,
                 timeout=None):
        self.work_limit = _check_options(order, arena_mb, work_limit, timeout)
        self.source, self.filename, self.order = source, filename, order
        self.arena_mb, self.strict = arena_mb, strict
        self._native, functions = _compiled(source, filename, order)
        self._solvers = {}
        self.issues = {}
        self.helpers = []
        for index, (name, kind, detail) in enumerate(functions):
            if kind == 'not-a-solver':
                self.helpers.append(name)
                continue
            issue = (kind, detail) if kind else None
            if issue:
                self.issues[name] = issue
                if strict:
                    raise CompileError(detail)
            self._solvers[name] = Solver(self, name, index, issue)

    def __getitem__(self, name):
        return self._solvers[name]

    def __iter__(self):
        return iter(self._solvers)

    def __len__(self):
        return len(self._solvers)

    def __repr__(self):
        return (f'<arcdsl solvers {self.filename}: {len(self)} functions, '
                f'{len(self.issues)} not compiled>')

    def named_for(self, task_id):
        """The solvers named for `task_id`, in file order."""
        return [s for s in self._solvers.values() if named_for(s.name, task_id)]

    def _state(self):
        return (self.source, self.filename, self.order, self.arena_mb,
                self.work_limit, self.strict)

    def __reduce__(self):
        return (_restore_solvers, self._state())


def _restore_solvers(*state):
    return Solvers(*state)


def load_solvers(path_or_source, order='python', arena_mb=DEFAULT_ARENA_MB,
                 work_limit=None, strict=True, timeout=None):
    """Compile a solver file: a path (str or os.PathLike) or the source text
    itself (a str holding a newline). strict: a function that does not
    compile raises CompileError (its FILE:line:col diagnostic); with
    strict=False it stays in the collection, `issues` says why, and running
    it gives CompileError. timeout: a run that stock CPython would not
    finish within this many seconds (default 1; estimated, the same on
    every machine) is a WorkLimitError; work_limit: that bound in cost
    units instead."""
    if isinstance(path_or_source, os.PathLike) or (
            isinstance(path_or_source, str) and '\n' not in path_or_source):
        path = os.fspath(path_or_source)
        if not os.path.isfile(path):
            raise FileNotFoundError(f'arcdsl: no solver file {path!r}')
        if os.path.getsize(path) > MAX_SOURCE_BYTES:
            raise ValueError(f'arcdsl: {path} is larger than '
                             f'{MAX_SOURCE_BYTES >> 20} MiB')
        with open(path, encoding='utf-8', errors='surrogateescape') as f:
            source, filename = f.read(), path
    elif isinstance(path_or_source, str):
        source, filename = path_or_source, '<string>'
    else:
        raise TypeError(f'arcdsl: load_solvers takes a path or source text, '
                        f'not {type(path_or_source).__name__}')
    return Solvers(source, filename, order, arena_mb, work_limit, strict,
                   timeout)


#: run_many's backends: 'auto' (the GPU when the CUDA driver finds one,
#: else the CPU), 'cpu', 'gpu' (RuntimeError when there is none). The test
#: hook 'host-jobs' runs the GPU path without a GPU: runJobsOnGpu with no
#: device runs every sample on host threads through the same jobs and
#: results (docs/python.md).
BACKENDS = ('auto', 'cpu', 'gpu', 'host-jobs')


def gpu_status():
    """(device name, chip) of the GPU run_many would use, or (None, why
    there is none). The device is opened once per process."""
    name, chip, why = _arcdsl.gpu_status()
    return (name, chip) if name is not None else (None, why)


# backend='auto' takes the GPU for this many runs or more. Below it the
# host's cores finish first: on the H200 machine (16 cores) 6,318 runs took
# 0.21 s on the CPU and 0.44 s on the GPU, bundle compile and load included
# (docs/install.md); the bundle alone costs seconds for a large file.
AUTO_GPU_MIN_RUNS = 100_000


def _backend(backend, runs):
    """'cpu', 'gpu' or 'host-jobs' for a run_many backend argument, for a
    call of `runs` runs."""
    if backend not in BACKENDS:
        raise ValueError(f"arcdsl: backend must be 'auto', 'cpu' or 'gpu', "
                         f'not {backend!r}')
    if backend in ('cpu', 'host-jobs'):
        return backend
    if backend == 'auto' and runs < AUTO_GPU_MIN_RUNS:
        return 'cpu'
    name, why = gpu_status()
    if name is not None:
        return 'gpu'
    if backend == 'gpu':
        raise RuntimeError(f'arcdsl: GPU backend unavailable: {why}')
    return 'cpu'


def _check_wall_timeout(wall_timeout):
    if not isinstance(wall_timeout, (int, float)) or isinstance(wall_timeout, bool) \
            or wall_timeout < 0:
        raise ValueError(f'arcdsl: wall_timeout must be seconds >= 0, not {wall_timeout!r}')


def run_many(pairs, threads=0, wall_timeout=DEFAULT_WALL_TIMEOUT, progress=None,
             backend='auto'):
    """Run many (solver, grid) pairs on native threads (0: one per core),
    the GIL released; returns per pair, in order, the output or the error
    object (a RunError, or CompileError for a solver that did not compile)
    instead of raising it. `progress(done, total)`, when given, is called as
    chunks of pairs finish (the runs then go in chunks). backend: 'auto'
    (the GPU when one is usable and the call has AUTO_GPU_MIN_RUNS runs or
    more, else the CPU), 'cpu' or 'gpu' (its heavy
    samples still run on the CPU's threads); the outputs do not depend on
    it."""
    pairs = list(pairs)
    if (isinstance(threads, bool) or not isinstance(threads, int)
            or threads < 0):
        raise ValueError(f'arcdsl: threads must be an int >= 0, not {threads!r}')
    _check_wall_timeout(wall_timeout)
    backend = _backend(backend, len(pairs))
    out = [None] * len(pairs)
    groups = {}  # (arena, work limit) -> [(position, sample)]
    for k, pair in enumerate(pairs):
        if not (isinstance(pair, tuple) and len(pair) == 2
                and isinstance(pair[0], Solver)):
            raise TypeError(f'arcdsl: run_many takes (solver, grid) pairs; '
                            f'pair {k} is {type(pair).__name__}')
        solver, grid = pair
        grid = check_grid(grid, f'pair {k}')
        if solver.issue is not None:
            out[k] = CompileError(solver.issue[1])
            continue
        s = solver.solvers
        groups.setdefault((s.arena_mb, s.work_limit), []).append(
            (k, (s._native, solver.index, grid)))
    total = sum(len(g) for g in groups.values())
    done = 0
    # With progress, chunks of about 1% (at least 64 runs a thread): the
    # threads start once per chunk and wait for its slowest run.
    cores = threads or os.cpu_count() or 1
    chunk = total if progress is None else max(64 * cores, total // 100)
    for (arena_mb, work_limit), samples in groups.items():
        for at in range(0, len(samples), chunk):
            part = samples[at:at + chunk]
            args = ([s for _, s in part], threads, arena_mb, work_limit,
                    float(wall_timeout), Function)
            if backend == 'cpu':
                results = _arcdsl.run_many(*args)
            else:  # the GPU runtime's jobs (host-jobs: with no device)
                results = _arcdsl.run_jobs(*args, backend == 'gpu')
            for (k, _), (err, value) in zip(part, results):
                out[k] = value if err is None else make_error(err)
            done += len(part)
            if progress is not None:
                progress(done, total)
    return out

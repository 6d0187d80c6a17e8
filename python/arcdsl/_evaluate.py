"""Scoring solvers on ARC tasks and writing Kaggle submissions:
`load_tasks`, `evaluate`, `Results`, `write_submission` (docs/python.md
states the rule)."""
import json
import os
import sys
import time
from collections.abc import Mapping

from ._errors import CompileError
from ._solvers import DEFAULT_WALL_TIMEOUT, Solver, Solvers, _backend, \
    named_for, run_many
from ._values import check_grid, is_grid

#: The largest task file read (as arcdsl-run's task files: 4 MiB); a
#: combined challenges or solutions file may be up to 256 MiB.
MAX_TASK_FILE_BYTES = 4 << 20
MAX_COMBINED_BYTES = 256 << 20


def _read_json(path, cap):
    if not os.path.isfile(path):
        raise FileNotFoundError(f'arcdsl: no file {path!r}')
    if os.path.getsize(path) > cap:
        raise ValueError(f'arcdsl: {path} is larger than {cap >> 20} MiB')
    with open(path, encoding='utf-8-sig') as f:
        try:
            return json.load(f)
        except json.JSONDecodeError as e:
            raise ValueError(f'arcdsl: {path}:{e.lineno}:{e.colno}: {e.msg}') from None


def _arc_grid(g, what):
    """An ARC grid of a task: rectangular, 1..30 x 1..30, colours 0..9."""
    try:
        g = check_grid(g, what)
    except TypeError as e:
        raise ValueError(str(e)) from None
    if not 1 <= len(g) <= 30 or not 1 <= len(g[0]) <= 30:
        raise ValueError(f'arcdsl: {what}: {len(g)}x{len(g[0]) if g else 0}, '
                         f'not 1..30 x 1..30')
    if any(not 0 <= x <= 9 for row in g for x in row):
        raise ValueError(f'arcdsl: {what}: a colour outside 0..9')
    return g


def _task(tid, t, where):
    """{'train': [(in, out)], 'test': [(in, out or None)]} from a task's JSON."""
    if not (isinstance(t, dict) and isinstance(t.get('train'), list)
            and isinstance(t.get('test'), list)):
        raise ValueError(f'arcdsl: {where}: task {tid} needs "train" and '
                         f'"test" lists')
    task = {'train': [], 'test': []}
    for part in ('train', 'test'):
        for k, pair in enumerate(t[part]):
            what = f'{where}: task {tid} {part}[{k}]'
            if not isinstance(pair, dict) or 'input' not in pair:
                raise ValueError(f'arcdsl: {what} has no "input"')
            if part == 'train' and 'output' not in pair:
                raise ValueError(f'arcdsl: {what} has no "output"')
            out = pair.get('output')
            task[part].append((_arc_grid(pair['input'], what + '.input'),
                               None if out is None else
                               _arc_grid(out, what + '.output')))
    return task


def _is_task(j):
    return isinstance(j, dict) and 'train' in j and 'test' in j


def load_tasks(tasks, solutions=None):
    """Tasks as {id: {'train': [(input, output)], 'test': [(input, output
    or None)]}} (grids as tuples of tuples), sorted by id, from: a
    directory of <id>.json task files, one task file, a combined
    {id: task} file (Kaggle's arc-agi_*_challenges.json), or such a dict.
    Test outputs missing from the tasks come from `solutions` ({id: [grid
    per test input]}, a dict or a file), by default from the sibling of a
    `*_challenges*.json` file named with `_solutions` instead, if any."""
    if isinstance(tasks, dict):
        raw, where = tasks, '<dict>'
    else:
        path = os.fspath(tasks)
        where = path
        if os.path.isdir(path):
            raw = {}
            for name in sorted(os.listdir(path)):
                if name.endswith('.json'):
                    raw[name[:-5]] = _read_json(os.path.join(path, name),
                                                MAX_TASK_FILE_BYTES)
        else:
            j = _read_json(path, MAX_COMBINED_BYTES)
            if _is_task(j):
                raw = {os.path.splitext(os.path.basename(path))[0]: j}
            elif isinstance(j, dict):
                raw = j
                base = os.path.basename(path)
                if solutions is None and '_challenges' in base:
                    sibling = os.path.join(os.path.dirname(path),
                                           base.replace('_challenges', '_solutions'))
                    if os.path.isfile(sibling):
                        solutions = sibling
            else:
                raise ValueError(f'arcdsl: {path} is neither a task nor a '
                                 f'{{id: task}} object')
    out = {tid: _task(tid, raw[tid], where) for tid in sorted(raw)}
    if solutions is not None:
        if not isinstance(solutions, dict):
            solutions = _read_json(os.fspath(solutions), MAX_COMBINED_BYTES)
        for tid, grids in solutions.items():
            if tid not in out:
                continue
            tests = out[tid]['test']
            if not isinstance(grids, list) or len(grids) != len(tests):
                raise ValueError(f'arcdsl: solutions of task {tid}: '
                                 f'{len(tests)} grids expected')
            for k, g in enumerate(grids):
                if tests[k][1] is None:
                    tests[k] = (tests[k][0],
                                _arc_grid(g, f'solutions: task {tid} test[{k}]'))
    return out


class TestResult:
    """One test input: `status` pass / fail / error / predicted, the two
    `attempts`, `expected` (None when unknown), `solver` (whose output is
    attempt_1; None when no solver gave a grid), `errors` (solver name ->
    error object, on this input, of the solvers whose output could be an
    attempt: those that fit and those named for the task)."""
    __test__ = False  # not a pytest class
    __slots__ = ('status', 'attempts', 'expected', 'solver', 'errors')

    def __init__(self, status, attempts, expected, solver, errors):
        self.status, self.attempts, self.expected = status, attempts, expected
        self.solver, self.errors = solver, errors

    def __repr__(self):
        return f'<TestResult {self.status} by {self.solver}>'


class TaskResult:
    """A task's `status` (fail if a test fails, else error if one errs, else
    predicted if one is unchecked, else pass), its `tests`, the
    `candidates` (solver names, in order) and those that `fit` its train
    pairs."""
    __slots__ = ('task_id', 'status', 'tests', 'candidates', 'fit')

    def __init__(self, task_id, tests, candidates, fit):
        self.task_id, self.tests = task_id, tests
        self.candidates, self.fit = candidates, fit
        st = {t.status for t in tests}
        self.status = ('fail' if 'fail' in st else 'error' if 'error' in st
                       or not tests else 'predicted' if 'predicted' in st
                       else 'pass')

    def __repr__(self):
        return f'<TaskResult {self.task_id} {self.status}>'


class Results(Mapping):
    """task id -> TaskResult, sorted by id."""

    def __init__(self, tasks, results):
        self.tasks = tasks
        self._results = results

    def __getitem__(self, tid):
        return self._results[tid]

    def __iter__(self):
        return iter(self._results)

    def __len__(self):
        return len(self._results)

    def summary(self):
        """Counts of test inputs: `checked` (an expected output known) =
        `pass` + `fail` + `error`; `unchecked` (no expected output: never a
        pass); `tasks` and `tasks_passed` (every test input checked and
        passed)."""
        s = dict(tasks=len(self), tasks_passed=0, checked=0, unchecked=0,
                 **{'pass': 0, 'fail': 0, 'error': 0})
        for r in self._results.values():
            s['tasks_passed'] += r.status == 'pass'
            for t in r.tests:
                if t.expected is None:
                    s['unchecked'] += 1
                else:
                    s['checked'] += 1
                    s[t.status] += 1
        return s

    def submission(self):
        """Kaggle's submission: {id: [{"attempt_1": grid, "attempt_2": grid}
        per test input]} (grids as lists of lists), ids sorted."""
        return {tid: [{'attempt_1': [list(r) for r in t.attempts[0]],
                       'attempt_2': [list(r) for r in t.attempts[1]]}
                      for t in self._results[tid].tests]
                for tid in sorted(self._results)}

    def write_submission(self, path):
        write_submission(self, path)

    def write_html(self, path, title='arcdsl report'):
        """arcdsl-run --html's page of these results (_report.py)."""
        from ._report import write_html
        write_html(self, path, title)

    def show(self, which=('fail', 'error', 'predicted'), color=None, file=None):
        """arcdsl-run --show's grids for the test inputs whose status is in
        `which` (color: auto, always, never)."""
        from ._report import show
        show(self, which, color, file)

    def _repr_html_(self):
        from ._report import repr_html
        return repr_html(self)


def write_submission(results, path):
    """Write `results.submission()` as one line of compact JSON and a
    newline (Kaggle's submission.json)."""
    text = json.dumps(results.submission(), separators=(',', ':')) + '\n'
    with open(os.fspath(path), 'w') as f:
        f.write(text)


class _Bar:
    """A progress line on stderr: units (runs, tasks) done, rate, ETA."""

    def __init__(self, stream, unit='runs'):
        self.stream, self.t0, self.last = stream, time.monotonic(), 0.0
        self.unit = unit

    def __call__(self, done, total):
        now = time.monotonic()
        if done < total and now - self.last < 0.1:
            return
        self.last = now
        rate = done / max(now - self.t0, 1e-9)
        eta = (total - done) / rate if rate > 0 else 0
        width = 30
        fill = width * done // max(total, 1)
        self.stream.write(f'\rarcdsl: [{"#" * fill}{"." * (width - fill)}] '
                          f'{done}/{total} {self.unit}, {rate:.0f} {self.unit}/s, '
                          f'ETA {int(eta) // 60}:{int(eta) % 60:02d} ')
        if done >= total:
            self.stream.write('\n')
        self.stream.flush()


def _progress(progress, unit='runs'):
    if progress is None:
        isatty = getattr(sys.stderr, 'isatty', None)
        return _Bar(sys.stderr, unit) if isatty and isatty() else None
    if progress is False:
        return None
    if progress is True:
        return _Bar(sys.stderr, unit)
    if callable(progress):
        return progress
    raise TypeError('arcdsl: progress must be None, a bool or a callable')


def _solver_list(solvers):
    if isinstance(solvers, Solvers):
        solvers = list(solvers.values())
    else:
        solvers = list(solvers)
        if not all(isinstance(s, Solver) for s in solvers):
            raise TypeError('arcdsl: evaluate takes a Solvers collection or '
                            'Solver objects')
    # Only solve_* functions are candidates (as arcdsl-run).
    return [s for s in solvers if s.name.startswith('solve_')]


def _first_two(grids):
    out = []
    for g in grids:
        if g not in out:
            out.append(g)
            if len(out) == 2:
                break
    return out


_BATCH_RUNS = 20000


def _run_part(tasks, batch, solvers_of, part, threads, wall_timeout, backend):
    """{(task id, solver name, k): output} of each task's solvers
    (`solvers_of(tid)`) on the inputs of its `part` ('train' or 'test')."""
    pairs, where = [], []
    for tid in batch:
        for s in solvers_of(tid):
            for k, (grid, _) in enumerate(tasks[tid][part]):
                pairs.append((s, grid))
                where.append((tid, s.name, k))
    return dict(zip(where, run_many(pairs, threads, wall_timeout, backend=backend)))


def _evaluate_batch(tasks, cands, batch, threads, wall_timeout, backend):
    """Results of the tasks `batch` (ids): the train runs of every
    candidate, then the test runs of those that fit or are named."""
    out = _run_part(tasks, batch, lambda tid: cands[tid][1], 'train',
                    threads, wall_timeout, backend)
    fits = {}
    for tid in batch:
        train = tasks[tid]['train']
        fits[tid] = [s for s in cands[tid][1] if all(
            not isinstance(out[tid, s.name, k], BaseException)
            and out[tid, s.name, k] == train[k][1] for k in range(len(train)))]
    out = _run_part(tasks, batch, lambda tid: fits[tid] + [
        s for s in cands[tid][0] if s not in fits[tid]], 'test',
        threads, wall_timeout, backend)
    results = {}
    for tid in batch:
        named, cand = cands[tid]
        fit = fits[tid]
        shown = fit + [s for s in named if s not in fit]
        tests = []
        for j, (grid, expected) in enumerate(tasks[tid]['test']):
            values = {s.name: out[tid, s.name, j] for s in shown}
            made = [values[s.name] for s in shown if is_grid(values[s.name])]
            first = _first_two(made)
            attempts = _first_two(first + [grid])
            attempts = attempts + attempts[:1] if len(attempts) == 1 else attempts
            errors = {n: v for n, v in values.items()
                      if isinstance(v, BaseException)}
            solver = next((s.name for s in shown
                           if values[s.name] == attempts[0]
                           and is_grid(values[s.name])), None)
            if not made and shown:
                status = 'error'
            elif expected is None:
                status = 'predicted'
            else:
                status = 'pass' if expected in first else 'fail'
            tests.append(TestResult(status, attempts, expected, solver, errors))
        results[tid] = TaskResult(tid, tests, [s.name for s in cand],
                                  [s.name for s in fit])
    return results


def evaluate(solvers, tasks, cross=False, progress=None, solutions=None,
             threads=0, wall_timeout=DEFAULT_WALL_TIMEOUT, backend='auto'):
    """Run the solvers on the tasks (`load_tasks`' forms; `solutions` as
    there) and pick two attempts per test input (docs/python.md's rule):
    the solvers named for each task, and with cross=True every other
    solver after them. Returns Results. progress: None shows a bar on
    stderr when it is a terminal, True always, False never, or a callable
    (done, total). backend: as run_many's ('auto', 'cpu' or 'gpu'),
    chosen once for the whole evaluation."""
    solvers = _solver_list(solvers)
    chosen = _backend(backend, 0)  # a bad value, or 'gpu' without one, fails now
    if not (isinstance(tasks, dict) and all(
            isinstance(t, dict) and all(
                isinstance(t.get(part), list)
                and all(isinstance(p, tuple) and len(p) == 2 for p in t[part])
                for part in ('train', 'test'))
            for t in tasks.values())):
        tasks = load_tasks(tasks, solutions)
    elif solutions is not None:
        raise ValueError('arcdsl: solutions= goes with a task file, not with '
                         'loaded tasks')
    cands = {}
    for tid in tasks:
        named = [s for s in solvers if named_for(s.name, tid)]
        cands[tid] = (named, named + ([s for s in solvers if s not in named]
                                      if cross else []))
    if backend == 'auto':  # by the train runs, which are most of them
        chosen = _backend('auto', sum(len(cands[tid][1]) * len(tasks[tid]['train'])
                                      for tid in tasks))
    backend = chosen
    # Tasks go in batches of about _BATCH_RUNS train runs, so that memory
    # stays bounded (a cross run of 400 solvers on 400 tasks is 700,000
    # runs); within a batch, the test inputs run only for the solvers whose
    # outputs can be attempts (fitting ones, and those named for the task).
    bar = _progress(progress, 'tasks')
    results, batch, runs = {}, [], 0
    for n, (tid, task) in enumerate(tasks.items(), 1):
        batch.append(tid)
        runs += len(cands[tid][1]) * len(task['train'])
        if runs >= _BATCH_RUNS or n == len(tasks):
            results.update(_evaluate_batch(tasks, cands, batch, threads, wall_timeout,
                                           backend))
            batch, runs = [], 0
            if bar:
                bar(n, len(tasks))
    return Results(tasks, results)

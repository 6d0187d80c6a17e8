"""Seeing evaluate()'s results: the page and the terminal grids of
arcdsl-run's --html and --show, drawn by the same renderer
(lib/Runtime/Report.cpp, through the module).

    results = arcdsl.evaluate(solvers, tasks)
    results.write_html('report.html')   # one self-contained page
    results                             # in a notebook: that page, inline
    results.show()                      # tests not passed, in ARC's colours
"""
import html
import json
import os
import sys

from . import _arcdsl
from ._solvers import named_for


def _grid_json(g):
    return json.dumps([list(r) for r in g], separators=(',', ':'))


def _task_json(task):
    def pair(p):
        d = {'input': [list(r) for r in p[0]]}
        if p[1] is not None:
            d['output'] = [list(r) for r in p[1]]
        return d
    return json.dumps({'train': [pair(p) for p in task['train']],
                       'test': [pair(p) for p in task['test']]},
                      separators=(',', ':'))


def _runs(result):
    """(solver, status, detail, fits) of the candidates whose outputs could
    be attempts: those that fit the train pairs, then those named for the
    task that do not (with the errors they raised on test inputs)."""
    errors = {}
    for j, t in enumerate(result.tests):
        for name, err in t.errors.items():
            errors.setdefault(name, []).append(f'{type(err).__name__} on test {j}')
    rows = [(name, result.status, '; '.join(errors.get(name, [])), True)
            for name in result.fit]
    for name in result.candidates:
        if name in result.fit or not named_for(name, result.task_id):
            continue
        raised = errors.get(name)
        rows.append((name, 'error' if raised else 'fail',
                     'does not fit the train pairs'
                     + ('; raised ' + ', '.join(raised) if raised else ''), False))
    return rows


def summary_line(results):
    s = results.summary()
    return (f"{s['pass']} passed, {s['fail']} failed, {s['error']} errors, "
            f"{s['unchecked']} predicted (not checked) of "
            f"{s['checked'] + s['unchecked']} test inputs in {s['tasks']} tasks")


def render_html(results, title='arcdsl report'):
    rows = []
    for tid, r in results.items():
        attempts = [(_grid_json(t.attempts[0]), _grid_json(t.attempts[1]))
                    for t in r.tests]
        rows.append((tid, _task_json(results.tasks[tid]), attempts, _runs(r)))
    return _arcdsl.render_html(title, summary_line(results), rows)


def write_html(results, path, title='arcdsl report'):
    """Write the page; the file is replaced whole (a temporary beside it)."""
    text = render_html(results, title)
    tmp = f'{path}.tmp{os.getpid()}'
    with open(tmp, 'w', encoding='utf-8') as f:
        f.write(text)
    os.replace(tmp, path)


def repr_html(results):
    """The page in an iframe (its style stays inside), for notebooks."""
    return ('<iframe style="width:100%;height:640px;border:1px solid #ccc" '
            f'srcdoc="{html.escape(render_html(results), quote=True)}"></iframe>')


def _color(color, stream):
    if color in ('plain', '256', 'truecolor'):
        return color
    if color not in (None, 'auto', 'always', 'never'):
        raise ValueError(f"arcdsl: color must be 'auto', 'always' or 'never', "
                         f"not {color!r}")
    if color == 'never' or (color in (None, 'auto') and os.environ.get('NO_COLOR')):
        return 'plain'
    if color in (None, 'auto'):
        isatty = getattr(stream, 'isatty', None)
        notebook = 'ipykernel' in sys.modules
        if not (notebook or (isatty and isatty())):
            return 'plain'
    depth = os.environ.get('COLORTERM', '')
    return 'truecolor' if depth in ('truecolor', '24bit') else '256'


def show(results, which=('fail', 'error', 'predicted'), color=None, file=None):
    """Print, for each test input whose status is in `which`, its input,
    expected output (when known) and the two attempts side by side."""
    file = sys.stdout if file is None else file
    mode = _color(color, file)
    for tid, r in results.items():
        for j, t in enumerate(r.tests):
            if t.status not in which:
                continue
            grids = [('input', _grid_json(results.tasks[tid]['test'][j][0]))]
            if t.expected is not None:
                grids.append(('expected', _grid_json(t.expected)))
            grids += [(f'attempt {k + 1}', _grid_json(a))
                      for k, a in enumerate(t.attempts)]
            errs = ', '.join(f'{n}: {type(e).__name__}' for n, e in t.errors.items())
            file.write(f'{tid} test {j}: {t.status}'
                       + (f' ({t.solver})' if t.solver else '')
                       + (f'; {errs}' if errs else '') + '\n')
            file.write(_arcdsl.render_grids_text(grids, mode))
    file.flush()

"""Results.write_html / _repr_html_ / show: arcdsl-run's renderer
(lib/Runtime/Report.cpp) driven from Python, checked on the examples."""
import io
import os
import re

import arcdsl

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TASKS = os.path.join(ROOT, 'examples', 'tasks')
RAISING = '''from dsl import *

def solve_67a3c6ac(I):
    x1 = divide(ONE, ZERO)
    return x1
'''


def stock_results():
    solvers = arcdsl.load_solvers(os.path.join(ROOT, 'examples', 'solvers.py'))
    return arcdsl.evaluate(solvers, TASKS, progress=False)


def section(page, tid):
    m = re.search(r'<section class="task" id="task-%s".*?</section>' % tid, page, re.S)
    assert m, tid
    return m.group(0)


def test_html_page(tmp_path):
    r = stock_results()
    path = tmp_path / 'report.html'
    r.write_html(path, title='examples')
    page = path.read_text(encoding='utf-8')
    assert page.startswith('<!DOCTYPE html>') and '<title>examples</title>' in page
    # One section per task, its status the evaluation's.
    ids = re.findall(r'<section class="task" id="task-([0-9a-f]{8})" '
                     r'data-status="(\w+)"', page)
    assert [i for i, _ in ids] == sorted(os.path.splitext(f)[0]
                                         for f in os.listdir(TASKS) if f.endswith('.json'))
    assert dict(ids) == {tid: tr.status for tid, tr in r.items()}
    # 60b61512 fails under the python order (test/arcdsl-run/examples.test):
    # its attempts are marked wrong with a cell count, its solver does not fit.
    s = section(page, '60b61512')
    assert 'attempt 1 (wrong)' in s and re.search(r'\d+ cells? differ', s)
    assert 'solve_60b61512' in s and 'does not fit the train pairs' in s
    s = section(page, '67a3c6ac')
    assert 'attempt 1 (right)' in s and 'fits the train pairs' in s
    assert '1 failed' in page and '80 passed' in page
    # Self-contained: no external resource.
    assert not re.search(r'(src|href)="(https?:)?//', page)


def test_html_names_the_error(tmp_path):
    solvers = arcdsl.load_solvers(RAISING)
    r = arcdsl.evaluate(solvers, os.path.join(TASKS, '67a3c6ac.json'), progress=False)
    assert r['67a3c6ac'].status == 'error'
    r.write_html(tmp_path / 'e.html')
    s = section((tmp_path / 'e.html').read_text(encoding='utf-8'), '67a3c6ac')
    assert 'data-status="error"' in s
    assert 'raised ZeroDivisionError on test 0' in s


def test_notebook_html_is_an_iframe():
    r = stock_results()
    h = r._repr_html_()
    assert h.startswith('<iframe') and h.endswith('</iframe>')
    assert 'srcdoc="&lt;!DOCTYPE html&gt;' in h and '<section' not in h


def test_show_plain_and_colour():
    r = stock_results()
    out = io.StringIO()  # not a terminal: digits, no escape sequences
    r.show(file=out)
    text = out.getvalue()
    assert '\033' not in text
    assert text.startswith('60b61512 test 0: fail (solve_60b61512)\n')
    assert text.count(' test ') == 1  # only the one failed test input
    grid = r.tasks['60b61512']['test'][0][0]
    # The input's rows, as digits, start the grid lines.
    lines = text.splitlines()[2:2 + len(grid)]
    assert [l.split()[:len(grid[0])] for l in lines] == \
        [[str(c) for c in row] for row in grid]
    out = io.StringIO()
    r.show(color='always', file=out)
    assert '\033[48;5;' in out.getvalue() or '\033[48;2;' in out.getvalue()
    out = io.StringIO()
    r.show(which=('pass',), color='never', file=out)
    assert out.getvalue().count(': pass') == r.summary()['pass']

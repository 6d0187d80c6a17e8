"""The solver-file API (load_solvers, Solver, run_many, evaluate,
write_submission; docs/python.md), pytest.

Expected values: the task files' own outputs (examples/solvers.py solves
every task of examples/tasks under the canonical order), the reference
DSL on stock CPython (shared/tools/refrun.py --stock, noted where used),
and grids transformed by hand below (vmirror/hmirror/rot180 as list
operations, not through arcdsl).
"""
import json
import multiprocessing
import os
import pickle
import random
import re
import subprocess

import pytest

import arcdsl
from arcdsl import _solvers

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SOLVERS = os.path.join(ROOT, 'examples', 'solvers.py')
TASKS = os.path.join(ROOT, 'examples', 'tasks')
GRID = ((1, 2, 3), (4, 5, 6))


def grid(g):
    return tuple(tuple(r) for r in g)


def task(tid):
    with open(os.path.join(TASKS, tid + '.json')) as f:
        return json.load(f)


def task_ids():
    return sorted(n[:-5] for n in os.listdir(TASKS) if n.endswith('.json'))


def vmirror(g):
    return tuple(tuple(reversed(r)) for r in g)


def hmirror(g):
    return tuple(reversed(grid(g)))


def rot180(g):
    return hmirror(vmirror(g))


# Each raises in the reference (refrun.py --stock: IndexError,
# ZeroDivisionError, ValueError, StopIteration on every input).
RAISING = '''from dsl import *
from constants import *


def solve_e0000001(I):
    x1 = crop(I, ORIGIN, ORIGIN)
    O = index(x1, ORIGIN)
    return O


def solve_e0000002(I):
    x1 = divide(ONE, ZERO)
    O = canvas(x1, UNITY)
    return O


def solve_e0000003(I):
    x1 = ofcolor(I, TEN)
    O = argmax(x1, first)
    return O


def solve_e0000004(I):
    x1 = ofcolor(I, TEN)
    O = first(x1)
    return O
'''
RAISES = {'solve_e0000001': IndexError, 'solve_e0000002': ZeroDivisionError,
          'solve_e0000003': ValueError, 'solve_e0000004': StopIteration}

# solve_60b61512's test output on stock CPython (refrun.py --stock): the
# set order of stock CPython makes it fail its task (train and test).
STOCK_60B61512 = ((0, 0, 0, 0, 0, 0, 0, 0, 0), (0, 0, 7, 7, 7, 0, 0, 0, 0),
                  (0, 0, 7, 4, 7, 0, 0, 0, 0), (0, 0, 7, 7, 7, 0, 0, 0, 0),
                  (0, 0, 0, 0, 0, 0, 0, 0, 0), (0, 0, 0, 0, 0, 0, 0, 0, 0),
                  (0, 0, 0, 0, 0, 7, 7, 7, 0), (0, 0, 0, 0, 0, 7, 4, 7, 0),
                  (0, 0, 0, 0, 0, 7, 7, 7, 0))


@pytest.fixture(scope='module')
def canonical():
    return arcdsl.load_solvers(SOLVERS, order='canonical')


@pytest.fixture(scope='module')
def stock():
    return arcdsl.load_solvers(SOLVERS)


def test_solvers_are_the_files_functions_in_file_order(stock):
    with open(SOLVERS) as f:
        defs = re.findall(r'^def (\w+)\(', f.read(), re.M)
    assert list(stock) == defs and len(defs) == 78
    s = stock['solve_67a3c6ac']
    assert (s.name, s.task_id, s.order) == ('solve_67a3c6ac', '67a3c6ac', 'python')
    assert stock.named_for('67a3c6ac') == [s]
    # From the source text itself: the same functions, the same outputs.
    with open(SOLVERS) as f:
        again = arcdsl.load_solvers(f.read())
    assert list(again) == defs
    assert again['solve_67a3c6ac'](GRID) == vmirror(GRID)


def test_outputs_are_the_task_files_outputs(canonical, stock):
    n = 0
    for tid in task_ids():
        t = task(tid)
        for p in t['train'] + t['test']:
            out = canonical['solve_' + tid](p['input'])
            assert out == grid(p['output']), tid
            assert type(out) is tuple and type(out[0]) is tuple
            if tid != '60b61512':
                assert stock['solve_' + tid].run(grid(p['input'])) == grid(p['output'])
            n += 1
    assert n > 250
    t = task('60b61512')
    assert stock['solve_60b61512'](t['test'][0]['input']) == STOCK_60B61512
    assert STOCK_60B61512 != grid(t['test'][0]['output'])


def test_a_python_exception_of_the_reference_is_raised(tmp_path):
    s = arcdsl.load_solvers(RAISING)
    for name, exc in RAISES.items():
        with pytest.raises(exc) as info:
            s[name](GRID)
        assert isinstance(info.value, arcdsl.RunError)
        assert info.value.name == exc.__name__
        assert type(info.value) is getattr(arcdsl.errors, exc.__name__)
    out = arcdsl.run_many([(s[n], GRID) for n in RAISES] + [(s['solve_e0000001'], ())])
    assert [type(e).__mro__[2] for e in out[:4]] == list(RAISES.values())
    assert isinstance(out[4], IndexError)  # index of an empty grid too


def test_compile_errors_carry_the_diagnostic(tmp_path):
    with pytest.raises(arcdsl.CompileError,
                       match=r"unknown_prim.py:7:10: unknown primitive 'flipdiagonal'"):
        arcdsl.load_solvers(os.path.join(ROOT, 'examples', 'bad', 'unknown_prim.py'))
    with pytest.raises(arcdsl.CompileError, match=r"syntax_error.py:8:5: expected '\)'"):
        arcdsl.load_solvers(os.path.join(ROOT, 'examples', 'bad', 'syntax_error.py'))
    src = 'def solve_a(I):\n    O = vmirror(I)\n    return O\n\n' \
          'def solve_b(I):\n    O = flipdiagonal(I)\n    return O\n'
    with pytest.raises(arcdsl.CompileError, match=r"<string>:6:9: unknown primitive"):
        arcdsl.load_solvers(src)
    # strict=False: the others run; the broken one is a CompileError.
    s = arcdsl.load_solvers(src, strict=False)
    assert list(s) == ['solve_a', 'solve_b'] and list(s.issues) == ['solve_b']
    assert s['solve_a'](GRID) == vmirror(GRID)
    with pytest.raises(arcdsl.CompileError, match='unknown primitive'):
        s['solve_b'](GRID)
    out = arcdsl.run_many([(s['solve_b'], GRID), (s['solve_a'], GRID)])
    assert isinstance(out[0], arcdsl.CompileError) and out[1] == vmirror(GRID)
    with pytest.raises(FileNotFoundError):
        arcdsl.load_solvers(str(tmp_path / 'missing.py'))
    with pytest.raises(ValueError, match="order must be 'python' or 'canonical'"):
        arcdsl.load_solvers(src, order='sorted')


def test_run_many_equals_one_by_one(canonical, stock):
    pairs = []
    for tid in task_ids():
        t = task(tid)
        for p in t['train'] + t['test']:
            pairs.append((canonical['solve_' + tid], grid(p['input'])))
            pairs.append((stock['solve_' + tid], grid(p['input'])))
    raising = arcdsl.load_solvers(RAISING)
    pairs += [(raising[n], GRID) for n in RAISES]
    random.Random(15).shuffle(pairs)
    many = arcdsl.run_many(pairs, threads=2)
    assert len(many) == len(pairs)
    for (solver, g), r in zip(pairs, many):
        if isinstance(r, BaseException):
            with pytest.raises(type(r)):
                solver(g)
        else:
            assert solver(g) == r
    assert sum(isinstance(r, arcdsl.RunError) for r in many) == len(RAISES)
    assert arcdsl.run_many([]) == []


@pytest.mark.parametrize('bad, exc, match', [
    (((1, 2), (3,)), ValueError, 'not rectangular'),
    ('not a grid', TypeError, 'must be a tuple or list'),
    ((1, 2), TypeError, 'row 0 must be a tuple or list'),
    (((1, 2.0),), TypeError, r'cell \[0\]\[1\] must be an int, not float'),
    (((True, 0),), TypeError, 'must be an int, not bool'),
    (((2**62,),), OverflowError, "out of arcdsl's int range"),
])
def test_bad_grids_are_refused(stock, bad, exc, match):
    with pytest.raises(exc, match=match):
        stock['solve_67a3c6ac'](bad)
    with pytest.raises(exc, match=match):
        arcdsl.run_many([(stock['solve_67a3c6ac'], GRID), (stock['solve_67a3c6ac'], bad)])


def test_lists_and_other_ints_are_grids(stock):
    s = stock['solve_67a3c6ac']
    assert s([[1, 2, 3], [4, 5, 6]]) == vmirror(GRID)
    assert s(((10, -3),)) == ((-3, 10),)  # any int, as the DSL's Python
    with pytest.raises(TypeError, match=r'\(solver, grid\) pairs'):
        arcdsl.run_many([GRID])


def _run_with_cache_size(solver, g):
    return solver.run(g), len(_solvers._CACHE)


def _run_many_in_child(pairs):
    return arcdsl.run_many(pairs, threads=1)


@pytest.mark.parametrize('method', ['spawn', 'fork'])
def test_pickled_solvers_run_in_a_pool(canonical, method):
    pairs = []
    for tid in task_ids()[:12]:
        for p in task(tid)['train']:
            pairs.append((canonical['solve_' + tid], grid(p['input'])))
    direct = arcdsl.run_many(pairs)
    again = pickle.loads(pickle.dumps(pairs))
    assert again[0][0].order == 'canonical' and again[0][0].name == pairs[0][0].name
    assert arcdsl.run_many(again) == direct
    raising = arcdsl.load_solvers(RAISING)
    ctx = multiprocessing.get_context(method)
    with ctx.Pool(2) as pool:
        out = pool.starmap(_run_with_cache_size, pairs, chunksize=4)
        errors = pool.apply(_run_many_in_child, ([(raising[n], GRID) for n in RAISES],))
    assert [o for o, _ in out] == direct
    if method == 'spawn':  # a fresh worker compiled the file once
        assert {size for _, size in out} == {1}
    assert [type(e) for e in errors] == [getattr(arcdsl.errors, e.__name__)
                                         for e in RAISES.values()]


def _combined(tmp, tids, with_solutions, name='arc-agi_test'):
    """Kaggle's files from examples/tasks: challenges without test outputs
    and, optionally, the solutions beside them."""
    challenges, solutions = {}, {}
    for tid in tids:
        t = task(tid)
        challenges[tid] = {'train': t['train'],
                           'test': [{'input': p['input']} for p in t['test']]}
        solutions[tid] = [p['output'] for p in t['test']]
    path = tmp / f'{name}_challenges.json'
    path.write_text(json.dumps(challenges))
    if with_solutions:
        (tmp / f'{name}_solutions.json').write_text(json.dumps(solutions))
    return path, solutions


def test_evaluate_a_directory_and_a_task_file(canonical, stock):
    r = arcdsl.evaluate(canonical, TASKS, progress=False)
    n_tests = sum(len(task(t)['test']) for t in task_ids())
    assert list(r) == task_ids()
    assert r.summary() == {'tasks': 78, 'tasks_passed': 78, 'checked': n_tests,
                           'unchecked': 0, 'pass': n_tests, 'fail': 0, 'error': 0}
    r = arcdsl.evaluate(stock, TASKS, progress=False)
    assert r['60b61512'].status == 'fail' and r['60b61512'].fit == []
    assert r.summary()['pass'] == n_tests - 1
    one = arcdsl.evaluate(stock, os.path.join(TASKS, '67a3c6ac.json'), progress=False)
    assert list(one) == ['67a3c6ac'] and one['67a3c6ac'].status == 'pass'
    assert one['67a3c6ac'].tests[0].solver == 'solve_67a3c6ac'


def test_evaluate_a_task_no_solver_is_named_for(canonical):
    # 67a3c6ac's pairs under another id: no candidate (not cross), so the
    # attempts are the test input twice, a fail when checked (the input is
    # not the output), predicted when not; never an error.
    t = task('67a3c6ac')
    pairs = lambda part: [(grid(p['input']), grid(p['output'])) for p in t[part]]
    tasks = {'00000000': {'train': pairs('train'), 'test': pairs('test')}}
    r = arcdsl.evaluate(canonical, tasks, progress=False)['00000000']
    assert r.candidates == [] and r.status == 'fail'
    assert r.tests[0].attempts == [pairs('test')[0][0]] * 2
    tasks['00000000']['test'] = [(g, None) for g, _ in pairs('test')]
    r = arcdsl.evaluate(canonical, tasks, progress=False)['00000000']
    assert r.status == 'predicted' and r.tests[0].errors == {}
    # With cross, solve_67a3c6ac fits and gives the answer.
    r = arcdsl.evaluate(canonical, tasks, cross=True, progress=False)['00000000']
    assert r.fit == ['solve_67a3c6ac']
    assert r.tests[0].attempts[0] == pairs('test')[0][1]


def test_evaluate_kaggle_files(tmp_path, canonical):
    tids = task_ids()[:20]
    path, solutions = _combined(tmp_path, tids, with_solutions=True)
    r = arcdsl.evaluate(canonical, path, progress=False)  # solutions found beside
    n = sum(len(v) for v in solutions.values())
    assert r.summary()['checked'] == n and r.summary()['pass'] == n
    assert all(t.status == 'pass' and t.expected == grid(solutions[tid][k])
               for tid in tids for k, t in enumerate(r[tid].tests))
    # Without solutions: predicted, never pass, nothing checked.
    alone = tmp_path / 'alone'
    alone.mkdir()
    path2, _ = _combined(alone, tids, with_solutions=False)
    r2 = arcdsl.evaluate(canonical, path2, progress=False)
    assert {t.status for tr in r2.values() for t in tr.tests} == {'predicted'}
    assert {tr.status for tr in r2.values()} == {'predicted'}
    s = r2.summary()
    assert (s['checked'], s['pass'], s['unchecked'], s['tasks_passed']) == (0, 0, n, 0)
    assert r2.submission() == r.submission()
    # An explicit solutions file of another name; a wrong one fails.
    other = tmp_path / 'answers.json'
    other.write_text(json.dumps(solutions))
    r3 = arcdsl.evaluate(canonical, path2, solutions=other, progress=False)
    assert r3.summary() == r.summary()
    wrong = {tid: [[[0]]] * len(v) for tid, v in solutions.items()}
    r4 = arcdsl.evaluate(canonical, path2, solutions=wrong, progress=False)
    assert r4.summary()['fail'] == n and r4.summary()['pass'] == 0
    # A dict of tasks.
    r5 = arcdsl.evaluate(canonical, json.loads(path2.read_text()),
                         solutions=solutions, progress=False)
    assert r5.summary() == r.summary()


SUBMISSION_SOLVERS = '''from dsl import *
from constants import *


def solve_67a3c6ac_h(I):
    O = hmirror(I)
    return O


def solve_67a3c6ac(I):
    O = vmirror(I)
    return O


def solve_68b16354_err(I):
    x1 = divide(ONE, ZERO)
    O = canvas(x1, UNITY)
    return O


def solve_68b16354(I):
    O = hmirror(I)
    return O


def solve_zzzzzzzz(I):
    O = rot180(I)
    return O
'''


def test_submission_follows_the_rule(tmp_path):
    s = arcdsl.load_solvers(SUBMISSION_SOLVERS)
    tids = ['3c9b0459', '67a3c6ac', '68b16354']  # rot180, vmirror, hmirror
    tasks = {t: task(t) for t in reversed(tids)}
    x = {t: grid(tasks[t]['test'][0]['input']) for t in tids}
    # The rule's cases are told apart only where these grids differ.
    for g in x.values():
        assert len({g, vmirror(g), hmirror(g), rot180(g)}) == 4
    for cross in (False, True):
        r = arcdsl.evaluate(s, tasks, cross=cross, progress=False)
        path = tmp_path / f'submission-{cross}.json'
        r.write_submission(path)
        text = path.read_text()
        assert text.endswith('}\n') and text.count('\n') == 1
        assert ': ' not in text and ', ' not in text
        sub = json.loads(text)
        assert list(sub) == sorted(tids)
        assert text == json.dumps(sub, separators=(',', ':')) + '\n'

        def att(g1, g2):
            return [{'attempt_1': [list(r) for r in g1],
                     'attempt_2': [list(r) for r in g2]}]
        # vmirror fits; the non-fitting solve_67a3c6ac_h gives attempt_2.
        assert sub['67a3c6ac'] == att(vmirror(x['67a3c6ac']), hmirror(x['67a3c6ac']))
        # hmirror fits; the raising one gives nothing: the input is attempt_2.
        assert sub['68b16354'] == att(hmirror(x['68b16354']), x['68b16354'])
        if cross:  # solve_zzzzzzzz fits rot180's task
            assert sub['3c9b0459'] == att(rot180(x['3c9b0459']), x['3c9b0459'])
            assert r['3c9b0459'].fit == ['solve_zzzzzzzz']
            assert r['3c9b0459'].status == 'pass'
        else:  # no solver is named for it: the input, twice; checked, so a fail
            assert sub['3c9b0459'] == att(x['3c9b0459'], x['3c9b0459'])
            assert r['3c9b0459'].status == 'fail'
        assert r['67a3c6ac'].fit == ['solve_67a3c6ac']
        assert r['68b16354'].candidates[:2] == ['solve_68b16354_err', 'solve_68b16354']
        assert isinstance(r['68b16354'].tests[0].errors['solve_68b16354_err'],
                          ZeroDivisionError)
        assert [r[t].tests[0].status for t in tids[1:]] == ['pass', 'pass']
    arcdsl.write_submission(r, tmp_path / 'again.json')
    assert (tmp_path / 'again.json').read_text() == path.read_text()


def test_two_fitting_solvers_give_both_attempts():
    # Two fitting solvers (vmirror, and vmirror three times) give the same
    # grid, which counts once: attempt_2 is the non-fitting named one's.
    src = SUBMISSION_SOLVERS + '''

def solve_67a3c6ac_v(I):
    x1 = vmirror(I)
    x2 = vmirror(x1)
    O = vmirror(x2)
    return O
'''
    s = arcdsl.load_solvers(src)
    r = arcdsl.evaluate(s, {'67a3c6ac': task('67a3c6ac')}, progress=False)
    x = grid(task('67a3c6ac')['test'][0]['input'])
    assert r['67a3c6ac'].fit == ['solve_67a3c6ac', 'solve_67a3c6ac_v']
    assert r['67a3c6ac'].tests[0].attempts == [vmirror(x), hmirror(x)]


def test_progress(capsys, canonical):
    seen = []
    arcdsl.evaluate(canonical, TASKS, progress=lambda d, t: seen.append((d, t)))
    # evaluate counts tasks (78 in examples/tasks), in batches.
    assert seen and seen[-1] == (78, 78)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)
    arcdsl.evaluate(canonical, TASKS, progress=None)  # stderr is no terminal here
    arcdsl.evaluate(canonical, TASKS, progress=False)
    assert capsys.readouterr().err == ''
    arcdsl.evaluate(canonical, TASKS, progress=True)
    err = capsys.readouterr().err
    assert err.startswith('\r') and 'tasks/s' in err and 'ETA' in err and err.endswith('\n')


def test_submission_equals_arcdsl_run(tmp_path):
    # The rule has two implementations (this package and
    # lib/Runtime/Submission.cpp behind arcdsl-run --submission): the files
    # must be the same bytes, with the rule's cases and on the examples.
    from arcdsl._cli import tool_path
    run = tool_path('arcdsl-run')
    assert run, 'arcdsl-run beside the package (build/bin or arcdsl/bin)'
    rule = tmp_path / 'rule.py'
    rule.write_text(SUBMISSION_SOLVERS)
    tids = ['3c9b0459', '67a3c6ac', '68b16354']
    path, _ = _combined(tmp_path, tids, with_solutions=True)
    cases = [(rule, path, cross) for cross in (False, True)]
    cases.append((os.path.join(ROOT, 'examples', 'solvers.py'), TASKS, False))
    for k, (solvers, tasks, cross) in enumerate(cases):
        mine, theirs = tmp_path / f'api-{k}.json', tmp_path / f'cli-{k}.json'
        arcdsl.evaluate(arcdsl.load_solvers(str(solvers)), str(tasks),
                        cross=cross, progress=False).write_submission(mine)
        subprocess.run([run, '--solvers', str(solvers), '--tasks', str(tasks),
                        '--backend', 'cpu', '-q', '--submission', str(theirs)]
                       + (['--cross'] if cross else []),
                       check=False, capture_output=True)
        assert theirs.read_bytes() == mine.read_bytes(), (solvers, tasks, cross)

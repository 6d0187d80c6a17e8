"""The installed wheel's Python side (run by scripts/test-wheel.sh, in its
virtual environment, with LLVM/MLIR hidden): examples/kaggle.py on Kaggle's
combined files made from examples/tasks, checked against the task files.

    python wheel-smoke.py REPO_ROOT
"""
import json
import os
import subprocess
import sys
import tempfile

root = sys.argv[1]
tasks_dir = os.path.join(root, 'examples', 'tasks')
work = tempfile.mkdtemp(prefix='arcdsl-smoke.')
challenges, solutions = {}, {}
for f in sorted(f for f in os.listdir(tasks_dir) if f.endswith('.json')):
    task = json.load(open(os.path.join(tasks_dir, f)))
    tid = f[:-5]
    challenges[tid] = {'train': task['train'],
                       'test': [{'input': t['input']} for t in task['test']]}
    solutions[tid] = [t['output'] for t in task['test']]
total = sum(map(len, solutions.values()))
chal = os.path.join(work, 'arc-agi_evaluation_challenges.json')
json.dump(challenges, open(chal, 'w'))
json.dump(solutions, open(chal.replace('_challenges', '_solutions'), 'w'))

batt = os.path.join(root, 'test', 'arcdsl-batt', 'Inputs', 'tok-card.py')
solvers = os.path.join(root, 'examples', 'solvers.py')
out = subprocess.run([sys.executable, os.path.join(root, 'examples', 'kaggle.py'),
                      solvers, chal, batt], cwd=work, capture_output=True,
                     text=True, check=True).stdout
print(out, end='')
sub = json.load(open(os.path.join(work, 'submission.json')))
assert sorted(sub) == sorted(challenges), 'every task in the submission'
for tid, attempts in sub.items():
    assert len(attempts) == len(solutions[tid])
    for a in attempts:
        assert set(a) == {'attempt_1', 'attempt_2'}
# Every solver of examples/solvers.py solves its task, but 60b61512 under
# stock CPython's set order (test/arcdsl-run/examples.test says why).
expected = total - len(solutions['60b61512'])
assert f'score: {expected}/{total} test outputs' in out, (expected, total)
runs = sum(len(t['test']) for t in challenges.values())
assert f'batt: {runs} runs' in out

# The console script writes the same file (the rule's C++ implementation).
cli = os.path.join(os.path.dirname(sys.executable), 'arcdsl-run')
subprocess.run([cli, '--solvers', solvers, '--tasks', chal, '-q',
                '--submission', os.path.join(work, 'cli.json')],
               capture_output=True, check=False)
assert open(os.path.join(work, 'cli.json'), 'rb').read() == \
    open(os.path.join(work, 'submission.json'), 'rb').read(), 'arcdsl-run --submission'

# The hidden test set: no solutions file, nothing counts as passed.
os.remove(chal.replace('_challenges', '_solutions'))
out = subprocess.run([sys.executable, os.path.join(root, 'examples', 'kaggle.py'),
                      solvers, chal], cwd=work, capture_output=True, text=True,
                     check=True).stdout
assert "'pass': 0" in out and f"'unchecked': {total}" in out and 'score' not in out, out
print(f'wheel-smoke: submission checked ({expected}/{total}), the same from '
      f'arcdsl-run --submission; '
      f'without solutions all {total} test outputs unchecked')

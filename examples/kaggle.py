"""The Kaggle route (docs/install.md): solvers -> submission.json -> score,
then a batt, with nothing but the installed wheel.

    python kaggle.py SOLVERS.py arc-agi_evaluation_challenges.json [BATT.py] [--cross]

The score needs the `_solutions` file beside the challenges (Kaggle's
evaluation set has one; the hidden test set has none and is not scored).
"""
import json, os, sys, arcdsl

args = [a for a in sys.argv[1:] if a != '--cross']
solvers = arcdsl.load_solvers(args[0], strict=False)          # compile every solve_<id>
results = arcdsl.evaluate(solvers, args[1], cross='--cross' in sys.argv)
results.write_submission('submission.json')                   # two attempts per test input
print('summary:', results.summary())
solutions = args[1].replace('_challenges', '_solutions')
if os.path.exists(solutions):
    sub, sol = json.load(open('submission.json')), json.load(open(solutions))
    hits = sum(out in (a['attempt_1'], a['attempt_2'])
               for t in sol for a, out in zip(sub[t], sol[t]))
    print(f'score: {hits}/{sum(map(len, sol.values()))} test outputs')
if len(args) > 2:                                               # a batt over every test input
    batt, tasks = arcdsl.compile(args[2]), arcdsl.load_tasks(args[1])
    samples = [(tuple(t['train']), i, None) for t in tasks.values() for i, _ in t['test']]
    runs = batt.run_batch(samples)
    print(f'batt: {len(runs)} runs, {sum(isinstance(r, Exception) for r in runs)} raised')

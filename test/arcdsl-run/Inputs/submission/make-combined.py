"""Write Kaggle-style combined files from task files:
make-combined.py OUTDIR TASK.json...  ->  OUTDIR/arc-agi_test_challenges.json
(test outputs removed) and OUTDIR/arc-agi_test_solutions.json, plus a task
00000000 of 1x1 grids (train [[1]] -> [[2]], test [[3]], solution [[2]])."""
import json
import os
import sys

out, paths = sys.argv[1], sys.argv[2:]
os.makedirs(out, exist_ok=True)
challenges, solutions = {}, {}
for p in paths:
    t = json.load(open(p))
    tid = os.path.basename(p)[:-5]
    challenges[tid] = {"train": t["train"],
                       "test": [{"input": x["input"]} for x in t["test"]]}
    solutions[tid] = [x["output"] for x in t["test"]]
challenges["00000000"] = {"train": [{"input": [[1]], "output": [[2]]}],
                          "test": [{"input": [[3]]}]}
solutions["00000000"] = [[[2]]]
json.dump(challenges, open(os.path.join(out, "arc-agi_test_challenges.json"), "w"))
json.dump(solutions, open(os.path.join(out, "arc-agi_test_solutions.json"), "w"))

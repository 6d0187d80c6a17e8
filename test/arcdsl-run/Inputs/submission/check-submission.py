"""check-submission.py SUBMISSION CHALLENGES [cross]: checks the format
(one line, compact, sorted ids, every task) and the attempts against values
computed here from the task's grids (docs/submission.md)."""
import json
import sys

text = open(sys.argv[1]).read()
challenges = json.load(open(sys.argv[2]))
cross = len(sys.argv) > 3
assert text.endswith("\n") and text.count("\n") == 1, "one line"
assert " " not in text, "compact"
sub = json.loads(text)
assert list(sub) == sorted(challenges), list(sub)

def vmirror(g): return [row[::-1] for row in g]
def hmirror(g): return g[::-1]
def rot90(g): return [list(r) for r in zip(*g[::-1])]

t1 = challenges["67a3c6ac"]["test"][0]["input"]
t2 = challenges["68b16354"]["test"][0]["input"]
t3 = challenges["00000000"]["test"][0]["input"]
want = {
    # the fitting vmirror, then the named non-fitting hmirror
    "67a3c6ac": [(vmirror(t1), hmirror(t1))],
    # own: no candidate fits: the named rot90, then the input; with
    # --cross, solve_67a3c6ac_other (hmirror) fits it and comes first
    "68b16354": [(hmirror(t2), rot90(t2)) if cross else (rot90(t2), t2)],
    # its only candidate raised: the input twice
    "00000000": [(t3, t3)],
}
for tid, attempts in want.items():
    got = [(a["attempt_1"], a["attempt_2"]) for a in sub[tid]]
    assert got == attempts, (tid, got, attempts)
print("submission ok:", ", ".join(f"{t}: {len(sub[t])}" for t in sub))

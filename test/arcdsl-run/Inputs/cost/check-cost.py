"""The cost a run charges is the cost model applied to what a profiling run
of the same samples counted: CostModel.def's per-sample constant, plus per
entry calls x call weight and raw units x unit weight (entries without a
row cost what "other" costs).

usage: check-cost.py CostModel.def RUN.jsonl PROFILE.jsonl
Prints how many samples finished in both runs and how many differ.
"""
import json
import re
import sys

table = {}
for line in open(sys.argv[1]):
    m = re.match(r'ARCDSL_COST\((\w+), (\d+), (\d+)\)', line)
    if m:
        table[m.group(1)] = (int(m.group(2)), int(m.group(3)))
const = table.pop('const')[0]


def key(r):
    return (r['solver'], r['task'], r['index'])


run = {key(r): r for r in map(json.loads, open(sys.argv[2]))}
same = differ = 0
for p in map(json.loads, open(sys.argv[3])):
    r = run[key(p)]
    if r['status'] != 'ok' or p['status'] != 'ok':
        continue
    want = const
    for name, (calls, units) in p['prims'].items():
        c, u = table.get(name, table['other'])
        want += calls * c + units * u
    if want == r['work']:
        same += 1
    else:
        differ += 1
        print('differs:', key(p), r['work'], want)
print(f'{same + differ} samples, {differ} differ')

#!/usr/bin/env python3
"""Relate arcdsl's per-sample work to CPython seconds of the reference.

Since the cost model (include/ArcDsl/Primitives/Cost.h) a sample's "work"
is already estimated CPython nanoseconds; this script checks that estimate
against measured times band by band (for raw element operations, give it
an `arcdsl-run --profile-prims` outputs file; bench/fit_work_model.py fits
the model itself). It was written when the bound was in element
operations (`--work-limit`); the issue's contract is that a sample the CPython reference
finishes within 2 s must finish in arcdsl too. This script takes an
`arcdsl-run --outputs` file (one JSON line per sample, with "work"), picks
the heaviest samples plus a spread of lighter ones, times each in CPython
under the reference semantics (`../shared/tools/refrun.py`'s ordering
patches, loaded from that file, nothing of dsl.py copied) and prints, per
work band, how long CPython takes, and the largest work of any sample that
CPython finishes within the limit.

usage: calibrate_work.py --refrun ../shared/tools/refrun.py --reference-dsl DIR
         --solvers solvers.py --tasks DIR --outputs OUT.jsonl [--top N]
         [--spread N] [--timeout S] [--json REPORT]
"""
import argparse, json, os, random, sys, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import reftime  # noqa: E402

ap = argparse.ArgumentParser()
reftime.add_arguments(ap)
ap.add_argument('--outputs', required=True)
ap.add_argument('--top', type=int, default=300)
ap.add_argument('--spread', type=int, default=200)
ap.add_argument('--timeout', type=float, default=2.0)
ap.add_argument('--json')
opt = ap.parse_args()

samples = []
with open(opt.outputs) as fh:
    for line in fh:
        d = json.loads(line)
        samples.append((d['work'], d['solver'], d['task'], d['index'], d['status']))
samples.sort(reverse=True)
picked = samples[:opt.top]
rng = random.Random(1)
rest = samples[opt.top:]
picked += rng.sample(rest, min(opt.spread, len(rest)))

# The reference with refrun.py's ordering patches.
mod, tasks = reftime.load(opt.refrun, opt.reference_dsl, opt.solvers, opt.tasks)
rows = []
t0 = time.time()
for n, (work, solver, task, index, status) in enumerate(picked):
    f = getattr(mod, solver)
    grid = tasks[task][index][0]
    outcome, secs = reftime.timed(f, grid, opt.timeout)
    rows.append({'work': work, 'solver': solver, 'task': task, 'index': index,
                 'arcdsl': status, 'cpython': outcome, 'seconds': secs})
    if (n + 1) % 50 == 0:
        print(f'[{n + 1}/{len(picked)}] {time.time() - t0:.0f} s', file=sys.stderr)

finished = [r for r in rows if r['cpython'] != 'timeout']
timedout = [r for r in rows if r['cpython'] == 'timeout']
print(f'{len(rows)} samples timed; {len(timedout)} exceed {opt.timeout} s in CPython')
bands = [0, 10**4, 10**5, 10**6, 3 * 10**6, 10**7, 3 * 10**7, 10**12]
print(f'{"work band":>22} {"n":>5} {"median s":>9} {"max s":>7} {"timeouts":>8} {"units/s":>10}')
for lo, hi in zip(bands, bands[1:]):
    b = [r for r in rows if lo <= r['work'] < hi]
    if not b:
        continue
    s = sorted(r['seconds'] for r in b)
    fin = [r for r in b if r['cpython'] != 'timeout' and r['seconds'] > 0]
    rate = sorted(r['work'] / r['seconds'] for r in fin)
    print(f'{lo:>10}-{hi:<11} {len(b):>5} {s[len(s) // 2]:>9.3f} {s[-1]:>7.2f} '
          f'{len(b) - len(fin):>8} {rate[len(rate) // 2] if rate else 0:>10.0f}')
if finished:
    w = max(finished, key=lambda r: r['work'])
    print(f'largest work finished by CPython within {opt.timeout} s: {w["work"]} '
          f'({w["solver"]} on {w["task"]}[{w["index"]}], {w["seconds"]:.2f} s)')
if timedout:
    w = min(timedout, key=lambda r: r['work'])
    print(f'smallest work timed out in CPython: {w["work"]} '
          f'({w["solver"]} on {w["task"]}[{w["index"]}])')
if opt.json:
    with open(opt.json, 'w') as fh:
        json.dump(rows, fh, indent=1)

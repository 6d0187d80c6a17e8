#!/usr/bin/env python3
"""Fit a cost model that predicts a sample's stock-CPython time from what
arcdsl counted while running it (issue 17, item 1).

Input: an `arcdsl-run --cross --profile-prims --outputs` file: per sample,
how often each primitive entry ran and the work units charged inside it
("prims", lib/Runtime/PrimProfile.h). The script

  1. picks samples: the heaviest by work, a random spread of the rest and
     (--per-decade) as many from each decade of work;
  2. times each in stock CPython (the reference DSL, refrun.py --stock's
     loader; nothing of dsl.py is copied), repeating short ones until
     `--min-seconds` of CPU time, with a `--timeout` per run;
  3. fits, on even-numbered samples, non-negative weights: CPython seconds =
     per-sample constant + sum over primitives of (calls x a_p + work x b_p),
     minimising the squared relative error, each decade of CPython time
     weighing the same (coordinate descent, no numpy);
  4. reports on the odd-numbered samples how many predictions are within 2x
     of the measured time (the issue's bar: 90 %), per work band, and how
     many of CPython's timeouts the model puts above 1 s.

usage: fit_work_model.py --refrun ../shared/tools/refrun.py --reference-dsl DIR
         --solvers solvers.py --tasks DIR --profile OUT.jsonl
         [--top N] [--spread N] [--per-decade N] [--timeout S] [--timings CACHE.json]
         [--json MODEL.json] [--emit-def CostModel.def]
With --emit-def, the model in integer nanoseconds (what the runtime
charges, include/ArcDsl/Primitives/Cost.h) is written as the library's
CostModel.def, and its accuracy and what a bound of 2 x S seconds would
stop are reported. With --timings, measured times are read from (and new ones added to) CACHE,
so a second fit does not time again.
"""
import argparse
import json
import math
import os
import random
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import reftime  # noqa: E402

ap = argparse.ArgumentParser()
reftime.add_arguments(ap)
ap.add_argument('--profile', required=True)
ap.add_argument('--top', type=int, default=150)
ap.add_argument('--spread', type=int, default=1350)
ap.add_argument('--per-decade', type=int, default=0,
                help='also N random samples from each decade of work '
                     '(1-10, 10-100, ...), so heavy samples are not rare')
ap.add_argument('--timeout', type=float, default=2.0)
ap.add_argument('--min-seconds', type=float, default=0.005)
ap.add_argument('--min-samples', type=int, default=8,
                help='a primitive seen in fewer training samples shares '
                     'the weights of "other"')
ap.add_argument('--min-call-ns', type=float, default=50.0,
                help='the least a call of a primitive costs (default 50 ns)')
ap.add_argument('--timings')
ap.add_argument('--json')
ap.add_argument('--emit-def', metavar='FILE',
                help='write the model as include/ArcDsl/Primitives/'
                     'CostModel.def (integer nanoseconds)')
opt = ap.parse_args()

# 1. The samples and their counts.
samples = []
with open(opt.profile) as fh:
    for line in fh:
        d = json.loads(line)
        if 'prims' not in d:
            sys.exit('fit_work_model: error: no "prims" in ' + opt.profile +
                     ' (run arcdsl-run with --profile-prims)')
        samples.append(d)
samples.sort(key=lambda d: -d['work'])
rng = random.Random(17)


def key(d):
    return f"{d['solver']} {d['task']} {d['index']}"


picked = samples[:opt.top] + rng.sample(samples[opt.top:],
                                        min(opt.spread, len(samples) - opt.top))
if opt.per_decade:
    chosen = {key(d) for d in picked}
    lo = 1
    while lo <= samples[0]['work']:
        band = [d for d in samples[opt.top:]
                if lo <= d['work'] < lo * 10 and key(d) not in chosen]
        extra = rng.sample(band, min(opt.per_decade, len(band)))
        picked += extra
        chosen.update(key(d) for d in extra)
        lo *= 10

# 2. CPython times (cached).
cache = {}
if opt.timings:
    try:
        with open(opt.timings) as fh:
            cache = json.load(fh)
    except FileNotFoundError:
        pass
todo = [d for d in picked if key(d) not in cache]
if todo:
    mod, tasks = reftime.load(opt.refrun, opt.reference_dsl, opt.solvers,
                              opt.tasks, stock=True)

    def run_once(f, grid):
        return reftime.timed(f, grid, opt.timeout)

    t0 = time.time()
    for n, d in enumerate(todo):
        f = getattr(mod, d['solver'])
        grid = tasks[d['task']][d['index']][0]
        outcome, secs = run_once(f, grid)
        runs = 1
        while outcome != 'timeout' and secs < opt.min_seconds and runs < 10000:
            _, s = run_once(f, grid)
            secs += s
            runs += 1
        cache[key(d)] = [outcome, secs / runs]
        if (n + 1) % 100 == 0:
            print(f'[{n + 1}/{len(todo)}] {time.time() - t0:.0f} s',
                  file=sys.stderr)
    if opt.timings:
        with open(opt.timings, 'w') as fh:
            json.dump(cache, fh)

rows = []
for d in picked:
    outcome, secs = cache[key(d)]
    rows.append((d, outcome, secs))

# 3. The fit: features (name, 'calls' | 'work'); rare primitives pooled.
train = [r for i, r in enumerate(rows) if i % 2 == 0 and r[1] != 'timeout']
test = [r for i, r in enumerate(rows) if i % 2 == 1]
seen = {}
for d, _, _ in train:
    for p in d['prims']:
        seen[p] = seen.get(p, 0) + 1
common = {p for p, n in seen.items() if n >= opt.min_samples}


def features(d):
    x = {'const': 1.0}
    for p, (calls, work) in d['prims'].items():
        q = p if p in common else 'other'
        x[(q, 'calls')] = x.get((q, 'calls'), 0.0) + calls
        x[(q, 'work')] = x.get((q, 'work'), 0.0) + work
    return x


names = sorted({k for d, _, _ in train for k in features(d)}, key=str)
index = {k: j for j, k in enumerate(names)}
# Columns of A = x / t (relative error), sparse; each decade of CPython
# time weighs the same in the fit (light samples are the many, the heavy
# ones decide timeouts).
decade = lambda t: int(math.floor(math.log10(max(t, 1e-6))))
per = {}
for _, _, t in train:
    per[decade(t)] = per.get(decade(t), 0) + 1
scale = [(len(train) / (len(per) * per[decade(t)])) ** 0.5
         for _, _, t in train]
cols = [[] for _ in names]
for i, (d, _, t) in enumerate(train):
    for k, v in features(d).items():
        cols[index[k]].append((i, scale[i] * v / max(t, 1e-6)))
# Every call costs at least a Python function call (--min-call-ns): a
# primitive whose calls the samples do not pin down must not be free, or a
# loop of millions of its calls would pass any bound.
lo = [opt.min_call_ns * 1e-9 if isinstance(k, tuple) and k[1] == 'calls'
      else 0.0 for k in names]
w = list(lo)
r = [-x for x in scale]  # A w - scale (scaled relative residuals)
for j, c in enumerate(cols):
    for i, v in c:
        r[i] += w[j] * v
hess = [sum(v * v for _, v in c) or 1.0 for c in cols]
for sweep in range(300):
    change = 0.0
    for j, c in enumerate(cols):
        g = sum(v * r[i] for i, v in c)
        new = max(lo[j], w[j] - g / hess[j])
        delta = new - w[j]
        if delta:
            for i, v in c:
                r[i] += delta * v
            w[j] = new
            change = max(change, abs(delta) * (hess[j] ** 0.5))
    if change < 1e-7:
        break


def predict(d):
    return sum(w[index[k]] * v for k, v in features(d).items() if k in index)


# 4. Report.
def within(rows_):
    ok = [r for r in rows_ if r[1] != 'timeout']
    good = sum(1 for d, _, t in ok if 0.5 <= predict(d) / max(t, 1e-9) <= 2)
    return good, len(ok)


good, n = within(test)
print(f'{len(rows)} samples timed in stock CPython ({sum(r[1] == "timeout" for r in rows)} '
      f'past {opt.timeout} s); fit on {len(train)}, tested on {len(test)}')
print(f'model: {sum(1 for x in w if x > 0)} of {len(names)} weights non-zero '
      f'({len(common)} primitives with their own weights)')
print(f'test samples CPython finished: {good} of {n} predicted within 2x '
      f'({100.0 * good / max(n, 1):.1f} %)')
bands = [0, 1e-4, 1e-3, 1e-2, 1e-1, 1, 1e9]
print(f'{"CPython time":>16} {"n":>5} {"within 2x":>10} {"median pred/t":>14}')
for lo, hi in zip(bands, bands[1:]):
    b = [r for r in test if r[1] != 'timeout' and lo <= r[2] < hi]
    if not b:
        continue
    ratios = sorted(predict(d) / max(t, 1e-9) for d, _, t in b)
    g = sum(1 for x in ratios if 0.5 <= x <= 2)
    print(f'{lo:>7g}-{hi:<8g} {len(b):>5} {g:>10} {ratios[len(ratios) // 2]:>14.2f}')
worst = sorted((predict(d) / t, d, t) for d, o, t in test
               if o != 'timeout' and t >= 0.1 and not 0.5 <= predict(d) / t <= 2)
for ratio, d, t in worst[:8]:
    heavy = sorted(d['prims'].items(), key=lambda kv: -kv[1][1])[:3]
    print(f'  {d["solver"]} on {d["task"]}[{d["index"]}]: CPython {t:.3f} s, '
          f'predicted {ratio:.2f}x; most work in ' +
          ', '.join(f'{p} ({c} calls, {u} units)' for p, (c, u) in heavy))
timeouts = [r for r in test if r[1] == 'timeout']
if timeouts:
    above = sum(1 for d, _, _ in timeouts if predict(d) >= 1.0)
    print(f'CPython timeouts (> {opt.timeout} s) in the test half: {len(timeouts)}, '
          f'{above} predicted above 1 s')
rate = sum(d['work'] for d, _, _ in train) / sum(t for _, _, t in train)
base = sum(1 for d, o, t in test
           if o != 'timeout' and t and 0.5 <= d['work'] / rate / t <= 2)
print(f'(work units alone, one rate fitted on the training half: {base} of {n} '
      f'within 2x)')
for kind, unit in (('calls', 'per call'), ('work', 'per work unit')):
    ws = sorted(((w[j], names[j][0]) for j in range(len(names))
                 if isinstance(names[j], tuple) and names[j][1] == kind
                 and w[j] > 0), reverse=True)
    print(f'largest weights {unit} (µs): ' +
          ', '.join(f'{p} {x * 1e6:.3g}' for x, p in ws[:10]))
print(f'per sample (µs): {w[index["const"]] * 1e6:.3g}')
if opt.json:
    with open(opt.json, 'w') as fh:
        json.dump({str(k): w[index[k]] for k in names if w[index[k]] > 0}, fh,
                  indent=1)

# 5. The model as the runtime charges it: integer nanoseconds, every unit of
# work at least 1 ns; entries the fit saw rarely (and tokpidjin's) are
# "other".
if opt.emit_def:
    def ns(k, floor):
        return max(floor, round(w[index[k]] * 1e9) if k in index else 0)

    table = {p: (ns((p, 'calls'), round(opt.min_call_ns)), ns((p, 'work'), 1))
             for p in sorted(common | {'other'})}
    const_ns = ns('const', 0)

    def predict_ns(d):
        t = const_ns
        for p, (calls, work) in d['prims'].items():
            c, u = table[p if p in table else 'other']
            t += calls * c + work * u
        return t * 1e-9

    ok = [r for r in test if r[1] != 'timeout']
    good = sum(1 for d, _, t in ok if 0.5 <= predict_ns(d) / max(t, 1e-9) <= 2)
    print(f'integer model: {good} of {len(ok)} test samples within 2x '
          f'({100.0 * good / max(len(ok), 1):.1f} %)')
    for limit in (0.5, 1.0, 2.0):
        fin = [r for r in rows if r[1] != 'timeout' and r[2] <= limit]
        for margin in (1, 1.5, 2):
            cut = [r for r in fin if predict_ns(r[0]) > margin * limit]
            print(f'samples CPython finished within {limit:g} s: {len(fin)}; '
                  f'estimated above {margin:g} x {limit:g} s: {len(cut)}')
            for d, _, t in cut[:3]:
                print(f'  {d["solver"]} on {d["task"]}[{d["index"]}]: CPython '
                      f'{t:.3f} s, estimate {predict_ns(d):.3f} s')
    with open(opt.emit_def, 'w') as fh:
        fh.write('// CostModel.def - CPython-nanoseconds per call and per unit '
                 'of work, by entry\n'
                 '// Generated by bench/fit_work_model.py --emit-def (do not '
                 'edit; see bench/results/\n'
                 '// 2026-12-05-cost-model.md): stock CPython 3.11, '
                 f'{len(train)} timed samples.\n'
                 '// ARCDSL_COST(entry, call ns, ns per unit of work)\n')
        fh.write(f'ARCDSL_COST(const, {const_ns}, 0)\n')
        for p, (c, u) in table.items():
            fh.write(f'ARCDSL_COST({p}, {c}, {u})\n')

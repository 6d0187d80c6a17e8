#!/usr/bin/env python3
"""Heavy samples on several cores (issue 17, item 4; docs/runtime.md): the
same runs with and without helper threads, side by side.

Runs `arcdsl-run --cross --backend cpu --jobs 1 --no-fork` over the chosen
solvers (default: the reference solvers whose runs take longest on the
training inputs) twice in one process at a time:

  alone   --split-threads 0: every sample on one thread;
  split   --split-threads K-1: a sample's long loops are shared with K-1
          helper threads (K: --threads, default the machine's cores).

Both runs must give byte-identical --outputs (values, errors, work): the
script fails otherwise. The pair is run --repeat times, alternating, and
each sample's time is its fastest (this machine's timing noise is large).
It prints, per solver, the seconds of its heavy samples (those taking at
least --heavy seconds alone, from --sample-times) in each run and their
ratio, then the whole runs' wall and CPU seconds (compile included; the
fastest of the repeats). The ideal ratio is K on the heavy samples
whose time is in loops that split; the rest (a loop of few elements, a
primitive such as objects() on a huge grid) stays on one core.

usage: split_bench.py --solvers solvers.py --tasks DIR [--only ID,...]
         [--threads K] [--heavy 0.01] [--repeat 3] [--timeout 1]
         [--arcdsl-run PATH]
"""
import argparse
import collections
import filecmp
import json
import os
import resource
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

# The reference solvers that take longest on the training set's cross
# inputs at --timeout 1 (bench/results/2026-12-06-cross-fixed-costs.md),
# less solve_91413438, whose time is objects() and canvas() of huge grids.
HEAVY = ('d22278a0,6aa20dc0,06df4c85,3eda0437,22168020,49d1d64f,469497ad,'
         'bbc9ae5d,1f0c79e5,7df24a62')


def run(args, helpers, work, rep):
    """One arcdsl-run; returns (outputs path, times path, wall, cpu)."""
    out = os.path.join(work, f'outputs-{helpers}-{rep}.jsonl')
    times = os.path.join(work, f'times-{helpers}-{rep}.jsonl')
    cmd = [args.arcdsl_run, '--solvers', args.solvers, '--tasks', args.tasks,
           '--cross', '--only', args.only, '--backend', 'cpu',
           '--timeout', str(args.timeout), '--jobs', '1', '--no-fork',
           '--split-threads', str(helpers), '--outputs', out,
           '--sample-times', times, '-q']
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.monotonic()
    proc = subprocess.run(cmd, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, text=True)
    wall = time.monotonic() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        sys.exit(f'split_bench: arcdsl-run failed ({proc.returncode}):\n'
                 f'{proc.stderr}')
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return out, times, wall, cpu


def fastest(runs):
    """Each sample's fastest time over the runs of one setting."""
    best = {}
    for _, times, _, _ in runs:
        with open(times) as f:
            for line in f:
                r = json.loads(line)
                key = (r['solver'], r['task'], r['index'])
                best[key] = min(best.get(key, r['seconds']), r['seconds'])
    return best


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('--solvers', required=True)
    ap.add_argument('--tasks', required=True)
    ap.add_argument('--only', default=HEAVY)
    ap.add_argument('--threads', type=int, default=os.cpu_count() or 1)
    ap.add_argument('--heavy', type=float, default=0.01,
                    help='a sample is heavy when it takes this many seconds '
                         'alone (default 0.01)')
    ap.add_argument('--repeat', type=int, default=3)
    ap.add_argument('--timeout', type=float, default=1.0)
    ap.add_argument('--arcdsl-run',
                    default=os.path.join(ROOT, 'build', 'bin', 'arcdsl-run'))
    args = ap.parse_args()
    if args.threads < 2:
        sys.exit('split_bench: --threads must be at least 2')
    with tempfile.TemporaryDirectory() as work:
        runs = {0: [], args.threads - 1: []}
        for rep in range(max(1, args.repeat)):
            for helpers in runs:
                runs[helpers].append(run(args, helpers, work, rep))
        first = runs[0][0][0]
        same = all(filecmp.cmp(first, r[0], shallow=False)
                   for rs in runs.values() for r in rs)
        best = {h: fastest(rs) for h, rs in runs.items()}
        per = collections.defaultdict(lambda: [0, 0.0, 0.0])
        for key, a in best[0].items():
            b = best[args.threads - 1][key]
            if a >= args.heavy:
                p = per[key[0]]
                p[0] += 1
                p[1] += a
                p[2] += b
        a_wall, a_cpu = (min(r[k] for r in runs[0]) for k in (2, 3))
        b_wall, b_cpu = (min(r[k] for r in runs[args.threads - 1])
                         for k in (2, 3))
    print(f'heavy samples (>= {args.heavy:g} s alone) of --cross '
          f'--only {args.only}, --timeout {args.timeout:g}, '
          f'{args.threads} threads when split, fastest of {args.repeat}')
    print(f'{"solver":<16} {"samples":>7} {"alone s":>9} {"split s":>9} '
          f'{"ratio":>6}')
    tot = [0, 0.0, 0.0]
    for solver, (n, sa, sb) in sorted(per.items(), key=lambda kv: -kv[1][1]):
        print(f'{solver:<16} {n:>7} {sa:>9.2f} {sb:>9.2f} '
              f'{sa / sb if sb else 0:>5.2f}x')
        tot = [tot[0] + n, tot[1] + sa, tot[2] + sb]
    print(f'{"all heavy":<16} {tot[0]:>7} {tot[1]:>9.2f} {tot[2]:>9.2f} '
          f'{tot[1] / tot[2] if tot[2] else 0:>5.2f}x')
    print(f'whole run, alone: {a_wall:.2f} s wall, {a_cpu:.2f} s CPU; '
          f'split: {b_wall:.2f} s wall, {b_cpu:.2f} s CPU '
          f'({a_wall / b_wall:.2f}x wall)')
    print(f'outputs: {"identical" if same else "DIFFERENT"}')
    return 0 if same else 1


if __name__ == '__main__':
    sys.exit(main())

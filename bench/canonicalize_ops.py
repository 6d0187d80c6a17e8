#!/usr/bin/env python3
"""Ops per program before and after canonicalization, with compile and run
times: the reference solvers and tokpidjin card.py batts.

For each program file: import it (arcdsl-translate --import-arcdsl), then
count the ops of the module after
  before: --arcdsl-specialize-closures --arcdsl-infer-types
  after:  ... --canonicalize --arcdsl-cse   (the arcdsl-compile pipeline)
(function, module and return ops are not counted). The compile time is the
wall time of arcdsl-opt for each; the run time is the wall time of
arcdsl-run (solvers on their own tasks) or arcdsl-batt (--modes solve) with
the build given. --base-bin names a second build (e.g. the main checkout's)
whose compile pipeline and run times are measured the same way.

usage: canonicalize_ops.py [--bin build/bin] [--base-bin DIR] [--tasks DIR]
                           [--no-run] FILE.py ...
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile
import time

OP_RE = re.compile(r'^\s+(?:%[\w#:, %]+ = )?"?([a-z_]+\.[a-z_0-9.]+)')
NOT_COUNTED = {'func.func', 'func.return', 'builtin.module'}

BEFORE = ['--arcdsl-specialize-closures', '--arcdsl-infer-types']
AFTER = BEFORE + ['--canonicalize', '--arcdsl-cse']


def count_ops(text):
    """Ops in function bodies, and the number of public functions."""
    ops = 0
    programs = 0
    for line in text.splitlines():
        s = line.strip()
        if s.startswith('func.func') and not s.startswith('func.func private'):
            programs += 1
        m = OP_RE.match(line)
        if not m or m.group(1) in NOT_COUNTED or s.startswith('return'):
            continue
        ops += 1
    return ops, programs


def timed(cmd, **kw):
    t = time.perf_counter()
    r = subprocess.run(cmd, capture_output=True, text=True, **kw)
    return r, time.perf_counter() - t


def compile_counts(bindir, mlir, passes):
    r, dt = timed([os.path.join(bindir, 'arcdsl-opt'), mlir] + passes)
    if r.returncode != 0:
        return None, dt, r.stderr.strip().splitlines()[-1:]
    ops, progs = count_ops(r.stdout)
    return (ops, progs), dt, None


def run_time(bindir, path, tasks, is_batt):
    if is_batt:
        cmd = [os.path.join(bindir, 'arcdsl-batt'), path, '--tasks', tasks,
               '--modes', 'solve', '--quiet']
    else:
        cmd = [os.path.join(bindir, 'arcdsl-run'), '--solvers', path,
               '--tasks', tasks, '--quiet']
    r, dt = timed(cmd)
    return dt, (r.stdout.strip().splitlines() or [''])[-1]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--bin', default='build/bin')
    ap.add_argument('--base-bin')
    ap.add_argument('--tasks', default='/work/shared/arc-agi-1/training')
    ap.add_argument('--no-run', action='store_true')
    ap.add_argument('files', nargs='+')
    a = ap.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for f in a.files:
            name = os.path.basename(f)
            mlir = os.path.join(tmp, name + '.mlir')
            r = subprocess.run([os.path.join(a.bin, 'arcdsl-translate'),
                                '--import-arcdsl', f, '-o', mlir],
                               capture_output=True, text=True)
            if r.returncode != 0:
                print(f'{name}: import failed: {r.stderr[-300:]}',
                      file=sys.stderr)
                continue
            is_batt = 'def batt' in open(f).read()
            row = {'file': name}
            for label, bindir in (('', a.bin), ('base ', a.base_bin)):
                if not bindir:
                    continue
                b, tb, eb = compile_counts(bindir, mlir, BEFORE)
                c, tc, ec = compile_counts(bindir, mlir, AFTER)
                row[label + 'before'] = b
                row[label + 'after'] = c
                row[label + 'compile_s'] = tc
                row[label + 'err'] = eb or ec
                if not a.no_run:
                    row[label + 'run_s'], row[label + 'summary'] = run_time(
                        bindir, f, a.tasks, is_batt)
            rows.append(row)
            print(row, file=sys.stderr)

    def fmt(x):
        return '-' if x is None else f'{x[0]}'

    print('| program file | programs | ops before canon. | ops after '
          '(this build) | ops after (base build) | compile s (this / base)'
          ' | run s (this / base) |')
    print('|---|---|---|---|---|---|---|')
    for r in rows:
        b = r.get('before')
        progs = b[1] if b else '-'
        print(f"| {r['file']} | {progs} | {fmt(b)} | {fmt(r.get('after'))} | "
              f"{fmt(r.get('base after'))} | "
              f"{r.get('compile_s', 0):.2f} / {r.get('base compile_s', 0):.2f} | "
              f"{r.get('run_s', 0):.1f} / {r.get('base run_s', 0):.1f} |")
    for r in rows:
        for k in ('err', 'base err'):
            if r.get(k):
                print(f"\n{r['file']} {k}: {r[k]}")
        for k in ('summary', 'base summary'):
            if r.get(k):
                print(f"\n{r['file']} {k}: {r[k]}")


if __name__ == '__main__':
    main()

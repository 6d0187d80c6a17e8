#!/usr/bin/env python3
"""Batt throughput: the Python batt run sequentially vs arcdsl, side by side.

Runs one batt file over every (task, sample, mode) of the task directories
  1. in CPython, one process, sequentially (the reference semantics:
     tools/arcdsl-batt/hodelbatt.py for Hodel-DSL batts, refbatt.py
     --jobs 1 for tokpidjin's), timed end to end;
  2. with arcdsl: arcdsl-host --batt on a kernel bundle (GPU; heavy samples
     on the host code when given) and/or arcdsl-batt (CPU JIT), best of
     --repeat;
then checks that every output agrees with the reference's and prints the
ratios. Per core (--cpu-jobs 1): the CPU JIT's whole process on one
thread (compile, task loading and output writing included, CPU time)
against the reference's CPU time, and, with --no-share beside it, the
same batt with each call run whole (--share-modes=false). Where no compiler is (the GPU machine), pass --bundle/--host-code
made beforehand with `arcdsl-batt --emit-bundle --emit-host-object`.

usage: batt_bench.py --batt B.py --tasks DIR [--tasks DIR2]
         [--reference hodel:DSL_DIR | tokpidjin:DIR | none] [--reference-every K]
         [--bundle B.json [--host-code B.so] [--light-work N]]
         [--cpu BUILD/bin/arcdsl-batt] [--host BUILD/bin/arcdsl-host]
         [--repeat 3] [--work DIR]
"""
import argparse
import os
import re
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def run(cmd, **kw):
    t0 = time.perf_counter()
    p = subprocess.run(cmd, capture_output=True, text=True, **kw)
    dt = time.perf_counter() - t0
    if p.returncode:
        sys.exit(f'batt_bench: failed ({p.returncode}): {" ".join(cmd)}\n'
                 f'{p.stdout}{p.stderr}')
    return dt, p.stdout + p.stderr


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--batt', required=True)
    ap.add_argument('--tasks', action='append', required=True)
    ap.add_argument('--reference', default='none')
    ap.add_argument('--reference-every', type=int, default=1,
                    help='run the Python batt on every K-th task only (sorted '
                         'ids) and scale its mean time per run to all runs')
    ap.add_argument('--bundle')
    ap.add_argument('--host-code')
    ap.add_argument('--light-work', default='')
    ap.add_argument('--cpu')
    ap.add_argument('--host', default=os.path.join(ROOT, 'build', 'bin',
                                                    'arcdsl-host'))
    ap.add_argument('--repeat', type=int, default=3)
    ap.add_argument('--timeout', type=float, default=10.0,
                    help="seconds per batt call, both sides (run_batt.py's -t; "
                         "arcdsl's is the cost model's estimate)")
    ap.add_argument('--cpu-jobs', type=int, default=0,
                    help="arcdsl-batt's threads (default: every core); 1 gives "
                         'the per-core figures')
    ap.add_argument('--no-share', action='store_true',
                    help='also run arcdsl-batt --share-modes=false (each call '
                         'whole) for comparison')
    ap.add_argument('--order', choices=['python', 'canonical'], default='python',
                    help="set order of arcdsl's run and of the reference (python: stock "
                         "CPython's, --stock/--no-order; the bundle must be made for it)")
    ap.add_argument('--work', default='batt-bench')
    opt = ap.parse_args()
    os.makedirs(opt.work, exist_ok=True)
    tasks = []
    for d in opt.tasks:
        tasks += ['--tasks', d]
    out = {}
    secs = {}
    runs = None

    if opt.reference != 'none':
        kind, _, where = opt.reference.partition(':')
        ref = os.path.join(opt.work, 'reference.jsonl')
        if kind == 'hodel':
            cmd = [sys.executable, os.path.join(ROOT, 'tools', 'arcdsl-batt',
                                                'hodelbatt.py'),
                   '--dsl', where, '--batt', opt.batt, '--timeout', str(opt.timeout),
                   '--out', ref] + tasks
            if opt.order == 'python':
                cmd.append('--stock')
        else:
            cmd = [sys.executable, os.path.join(ROOT, 'tools', 'arcdsl-batt',
                                                'refbatt.py'),
                   '--tokpidjin', where, '--batt', opt.batt, '--jobs', '1',
                   '--timeout', str(opt.timeout), '--out', ref] + tasks
            if opt.order == 'python':
                cmd.append('--no-order')
        if opt.reference_every > 1:
            ids = sorted(f[:-5] for d in opt.tasks for f in os.listdir(d)
                         if f.endswith('.json'))
            cmd += ['--only', ','.join(ids[::opt.reference_every])]
        before = os.times()
        secs['python'], _ = run(cmd)
        after = os.times()
        py_cpu = (after.children_user - before.children_user +
                  after.children_system - before.children_system)
        out['python'] = ref
        pyruns = sum(1 for _ in open(ref))
        print(f'python (sequential, 1 process): {pyruns} runs in '
              f'{secs["python"]:.1f} s ({pyruns / secs["python"]:.1f} runs/s, '
              f'{1000 * secs["python"] / pyruns:.2f} ms per run)'
              + (f', every {opt.reference_every}th task' if opt.reference_every > 1 else '')
              + f'; {py_cpu:.1f} s CPU')
        python_per_run = secs['python'] / pyruns
        python_cpu_per_run = py_cpu / pyruns

    cpu_time = {}
    variants = [('arcdsl-cpu', [])]
    if opt.no_share:
        variants.append(('arcdsl-cpu-whole', ['--share-modes=false']))
    for name, extra in variants if opt.cpu else []:
        path = os.path.join(opt.work, name + '.jsonl')
        best = best_cpu = 1e30
        jobs = ['--jobs', str(opt.cpu_jobs)] if opt.cpu_jobs else []
        for _ in range(opt.repeat):
            before = os.times()
            dt, log = run([opt.cpu, '-q', opt.batt, '--order', opt.order,
                           '--timeout', str(opt.timeout), '--out', path]
                          + jobs + extra + tasks)
            after = os.times()
            used = (after.children_user - before.children_user +
                    after.children_system - before.children_system)
            m = re.search(r'(\d+) runs of batt .* in ([0-9.]+) s', log)
            best = min(best, float(m.group(2)))
            best_cpu = min(best_cpu, used)
            runs = int(m.group(1))
        secs[name] = best
        cpu_time[name] = best_cpu
        out[name] = path
        threads = opt.cpu_jobs or os.cpu_count()
        print(f'{name} (JIT, {threads} threads{", " + " ".join(extra) if extra else ""}): '
              f'{runs} runs in {best:.3f} s ({runs / best:.0f} runs/s); whole '
              f'process {best_cpu:.2f} s CPU (compile, loading, output included)')

    if opt.bundle:
        path = os.path.join(opt.work, 'gpu.jsonl')
        cmd = [opt.host, '--batt', '--bundle', opt.bundle, '--outputs', path,
               '--repeat', str(opt.repeat)] + tasks
        if opt.host_code:
            cmd += ['--host-code', opt.host_code]
        if opt.light_work:
            cmd += ['--light-work', opt.light_work]
        dt, log = run(cmd)
        print('\n'.join('  ' + l for l in log.strip().splitlines()))
        m = re.search(r'runs (\d+) best ([0-9.]+) s', log)
        runs = int(m.group(1))
        secs['arcdsl-gpu'] = float(m.group(2))
        out['arcdsl-gpu'] = path
        print(f'arcdsl GPU (arcdsl-host --batt): {runs} runs in '
              f'{secs["arcdsl-gpu"]:.3f} s ({runs / secs["arcdsl-gpu"]:.0f} '
              f'runs/s)')

    compare = os.path.join(ROOT, 'tools', 'arcdsl-batt', 'compare.py')
    base = 'python' if 'python' in out else next(iter(out), None)
    for name in out:
        if name != base:
            _, log = run([sys.executable, compare, out[base], out[name],
                          '--show', '3'])
            print(f'{name} vs {base}: {log.strip().splitlines()[-1]}')
    if 'python' in secs and runs:
        total = python_per_run * runs
        print(f'python sequential, all {runs} runs: {total:.1f} s'
              + (' (its mean per run times the runs)' if opt.reference_every > 1 else ''))
        for name in secs:
            if name != 'python':
                print(f'speed-up {name} vs python sequential: '
                      f'{total / secs[name]:.0f}x')
        for name, used in cpu_time.items():
            if opt.cpu_jobs == 1:
                py = python_cpu_per_run * runs
                print(f'per core: {name} whole process {used:.2f} s CPU vs python '
                      f'{py:.1f} s CPU: {py / used:.1f}x')


if __name__ == '__main__':
    main()

#!/usr/bin/env python3
"""Side-by-side throughput of ARC-DSL programs: CPython running the reference
DSL, arcdsl's CPU backend, and arcdsl's GPU backend, on one solver file.

Workloads:
  own    each solver on its own task's train+test inputs
  cross  every solver on every input of every task

usage:
  bench/run.py --reference-dsl PATH [--solvers FILE.py] [--tasks DIR]
               [--workload own|cross|both] [--cpython-solvers N]
               [--gpu auto|yes|no] [--build DIR] [--work-limit N] [--json OUT]

--reference-dsl is a checkout of github.com/michaelhodel/arc-dsl (its dsl.py
and constants.py are imported from there at run time; nothing of it is in
this repository). CPython runs on one core with a 1 s limit per run, like the
measurements in shared/REFERENCE_FACTS.md; on the cross workload it runs the
first N solvers (--cpython-solvers, default 40) on every input, since a full
pass takes over 20 minutes, and reports a rate (runs/s). arcdsl's time is the
run phase (compile time is printed separately). Prints a table and the
ratios to CPython.
"""
import argparse
import importlib.util
import json
import os
import re
import signal
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


class Timeout(Exception):
    pass


_armed = [False]


def _alarm(signum, frame):
    if _armed[0]:
        _armed[0] = False
        raise Timeout()


def load_tasks(tasks_dir):
    tasks = {}
    for name in sorted(os.listdir(tasks_dir)):
        if name.endswith('.json'):
            with open(os.path.join(tasks_dir, name)) as f:
                t = json.load(f)
            tasks[name[:-5]] = [tuple(tuple(r) for r in p['input'])
                                for p in t['train'] + t['test']]
    return tasks


def pick_solvers(solvers, n, spread):
    """The first n of the name-sorted solvers, or n evenly spaced ones."""
    step = max(1, len(solvers) // n) if spread else 1
    return solvers[::step][:n]


def solver_ids(solvers_path):
    """Task ids of the solve_<id> functions of a solver file, sorted."""
    import re
    with open(solvers_path) as f:
        return sorted(set(re.findall(r'^def solve_([0-9a-f]+)\(', f.read(), re.M)))


def cpython(reference, solvers_path, tasks, workload, limit_solvers, per_run=1.0,
            spread=False, procs=1):
    """Runs/s of CPython on the workload. Returns (runs, CPU seconds). On
    the cross workload only `limit_solvers` solvers run (0: all): the first
    ones, or evenly spaced ones with `spread`. With procs > 1 the solvers are
    shared out among that many processes (each one core, its CPU time
    counted), so the whole workload's one-core rate takes minutes, not an
    hour."""
    sys.path.insert(0, os.path.abspath(reference))
    sys.setrecursionlimit(10000)
    spec = importlib.util.spec_from_file_location('bench_solvers', solvers_path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    solvers = sorted((n[6:], getattr(mod, n)) for n in dir(mod) if n.startswith('solve_'))
    if workload == 'cross' and limit_solvers:
        solvers = pick_solvers(solvers, limit_solvers, spread)
    inputs_all = [(tid, g) for tid, gs in tasks.items() for g in gs]
    _shared[:] = [solvers, inputs_all, tasks, workload, per_run]
    if procs <= 1:
        return _cpython_shard(range(len(solvers)))
    import multiprocessing
    shards = [range(k, len(solvers), procs) for k in range(procs)]
    with multiprocessing.get_context('fork').Pool(procs) as pool:
        parts = pool.map(_cpython_shard, shards, chunksize=1)
    return sum(r for r, _ in parts), sum(t for _, t in parts)


_shared = []


def _cpython_shard(indices):
    """(runs, CPU seconds) of the solvers at `indices` (see cpython)."""
    solvers, inputs_all, tasks, workload, per_run = _shared
    signal.signal(signal.SIGPROF, _alarm)
    runs, spent = 0, 0.0
    for k in indices:
        sid, fn = solvers[k]
        inputs = inputs_all if workload == 'cross' else [(sid, g) for g in tasks.get(sid, [])]
        for _, grid in inputs:
            t0 = time.process_time()
            _armed[0] = True
            signal.setitimer(signal.ITIMER_PROF, per_run)
            try:
                fn(grid)
            except Exception:  # a raising program, or Timeout
                pass
            _armed[0] = False
            signal.setitimer(signal.ITIMER_PROF, 0)
            spent += time.process_time() - t0
            runs += 1
    signal.signal(signal.SIGPROF, signal.SIG_DFL)
    return runs, spent


def arcdsl(build, solvers_path, tasks_dir, workload, backend, work_limit=None):
    """(runs, seconds, compile seconds, extra) from arcdsl-run's report."""
    cmd = [os.path.join(build, 'bin', 'arcdsl-run'), '--solvers', solvers_path,
           '--tasks', tasks_dir, '--backend', backend, '--jobs', '1']
    if work_limit:
        cmd += ['--work-limit', str(work_limit)]
    if workload == 'cross':
        cmd.append('--cross')
    p = subprocess.run(cmd, capture_output=True, text=True)
    if p.returncode not in (0, 1):
        raise RuntimeError(f'{" ".join(cmd)} failed:\n{p.stderr[-2000:]}')
    m = re.search(r'(\d+) runs of \d+ programs on the (\w+) in ([\d.]+) s', p.stderr)
    c = re.search(r'passes ([\d.]+) s, JIT ([\d.]+) s', p.stderr)
    ptx = re.search(r'PTX for \d+ kernels \([^,]+, ([\d.]+) s', p.stderr)
    g = re.search(r'GPU time: (.*)', p.stderr)
    compile_s = (float(c.group(1)) + float(c.group(2))) if c else 0.0
    if ptx:
        compile_s += float(ptx.group(1))
    return int(m.group(1)), float(m.group(3)), compile_s, (g.group(1) if g else '')


def gpu_available():
    return os.path.exists('/dev/nvidiactl') or os.path.exists('/dev/nvidia0')


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--reference-dsl', required=True)
    ap.add_argument('--solvers', default=os.path.join(ROOT, 'examples', 'solvers.py'))
    ap.add_argument('--tasks', default=os.path.join(ROOT, '..', 'shared', 'arc-agi-1', 'training'))
    ap.add_argument('--workload', choices=['own', 'cross', 'both'], default='both')
    ap.add_argument('--cpython-solvers', type=int, default=40)
    ap.add_argument('--gpu', choices=['auto', 'yes', 'no'], default='auto')
    ap.add_argument('--build', default=os.path.join(ROOT, 'build'))
    ap.add_argument('--work-limit', type=int,
                    help="arcdsl's per-sample work bound (default: arcdsl-run's)")
    ap.add_argument('--json')
    o = ap.parse_args()
    if not os.path.exists(os.path.join(o.reference_dsl, 'dsl.py')):
        sys.exit(f'error: no dsl.py in {o.reference_dsl}')
    tasks = load_tasks(o.tasks)
    use_gpu = o.gpu == 'yes' or (o.gpu == 'auto' and gpu_available())
    rows = []
    for wl in (['own', 'cross'] if o.workload == 'both' else [o.workload]):
        runs, secs = cpython(o.reference_dsl, o.solvers, tasks, wl, o.cpython_solvers)
        rows.append(dict(system='CPython reference', workload=wl, runs=runs, seconds=secs,
                         rate=runs / secs if secs else 0, note='1 core, 1 s limit per run'
                         + (f', first {o.cpython_solvers} solvers' if wl == 'cross' else '')))
        r, s, c, _ = arcdsl(o.build, o.solvers, o.tasks, wl, 'cpu', o.work_limit)
        rows.append(dict(system='arcdsl CPU', workload=wl, runs=r, seconds=s, rate=r / s if s else 0,
                         note=f'1 core; compile {c:.1f} s'
                         + (f'; work limit {o.work_limit}' if o.work_limit else '')))
        if use_gpu:
            r, s, c, g = arcdsl(o.build, o.solvers, o.tasks, wl, 'gpu', o.work_limit)
            rows.append(dict(system='arcdsl GPU', workload=wl, runs=r, seconds=s, rate=r / s if s else 0,
                             note=f'compile {c:.1f} s; {g}'))
    base = {r['workload']: r['rate'] for r in rows if r['system'] == 'CPython reference'}
    print(f'solvers: {o.solvers}\ntasks: {o.tasks}')
    print(f'{"system":<18} {"workload":<8} {"runs":>8} {"seconds":>9} {"runs/s":>10} {"vs CPython":>10}  note')
    for r in rows:
        ratio = r['rate'] / base[r['workload']] if base.get(r['workload']) else 0
        r['ratio'] = ratio
        print(f'{r["system"]:<18} {r["workload"]:<8} {r["runs"]:>8} {r["seconds"]:>9.2f} '
              f'{r["rate"]:>10.0f} {ratio:>9.1f}x  {r["note"]}')
    if o.json:
        with open(o.json, 'w') as f:
            json.dump(rows, f, indent=1)


if __name__ == '__main__':
    main()

#!/usr/bin/env python3
"""Side-by-side throughput on a machine without a compiler (the GPU machine):
CPython running the reference DSL, and arcdsl's compiled code run by the
example host (`arcdsl-host`) on the GPU with the host's cores for heavy
samples (hybrid), on the host's cores alone, and on one core, in one run.

usage:
  bench/device_bench.py --reference-dsl PATH --solvers FILE.py --tasks DIR
      --bundle B.json --host-code S.so [--host PATH/arcdsl-host]
      [--work-limit N] [--cpython-solvers N] [--cpython-procs N]
      [--no-single] [--no-gpu] [--json OUT]

The bundle and the host object are compiled beforehand where the compiler
is (`arcdsl-run --emit-bundle B.json --emit-host-object S.o`), the object
(the primitive library inside) linked on this machine into S.so with
`c++ -shared` (see scripts/device-run.sh). Workload: cross (every compiled solver on every
input of every task). CPython runs N solvers (default 40, evenly spaced in
name order) on every input, one core, 1 s limit per run, and gives a rate;
arcdsl's times are run phases (load and JIT of the PTX not included) as
reported by arcdsl-host. Prints a table with ratios to CPython.
"""
import argparse
import json
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from run import cpython, load_tasks, pick_solvers, solver_ids  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def host_run(host, bundle, tasks, code, work_limit, extra):
    cmd = [host, '--bundle', bundle, '--tasks', tasks, '--cross', '--host-code',
           code] + extra
    if work_limit:
        cmd += ['--work-limit', str(work_limit)]
    p = subprocess.run(cmd, capture_output=True, text=True)
    m = re.search(r'runs (\d+) best ([\d.]+) s', p.stdout)
    if p.returncode != 0 or not m:
        raise RuntimeError(f'{" ".join(cmd)} failed:\n{p.stderr[-2000:]}')
    detail = ' '.join(l.split('arcdsl-host:', 1)[1].strip()
                      for l in p.stderr.splitlines()
                      if l.startswith('arcdsl-host:   '))
    return int(m.group(1)), float(m.group(2)), detail


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--reference-dsl', required=True)
    ap.add_argument('--solvers', required=True)
    ap.add_argument('--tasks', required=True)
    ap.add_argument('--bundle', required=True)
    ap.add_argument('--host-code', required=True)
    ap.add_argument('--host', default=os.path.join(ROOT, 'build', 'bin', 'arcdsl-host'))
    ap.add_argument('--work-limit', type=int)
    ap.add_argument('--cpython-solvers', type=int, default=40,
                    help='solvers CPython runs on the cross workload (0: all)')
    ap.add_argument('--cpython-procs', type=int, default=1,
                    help='processes sharing out the CPython runs (CPU time summed)')
    ap.add_argument('--no-single', action='store_true',
                    help='skip the one-thread arcdsl row')
    ap.add_argument('--no-gpu', action='store_true')
    ap.add_argument('--json')
    o = ap.parse_args()
    rows = []
    runs, secs = cpython(o.reference_dsl, o.solvers, load_tasks(o.tasks), 'cross',
                         o.cpython_solvers, spread=True, procs=o.cpython_procs)
    which = (f'{o.cpython_solvers} solvers evenly spaced' if o.cpython_solvers
             else 'all solvers (the whole cross workload)')
    rows.append(('CPython reference', runs, secs,
                 f'one core\'s CPU time, 1 s limit per run, {which}'
                 + (f', shared out among {o.cpython_procs} processes'
                    if o.cpython_procs > 1 else '')))
    wl = f'work limit {o.work_limit}' if o.work_limit else 'default work limit'
    if not o.no_gpu:
        r, s, d = host_run(o.host, o.bundle, o.tasks, o.host_code, o.work_limit, [])
        rows.append(('arcdsl GPU+host', r, s, f'{wl}; {d}'))
    r, s, d = host_run(o.host, o.bundle, o.tasks, o.host_code, o.work_limit, ['--cpu-only'])
    rows.append((f'arcdsl host {os.cpu_count()} thr', r, s, wl))
    # One core against CPython's one core, on the solvers CPython ran.
    ids = solver_ids(o.solvers)
    same = pick_solvers(ids, o.cpython_solvers, True) if o.cpython_solvers else ids
    with open(o.bundle) as f:
        compiled = {k[6:] for k in json.load(f)['kernels']}
    same = [i for i in same if i in compiled]
    if not o.no_single:
        r, s, d = host_run(o.host, o.bundle, o.tasks, o.host_code, o.work_limit,
                           ['--cpu-only', '--cpu-threads', '1', '--only', ','.join(same)])
        rows.append(('arcdsl host 1 thr', r, s,
                     f'{wl}; the {len(same)} of those solvers that compile'))
    base = rows[0][1] / rows[0][2]
    print(f'{"system":<22} {"runs":>8} {"seconds":>9} {"runs/s":>9} {"vs CPython":>10}  note')
    out = []
    for name, r, s, note in rows:
        rate = r / s if s else 0
        print(f'{name:<22} {r:>8} {s:>9.2f} {rate:>9.0f} {rate / base:>9.1f}x  {note}')
        out.append(dict(system=name, runs=r, seconds=s, rate=rate, ratio=rate / base, note=note))
    if o.json:
        with open(o.json, 'w') as f:
            json.dump(out, f, indent=1)


if __name__ == '__main__':
    main()

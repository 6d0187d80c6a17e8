#!/usr/bin/env python3
"""What the python set order costs: the same workloads under both orders,
side by side in one run.

For each workload, arcdsl runs it once with --order canonical and once with
--order python (the default) and the CPU time both spend is measured
(user + system of the child processes, so it does not depend on how many
cores ran it); compile and JIT time are included, as a user pays them.
Workloads:
  - the cross workload of a solver file (arcdsl-run --cross: every solver on
    every input of --tasks), when --solvers is given;
  - a batt over every (task, sample, mode) of --tasks (arcdsl-batt), when
    --batt is given.
Prints CPU seconds per order and the ratio python / canonical.

usage: order_bench.py [--solvers FILE.py] [--batt B.py] --tasks DIR
         [--build build] [--jobs N]
"""
import argparse
import os
import resource
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def cpu_run(cmd):
    """(CPU seconds of the children, wall seconds, output) of one command."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    p = subprocess.run(cmd, capture_output=True, text=True)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if p.returncode not in (0, 1):  # 1: some task failed or raised
        sys.exit(f'order_bench: failed ({p.returncode}): {" ".join(cmd)}\n'
                 f'{p.stderr[-2000:]}')
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return cpu, wall, p.stdout + p.stderr


def workload_args(ap):
    """The options that say which workloads to run (shared by the benches)."""
    ap.add_argument('--solvers')
    ap.add_argument('--batt')
    ap.add_argument('--tasks', required=True)
    ap.add_argument('--build', default=os.path.join(ROOT, 'build'))
    ap.add_argument('--jobs', type=int, default=os.cpu_count() or 1)


def workloads(ap, o):
    """(name, command builder) per workload the options ask for: the cross
    workload of --solvers (arcdsl-run), a batt over --tasks (arcdsl-batt).
    A builder takes the extra arguments of one run."""
    if not o.solvers and not o.batt:
        ap.error('give --solvers and/or --batt')
    bin_dir = os.path.join(o.build, 'bin')
    out = []
    if o.solvers:
        out.append(('cross workload', lambda extra: [
            os.path.join(bin_dir, 'arcdsl-run'), '--solvers', o.solvers, '--tasks', o.tasks,
            '--cross', '--backend', 'cpu', '--jobs', str(o.jobs), '-q', *extra]))
    if o.batt:
        out.append((f'batt {os.path.basename(o.batt)}', lambda extra: [
            os.path.join(bin_dir, 'arcdsl-batt'), o.batt, '--tasks', o.tasks,
            '--jobs', str(o.jobs), '-q', '--out', os.devnull, *extra]))
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    workload_args(ap)
    o = ap.parse_args()
    runs = workloads(ap, o)
    print(f'order_bench: {os.cpu_count()} cores here, --jobs {o.jobs}; CPU seconds '
          '(user + system), compile and JIT included')
    for name, cmd in runs:
        res = {}
        for order in ('canonical', 'python'):
            cpu, wall, out = cpu_run(cmd(['--order', order]))
            res[order] = cpu
            last = [l for l in out.splitlines() if l.strip()][-1:]
            print(f'  {name:28s} {order:9s}: {cpu:8.2f} CPU s, {wall:7.2f} s wall'
                  f'  ({last[0][:90] if last else ""})')
        print(f'  {name:28s} python / canonical: {res["python"] / res["canonical"]:.2f}x CPU')


if __name__ == '__main__':
    main()

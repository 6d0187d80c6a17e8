#!/usr/bin/env python3
"""What isolating samples costs: the same workloads with every host sample
guarded (the default: a sigsetjmp, the watchdog's deadline, signal
recovery; lib/Runtime/Isolation.cpp) and unguarded (ARCDSL_NO_GUARD=1, a
measurement switch), side by side in one run, alternating, each --repeat
times; the best of each is compared.

CPU seconds of the child processes (user + system), compile and JIT
included, as a user pays them. Workloads:
  - the cross workload of a solver file (arcdsl-run --cross), with --solvers;
  - a batt over every (task, sample, mode) of --tasks (arcdsl-batt), with
    --batt.
Prints CPU seconds per mode and the ratio guarded / unguarded.

usage: isolation_bench.py [--solvers FILE.py] [--batt B.py] --tasks DIR
         [--build build] [--jobs N] [--repeat 3]
"""
import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from order_bench import cpu_run, workload_args, workloads  # noqa: E402


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    workload_args(ap)
    ap.add_argument('--repeat', type=int, default=3)
    o = ap.parse_args()
    runs = workloads(ap, o)
    print(f'isolation_bench: {os.cpu_count()} cores here, --jobs {o.jobs}, '
          f'best of {o.repeat}; CPU seconds (user + system), compile and JIT '
          'included')
    for name, cmd in runs:
        best = {}
        for _ in range(o.repeat):
            for mode in ('guarded', 'unguarded'):
                if mode == 'unguarded':
                    os.environ['ARCDSL_NO_GUARD'] = '1'
                cpu, wall, out = cpu_run(cmd([]))
                os.environ.pop('ARCDSL_NO_GUARD', None)
                best[mode] = min(best.get(mode, cpu), cpu)
                last = [l for l in out.splitlines() if l.strip()][-1:]
                print(f'  {name:24s} {mode:9s}: {cpu:8.2f} CPU s, {wall:7.2f} s '
                      f'wall  ({last[0][:80] if last else ""})')
        print(f'  {name:24s} guarded / unguarded: '
              f'{best["guarded"] / best["unguarded"]:.3f}x CPU (best of each)')


if __name__ == '__main__':
    main()

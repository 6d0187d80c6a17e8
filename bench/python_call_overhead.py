#!/usr/bin/env python3
"""What one call of the Python module costs beyond its sample's work.

tokpidjin's run_batt.py calls a batt once per sample, so `program.run(S, I,
C)` pays per call whatever a run costs besides the sample (threads,
arenas, stacks, decoding). This bench runs, for each build given (the
module of BUILD/python; --baseline adds a second build, side by side, the
builds alternating --rounds times), on one sample of --task:

  run        program.run(S, I, C), --calls times: microseconds per call;
  batch(1)   program.run_batch([(S, I, C)]): the same through run_batch;
  in batch   program.run_batch([(S, I, C)] * 20, threads=1), calls / 20
             times: per sample, the sample's own cost (its marshalling and
             run, on one thread; the call's cost spread over 20 samples);
  fixed      run - in batch: what a call costs beyond its sample.

Cases: a tiny Hodel batt (test/arcdsl-batt/Inputs/batt-line.py, 2 lines
recorded) on a near-empty sample (S = (), a 1x1 grid: its run is about its
fixed cost) and on the task's, a typical one (batt-card.py, 1,100 lines), a tokpidjin batt
(tok-card.py) and a solver file's `Solver.__call__` (examples/solvers.py,
solve_<task>, against run_many of the same pairs on one thread). With
--reference-dsl (a checkout of Hodel's arc-dsl) the Hodel batts also run
in stock CPython, the same number of calls, for reference (a line that
raises takes `()` as its default value; timing only, outputs not compared).
Best of --rounds for every number; prints microseconds and, with
--baseline, baseline / build ratios.

usage: python_call_overhead.py [--build build] [--baseline BUILD]
         [--task 1f85a75f] [--calls 300] [--rounds 5] [--reference-dsl DIR]
"""
import argparse
import json
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
INPUTS = os.path.join(ROOT, 'test', 'arcdsl-batt', 'Inputs')
BATTS = [('1x1, no pairs', 'batt-line.py', True),
         ('tiny batt', 'batt-line.py', True),
         ('typical batt', 'batt-card.py', True),
         ('tokpidjin batt', 'tok-card.py', False)]
BATCH = 20  # samples per run_batch call of `in batch`


def grid(g):
    return tuple(tuple(r) for r in g)


def args_of(case, task):
    return ((), ((1,),), ((1,),)) if case == '1x1, no pairs' else sample(task)[0]


def sample(task):
    """(S, I, C) of the task's first train pair in diff mode, and its input
    grid: a sample every case above runs without raising."""
    t = json.load(open(os.path.join(ROOT, 'examples', 'tasks', task + '.json')))
    S = tuple((grid(p['input']), grid(p['output'])) for p in t['train'])
    p = t['train'][0]
    return (S, grid(p['input']), grid(p['output'])), grid(p['input'])


def per_call(f, calls):
    """Seconds per call of f() over `calls` calls."""
    t0 = time.perf_counter()
    for _ in range(calls):
        f()
    return (time.perf_counter() - t0) / calls


def child(build, task, calls):
    """One round in this process (the module of `build`): microseconds per
    case and measure, as JSON on stdout."""
    sys.path.insert(0, os.path.join(os.path.abspath(build), 'python'))
    import arcdsl
    where = os.path.dirname(os.path.abspath(arcdsl.__file__))
    if not where.startswith(os.path.abspath(build)):
        sys.exit(f'python_call_overhead: arcdsl came from {where}, not {build}')
    g = sample(task)[1]
    out = {}
    for name, file, _ in BATTS:
        S, I, C = args_of(name, task)
        p = arcdsl.compile(os.path.join(INPUTS, file))
        first = p.run(S, I, C)  # raises if the sample does
        if p.run_batch([(S, I, C)] * 3, threads=1) != [first] * 3:
            sys.exit(f'python_call_overhead: {file}: run and run_batch differ')
        out[name] = {
            'run': per_call(lambda: p.run(S, I, C), calls),
            'batch(1)': per_call(lambda: p.run_batch([(S, I, C)]), calls),
            'in batch': per_call(
                lambda: p.run_batch([(S, I, C)] * BATCH, threads=1),
                max(1, calls // BATCH)) / BATCH,
        }
    solver = arcdsl.load_solvers(os.path.join(ROOT, 'examples',
                                              'solvers.py'))['solve_' + task]
    solver(g)
    out['solver call'] = {
        'run': per_call(lambda: solver(g), calls),
        'batch(1)': per_call(lambda: arcdsl.run_many([(solver, g)], threads=1),
                             calls),
        'in batch': per_call(lambda: arcdsl.run_many([(solver, g)] * BATCH,
                                                     threads=1),
                             max(1, calls // BATCH)) / BATCH,
    }
    json.dump({k: {m: v * 1e6 for m, v in d.items()} for k, d in out.items()},
              sys.stdout)


def cpython(dsl_dir, task, calls):
    """Microseconds per call of the Hodel batts' Python in this CPython."""
    import importlib.util
    sys.path.insert(0, os.path.abspath(dsl_dir))
    sys.setrecursionlimit(10000)
    out = {}
    for name, file, hodel in BATTS:
        if not hodel:
            continue
        S, I, C = args_of(name, task)
        spec = importlib.util.spec_from_file_location('b_' + file[:-3],
                                                      os.path.join(INPUTS, file))
        mod = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(mod)
        mod._get_safe_default = lambda f: ()
        mod.batt(None, S, I, C, None)
        out[name] = per_call(lambda: mod.batt(None, S, I, C, None), calls) * 1e6
    json.dump(out, sys.stdout)


def run_child(args):
    p = subprocess.run([sys.executable, os.path.abspath(__file__)] + args,
                       capture_output=True, text=True)
    if p.returncode:
        sys.exit(f'python_call_overhead: {" ".join(args)} failed:\n'
                 f'{p.stdout}{p.stderr}')
    return json.loads(p.stdout)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('--build', default=os.path.join(ROOT, 'build'))
    ap.add_argument('--baseline', help='a second build to compare with')
    ap.add_argument('--task', default='1f85a75f')
    ap.add_argument('--calls', type=int, default=300)
    ap.add_argument('--rounds', type=int, default=5)
    ap.add_argument('--reference-dsl')
    ap.add_argument('--child', help=argparse.SUPPRESS)
    ap.add_argument('--cpython', help=argparse.SUPPRESS)
    o = ap.parse_args()
    if o.child:
        return child(o.child, o.task, o.calls)
    if o.cpython:
        return cpython(o.cpython, o.task, o.calls)
    builds = ([('baseline', o.baseline)] if o.baseline else []) + \
        [('build', o.build)]
    best = {}
    for _ in range(o.rounds):
        for label, b in builds:
            got = run_child(['--child', b, '--task', o.task,
                             '--calls', str(o.calls)])
            for case, d in got.items():
                for m, v in d.items():
                    k = (label, case, m)
                    best[k] = min(best.get(k, v), v)
        if o.reference_dsl:
            for case, v in run_child(['--cpython', o.reference_dsl, '--task',
                                      o.task, '--calls', str(o.calls)]).items():
                k = ('cpython', case, 'run')
                best[k] = min(best.get(k, v), v)
    print(f'python_call_overhead: task {o.task} (first train pair, diff mode), '
          f'{o.calls} calls, best of {o.rounds}; microseconds per call; '
          f'{os.cpu_count()} cores here')
    for label, b in builds:
        print(f'  {label}: {b}')
    cases = [n for n, _, _ in BATTS] + ['solver call']
    measures = ['run', 'batch(1)', 'in batch', 'fixed']
    head = f'{"case":16} {"measure":9}' + ''.join(
        f' {label:>10}' for label, _ in builds)
    if o.baseline:
        head += f' {"ratio":>7}'
    if o.reference_dsl:
        head += f' {"CPython":>9}'
    print(head)
    for case in cases:
        for m in measures:
            vals = []
            for label, _ in builds:
                if m == 'fixed':
                    vals.append(best[(label, case, 'run')] -
                                best[(label, case, 'in batch')])
                else:
                    vals.append(best[(label, case, m)])
            line = f'{case:16} {m:9}' + ''.join(f' {v:10.1f}' for v in vals)
            if o.baseline:
                ratio = vals[0] / vals[1] if m != 'fixed' and vals[1] > 0 else None
                line += f' {ratio:6.1f}x' if ratio else f' {"":>7}'
            ref = best.get(('cpython', case, 'run'))
            if ref is not None and m == 'run':
                line += f' {ref:9.1f}'
            print(line)
    for label, _ in builds:
        worst = max(best[(label, c, 'run')] - best[(label, c, 'in batch')]
                    for c in cases)
        print(f'{label}: largest fixed cost per call {worst:.1f} us')


if __name__ == '__main__':
    main()

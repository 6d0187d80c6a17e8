#!/usr/bin/env python3
"""The cross workload, side by side: stock CPython running the reference
solvers against arcdsl's CPU backend, per core, at the same timeout
(issue 17's bar: >= 150x on one core, >= 280x on both).

Every solver of --solvers runs on every input of every task in --tasks
(400 x 1,718 = 687,200 runs for the reference solvers on the training set):

  CPython  the reference dsl.py (refrun.py --stock's loader: stock set
           order; nothing of it is copied here) in --procs worker processes,
           one solver at a time, each run under a --timeout wall-clock limit
           (SIGALRM); its time is the CPU time of the runs themselves
           (process_time around each call), summed over the workers: what
           one core would take.
  arcdsl   `arcdsl-run --cross --backend cpu --timeout S` with --jobs 1 (its
           CPU time, compile included: what a user pays) and with --jobs
           --procs (wall time on the machine's cores).

and compares every run under the differential rule (arcdsl-difftest.py's
comparison): where CPython finished within S, arcdsl must give its value or
exception; where it did not, arcdsl may answer or stop. Sets are compared
in refrun.py's canonical encoding; runs whose set order CPython takes from
object addresses are counted apart.

usage: cross_bench.py --refrun ../shared/tools/refrun.py --reference-dsl DIR
         --solvers solvers.py --tasks DIR [--timeout 1] [--procs 2]
         [--first N] [--work-dir DIR] [--arcdsl-run PATH] [--json OUT]

--first N takes the first N solvers only (a quick run); --work-dir keeps
each solver's CPython results and times, and a later run reuses them (the
CPython half of a full run takes about an hour of CPU). Run it with
Debian's /usr/bin/python3 (3.11, not position independent: hash(None) is
the same in every process, the one arcdsl's python order models).
"""
import argparse
import contextlib
import importlib.util
import io
import json
import multiprocessing
import os
import re
import resource
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import reftime  # noqa: E402

_spec = importlib.util.spec_from_file_location(
    'difftest', os.path.join(ROOT, 'tools', 'arcdsl-difftest', 'arcdsl-difftest.py'))
difftest = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(difftest)

_ns = {}


def _init(opt):
    with contextlib.redirect_stdout(io.StringIO()):  # refrun.py's summary
        _ns.update(reftime.load_namespace(opt.refrun, opt.reference_dsl, opt.solvers,
                                          opt.tasks, stock=True))
    _ns['timeout'] = opt.timeout


def _run_solver(sid):
    """One solver on every input: refrun.py's results, CPU seconds."""
    f = getattr(_ns['mod'], 'solve_' + sid)
    enc, out, secs = _ns['enc'], {}, 0.0
    for tid, pairs in _ns['tasks'].items():
        res = []
        for grid, _ in pairs:
            outcome, t, value = reftime.timed_value(f, grid, _ns['timeout'])
            secs += t
            if outcome == 'ok':
                res.append(enc(value))
            else:
                res.append({'error': outcome})
        out[tid] = res
    return sid, out, secs


def run_cpython(opt, sids):
    done, ref, secs = {}, {}, {}
    if opt.work_dir:
        os.makedirs(opt.work_dir, exist_ok=True)
        for sid in sids:
            path = os.path.join(opt.work_dir, sid + '.json')
            if os.path.exists(path):
                with open(path) as fh:
                    d = json.load(fh)
                if d.get('timeout') == opt.timeout:
                    done[sid] = d
    todo = [s for s in sids if s not in done]
    t0 = time.time()
    if todo:
        with multiprocessing.Pool(opt.procs, _init, (opt,)) as pool:
            for n, (sid, out, s) in enumerate(pool.imap_unordered(_run_solver, todo)):
                done[sid] = {'timeout': opt.timeout, 'seconds': s, 'results': out}
                if opt.work_dir:
                    with open(os.path.join(opt.work_dir, sid + '.json'), 'w') as fh:
                        json.dump(done[sid], fh, separators=(',', ':'))
                left = (time.time() - t0) / (n + 1) * (len(todo) - n - 1)
                print(f'\rcross_bench: CPython {n + 1}/{len(todo)} solvers, '
                      f'{left / 60:.0f} min left  ', end='', file=sys.stderr, flush=True)
        print(file=sys.stderr)
    for sid in sids:
        ref[sid] = done[sid]['results']
        secs[sid] = done[sid]['seconds']
    return ref, secs, time.time() - t0, len(todo)


def run_arcdsl(opt, only, jobs, outputs):
    cmd = [opt.arcdsl_run, '--solvers', opt.solvers, '--tasks', opt.tasks, '--cross',
           '--backend', 'cpu', '--timeout', str(opt.timeout), '--jobs', str(jobs),
           '--outputs', outputs]
    if only:
        cmd += ['--only', ','.join(only)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.time()
    p = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    wall = time.time() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if p.returncode not in (0, 1):
        sys.exit(f'cross_bench: arcdsl-run failed ({p.returncode}):\n{p.stderr[-2000:]}')
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    m = re.search(r'compiled .*?\(passes ([\d.]+) s, JIT ([\d.]+) s\)', p.stderr)
    compile_s = float(m.group(1)) + float(m.group(2)) if m else float('nan')
    return cpu, wall, compile_s


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    reftime.add_arguments(ap)
    ap.add_argument('--timeout', type=float, default=1.0,
                    help='seconds: CPython\'s limit per run and arcdsl\'s --timeout')
    ap.add_argument('--procs', type=int, default=os.cpu_count() or 1)
    ap.add_argument('--first', type=int, help='only the first N solvers')
    ap.add_argument('--work-dir', help='keep (and reuse) CPython results per solver')
    ap.add_argument('--arcdsl-run', default=os.path.join(ROOT, 'build', 'bin', 'arcdsl-run'))
    ap.add_argument('--json', help='write the figures here')
    opt = ap.parse_args()
    if not opt.timeout > 0:
        sys.exit('cross_bench: --timeout must be seconds > 0')

    sids = sorted(difftest.solver_ids(opt.solvers))
    only = sids[:opt.first] if opt.first else []
    if only:
        sids = only
    tmp = tempfile.mkdtemp(prefix='cross-bench-')
    one = os.path.join(tmp, 'arcdsl-1.jsonl')
    a1_cpu, a1_wall, compile_s = run_arcdsl(opt, only, 1, one)
    _, an_wall, _ = run_arcdsl(opt, only, opt.procs, os.path.join(tmp, 'arcdsl-n.jsonl'))
    ref, secs, py_wall, timed_now = run_cpython(opt, sids)
    py_cpu = sum(secs.values())

    got = difftest.load_outputs(one, set(sids))
    counts, diffs, not_compiled, addr, limits, rule = difftest.compare(ref, got)
    runs = sum(len(r) for per in ref.values() for r in per.values())
    print(f'cross workload: {len(sids)} solvers x {runs // max(len(sids), 1)} inputs '
          f'= {runs} runs, timeout {opt.timeout:g} s')
    print(f'{"system":<34} {"seconds":>9} {"vs CPython":>11}')
    print(f'{"CPython 3.11, 1 core (CPU time)":<34} {py_cpu:>9.1f} {"1.0x":>11}')
    print(f'{"arcdsl CPU, 1 core (CPU time)":<34} {a1_cpu:>9.1f} '
          f'{py_cpu / a1_cpu:>10.1f}x   (compile {compile_s:.1f} s included)')
    print(f'{f"arcdsl CPU, {opt.procs} cores (wall)":<34} {an_wall:>9.1f} '
          f'{py_cpu / an_wall:>10.1f}x')
    reused = len(sids) - timed_now
    print(f'(CPython ran {timed_now} solvers now on {opt.procs} processes in '
          f'{py_wall:.0f} s wall' + (f'; {reused} came from --work-dir, timed by an '
                                     f'earlier run' if reused else '') + ')')
    print('outputs: ' + ', '.join(f'{v} {k.replace("_", " ")}' for k, v in counts.items()))
    print(f'differential rule at {opt.timeout:g} s: CPython finished {rule["finished"]}, '
          f'arcdsl stopped {rule["finished_stopped"]} of them; CPython did not finish '
          f'{counts["reference_timeout"]}: arcdsl answered {rule["timeout_answered"]}, '
          f'stopped {rule["timeout_stopped"]}')
    if limits:
        print('arcdsl limits: ' + ', '.join(f'{v} {k}' for k, v in sorted(limits.items())))
    if addr:
        print('address-ordered sets in: ' + ' '.join(sorted(addr)))
    for sid, tid, k, w, g in diffs[:20]:
        print(f'  differ: solve_{sid} on {tid}[{k}]: CPython {w}, arcdsl {g}')
    if opt.json:
        with open(opt.json, 'w') as fh:
            json.dump(dict(runs=runs, timeout=opt.timeout, cpython_cpu=py_cpu,
                           arcdsl_cpu_1=a1_cpu, arcdsl_wall_n=an_wall, procs=opt.procs,
                           compile=compile_s, counts=counts, rule=rule, limits=limits,
                           per_solver_cpython=secs), fh, indent=1)
    sys.exit(1 if diffs else 0)


if __name__ == '__main__':
    main()

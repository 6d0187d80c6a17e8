#!/usr/bin/env python3
"""Differential test of arcdsl against the reference DSL.

Runs a solver file through arcdsl (`arcdsl-run --backend cpu --outputs`,
and optionally compares a GPU outputs file too) and through the reference
(`../shared/tools/refrun.py`, which imports Hodel's dsl.py from a checkout
and applies the canonical ordering rule), then reports every
(solver, task, input) where they disagree:

  - a value and an error disagree (error names need not match);
  - two values differ;
  - a reference timeout (over --timeout seconds) is not a disagreement;
  - arcdsl's `Unsupported` (a form not implemented yet) is counted apart,
    and solvers arcdsl cannot compile are listed.

usage:
  arcdsl-difftest.py --solvers FILE.py --tasks DIR --reference-dsl DIR
      [--refrun PATH] [--arcdsl-run PATH] [--gpu-outputs FILE.jsonl]
      [--cross] [--only ID,...] [--timeout S] [--work-limit N] [--show N]

Exit status: 0 when nothing disagrees, 1 otherwise (or when a run failed).
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, 'bench'))
from compare_outputs import records  # noqa: E402


def load_outputs(path):
    out = {}
    for r in records(path):
        sid = r['solver'][6:] if r['solver'].startswith('solve_') else r['solver']
        out[(sid, r['task'], r['index'])] = (r['status'], r['output'])
    return out


def same(a, b):
    """Python == on the decoded JSON, but a bool is not an int here."""
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    return a == b


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--solvers', required=True)
    ap.add_argument('--tasks', required=True)
    ap.add_argument('--reference-dsl', required=True)
    ap.add_argument('--refrun', default=os.path.join(ROOT, '..', 'shared', 'tools', 'refrun.py'))
    ap.add_argument('--arcdsl-run', default=os.path.join(ROOT, 'build', 'bin', 'arcdsl-run'))
    ap.add_argument('--gpu-outputs', help='also compare this arcdsl --outputs file (e.g. from the GPU)')
    ap.add_argument('--cross', action='store_true')
    ap.add_argument('--only', default='')
    ap.add_argument('--timeout', type=float, default=2.0)
    ap.add_argument('--work-limit', type=int)
    ap.add_argument('--show', type=int, default=20)
    o = ap.parse_args()

    tmp = tempfile.mkdtemp(prefix='arcdsl-difftest-')
    mine = os.path.join(tmp, 'arcdsl.jsonl')
    cmd = [o.arcdsl_run, '--solvers', o.solvers, '--tasks', o.tasks, '--backend', 'cpu',
           '-q', '--outputs', mine]
    ref_cmd = [sys.executable, o.refrun, '--dsl', o.reference_dsl, '--solvers', o.solvers,
               '--tasks', o.tasks, '--timeout', str(o.timeout),
               '--out', os.path.join(tmp, 'reference.json')]
    for c in (cmd, ref_cmd):
        if o.cross:
            c.append('--cross')
        if o.only:
            c += ['--only', o.only]
    if o.work_limit:
        cmd += ['--work-limit', str(o.work_limit)]
    p = subprocess.run(cmd, capture_output=True, text=True)
    if p.returncode not in (0,) or not os.path.exists(mine):
        sys.stderr.write(p.stderr[-3000:])
        sys.exit('arcdsl-difftest: arcdsl-run failed')
    p = subprocess.run(ref_cmd, capture_output=True, text=True)
    if p.returncode != 0:
        sys.stderr.write(p.stderr[-3000:])
        sys.exit('arcdsl-difftest: refrun.py failed')
    with open(os.path.join(tmp, 'reference.json')) as fh:
        ref = json.load(fh)

    systems = [('cpu', load_outputs(mine))]
    if o.gpu_outputs:
        systems.append(('gpu', load_outputs(o.gpu_outputs)))
    failed = False
    for name, got in systems:
        counts = dict(compared=0, agree=0, differ=0, reference_timeout=0, unsupported=0,
                      not_compiled=0)
        diffs, not_compiled = [], set()
        for sid, per_task in sorted(ref.items()):
            for tid, results in sorted(per_task.items()):
                for k, want in enumerate(results):
                    key = (sid, tid, k)
                    if key not in got:
                        counts['not_compiled'] += 1
                        not_compiled.add(sid)
                        continue
                    status, value = got[key]
                    counts['compared'] += 1
                    if isinstance(want, dict) and want.get('error') == 'timeout':
                        counts['reference_timeout'] += 1
                        continue
                    if status == 'Unsupported':
                        counts['unsupported'] += 1
                        continue
                    ref_error = isinstance(want, dict) and 'error' in want
                    if ref_error and status != 'ok':
                        ok = True
                    elif ref_error or status != 'ok':
                        ok = False
                    else:
                        ok = same(value, want)
                    if ok:
                        counts['agree'] += 1
                    else:
                        counts['differ'] += 1
                        diffs.append((sid, tid, k, want if ref_error else 'value',
                                      status if status != 'ok' else 'value'))
        print(f'{name}: ' + ', '.join(f'{v} {k.replace("_", " ")}' for k, v in counts.items()))
        if not_compiled:
            print(f'{name}: not compiled: {" ".join(sorted(not_compiled))}')
        for sid, tid, k, w, g in diffs[:o.show]:
            print(f'  differ: solve_{sid} on {tid}[{k}]: reference {w}, arcdsl {g}')
        failed |= bool(diffs)
    sys.exit(1 if failed else 0)


if __name__ == '__main__':
    main()

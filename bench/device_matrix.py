#!/usr/bin/env python3
"""The GPU measurement matrix, run on the GPU machine (CUDA, no compiler):
every workload carried in .device/ under every way of running it, each
run's time, and every sample compared with the CPU backend's outputs made
where the compiler is (scripts/device-prepare.sh).

usage:
  bench/device_matrix.py [--dev .device] [--host arcdsl-host] [--out DIR]
      [--cpu-only] [--repeat N] [--only-config NAME,...]
      [--only-workload WORD,...] [--host-flags "..."]
      [--reference-dsl DIR [--solvers FILE.py] [--cpython-procs N]
       [--cpython-solvers N]]

Workloads (from .device/):
  <name>.bundle.json + <name>.host.o      solver files: "own" (each solver
      on its task's inputs) and "cross" (every solver on every input),
      compared with <name>.own.jsonl.gz / <name>.cross.jsonl.gz
  batt/<name>.bundle.json + .host.o       batts over training (and
      evaluation when carried), compared with batt/<name>.cpu.jsonl.gz
Configurations (arcdsl-host; a host object is linked with `c++ -shared`):
  gpu          the GPU alone (heavy samples in its heavy passes; default
               lanes: a warp per sample)
  gpu-thread   the GPU alone, a thread per sample in every pass (--lanes 1,1)
  gpu-warp     the GPU alone, a warp per sample in every pass (--lanes 32,32)
  gpu+4        the GPU with 4 host threads (taskset 0-3); the GPU's heavy
               pass shares the heavy samples with the host threads
  gpu+4-plain  the same, the host threads running every heavy sample
               (--no-share-heavy)
  gpu+4-light  gpu+4, idle host threads taking light samples too
               (--share-light)
  gpu+16, gpu+16-light  the same with 16 host threads (taskset 0-15)
  cpu4, cpu16  4 / 16 host threads alone (--cpu-only; taskset 0-3 / 0-15
               where the machine has the cores)
  gpu1         one GPU (CUDA_VISIBLE_DEVICES=0), when the host has several
  memcheck     compute-sanitizer memcheck on the own workload
  memcheck-thread  the same with a thread per sample (--lanes 1,1)
  sass         each bundle's cubins through nvdisasm and
               scripts/check-sass-uniform.py (divergent lanes in functions
               ptxas compiled without reconvergence barriers: docs/gpu.md)
  cpython      stock CPython on --cpython-procs processes over the cross
               workload (with --reference-dsl: a checkout of arc-dsl, e.g.
               .device/ref from device-prepare.sh REF=...); CPU time of one
               core, 1 s limit per run
--cpu-only runs the host-thread configurations and prints, for each GPU
one, the command it would run and the files it would compare. Prints one
table (workload, configuration, runs, best seconds, runs/s, samples that
agree/differ with the CPU's outputs) and writes it to OUT/matrix.json;
each run's stderr (with --profile: its passes) goes to
OUT/matrix-work/<workload>.<config>.stderr (a '+' of a configuration's
name written '-and-'). --host-flags adds arcdsl-host
flags to every GPU configuration.
Exit codes: 0 every run agreed; 1 a run differed or failed; 2 bad setup.
"""
import argparse
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, 'bench'))


def taskset(cores):
    """A taskset prefix for cores 0..cores-1 where the machine has them."""
    if shutil.which('taskset') and (os.cpu_count() or 1) >= cores:
        return ['taskset', '-c', f'0-{cores - 1}']
    return []


def gpu_count():
    try:
        out = subprocess.run(['nvidia-smi', '-L'], capture_output=True,
                             text=True).stdout
        return sum(1 for l in out.splitlines() if l.startswith('GPU '))
    except OSError:
        return 0


def configs(cpu_only, gpus):
    """(name, needs GPU, command prefix, arcdsl-host flags, environment)."""
    out = [
        ('gpu', True, [], [], {}),
        ('gpu-thread', True, [], ['--lanes', '1,1'], {}),
        ('gpu-warp', True, [], ['--lanes', '32,32'], {}),
        ('gpu+4', True, taskset(4), ['--host-code', '{so}', '--cpu-threads', '4'], {}),
        ('gpu+4-plain', True, taskset(4), ['--host-code', '{so}', '--cpu-threads', '4',
                                          '--no-share-heavy'], {}),
        ('gpu+4-light', True, taskset(4), ['--host-code', '{so}', '--cpu-threads', '4',
                                          '--share-light'], {}),
        ('gpu+16', True, taskset(16), ['--host-code', '{so}', '--cpu-threads', '16'], {}),
        ('gpu+16-light', True, taskset(16), ['--host-code', '{so}', '--cpu-threads', '16',
                                            '--share-light'], {}),
        ('cpu4', False, taskset(4), ['--host-code', '{so}', '--cpu-only',
                                     '--cpu-threads', '4'], {}),
        ('cpu16', False, taskset(16), ['--host-code', '{so}', '--cpu-only',
                                       '--cpu-threads', '16'], {}),
    ]
    if gpus > 1 or cpu_only:
        out.append(('gpu1', True, [], [], {'CUDA_VISIBLE_DEVICES': '0'}))
    return out


def workloads(dev):
    """(label, bundle, host object, arcdsl-host workload flags, expected)."""
    out = []
    tasks = os.path.join(dev, 'training')
    for bundle in sorted(glob.glob(os.path.join(dev, '*.bundle.json'))):
        name = os.path.basename(bundle)[:-len('.bundle.json')]
        obj = os.path.join(dev, name + '.host.o')
        for kind, flags in (('own', []), ('cross', ['--cross'])):
            expected = os.path.join(dev, f'{name}.{kind}.jsonl.gz')
            out.append((f'{name} {kind}', bundle, obj,
                        ['--tasks', tasks] + flags, expected, 'solvers'))
    for bundle in sorted(glob.glob(os.path.join(dev, 'batt', '*.bundle.json'))):
        name = os.path.basename(bundle)[:-len('.bundle.json')]
        obj = os.path.join(dev, 'batt', name + '.host.o')
        flags = ['--batt']
        for t in ('training', 'evaluation'):
            if os.path.isdir(os.path.join(dev, t)):
                flags += ['--tasks', os.path.join(dev, t)]
        expected = os.path.join(dev, 'batt', name + '.cpu.jsonl.gz')
        out.append((f'batt {name}', bundle, obj, flags, expected, 'batt'))
    return out


def sass_check(bundle, work):
    """(ok, summary) of check-sass-uniform.py over the bundle's cubins;
    None when nvdisasm is missing or the bundle has no cubin."""
    import base64
    nvdisasm = shutil.which('nvdisasm') or (
        '/usr/local/cuda/bin/nvdisasm'
        if os.access('/usr/local/cuda/bin/nvdisasm', os.X_OK) else None)
    cubins = json.load(open(bundle)).get('cubins') or {}
    if not nvdisasm or not cubins:
        return None
    ok, lines = True, []
    for chip, data in sorted(cubins.items()):
        cubin = os.path.join(work, f'{os.path.basename(bundle)}.{chip}.cubin')
        with open(cubin, 'wb') as f:
            f.write(base64.b64decode(data))
        sass = subprocess.run([nvdisasm, '-c', cubin], capture_output=True, text=True)
        listing = cubin + '.sass'
        with open(listing, 'w') as f:
            f.write(sass.stdout)
        p = subprocess.run([sys.executable, os.path.join(ROOT, 'scripts',
                                                         'check-sass-uniform.py'), listing],
                           capture_output=True, text=True)
        ok &= p.returncode == 0
        said = (p.stdout + p.stderr).strip()
        lines.append(f'{chip}: ' + (said.splitlines()[-1] if said
                                    else f'exit {p.returncode}'))
    return ok, '; '.join(lines)


def link(obj, work):
    """The host object as a shared object (the library is inside)."""
    so = os.path.join(work, os.path.basename(obj)[:-2] + '.so')
    if not os.path.exists(so):
        subprocess.run(['c++', '-shared', '-o', so, obj], check=True)
    return so


def compare(kind, expected, actual):
    """(agree, differ, summary line) of the outputs against the CPU's."""
    tool = (os.path.join(ROOT, 'tools', 'arcdsl-batt', 'compare.py')
            if kind == 'batt' else os.path.join(ROOT, 'bench', 'compare_outputs.py'))
    p = subprocess.run([sys.executable, tool, expected, actual],
                       capture_output=True, text=True)
    text = p.stdout + p.stderr
    nums = {k: int(v) for v, k in re.findall(r'(\d+) (identical|agree|differ|different)', text)}
    agree = nums.get('identical', nums.get('agree', 0))
    differ = nums.get('different', nums.get('differ', 0))
    first = text.strip().splitlines()[0] if text.strip() else ''
    # A comparison that failed without counting a difference (a missing
    # run, a bad file) still fails the run.
    return agree, differ or (1 if p.returncode else 0), first


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--dev', default=os.path.join(ROOT, '.device'))
    ap.add_argument('--host', default='/tmp/arcdsl-rt/bin/arcdsl-host')
    ap.add_argument('--out', default=os.environ.get('OUT', 'device-out'))
    ap.add_argument('--cpu-only', action='store_true')
    ap.add_argument('--repeat', type=int, default=2)
    ap.add_argument('--only-config', default='')
    ap.add_argument('--only-workload', default='',
                    help='workloads whose label holds one of these words '
                         '(e.g. "own" or "reference,batt")')
    ap.add_argument('--host-flags', default='',
                    help='more arcdsl-host flags for the GPU configurations '
                         '(e.g. "--profile --lanes 1,8")')
    ap.add_argument('--reference-dsl')
    ap.add_argument('--solvers')
    ap.add_argument('--cpython-procs', type=int, default=16)
    ap.add_argument('--cpython-solvers', type=int, default=0,
                    help='CPython on N solvers evenly spaced (0: all of them)')
    o = ap.parse_args()
    if not os.path.isdir(o.dev) or not os.access(o.host, os.X_OK):
        print(f'device_matrix: error: need {o.dev}/ (scripts/device-prepare.sh) '
              f'and an arcdsl-host ({o.host})', file=sys.stderr)
        return 2
    os.makedirs(o.out, exist_ok=True)
    work = os.path.join(o.out, 'matrix-work')
    os.makedirs(work, exist_ok=True)
    gpus = 0 if o.cpu_only else gpu_count()
    only = set(filter(None, o.only_config.split(',')))
    rows, failed = [], False
    print(f'device_matrix: {os.cpu_count()} cores, {gpus} GPU(s)'
          + (' (--cpu-only: GPU runs are printed, not run)' if o.cpu_only else ''))
    words = list(filter(None, o.only_workload.split(',')))
    for label, bundle, obj, flags, expected, kind in workloads(o.dev):
        if words and not any(w in label.split() + [label] for w in words):
            continue
        so = link(obj, work) if os.path.exists(obj) else None
        plan = configs(o.cpu_only, gpus)
        if label.endswith(' own') or kind == 'batt':
            if not only or 'sass' in only:
                checked = sass_check(bundle, work)
                row = dict(workload=label, config='sass', ran=checked is not None,
                           command='nvdisasm -c | scripts/check-sass-uniform.py')
                if checked:
                    row.update(sass_ok=checked[0], compared=checked[1])
                    failed |= not checked[0]
                print(f'[{label} / sass] ' + (checked[1] if checked else
                                              'not run (no nvdisasm or no cubin)'))
                rows.append(row)
        if label.endswith(' own'):
            memcheck = ['compute-sanitizer', '--tool', 'memcheck',
                        '--error-exitcode', '3']
            plan.append(('memcheck', True, memcheck, [], {}))
            plan.append(('memcheck-thread', True, memcheck, ['--lanes', '1,1'], {}))
        for name, needs_gpu, prefix, extra, env in plan:
            if only and name not in only:
                continue
            if '{so}' in extra and not so:
                continue
            # No '+' in the names: the device tool brings back only plain
            # names.
            out = os.path.join(work, f'{label.replace(" ", ".")}.'
                                     f'{name.replace("+", "-and-")}.jsonl')
            repeat = ['--repeat',
                      '1' if name.startswith('memcheck') else str(o.repeat)]
            cmd = (prefix + [o.host, '--bundle', bundle] + flags +
                   [a.replace('{so}', so or '') for a in extra] +
                   (o.host_flags.split() if needs_gpu else []) +
                   repeat + ['--outputs', out])
            shown = ' '.join((f'{k}={v} ' for k, v in env.items())) + ' '.join(cmd)
            if needs_gpu and o.cpu_only:
                print(f'[{label} / {name}] would run: {shown}')
                print(f'[{label} / {name}] would compare {out} with {expected}')
                rows.append(dict(workload=label, config=name, ran=False, command=shown))
                continue
            t0 = time.time()
            p = subprocess.run(cmd, capture_output=True, text=True,
                               env={**os.environ, **env})
            wall = time.time() - t0
            with open(out[:-len('.jsonl')] + '.stderr', 'w') as f:
                f.write(p.stderr)
            m = re.search(r'runs (\d+) best ([\d.]+) s', p.stdout)
            row = dict(workload=label, config=name, ran=True, command=shown,
                       rc=p.returncode, wall=round(wall, 2))
            if p.returncode != 0 or not m:
                failed = True
                row['error'] = (p.stderr or p.stdout)[-1500:]
                print(f'[{label} / {name}] FAILED (exit {p.returncode}): {row["error"]}')
                rows.append(row)
                continue
            row.update(runs=int(m.group(1)), seconds=float(m.group(2)))
            if os.path.exists(expected):
                agree, differ, line = compare(kind, expected, out)
                row.update(agree=agree, differ=differ, compared=line)
                failed |= differ > 0
            rows.append(row)
            print(f'[{label} / {name}] {row["runs"]} runs, best {row["seconds"]:.3f} s'
                  + (f', {row["agree"]} agree, {row["differ"]} differ'
                     if 'agree' in row else ', no CPU outputs to compare'))
    if o.reference_dsl:
        from run import cpython, load_tasks  # noqa: E402
        solvers = o.solvers or os.path.join(o.reference_dsl, 'solvers.py')
        runs, secs = cpython(o.reference_dsl, solvers,
                             load_tasks(os.path.join(o.dev, 'training')), 'cross',
                             o.cpython_solvers, spread=True, procs=o.cpython_procs)
        which = f'{o.cpython_solvers} solvers' if o.cpython_solvers else 'all solvers'
        rows.append(dict(workload=f'cross ({which})', config=f'cpython x{o.cpython_procs}',
                         ran=True, runs=runs, seconds=secs,
                         command=f'bench/run.py cpython, {o.cpython_procs} processes'))
    print(f'\n{"workload":<22} {"config":<15} {"runs":>8} {"seconds":>9} {"runs/s":>9}  outputs')
    for r in rows:
        if 'sass_ok' in r:
            print(f'{r["workload"]:<22} {r["config"]:<15} {"":>8} {"":>9} {"":>9}  '
                  + ('no unsafe function' if r['sass_ok'] else 'UNSAFE: ' + r['compared']))
            continue
        if not r.get('ran') or 'runs' not in r:
            status = 'not run' if not r.get('ran') else 'FAILED'
            print(f'{r["workload"]:<22} {r["config"]:<15} {"":>8} {"":>9} {"":>9}  {status}')
            continue
        rate = r['runs'] / r['seconds'] if r['seconds'] else 0
        cmp_ = (f'{r["agree"]} agree, {r["differ"]} differ' if 'agree' in r else '-')
        print(f'{r["workload"]:<22} {r["config"]:<15} {r["runs"]:>8} '
              f'{r["seconds"]:>9.3f} {rate:>9.0f}  {cmp_}')
    with open(os.path.join(o.out, 'matrix.json'), 'w') as f:
        json.dump(rows, f, indent=1)
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())

#!/usr/bin/env python3
"""Differential test of arcdsl against the reference DSL.

Runs a solver file through arcdsl (`arcdsl-run --backend cpu --outputs`,
and optionally compares a GPU outputs file too) and through the reference
(`../shared/tools/refrun.py`, which imports Hodel's dsl.py from a checkout:
stock CPython with --order python, the default, `refrun.py --stock`; under
the canonical ordering rule with --order canonical), then reports every
(solver, task, input) where they disagree:

  - a value and an error disagree, and so do two different errors (the
    Python exception's name against arcdsl's error name);
  - two values differ;
  - arcdsl's limits (Capacity, WorkLimit, ResultImage, a timeout or a crash
    of its process) are neither agreement nor difference: counted apart, by
    kind, on their own line;
  - a reference timeout (over --timeout seconds) is not a disagreement, nor
    a reference value refrun.py cannot encode (a function, None in a grid);
  - the differential rule (arcdsl-run gets the same --timeout): a sample
    CPython finished within S that arcdsl stopped (WorkLimit) is a
    disagreement; of those CPython did not finish, how many arcdsl answered
    and how many it stopped is reported;
  - arcdsl's `Unsupported` (a form not implemented yet) is counted apart,
    and solvers arcdsl cannot compile are listed;
  - a run arcdsl flags `address_order` (a set CPython orders by object
    addresses: functions, nan) that differs is counted apart, its solvers
    listed.

The reference is slow (CPython, and sorted frozensets): --jobs N runs it in
N processes at once (a pool over small shards: a few solvers on a quarter
of the tasks, so one slow solver does not hold up the rest); with --work-dir the
finished shards are kept and a later run (e.g. after --deadline stopped
this one) runs only the rest. --arcdsl-outputs
takes arcdsl's outputs from a file instead of running arcdsl-run (on a
machine without the compiler, e.g. the GPU machine); --reference-out keeps
the reference's results, --reference-results reuses them.

usage:
  arcdsl-difftest.py --solvers FILE.py --tasks DIR --reference-dsl DIR
      [--refrun PATH] [--arcdsl-run PATH | --arcdsl-outputs FILE.jsonl[.gz]]
      [--gpu-outputs FILE.jsonl[.gz]] [--cross] [--order python|canonical]
      [--python PATH] [--only ID,...] [--timeout S] [--task-groups N]
      [--work-limit N] [--jobs N] [--shards N] [--deadline S] [--cheap-first]
      [--work-dir DIR]
      [--reference-out F | --reference-results F] [--show N]

Exit status: 0 when nothing disagrees, 1 otherwise (or when a run failed).
"""
import argparse
import gzip
import json
import os
import re
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, 'bench'))


# Debian's python3.11 is not position independent: hash(None) (an address
# before 3.12) is the same in every process, so sets holding None iterate
# reproducibly; arcdsl's python order gives that interpreter's order.
DEFAULT_PYTHON = '/usr/bin/python3.11' if os.path.exists('/usr/bin/python3.11') else sys.executable

RECORD_RE = re.compile(r'\{"solver":"(?:solve_)?(\w+)","task":"(\w+)","index":(\d+),'
                       r'"status":"(\w+)"(?:,"work":(\d+))?(,"address_order":true)?,"output":')


NONE_TEXT = '{"error":"unencodable NoneType"}'


def none_back(value):
    """refrun.py writes a None inside a value (a grid cell after
    `index` off the grid) as {"error": "unencodable NoneType"}; arcdsl
    writes null."""
    if isinstance(value, dict):
        if value == {'error': 'unencodable NoneType'}:
            return None
        return {k: none_back(v) for k, v in value.items()}
    if isinstance(value, list):
        return [none_back(v) for v in value]
    return value


def compact(value):
    """The value's JSON as arcdsl-run --outputs writes it (bools stay bools)."""
    return json.dumps(value, separators=(',', ':'))


def load_outputs(path, solvers=None, work=None):
    """(solver id, task, index) -> (status, output as compact JSON text);
    only `solvers` if given; `work[solver]` sums the work units. Records are
    read without decoding their output (the JSON text is compared), so a
    whole cross workload loads fast."""
    out = {}
    opener = gzip.open if path.endswith('.gz') else open
    with opener(path, 'rt') as fh:
        for line in fh:
            m = RECORD_RE.match(line)
            if m:
                sid, tid, k, status, units, addr = m.groups()
                if work is not None and units:
                    work[sid] = work.get(sid, 0) + int(units)
                if solvers is not None and sid not in solvers:
                    continue
                text = line[m.end():].rstrip()
                out[(sid, tid, int(k))] = (status, text[:-1], bool(addr))  # the record's '}'
                continue
            r = json.loads(line)  # another layout: decode it
            sid = r['solver'][6:] if r['solver'].startswith('solve_') else r['solver']
            if solvers is None or sid in solvers:
                out[(sid, r['task'], r['index'])] = (r['status'], compact(r['output']),
                                                     bool(r.get('address_order')))
    return out


def solver_ids(path):
    with open(path) as fh:
        return re.findall(r'^def solve_(\w+)\(', fh.read(), re.M)


def merge(ref, part):
    for sid, per_task in part.items():
        ref.setdefault(sid, {}).update(per_task)


def run_reference(o, tmp, cost=None):
    """refrun.py over (solvers x tasks) shards in o.jobs processes at once.

    Shards are small (a few solvers on a quarter of the tasks in cross mode),
    so a slow solver is spread over several processes; with `cost` (arcdsl's
    work units per solver, a good proxy for CPython's time) the costliest
    shards start first."""
    ids = o.only.split(',') if o.only else solver_ids(o.solvers)
    work = o.work_dir or tmp
    os.makedirs(work, exist_ok=True)
    nsolver = 1 if o.jobs <= 1 else min(len(ids), o.shards or 8 * o.jobs)
    groups = [o.tasks]
    if o.cross and o.jobs > 1:  # task groups: directories of links
        names = sorted(f for f in os.listdir(o.tasks) if f.endswith('.json'))
        # At least 4; more when there are few solvers to spread.
        ng = o.task_groups or max(4, min(32, 8 * o.jobs // len(ids)))
        groups = []
        for g in range(ng):
            d = os.path.join(work, f'tasks.{ng}.{g}')
            os.makedirs(d, exist_ok=True)
            for f in names[g::ng]:
                if not os.path.exists(os.path.join(d, f)):
                    os.symlink(os.path.abspath(os.path.join(o.tasks, f)), os.path.join(d, f))
            groups.append(d)
    if cost:  # solvers of like cost together, so cheap shards are quick
        ids = sorted(ids, key=lambda i: (cost.get(i, 0), i))
        m = -(-len(ids) // nsolver)
        parts = [ids[k * m:(k + 1) * m] for k in range(nsolver)]
    else:
        parts = [ids[k::nsolver] for k in range(nsolver)]
    tag = 'c' if cost else 's'
    shards = [(f'{tag}{nsolver}.{k}.{len(groups)}.{g}', parts[k], groups[g])
              for k in range(nsolver) for g in range(len(groups)) if parts[k]]
    if cost:  # costliest first finishes soonest; cheapest first covers most by a deadline
        sign = 1 if o.cheap_first else -1
        shards.sort(key=lambda sh: sign * sum(cost.get(i, 0) for i in sh[1]))
    running, ref, t0, done = [], {}, time.time(), 0
    running_parts = {}
    shard_tasks, tries = {}, {}
    pending = []
    for name, part, tasks in shards:
        out = os.path.join(work, f'reference.{name}.json')
        try:  # finished by an earlier run with the same --work-dir
            with open(out) as fh:
                merge(ref, json.load(fh))
            done += 1
        except (OSError, ValueError):
            pending.append((name, part, tasks))
    if done:
        print(f'arcdsl-difftest: reference: {done} of {len(shards)} shards from {work}',
              file=sys.stderr, flush=True)
    step = max(1, len(shards) // 10)
    while pending or running:
        if o.deadline and time.time() - t0 > o.deadline:
            for proc, _ in running:
                proc.kill()
            left = sorted({i for _, part, _ in pending for i in part} |
                          {i for _, part in running_parts.values() for i in part})
            print(f'arcdsl-difftest: deadline: reference stopped after {done} of '
                  f'{len(shards)} shards; comparing those (unfinished: solvers '
                  f'{" ".join(left)})', file=sys.stderr, flush=True)
            break
        while pending and len(running) < max(1, o.jobs):
            name, part, tasks = pending.pop(0)
            out = os.path.join(work, f'reference.{name}.json')
            cmd = [o.python, o.refrun, '--dsl', o.reference_dsl, '--solvers', o.solvers,
                   '--tasks', tasks, '--timeout', str(o.timeout), '--out', out + '.part',
                   '--only', ','.join(part)]
            if o.cross:
                cmd.append('--cross')
            if o.order == 'python':
                cmd.append('--stock')
            # stderr to a file: a pipe nobody reads would fill and stall it.
            err = open(out + '.stderr', 'w+')
            running.append((subprocess.Popen(cmd, stdout=subprocess.DEVNULL,
                                             stderr=err, text=True), out))
            running_parts[out] = (name, part)
            shard_tasks[out] = tasks
        still = []
        for proc, out in running:
            if proc.poll() is None:
                still.append((proc, out))
                continue
            if proc.returncode != 0:
                # refrun.py can die of its own timer (an alarm that fires
                # as it is disarmed escapes its handler): run the shard
                # again, twice at most.
                name, part = running_parts[out]
                tries[out] = tries.get(out, 0) + 1
                if tries[out] <= 2:
                    print(f'arcdsl-difftest: refrun.py failed on shard {name}; '
                          f'running it again', file=sys.stderr, flush=True)
                    pending.insert(0, (name, part, shard_tasks[out]))
                    continue
                with open(out + '.stderr') as fh:
                    sys.stderr.write(fh.read()[-3000:])
                sys.exit('arcdsl-difftest: refrun.py failed')
            os.replace(out + '.part', out)  # only finished shards count
            running_parts.pop(out, None)
            with open(out) as fh:
                merge(ref, json.load(fh))
            done += 1
            if len(shards) > 1 and (done % step == 0 or done == len(shards)):
                print(f'arcdsl-difftest: reference {done}/{len(shards)} shards '
                      f'({time.time() - t0:.0f} s)', file=sys.stderr, flush=True)
        running = still
        if running:
            time.sleep(0.2)
    return ref


# arcdsl's statuses that are not Python exceptions: a limit of the machine
# (arena, work bound, transfer image, time) or a crash, not an answer.
LIMIT_STATUSES = ('Capacity', 'WorkLimit', 'ResultImage', 'Error', 'timeout', 'crash')


def compare(ref, got):
    """Compare the reference's results with arcdsl's records: a value agrees
    with an equal value, an exception with the same exception (Python's name
    against arcdsl's error name). arcdsl's limits (LIMIT_STATUSES) are
    counted apart by kind, as are reference timeouts and unencodable values,
    Unsupported, and address-ordered differences."""
    counts = dict(compared=0, agree=0, differ=0, limits=0, address_order=0,
                  reference_timeout=0, reference_unencodable=0, unsupported=0,
                  not_compiled=0)
    # The differential rule: CPython finished / arcdsl stopped (WorkLimit).
    rule = dict(finished=0, finished_stopped=0, timeout_answered=0,
                timeout_stopped=0)
    diffs, not_compiled, addr_solvers, limits = [], set(), set(), {}
    for sid, per_task in sorted(ref.items()):
        for tid, results in sorted(per_task.items()):
            for k, want in enumerate(results):
                key = (sid, tid, k)
                if key not in got:
                    counts['not_compiled'] += 1
                    not_compiled.add(sid)
                    continue
                status, value, addr = got[key]
                counts['compared'] += 1
                if isinstance(want, dict) and want.get('error') == 'timeout':
                    counts['reference_timeout'] += 1
                    rule['timeout_stopped' if status == 'WorkLimit'
                         else 'timeout_answered'] += 1
                    continue
                rule['finished'] += 1
                if status == 'WorkLimit':
                    # CPython finished within --timeout: arcdsl must answer.
                    rule['finished_stopped'] += 1
                    counts['differ'] += 1
                    diffs.append((sid, tid, k, 'finished', 'WorkLimit'))
                    continue
                if (isinstance(want, dict) and str(want.get('error', '')).startswith(
                        'unencodable') and status == 'ok'):
                    # refrun.py cannot write a value holding a function or
                    # None: nothing to compare with arcdsl's value.
                    counts['reference_unencodable'] += 1
                    continue
                if status == 'Unsupported':
                    counts['unsupported'] += 1
                    continue
                if status in LIMIT_STATUSES:
                    counts['limits'] += 1
                    limits[status] = limits.get(status, 0) + 1
                    continue
                ref_error = isinstance(want, dict) and 'error' in want
                if ref_error and status != 'ok':
                    ok = want['error'] == status
                elif ref_error or status != 'ok':
                    ok = False
                else:
                    text = compact(want)
                    if NONE_TEXT in text:  # refrun.py's None inside a value
                        text = compact(none_back(want))
                    ok = value == text
                if ok:
                    counts['agree'] += 1
                elif addr:
                    # CPython ordered a set by addresses (functions,
                    # nan, None): not reproducible, counted apart.
                    counts['address_order'] += 1
                    addr_solvers.add(sid)
                else:
                    counts['differ'] += 1
                    diffs.append((sid, tid, k, want['error'] if ref_error else 'value',
                                  status if status != 'ok' else 'value'))
    return counts, diffs, not_compiled, addr_solvers, limits, rule


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
    ap.add_argument('--python', default=DEFAULT_PYTHON,
                    help='the CPython that runs the reference (default: Debian 12\'s '
                         '/usr/bin/python3.11 when present, whose None hashes the same in '
                         'every process; else this one)')
    ap.add_argument('--order', choices=['python', 'canonical'], default='python',
                    help="set iteration order: python (arcdsl-run --order python against "
                         "stock CPython, refrun.py --stock; the default) or canonical (both "
                         "under the ascending rule)")
    ap.add_argument('--only', default='')
    ap.add_argument('--timeout', type=float, default=2.0,
                    help='CPython seconds: the reference\'s limit and arcdsl-run\'s '
                         '--timeout (default 2)')
    ap.add_argument('--work-limit', type=int)
    ap.add_argument('--show', type=int, default=20)
    ap.add_argument('--jobs', type=int, default=1,
                    help='reference processes at once (default 1)')
    ap.add_argument('--arcdsl-outputs',
                    help="arcdsl's CPU outputs (arcdsl-run --outputs) instead of running it")
    ap.add_argument('--reference-out', help="write the reference's results here (JSON)")
    ap.add_argument('--reference-results', help='reuse results written by --reference-out')
    ap.add_argument('--work-dir',
                    help='keep finished reference shards here; a later run reuses them')
    ap.add_argument('--shards', type=int,
                    help='solver groups (default 8 x jobs), each run on every task group')
    ap.add_argument('--task-groups', type=int,
                    help='task groups in cross mode (default: 4, more for few solvers); more '
                         'groups spread a slow solver over more processes')
    ap.add_argument('--cheap-first', action='store_true',
                    help='run the cheapest reference shards first (most coverage by a deadline)')
    ap.add_argument('--deadline', type=float,
                    help='stop the reference after S seconds and compare the solvers it finished')
    o = ap.parse_args()

    tmp = tempfile.mkdtemp(prefix='arcdsl-difftest-')
    mine = o.arcdsl_outputs or os.path.join(tmp, 'arcdsl.jsonl')
    if not o.arcdsl_outputs:
        cmd = [o.arcdsl_run, '--solvers', o.solvers, '--tasks', o.tasks, '--backend', 'cpu',
               '-q', '--outputs', mine]
        if o.cross:
            cmd.append('--cross')
        cmd += ['--order', o.order]
        if o.only:
            cmd += ['--only', o.only]
        if o.work_limit:
            cmd += ['--work-limit', str(o.work_limit)]
        else:
            cmd += ['--timeout', str(o.timeout)]
        p = subprocess.run(cmd, capture_output=True, text=True)
        # arcdsl-run's exit codes: 0 ran, 1 bad input (a solver without a
        # task file or a broken task file: the others ran), 2 the machine
        # failed, 3 nothing ran. Its outputs are usable after 0, 1 and 3.
        if p.returncode not in (0, 1, 3) or not os.path.exists(mine):
            sys.stderr.write(p.stderr[-3000:])
            sys.exit('arcdsl-difftest: arcdsl-run failed')
        if p.returncode == 1:
            sys.stderr.write('arcdsl-difftest: note: arcdsl-run reported bad input:\n'
                             + '\n'.join(l for l in p.stderr.splitlines()
                                         if 'error:' in l)[-3000:] + '\n')
    if o.reference_results:
        with open(o.reference_results) as fh:
            ref = json.load(fh)
    else:
        cost = {}
        load_outputs(mine, set(), cost)
        ref = run_reference(o, tmp, cost)
        if o.reference_out:
            with open(o.reference_out, 'w') as fh:
                json.dump(ref, fh)

    wanted = set(ref)
    systems = [('cpu', load_outputs(mine, wanted))]
    if o.gpu_outputs:
        systems.append(('gpu', load_outputs(o.gpu_outputs, wanted)))
    failed = False
    for name, got in systems:
        counts, diffs, not_compiled, addr_solvers, limits, rule = compare(ref, got)
        print(f'{name}: ' + ', '.join(f'{v} {k.replace("_", " ")}' for k, v in counts.items()))
        print(f'{name}: differential rule at --timeout {o.timeout:g}: CPython finished '
              f'{rule["finished"]}, arcdsl stopped {rule["finished_stopped"]} of them '
              f'(must be 0); CPython did not finish {counts["reference_timeout"]}: arcdsl '
              f'answered {rule["timeout_answered"]}, stopped {rule["timeout_stopped"]}')
        if limits:
            print(f'{name}: arcdsl limits (neither agree nor differ): '
                  + ', '.join(f'{v} {k}' for k, v in sorted(limits.items())))
        if not_compiled:
            print(f'{name}: not compiled: {" ".join(sorted(not_compiled))}')
        if addr_solvers:
            print(f'{name}: address-ordered sets in: {" ".join(sorted(addr_solvers))}')
        for sid, tid, k, w, g in diffs[:o.show]:
            print(f'  differ: solve_{sid} on {tid}[{k}]: reference {w}, arcdsl {g}')
        failed |= bool(diffs)
    sys.exit(1 if failed else 0)


if __name__ == '__main__':
    main()

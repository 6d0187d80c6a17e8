#!/usr/bin/env python3
"""Compare two batt output files (arcdsl-batt --out, or a reference run).

usage: compare.py EXPECTED.jsonl ACTUAL.jsonl [--show N]
Runs are matched by (task, sample, mode). A run agrees when both give the
same lists, or both raised the same exception (the Python exception's name
against arcdsl's error name; a reference "bad-return:X" matches arcdsl's
"BadResult"). Counted apart, neither agreement nor difference: a reference
"timeout", and an actual run that hit one of arcdsl's limits rather than
raising (Capacity, WorkLimit, ResultImage, a timeout or a crash: LIMIT_ERRORS),
each kind on its own summary line. An error against a different error, or
against a value, differs. Exit code 1 when any run differs or is missing.
"""
import gzip
import json
import sys

# arcdsl's errors that are not Python exceptions: a limit of the machine
# (arena, work bound, transfer image, time) or a crash, not an answer.
LIMIT_ERRORS = ('Capacity', 'WorkLimit', 'ResultImage', 'timeout', 'crash', 'Error')


def error_kind(err):
    """The exception name an error record stands for."""
    err = str(err)
    if err.startswith('bad-return:'):
        return 'BadResult'
    return err


def load(path):
    op = gzip.open if path.endswith('.gz') else open
    runs = {}
    with op(path, 'rt') as f:
        for line in f:
            if line.strip():
                r = json.loads(line)
                runs[(r['task'], r.get('sample'), r.get('mode'))] = r
    return runs


def first_difference(a, b, path='$'):
    if type(a) is not type(b):
        return f'{path}: {json.dumps(a)[:120]} != {json.dumps(b)[:120]}'
    if isinstance(a, list):
        if len(a) != len(b):
            return f'{path}: length {len(a)} != {len(b)}'
        for k, (x, y) in enumerate(zip(a, b)):
            d = first_difference(x, y, f'{path}[{k}]')
            if d:
                return d
        return None
    if isinstance(a, dict):
        for k in sorted(set(a) | set(b)):
            d = first_difference(a.get(k), b.get(k), f'{path}.{k}')
            if d:
                return d
        return None
    return None if a == b else f'{path}: {json.dumps(a)[:120]} != {json.dumps(b)[:120]}'


def main():
    args = [a for a in sys.argv[1:] if not a.startswith('--')]
    show = 10
    if '--show' in sys.argv:
        show = int(sys.argv[sys.argv.index('--show') + 1])
        args = [a for a in args if a != str(show)]
    exp, act = load(args[0]), load(args[1])
    agree = differ = missing = timeout = 0
    limits = {}
    shown = 0
    for k in sorted(exp, key=lambda k: tuple(str(x) for x in k)):
        e, a = exp[k], act.get(k)
        if e.get('error') == 'timeout':
            timeout += 1
            continue
        if a is None:
            missing += 1
            continue
        if a.get('error') in LIMIT_ERRORS:
            limits[a['error']] = limits.get(a['error'], 0) + 1
            continue
        if 'error' in e or 'error' in a:
            ok = ('error' in e and 'error' in a
                  and error_kind(e['error']) == error_kind(a['error']))
            why = f"error {e.get('error', 'a value')} vs {a.get('error', 'a value')}"
        else:
            why = first_difference({'o': e['o'], 's': e['s']},
                                   {'o': a['o'], 's': a['s']})
            ok = why is None
        if ok:
            agree += 1
        else:
            differ += 1
            if shown < show:
                print(f'DIFF {k[0]} {k[1]} {k[2]}: {why}')
                shown += 1
    print(f'{len(exp)} runs: {agree} agree, {differ} differ, {missing} '
          f'missing, {timeout} reference timeouts, {sum(limits.values())} limits')
    for name in LIMIT_ERRORS:
        if name in limits:
            print(f'limit {name}: {limits[name]} runs (neither agree nor differ)')
    sys.exit(1 if differ or missing else 0)


if __name__ == '__main__':
    main()

#!/usr/bin/env python3
"""Compare two per-sample output files written by `arcdsl-run --outputs` or
`arcdsl-host --outputs` (JSON lines, optionally gzip'ed): every
(solver, task, index) must have the same status and the same output.

usage: compare_outputs.py A.jsonl[.gz] B.jsonl[.gz] [--label-a cpu --label-b gpu]
Prints a summary line and up to 10 differences; exit 1 on any difference.
"""
import argparse
import gzip
import json
import sys


def records(path):
    """The records of an --outputs file (JSON lines, optionally gzip'ed)."""
    with open(path, 'rb') as f:
        gzipped = f.read(2) == b'\x1f\x8b'
    opener = gzip.open if gzipped else open
    with opener(path, 'rt') as f:
        for line in f:
            yield json.loads(line)


def load(path):
    return {(r['solver'], r['task'], r['index']):
            (r['status'], json.dumps(r['output'], separators=(',', ':')))
            for r in records(path)}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('a')
    ap.add_argument('b')
    ap.add_argument('--label-a', default='A')
    ap.add_argument('--label-b', default='B')
    o = ap.parse_args()
    a, b = load(o.a), load(o.b)
    keys = sorted(set(a) | set(b))
    diffs = []
    for k in keys:
        va, vb = a.get(k), b.get(k)
        if va != vb:
            diffs.append((k, va, vb))
    same = len(keys) - len(diffs)
    print(f'compare: {len(keys)} samples, {same} identical, {len(diffs)} different '
          f'({o.label_a}: {len(a)}, {o.label_b}: {len(b)})')
    for k, va, vb in diffs[:10]:
        fa = 'missing' if va is None else f'{va[0]} {va[1][:120]}'
        fb = 'missing' if vb is None else f'{vb[0]} {vb[1][:120]}'
        print(f'  {k[0]} on {k[1]}[{k[2]}]: {o.label_a}={fa} | {o.label_b}={fb}')
    sys.exit(1 if diffs else 0)


if __name__ == '__main__':
    main()

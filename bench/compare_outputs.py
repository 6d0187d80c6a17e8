#!/usr/bin/env python3
"""Compare two per-sample output files written by `arcdsl-run --outputs` or
`arcdsl-host --outputs` (JSON lines, optionally gzip'ed): every
(solver, task, index) must have the same status and the same output.

usage: compare_outputs.py A.jsonl[.gz] B.jsonl[.gz] [--label-a cpu --label-b gpu]
Prints a summary line, the differences per solver and up to 10 of them;
exit 1 on any difference. A sample whose result iterates a set ordered by a
hash CPython takes from an address ("address_order" on both sides: None,
nan, functions) has no order to agree on, CPython's own varies with its
memory layout, and arcdsl's with the arena's (the GPU's differs from the
CPU's): such differences are counted apart and do not fail the comparison.
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
    """(solver, task, index) -> (status, output JSON); the keys whose result
    depends on an address-hash order."""
    out, by_address = {}, set()
    for r in records(path):
        k = (r['solver'], r['task'], r['index'])
        out[k] = (r['status'], json.dumps(r['output'], separators=(',', ':')))
        if r.get('address_order'):
            by_address.add(k)
    return out, by_address


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('a')
    ap.add_argument('b')
    ap.add_argument('--label-a', default='A')
    ap.add_argument('--label-b', default='B')
    o = ap.parse_args()
    (a, addr_a), (b, addr_b) = load(o.a), load(o.b)
    keys = sorted(set(a) | set(b))
    diffs, by_address = [], []
    for k in keys:
        va, vb = a.get(k), b.get(k)
        if va != vb:
            (by_address if k in addr_a and k in addr_b else diffs).append(
                (k, va, vb))
    same = len(keys) - len(diffs) - len(by_address)
    print(f'compare: {len(keys)} samples, {same} identical, {len(diffs)} different, '
          f'{len(by_address)} in an address-hash order '
          f'({o.label_a}: {len(a)}, {o.label_b}: {len(b)})')
    for label, group in (('different', diffs), ('address-hash order', by_address)):
        per = {}
        for k, _, _ in group:
            per[k[0]] = per.get(k[0], 0) + 1
        if per:
            top = sorted(per.items(), key=lambda kv: -kv[1])
            print(f'  {label}, per solver: ' +
                  ', '.join(f'{s} {n}' for s, n in top[:12]) +
                  (f' (+{len(top) - 12} more)' if len(top) > 12 else ''))
    for k, va, vb in diffs[:10]:
        fa = 'missing' if va is None else f'{va[0]} {va[1][:120]}'
        fb = 'missing' if vb is None else f'{vb[0]} {vb[1][:120]}'
        print(f'  {k[0]} on {k[1]}[{k[2]}]: {o.label_a}={fa} | {o.label_b}={fb}')
    sys.exit(1 if diffs else 0)


if __name__ == '__main__':
    main()

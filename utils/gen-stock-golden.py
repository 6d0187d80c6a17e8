#!/usr/bin/env python3
"""Stock-order golden vectors: the calls of ../shared/golden run again on stock
CPython (Hodel's dsl.py from a checkout, no ordering rule).

A set argument is built as frozenset(its listed elements), in the listed
order (arcdsl-golden-test --order python builds it the same way, so both
start from the same table); a set in a result is listed in the order it
iterates. Everything else follows ../shared/golden/README.md. Vectors that
time out (2 s) or give a value the format cannot hold are left out.

usage: gen-stock-golden.py --dsl ARC_DSL_DIR --golden GOLDEN_DIR --out FILE.jsonl.gz
"""
import argparse, gzip, json, os, signal, sys

ap = argparse.ArgumentParser()
ap.add_argument('--dsl', required=True)
ap.add_argument('--golden', required=True)
ap.add_argument('--out', required=True)
opt = ap.parse_args()
sys.path.insert(0, os.path.abspath(opt.dsl))
sys.setrecursionlimit(10000)
import dsl  # noqa: E402


class Unencodable(Exception):
    pass


class Timeout(Exception):
    pass


def dec(j):
    if isinstance(j, list):
        return tuple(dec(e) for e in j)
    if isinstance(j, dict):
        if 'set' in j:
            return frozenset(dec(e) for e in j['set'])
        if 'fn' in j:
            return getattr(dsl, j['fn'])
        raise Unencodable(str(j))
    return j


def enc(x):
    if x is None or type(x) in (bool, int):
        return x
    if type(x) is tuple:
        return [enc(e) for e in x]
    if type(x) is frozenset:
        return {'set': [enc(e) for e in x]}
    if callable(x) and getattr(dsl, getattr(x, '__name__', ''), None) is x:
        return {'fn': x.__name__}
    raise Unencodable(type(x).__name__)


def alarm(*_):
    raise Timeout()


signal.signal(signal.SIGALRM, alarm)
kept = skipped = 0
with gzip.open(opt.out, 'wt') as out:
    for name in sorted(os.listdir(opt.golden)):
        if not name.endswith('.jsonl'):
            continue
        prim = name[:-6]
        fn = getattr(dsl, prim, None)
        if fn is None:
            continue
        for line in open(os.path.join(opt.golden, name)):
            v = json.loads(line)
            if v.get('error') == 'TO':
                skipped += 1
                continue
            rec = {'prim': prim, 'args': v['args'], 'from': v.get('from', '')}
            try:
                args = [dec(a) for a in v['args']]
                signal.setitimer(signal.ITIMER_REAL, 2.0)
                try:
                    rec['result'] = enc(fn(*args))
                finally:
                    signal.setitimer(signal.ITIMER_REAL, 0)
            except (Unencodable, Timeout, RecursionError):
                skipped += 1
                continue
            except Exception as e:  # the reference raises: a per-sample error
                rec['error'] = type(e).__name__
            out.write(json.dumps(rec, separators=(',', ':')) + '\n')
            kept += 1
print(f'gen-stock-golden: {kept} vectors written, {skipped} left out '
      f'(CPython {sys.version.split()[0]})')

#!/usr/bin/env python3
"""Run a Hodel-DSL batt file under the reference semantics (the expected
outputs of arcdsl-batt's tests).

The reference is Michael Hodel's dsl.py (github michaelhodel/arc-dsl),
imported from a checkout at run time (--dsl DIR); nothing of it is copied.
arcdsl's ordering rule applies: every frozenset and set iterates in
ascending canonical order (ints/bools < tuples < frozensets); with --stock
it does not (stock CPython's hash-table order, what arcdsl's --order python
gives). A batt's
`_get_safe_default(f)` is the failure value given by f's return annotation:
frozenset() for FrozenSet-based types (Object, Objects, Indices, Patch,
Piece, Element, IntegerSet), () for tuple-based ones (Grid, Tuple,
IntegerTuple, Numerical, Any, ...), 0 for Integer, False for Boolean, and
for Callable a function named safe_callable that returns () for any
arguments; () for anything without annotations.

usage: hodelbatt.py --dsl DIR --batt FILE.py --tasks DIR [--tasks DIR2]
                    [--only ID,...] [--modes solve,diff] [--timeout S]
                    [--stock] --out OUT.jsonl
Output: the format of arcdsl-batt --out (one line per task, sample, mode).
"""
import argparse
import importlib.util
import json
import os
import signal
import sys
import typing

ap = argparse.ArgumentParser()
ap.add_argument('--dsl', required=True)
ap.add_argument('--batt', required=True)
ap.add_argument('--tasks', action='append', required=True)
ap.add_argument('--only', default='')
ap.add_argument('--modes', default='solve,diff')
ap.add_argument('--timeout', type=float, default=2.0)
ap.add_argument('--out', required=True)
ap.add_argument('--stock', action='store_true',
                help="stock CPython's set order (no ordering rule)")
opt = ap.parse_args()

sys.path.insert(0, os.path.abspath(opt.dsl))
sys.setrecursionlimit(10000)
import dsl  # noqa: E402
import constants  # noqa: E402

# The ordering rule's frozenset and set (iterate in canonical order; their
# operators keep the type), shared with refbatt.py.
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from refbatt import SortedFrozenset as OrderedFrozenset  # noqa: E402
from refbatt import SortedSet as OrderedSet  # noqa: E402
from refbatt import ck as key  # noqa: E402

_FS = frozenset

if opt.stock:
    OrderedFrozenset, OrderedSet = frozenset, set
dsl.frozenset = OrderedFrozenset
dsl.set = OrderedSet

SET_TYPES = ('FrozenSet', 'Object', 'Objects', 'Indices', 'IndicesSet',
             'IntegerSet', 'Patch')
TUPLE_TYPES = ('Tuple', 'Grid', 'IJ', 'Samples', 'TupleTuple', 'Container',
               'Cell')


def _get_safe_default(f):
    try:
        ret = typing.get_type_hints(f).get('return')
    except Exception:
        ret = None
    if ret is None:
        return ()
    text = str(ret)
    if any(t in text for t in SET_TYPES):
        return OrderedFrozenset()
    if any(t in text for t in TUPLE_TYPES):
        return ()
    if any(t in text for t in ('Integer', 'Numerical', 'int')):
        return 0
    if any(t in text for t in ('Boolean', 'bool')):
        return False
    if 'Callable' in text:
        def safe_callable(*args, **kwargs):
            return ()
        return safe_callable
    return ()


spec = importlib.util.spec_from_file_location('batt_module', opt.batt)
mod = importlib.util.module_from_spec(spec)
spec.loader.exec_module(mod)
mod.__dict__.update({k: v for k, v in vars(dsl).items() if not k.startswith('__')})
mod.__dict__.update({k: v for k, v in vars(constants).items() if not k.startswith('__')})
mod._get_safe_default = _get_safe_default
mod.frozenset = OrderedFrozenset
mod.set = OrderedSet


def enc(x):
    if x is None or type(x) in (bool, int):
        return x
    if type(x) is str:
        return {'str': x}
    if type(x) is tuple:
        return [enc(e) for e in x]
    if isinstance(x, _FS):
        return {'set': [enc(e) for e in sorted(_FS.__iter__(x), key=key)]}
    if callable(x):
        return {'fn': getattr(x, '__qualname__', getattr(x, '__name__', '?'))}
    return {'repr': repr(x)}


class Timeout(Exception):
    pass


def on_alarm(signum, frame):
    raise Timeout()


signal.signal(signal.SIGALRM, on_alarm)
grid = lambda g: tuple(tuple(r) for r in g)
only = set(i for i in opt.only.split(',') if i)
modes = [m for m in opt.modes.split(',') if m]
lines = []
tasks = {}
for d in opt.tasks:
    for f in sorted(os.listdir(d)):
        if f.endswith('.json') and (not only or f[:-5] in only):
            tasks[f[:-5]] = json.load(open(os.path.join(d, f)))
for tid in sorted(tasks):
    t = tasks[tid]
    S = tuple((grid(p['input']), grid(p['output'])) for p in t['train'])
    samples = [(f'train/{k}', p) for k, p in enumerate(t['train'])] + \
              [(f'test/{k}', p) for k, p in enumerate(t['test'])]
    for name, p in samples:
        for mode in modes:
            C = grid(p['output']) if mode == 'diff' and 'output' in p else None
            line = {'task': tid, 'sample': name, 'mode': mode}
            signal.setitimer(signal.ITIMER_REAL, opt.timeout)
            try:
                o, s = mod.batt(tid, S, grid(p['input']), C, None)
                signal.setitimer(signal.ITIMER_REAL, 0)
                line['o'] = [enc(r) for r in o]
                line['s'] = [enc(r) for r in s]
            except Timeout:
                line['error'] = 'timeout'
            except Exception as e:  # the batt raised
                signal.setitimer(signal.ITIMER_REAL, 0)
                line['error'] = type(e).__name__
            lines.append(json.dumps(line, separators=(',', ':')))
with open(opt.out, 'w') as f:
    f.write('\n'.join(lines) + '\n')
errors = sum('"error"' in l for l in lines)
print(f'{len(lines)} runs, {errors} raised', file=sys.stderr)

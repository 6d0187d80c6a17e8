#!/usr/bin/env python3
"""Check arcdsl's model of CPython's set order against the CPython running this.

Generates random set programs (seeded), runs each in this Python and through
arcdsl-pyset-check, and compares every set's iteration order and hash().
Exit 0 when all agree; else prints the first differences and exits 1.

usage: pyset-check.py --tool build/bin/arcdsl-pyset-check [--seed N] [--programs N]
"""
import argparse, json, random, subprocess, sys

ap = argparse.ArgumentParser()
ap.add_argument('--tool', required=True)
ap.add_argument('--seed', type=int, default=1)
ap.add_argument('--programs', type=int, default=400)
opt = ap.parse_args()
rng = random.Random(opt.seed)


def rand_value(regs):
    k = rng.random()
    if k < 0.3:
        return rng.randint(-3, 40)
    if k < 0.6:
        return [rng.randint(0, 29), rng.randint(0, 29)]
    if k < 0.9 or not regs:
        return [rng.randint(0, 9), [rng.randint(0, 29), rng.randint(0, 29)]]
    return {'r': rng.choice(regs)}


def rand_elems(regs):
    n = rng.choice([0, 1, 2, 3, 4, 5, 6, 9, 12, 20, 35, 60, 130])
    kind = rng.random()
    if kind < 0.3:  # one kind of element, as DSL sets are
        pool = [rand_value([]) for _ in range(n)]
        return pool + rng.sample(pool, min(len(pool), n // 3))
    if kind < 0.5:  # a grid's indices, row-major (ofcolor, asindices)
        h, w = rng.randint(1, 12), rng.randint(1, 12)
        return [[i, j] for i in range(h) for j in range(w) if rng.random() < 0.7]
    if kind < 0.6:  # a merge of shifted patches: hundreds of keys, most
        # repeated, some outside an ARC grid's range (the builder's bits)
        patch = [[rng.randint(0, 13), rng.randint(-2, 34), rng.randint(-2, 34)]
                 for _ in range(rng.randint(5, 40))]
        cells, out = rng.random() < 0.5, []
        for _ in range(rng.randint(8, 30)):
            di, dj = rng.randint(-3, 3), rng.randint(-3, 3)
            for c, i, j in patch:
                out.append([c, [i + di, j + dj]] if cells else [i + di, j + dj])
        return out
    return [rand_value(regs) for _ in range(n)]


def distinct(xs):
    """xs without repeats (first occurrences), for the distinct-key builder."""
    seen, out = set(), []
    for x in xs:
        key = json.dumps(x)
        if key not in seen:
            seen.add(key)
            out.append(x)
    return out


def rand_program():
    ops, regs = [], []
    for r in range(rng.randint(1, 8)):
        k = rng.random()
        if k < 0.08:  # distinct keys, up to a 70x70 grid's indices
            h, w = rng.randint(1, 70), rng.randint(1, 70)
            xs = [[i, j] for i in range(h) for j in range(w)]
            if rng.random() < 0.5:
                xs = [x for x in xs if rng.random() < 0.6]
            ops.append(['dseq', r, distinct(xs + rand_elems([]))])
        elif k < 0.11:  # a whole shape's indices (cached per shape up to 30x30)
            ops.append(['shape', r, rng.randint(0, 34), rng.randint(0, 34)])
        elif k < 0.14:  # a stack table: up to 8 keys, or two sets of 4 joined
            pick = lambda n: [rand_value([]) for _ in range(rng.randint(0, n))]
            if rng.random() < 0.5:
                ops.append(['tinyseq', r, pick(8)])
            else:
                ops.append(['tinyor', r, distinct(pick(4)), distinct(pick(4))])
        elif len(regs) < 2 or rng.random() < 0.4:
            ops.append([rng.choice(['seq', 'setof']), r, rand_elems(regs)])
        else:
            k = rng.choice(['or', 'and', 'sub', 'xor', 'copy', 'has'])
            a, b = rng.choice(regs), rng.choice(regs)
            if k == 'copy':
                ops.append([k, r, a])
            elif k == 'has':
                ops.append([k, r, a, rand_value([])])
                continue  # not a set: not an operand later
            else:
                ops.append([k, r, a, b])
        regs.append(r)
    return ops


def py_value(x, regs):
    if isinstance(x, list):
        return tuple(py_value(e, regs) for e in x)
    if isinstance(x, dict):
        return regs[x['r']]
    return x


def py_encode(v):
    if isinstance(v, bool):
        return v
    if isinstance(v, int):
        return v
    if isinstance(v, frozenset):
        return {'set': [py_encode(e) for e in v]}
    return [py_encode(e) for e in v]


def py_run(ops):
    regs, out = {}, []
    for op in ops:
        k, r = op[0], op[1]
        if k in ('seq', 'dseq', 'tinyseq'):
            v = frozenset(py_value(x, regs) for x in op[2])
        elif k == 'shape':
            v = frozenset((i, j) for i in range(op[2]) for j in range(op[3]))
        elif k == 'tinyor':
            v = (frozenset({py_value(x, regs) for x in op[2]}) |
                 frozenset({py_value(x, regs) for x in op[3]}))
        elif k == 'setof':
            v = frozenset(set([py_value(x, regs) for x in op[2]]))
        elif k == 'copy':
            v = frozenset(set(regs[op[2]]))
        elif k == 'has':
            v = int(py_value(op[3], regs) in regs[op[2]])
        else:
            a, b = regs[op[2]], regs[op[3]]
            v = {'or': a.__or__, 'and': a.__and__, 'sub': a.__sub__, 'xor': a.__xor__}[k](b)
        regs[r] = v
        out.append([py_encode(v), hash(v) if isinstance(v, frozenset) else None])
    return out


progs = [rand_program() for _ in range(opt.programs)]
text = ''.join(json.dumps(p) + '\n' for p in progs)
res = subprocess.run([opt.tool], input=text, capture_output=True, text=True)
if res.returncode not in (0, 1):
    sys.exit(f'pyset-check: {opt.tool} failed: {res.stderr}')
got = res.stdout.splitlines()
bad = 0
sets = 0
for p, line in zip(progs, got):
    want = py_run(p)
    have = json.loads(line)
    sets += len(want)
    if have != want:
        bad += 1
        if bad <= 3:
            print('MISMATCH program:', json.dumps(p)[:2000])
            for i, (w, h) in enumerate(zip(want, have if isinstance(have, list) else [])):
                if w != h:
                    print(f'  register {i}: python {json.dumps(w)[:600]}')
                    print(f'  register {i}: arcdsl {json.dumps(h)[:600]}')
                    break
if len(got) != len(progs):
    bad += 1
    print(f'pyset-check: {len(got)} outputs for {len(progs)} programs')
v = sys.version_info
print(f'pyset-check: CPython {v.major}.{v.minor}.{v.micro}, seed {opt.seed}: '
      f'{len(progs) - bad}/{len(progs)} programs ({sets} values) agree')
sys.exit(1 if bad else 0)

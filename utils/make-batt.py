#!/usr/bin/env python3
"""Write a batt file from solver programs (our own generator, for tests).

A batt is one generated function `batt(task_id, S, I, C, log_path)` that
folds many solvers and "differ" scoring programs into deduplicated
straight-line lines `tN = prim(args)`, each (unless --vectorized) wrapped in
`try: ... except (TypeError, AttributeError, ValueError, IndexError,
KeyError): tN = _get_safe_default(prim)`; a solver's output is recorded with
`o.append((N, mutated, 'task', tN))` and each differ's score with
`s.append((N, 'task', 'differ_name', tN))`. This writes files of that shape
(the shape pierreb4/tokpidjin's card.py writes) from Hodel-DSL solver files,
so arcdsl's batt import and execution can be tested with programs of our
own. `--mutate P` changes each line with probability P (another primitive
of the same arity, another argument, swapped arguments), as a program
search does; some mutated lines then always fail, which the batt catches.

With --dsl tokpidjin the solvers are written in that project's DSL, the
mutations draw from its names (TokpidjinPrimitives.td) and the batt imports
`_get_safe_default` from safe_dsl, as card.py's do.

usage: make-batt.py --solvers FILE.py [--only ID,...] [--count N] [--seed S]
                    [--mutate P] [--vectorized | --catch-all]
                    [--dsl hodel|tokpidjin] -o OUT.py
"""
import argparse
import ast
import random
import re
import sys

EXCEPT = '(TypeError, AttributeError, ValueError, IndexError, KeyError)'
EXCEPT_ALL = 'Exception'

# Differ programs (ours): `I` is replaced by the solver's output, `C` is the
# batt's C (None in solve mode, the expected output in diff mode).
DIFFERS = {
    'differ_equal': [
        ('x1', 'equality(I, C)'),
    ],
    'differ_shape': [
        ('x1', 'shape(I)'),
        ('x2', 'shape(C)'),
        ('x3', 'equality(x1, x2)'),
    ],
    'differ_cells': [
        ('x1', 'asobject(I)'),
        ('x2', 'asobject(C)'),
        ('x3', 'difference(x1, x2)'),
        ('x4', 'size(x3)'),
        ('x5', 'size(x2)'),
        ('x6', 'astuple(x4, x5)'),
    ],
    'differ_palette': [
        ('x1', 'palette(I)'),
        ('x2', 'palette(C)'),
        ('x3', 'intersection(x1, x2)'),
        ('x4', 'size(x3)'),
    ],
}


# The same differs in the tokpidjin DSL's names.
DIFFERS_TOK = {
    'differ_equal': [('x1', 'equality(I, C)')],
    'differ_shape': [('x1', 'shape_t(I)'), ('x2', 'shape_t(C)'),
                     ('x3', 'equality(x1, x2)')],
    'differ_cells': [('x1', 'asobject(I)'), ('x2', 'asobject(C)'),
                     ('x3', 'difference(x1, x2)'), ('x4', 'size_f(x3)'),
                     ('x5', 'get_nth_f(x3, F0)'), ('x6', 'astuple(x4, x5)')],
    'differ_palette': [('x1', 'palette_t(I)'), ('x2', 'palette_t(C)'),
                       ('x3', 'intersection(x1, x2)'), ('x4', 'size_f(x3)')],
}
CONSTS = ['ZERO', 'ONE', 'TWO', 'T', 'F', 'UP', 'ORIGIN', 'I']
CONSTS_TOK = CONSTS + ['F0', 'L1', 'R3', 'R5', 'A4', 'BLUE', 'S']


def tok_primitives(td_path):
    """Names and parameter counts from TokpidjinPrimitives.td."""
    pat = re.compile(r'TokPrim<"(\w+)", "[\w:]*", \[([^\]]*)\]')
    return {m.group(1): len([p for p in m.group(2).split('",') if p.strip()])
            for m in pat.finditer(open(td_path).read())}


def primitives(td_path):
    """Primitive names and arities from ArcDslPrimitives.td."""
    prims = {}
    pat = re.compile(r'ArcDsl_\w*Prim<"(\w+)", \[([^\]]*)\]')
    for m in pat.finditer(open(td_path).read()):
        prims[m.group(1)] = len([p for p in m.group(2).split(',') if p.strip()])
    return prims


def solver_lines(path):
    """{task id: [(target, callee, [args as text])...]} of solve_<id>(I)."""
    tree = ast.parse(open(path).read())
    out = {}
    for fn in tree.body:
        if not isinstance(fn, ast.FunctionDef) or not fn.name.startswith('solve_'):
            continue
        lines = []
        for st in fn.body:
            if isinstance(st, ast.Assign) and isinstance(st.value, ast.Call):
                lines.append((st.targets[0].id, ast.unparse(st.value.func),
                              [ast.unparse(a) for a in st.value.args]))
            elif isinstance(st, ast.Return):
                lines.append(('return', ast.unparse(st.value), None))
        out[fn.name[len('solve_'):]] = lines
    return out


class Batt:
    def __init__(self, prims, rng, mutate, vectorized, catch):
        self.prims, self.rng, self.catch = prims, rng, catch
        self.record_all = False
        self.consts, self.differ_text = CONSTS, DIFFERS
        self.mutate, self.vectorized = mutate, vectorized
        self.rhs = {}  # 'callee(args)' -> t number
        self.n = 0
        self.out = []

    def line(self, callee, args):
        """Emit (or reuse) `tN = callee(args)`; returns (tN, mutated)."""
        mutated = False
        if self.mutate and self.rng.random() < self.mutate:
            mutated = True
            kind = self.rng.randrange(3)
            same = [p for p, a in self.prims.items() if a == len(args)]
            if kind == 0 and callee in self.prims and same:
                callee = self.rng.choice(same)
            elif kind == 1 and args:
                pool = [f't{k}' for k in range(max(1, self.n - 8), self.n + 1)
                        if k > 0] + self.consts + ['size', 'identity']
                args = list(args)
                args[self.rng.randrange(len(args))] = self.rng.choice(pool)
            elif len(args) >= 2:
                args = list(args)
                a, b = self.rng.sample(range(len(args)), 2)
                args[a], args[b] = args[b], args[a]
            else:
                mutated = False
        text = f'{callee}({", ".join(args)})'
        if text in self.rhs:
            return f't{self.rhs[text]}', False
        self.n += 1
        self.rhs[text] = self.n
        t = f't{self.n}'
        if self.vectorized:
            self.out.append(f'    {t} = {text}')
        else:
            self.out += [
                '    try:',
                f'        {t} = {text}',
                f'    except {self.catch}:',
                f'        {t} = _get_safe_default({callee})',
            ]
        if self.record_all:
            self.out.append(f"    o.append(({self.n}, 'line', {t}))")
        return t, mutated

    def program(self, lines, subst):
        """Emit a program's lines with names renamed by `subst`; returns
        the t-name of its result and whether a line was mutated."""
        env = dict(subst)
        mutated = False
        for target, callee, args in lines:
            if target == 'return':
                return env.get(callee, callee), mutated
            t, m = self.line(env.get(callee, callee),
                             [env.get(a, a) for a in args])
            mutated = mutated or m
            env[target] = t
        raise ValueError('program without return')

    def differs(self, value, task):
        for name, text in self.differ_text.items():
            lines = []
            for target, rhs in text:
                call = ast.parse(rhs, mode='eval').body
                lines.append((target, ast.unparse(call.func),
                              [ast.unparse(a) for a in call.args]))
            lines.append(('return', text[-1][0], None))
            t, _ = self.program(lines, {'I': value})
            self.out.append(f"    s.append(({t[1:]}, '{task}', '{name}', {t}))")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--solvers', required=True)
    ap.add_argument('--only', default='')
    ap.add_argument('--count', type=int, default=0)
    ap.add_argument('--seed', type=int, default=0)
    ap.add_argument('--mutate', type=float, default=0.0)
    ap.add_argument('--vectorized', action='store_true')
    ap.add_argument('--catch-all', action='store_true',
                    help='`except Exception:` (StopIteration, ZeroDivisionError'
                         '... too) instead of the five exceptions card.py names')
    ap.add_argument('--record-all', action='store_true',
                    help="also record every line's value: o.append((N, 'line', tN))")
    ap.add_argument('--td', default=None)
    ap.add_argument('--dsl', default='hodel', choices=['hodel', 'tokpidjin'])
    ap.add_argument('-o', '--out', required=True)
    opt = ap.parse_args()
    root = __file__.rsplit('/utils/', 1)[0]
    tok = opt.dsl == 'tokpidjin'
    if tok:
        prims = tok_primitives(opt.td or f'{root}/include/ArcDsl/Dialect/'
                               'ArcDsl/TokpidjinPrimitives.td')
    else:
        prims = primitives(opt.td or
                           f'{root}/include/ArcDsl/Dialect/ArcDsl/ArcDslPrimitives.td')
    solvers = solver_lines(opt.solvers)
    rng = random.Random(opt.seed)
    ids = sorted(solvers)
    if opt.only:
        ids = [i for i in opt.only.split(',') if i]
        missing = [i for i in ids if i not in solvers]
        if missing:
            sys.exit(f'make-batt: no solver for {", ".join(missing)}')
    elif opt.count:
        ids = sorted(rng.sample(ids, min(opt.count, len(ids))))
    b = Batt(prims, rng, opt.mutate, opt.vectorized,
             EXCEPT_ALL if opt.catch_all else EXCEPT)
    b.record_all = opt.record_all
    if tok:
        b.consts, b.differ_text = CONSTS_TOK, DIFFERS_TOK
    b.differs('I', 'None')
    for task in ids:
        t, mutated = b.program(solvers[task], {})
        b.out.append(f"    o.append(({t[1:]}, {mutated}, '{task}', {t}))")
        b.differs(t, task)
    with open(opt.out, 'w') as f:
        f.write('# Generated by arcdsl utils/make-batt.py '
                f'(solvers {opt.solvers.rsplit("/", 1)[-1]}, '
                f'{len(ids)} programs, seed {opt.seed}, mutate {opt.mutate}'
                f'{", vectorized" if opt.vectorized else ""}'
                f'{", catch-all" if opt.catch_all else ""}'
                f'{", tokpidjin" if tok else ""})\n\n'
                'from dsl import *\nfrom constants import *\n'
                + ('from safe_dsl import _get_safe_default\n' if tok else '') +
                '\n'
                'def batt(task_id, S, I, C, log_path):\n'
                '    s = []\n    o = []\n')
        f.write('\n'.join(b.out) + '\n    return o, s\n')


if __name__ == '__main__':
    main()

#!/usr/bin/env python3
"""Check that lit tests gated on ptxas or a GPU hold no CPU-side checks.

usage: check-gated-tests.py DIR...
A test whose REQUIRES names ptxas or cuda-gpu is skipped on machines
without them, with every check in it; so in such a test every RUN line that
pipes into FileCheck (or `not`/compare scripts deciding pass/fail) must
involve the gated tool: run %ptxas (or a tool told to, ARCDSL_CUDA_BIN=
%cuda_bin) / the GPU backend / arcdsl-host without --cpu-only, or read a
%t file such a line wrote. CPU-side checks belong in
an ungated test. Prints one line per offending RUN line and a summary; exit
1 when there is any.
"""
import os
import re
import sys

GATES = ('ptxas', 'cuda-gpu')
GATED_TOOL = re.compile(r'%ptxas|ARCDSL_CUDA_BIN=%cuda_bin|--backend[ =](gpu|auto)'
                        r'|arcdsl-host(?!.*--cpu-only)')
CHECKERS = re.compile(r'FileCheck|compare(_outputs)?\.py|arcdsl-difftest')
TEMP = re.compile(r'%t[\w.]*')


def run_lines(path):
    lines = []
    with open(path, errors='replace') as fh:
        for line in fh:
            m = re.match(r'\s*(?://|#|;)?\s*RUN:\s*(.*)', line)
            if m:
                lines.append(m.group(1).rstrip('\\').strip())
    return lines


def gated(path):
    with open(path, errors='replace') as fh:
        text = fh.read()
    return any(re.search(r'REQUIRES:.*\b' + re.escape(g) + r'\b', text) for g in GATES)


def offenders(path):
    bad = []
    tainted = set()  # %t files written by a line that involves the gated tool
    for line in run_lines(path):
        files = set(TEMP.findall(line))
        involved = bool(GATED_TOOL.search(line)) or bool(files & tainted)
        if involved:
            tainted |= files
        elif CHECKERS.search(line):
            bad.append(line)
    return bad


def main():
    tests = checked = 0
    found = []
    for root in sys.argv[1:]:
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames[:] = sorted(d for d in dirnames if d != 'Inputs')
            for name in sorted(filenames):
                if not name.endswith(('.test', '.mlir', '.py')):
                    continue
                path = os.path.join(dirpath, name)
                tests += 1
                if not gated(path):
                    continue
                checked += 1
                for line in offenders(path):
                    found.append((path, line))
    for path, line in found:
        print(f'{os.path.relpath(path)}: CPU-side check in a gated test: {line[:160]}')
    print(f'gated tests: {checked} of {tests} tests gated on {"/".join(GATES)}, '
          f'{len(found)} CPU-side checks in them')
    sys.exit(1 if found else 0)


if __name__ == '__main__':
    main()

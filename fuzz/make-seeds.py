#!/usr/bin/env python3
"""Write the fuzz targets' seed inputs from the repository's examples.

fuzz-import / fuzz-pipelines: one input per solver of examples/solvers.py
and examples/tokpidjin/solvers.py (a mode byte, then the file's header and
the function), and the first lines of each batt of test/arcdsl-batt/Inputs
(closed with `return o, s`); fuzz-pipelines' inputs end with a pipeline
byte. fuzz-taskjson: the smallest task files of examples/tasks.
fuzz-prims: a few byte strings (its inputs are programs over a value pool).

usage: make-seeds.py SRC_ROOT OUT_DIR   (OUT_DIR/<target>/ is filled)
scripts/fuzz.sh merges these into fuzz/corpus/<target>/.
"""
import hashlib
import os
import re
import sys


def write(out, target, data):
    d = os.path.join(out, target)
    os.makedirs(d, exist_ok=True)
    name = hashlib.sha1(data).hexdigest()
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


def solvers(path):
    text = open(path).read()
    header = "".join(l + "\n" for l in text.splitlines()
                     if l.startswith(("from ", "import ")))
    for m in re.finditer(r"^def .*?(?=^def |\Z)", text, re.S | re.M):
        yield header + "\n" + m.group(0)


def batt_heads(path, lines=40):
    text = open(path).read().splitlines()
    start = next(i for i, l in enumerate(text) if l.startswith("def batt"))
    head = text[:start + lines]
    # Cut after a whole statement: drop a trailing try block left open.
    while head and head[-1].startswith("    ") and (
            head[-1].strip().startswith(("try:", "except")) or
            head[-1].startswith("        ")):
        head.pop()
    return "\n".join(head) + "\n    return o, s\n"


def main():
    src, out = sys.argv[1], sys.argv[2]
    programs = []  # (mode byte, text)
    for f, mode in (("examples/solvers.py", 1),
                    ("examples/tokpidjin/solvers.py", 2)):
        for s in solvers(os.path.join(src, f)):
            programs.append((mode, s))
    battdir = os.path.join(src, "test/arcdsl-batt/Inputs")
    for f in sorted(os.listdir(battdir)):
        if f.endswith(".py"):
            programs.append((0, batt_heads(os.path.join(battdir, f))))
    for k, (mode, text) in enumerate(programs):
        data = bytes([mode]) + text.encode()
        write(out, "fuzz-import", data)
        write(out, "fuzz-pipelines", data + bytes([k % 4]))

    taskdir = os.path.join(src, "examples/tasks")
    tasks = sorted(os.listdir(taskdir),
                   key=lambda f: os.path.getsize(os.path.join(taskdir, f)))
    for f in tasks[:12]:
        write(out, "fuzz-taskjson", open(os.path.join(taskdir, f), "rb").read())

    for k in range(8):
        write(out, "fuzz-prims",
              hashlib.sha256(b"seed%d" % k).digest() * (1 + k % 3))


if __name__ == "__main__":
    main()

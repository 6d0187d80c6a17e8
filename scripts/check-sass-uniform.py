#!/usr/bin/env python3
"""Flags device functions that ptxas compiled unsafely for divergent warps.

Reads `nvdisasm -c` output of a linked cubin (the runtime writes the one the
driver's JIT made when ARCDSL_GPU_DUMP_CUBIN=FILE is set). ptxas compiles a
function on a cycle of direct calls (a recursive function) without
reconvergence barriers (no BSSY/BSYNC), yet may keep values in warp-uniform
registers there, e.g. a loop counter. In arcdsl's kernels the lanes of a warp
run different samples, so two groups of lanes can be in such a function at
once and overwrite each other's uniform registers: a loop over a per-sample
length then runs past its end (the CUDA_ERROR_ILLEGAL_ADDRESS of mirrorPatch,
docs/gpu.md). Reading constants (ULDC) and moving the memory descriptor into
UR4/UR5 (R2UR from the same registers everywhere) are harmless and ignored.

Usage: check-sass-uniform.py FILE.sass
Exit codes: 0 no such function; 1 some found (listed); 2 bad input.
"""
import re
import sys

# Instructions that write a uniform register with a computed value.
UNIFORM_WRITE = re.compile(
    r"\b(UMOV|UIADD3|UIMAD|ULOP3\.LUT|USEL|USHF|ULEA|UFLO|UPOPC|UISETP|S2UR|"
    r"UBMSK|UPRMT|USGXT|UBREV)\S*\s+U")


def functions(lines):
    """(name, body lines) of each function of an nvdisasm listing."""
    name, body = None, []
    for line in lines:
        m = re.match(r"^//-+ \.text\.(\S+) -+", line)
        if m:
            if name:
                yield name, body
            name, body = m.group(1), []
        elif name:
            body.append(line)
    if name:
        yield name, body


def main(argv):
    if len(argv) != 2:
        print("usage: check-sass-uniform.py FILE.sass", file=sys.stderr)
        return 2
    try:
        with open(argv[1], encoding="utf-8", errors="replace") as f:
            lines = f.read().splitlines()
    except OSError as e:
        print(f"check-sass-uniform: error: {e}", file=sys.stderr)
        return 2
    found = 0
    total = 0
    for name, body in functions(lines):
        total += 1
        text = "\n".join(body)
        if "BSSY" in text or not re.search(r"@!?U?P\d+\s+BRA", text):
            continue
        writes = [l.split("*/")[-1].strip() for l in body
                  if UNIFORM_WRITE.search(l)]
        if writes:
            found += 1
            print(f"{name}: no reconvergence barriers, {len(writes)} uniform "
                  f"register writes, e.g. {writes[0]}")
    if total == 0:
        print("check-sass-uniform: error: no functions in the listing "
              "(not nvdisasm -c output?)", file=sys.stderr)
        return 2
    print(f"check-sass-uniform: {total} functions, {found} unsafe")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

"""Print the PTX held by the gpu.binary in MLIR text read from stdin
(the `assembly = "..."` string, with MLIR's \\XX escapes decoded)."""
import re
import sys

text = sys.stdin.read()
m = re.search(r'assembly = "((?:[^"\\]|\\.)*)"', text)
if not m:
    sys.exit("no gpu.binary assembly in the input")
raw = m.group(1)
out = re.sub(r'\\([0-9A-Fa-f]{2})', lambda g: chr(int(g.group(1), 16)), raw)
out = out.replace('\\\\', '\\').replace('\\"', '"')
sys.stdout.write(out)

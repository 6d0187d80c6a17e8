"""Compare arcdsl-run --outputs with refrun.py --stock's results (stock
CPython, Hodel's dsl.py): every sample's value or error, except the value of
a sample flagged address_order (CPython's order there comes from addresses).
Prints `N samples, M differ`."""
import json
import sys

ref = json.load(open(sys.argv[1]))
n = bad = 0
for line in open(sys.argv[2]):
    r = json.loads(line)
    want = ref[r["task"]][r["task"]][r["index"]]
    n += 1
    if r["status"] != "ok":
        same = want == {"error": r["status"]}
    else:
        same = r.get("address_order") or want == r["output"]
    if not same:
        bad += 1
        print("differs:", r["task"], r["index"], r["status"], file=sys.stderr)
print(f"{n} samples, {bad} differ")

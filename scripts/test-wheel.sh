#!/usr/bin/env bash
# Installs the wheel built by scripts/build-wheel.sh into a fresh virtual
# environment and runs it with LLVM/MLIR hidden from the loader, as on a
# machine that never had them (Kaggle, another distribution):
#
#   scripts/test-wheel.sh [WHEEL]     (default: dist/*-cp<this python>-*.whl)
#
# In a private mount namespace (unshare -m, when the system allows it) an
# empty directory covers /usr/lib/llvm-22 and /dev/null covers the shared
# libLLVM/libMLIR files; elsewhere it says so and relies on the ldd check.
# Checks: no binary of the package needs a LLVM/MLIR library or one that is
# missing; the console scripts score examples/solvers.py on examples/tasks
# (the tasks' expected outputs), run a batt whose every run agrees with stock
# CPython's (tools/arcdsl-batt/compare.py), emit a GPU bundle and a host
# object (the packaged bitcode); the Python API compiles and runs solvers
# and a batt (scripts/wheel-smoke.py). Exit 0 when all pass.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
py=${ARCDSL_WHEEL_PYTHON:-/usr/bin/python3}
tag=$("$py" -c 'import sys; print("cp%d%d" % sys.version_info[:2])')
whl=${1:-$(ls "$root"/dist/arcdsl-*-"$tag"-"$tag"-*.whl 2>/dev/null | head -1)}
if [ -z "$whl" ] || [ ! -f "$whl" ]; then
  echo "test-wheel: no wheel for $tag in $root/dist (scripts/build-wheel.sh)" >&2
  exit 1
fi
work=$(mktemp -d /tmp/arcdsl-wheel.XXXXXX)
trap 'rm -rf "$work"' EXIT
echo "test-wheel: $whl ($(du -m "$whl" | cut -f1) MB)"

# The checks, run inside the namespace where LLVM/MLIR are hidden.
cat > "$work/inside.sh" <<INSIDE
set -euo pipefail
cd "$work"
"$py" -m venv venv
venv/bin/pip install -q --no-index "$whl"
pkg=\$(venv/bin/python -c 'import arcdsl, os; print(os.path.dirname(arcdsl.__file__))')
for f in \$(find "\$pkg" -name '*.so' -o -path '*/bin/*' -type f); do
  if ldd "\$f" | grep -Ei 'llvm|mlir|not found'; then
    echo "test-wheel: FAIL \$f needs the libraries above"; exit 1
  fi
done
echo "test-wheel: no binary needs LLVM/MLIR or a missing library"
t0=\$(date +%s.%N)
venv/bin/python -c 'import arcdsl'
echo "test-wheel: import arcdsl: \$(echo "\$(date +%s.%N) - \$t0" | bc) s (cold process)"
venv/bin/arcdsl-run --solvers "$root/examples/solvers.py" --tasks "$root/examples/tasks" \
  --backend cpu --order canonical -q > run.out
tail -n 1 run.out | grep -qx '78 passed, 0 failed' \
  || { echo "test-wheel: FAIL arcdsl-run: \$(tail -n 1 run.out)"; exit 1; }
echo "test-wheel: arcdsl-run: 78 passed, 0 failed"
only=00d62c1b,1f85a75f,39a8645d,5117e062,68b16354,7fe24cdd,a3325580,b230c067,ce22a75a,d631b094
venv/bin/arcdsl-batt "$root/test/arcdsl-batt/Inputs/tok-card.py" \
  --tasks "$root/examples/tasks" --only \$only --out batt.jsonl -q
"$py" "$root/tools/arcdsl-batt/compare.py" \
  "$root/test/arcdsl-batt/Inputs/tok-card.stock.jsonl.gz" batt.jsonl | tee compare.out
grep -q ' 0 differ, 0 missing' compare.out || { echo "test-wheel: FAIL arcdsl-batt"; exit 1; }
venv/bin/arcdsl-run --solvers "$root/examples/solvers.py" --emit-bundle bundle.json \
  --emit-host-object host.o -q
grep -q '"ptx"' bundle.json && test -s host.o \
  || { echo "test-wheel: FAIL bundle/host object"; exit 1; }
echo "test-wheel: GPU bundle and host object emitted from the packaged bitcode"
venv/bin/arcdsl-opt --help > /dev/null && venv/bin/arcdsl-translate --help > /dev/null
venv/bin/python "$root/scripts/wheel-smoke.py" "$root"
INSIDE

if unshare -m true 2>/dev/null; then
  cat > "$work/hide.sh" <<HIDE
set -e
mkdir -p "$work/empty"
[ -d /usr/lib/llvm-22 ] && mount --bind "$work/empty" /usr/lib/llvm-22
for f in /usr/lib/x86_64-linux-gnu/libLLVM*.so* /usr/lib/x86_64-linux-gnu/libMLIR*.so*; do
  [ -f "\$f" ] && mount --bind /dev/null "\$f"
done
echo "test-wheel: /usr/lib/llvm-22 and the shared libLLVM/libMLIR hidden"
exec bash "$work/inside.sh"
HIDE
  unshare -m bash "$work/hide.sh"
else
  echo "test-wheel: note: no private mount namespace here (unshare -m refused);" \
       "LLVM/MLIR stay visible, the ldd check alone shows they are not used"
  bash "$work/inside.sh"
fi
echo "test-wheel: all passed"

#!/usr/bin/env bash
# Prepares .device/ (git-ignored) for scripts/device-run.sh: kernel bundles
# and host objects compiled here (the GPU machine has no LLVM/MLIR), the CPU
# outputs they are compared with, and the ARC training tasks. WORK_LIMIT
# (default arcdsl-run's) is the per-sample work bound of the CPU outputs;
# device-run.sh must use the same.
#
#   scripts/device-prepare.sh [SOLVERS.py NAME]...
# Without arguments: the examples corpus (name "examples"). Each pair adds a
# solver file under a name, e.g. the reference solvers (fetched, never
# committed): scripts/device-prepare.sh ../arc-dsl/solvers.py reference
# CHIP (default sm_90) is the bundles' PTX chip, CUBINS (default CHIP) the
# chips they carry SASS for; BATTS adds batts (below).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${ARCDSL_BUILD_DIR:-$root/build}
shared=${ARCDSL_SHARED_DIR:-$root/../shared}
dev=$root/.device
mkdir -p "$dev"
grep -qx '/.device/' "$root/.git/info/exclude" 2>/dev/null || echo '/.device/' >> "$root/.git/info/exclude"
rm -rf "$dev/training" && cp -r "$shared/arc-agi-1/training" "$dev/training"

pairs=("$@")
[ ${#pairs[@]} -eq 0 ] && pairs=("$root/examples/solvers.py" examples)
run="$build/bin/arcdsl-run"
for ((i = 0; i < ${#pairs[@]}; i += 2)); do
  solvers=${pairs[i]} name=${pairs[i+1]}
  echo "== $name: bundle"
  "$run" --solvers "$solvers" --emit-bundle "$dev/$name.bundle.json" --chip "${CHIP:-sm_90}" --cubins "${CUBINS:-${CHIP:-sm_90}}" \
    --emit-host-object "$dev/$name.host.o"
  echo "== $name: CPU own workload"
  wl=${WORK_LIMIT:+--work-limit $WORK_LIMIT}
  # Exit 1: some task file is missing or bad; the others ran (reported).
  "$run" --solvers "$solvers" --tasks "$dev/training" --backend cpu -q $wl \
    --outputs "$dev/$name.own.jsonl" || [ $? -eq 1 ]
  echo "== $name: CPU cross workload"
  "$run" --solvers "$solvers" --tasks "$dev/training" --backend cpu --cross $wl \
    --outputs "$dev/$name.cross.jsonl" 2>&1 | tail -2 || [ $? -eq 1 ]
  gzip -f "$dev/$name.own.jsonl" "$dev/$name.cross.jsonl"
done
# BATTS="a.py b.py": batts (Hodel's or tokpidjin's DSL) over the training
# and evaluation tasks: bundle, host object and CPU outputs in .device/batt/
# (bench/device_matrix.py runs them).
if [ -n "${BATTS:-}" ]; then
  rm -rf "$dev/evaluation" && cp -r "$shared/arc-agi-1/evaluation" "$dev/evaluation"
  mkdir -p "$dev/batt"
  for b in $BATTS; do
    name=$(basename "$b" .py)
    echo "== batt $name: bundle, host object, CPU outputs"
    "$build/bin/arcdsl-batt" "$b" --emit-bundle "$dev/batt/$name.bundle.json" \
      --chip "${CHIP:-sm_90}" --cubins "${CUBINS:-${CHIP:-sm_90}}" \
      --emit-host-object "$dev/batt/$name.host.o" -q
    "$build/bin/arcdsl-batt" "$b" --tasks "$dev/training" --tasks "$dev/evaluation" \
      --out "$dev/batt/$name.cpu.jsonl" -q || [ $? -eq 1 ]
    gzip -f "$dev/batt/$name.cpu.jsonl"
  done
fi
# REF=DIR: a checkout of the reference DSL (never committed; .device is
# git-ignored) copied to .device/ref for CPython's runs there
# (scripts/device-matrix.sh --reference-dsl .device/ref).
if [ -n "${REF:-}" ]; then
  mkdir -p "$dev/ref"
  cp "$REF"/dsl.py "$REF"/constants.py "$REF"/arc_types.py "$REF"/solvers.py "$dev/ref/"
fi
du -sh "$dev"

#!/usr/bin/env bash
# Prepares .device/ (git-ignored) for scripts/device-run.sh: kernel bundles
# compiled here (the GPU machine has no LLVM/MLIR), the CPU outputs they are
# compared with, and the ARC training tasks.
#
#   scripts/device-prepare.sh [SOLVERS.py NAME]...
# Without arguments: the examples corpus (name "examples"). Each pair adds a
# solver file under a name, e.g. the reference solvers (fetched, never
# committed): scripts/device-prepare.sh ../arc-dsl/solvers.py reference
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
  "$run" --solvers "$solvers" --emit-bundle "$dev/$name.bundle.json" --chip "${CHIP:-sm_90}"
  echo "== $name: CPU own workload"
  "$run" --solvers "$solvers" --tasks "$dev/training" --backend cpu -q \
    --outputs "$dev/$name.own.jsonl"
  echo "== $name: CPU cross workload"
  "$run" --solvers "$solvers" --tasks "$dev/training" --backend cpu --cross \
    --outputs "$dev/$name.cross.jsonl" 2>&1 | tail -2
  gzip -f "$dev/$name.own.jsonl" "$dev/$name.cross.jsonl"
done
du -sh "$dev"

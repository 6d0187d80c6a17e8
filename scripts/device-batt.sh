#!/usr/bin/env bash
# Runs on the GPU machine (no LLVM/MLIR): the batt benchmark. Carried in
# .device/batt/ (made here with arcdsl-batt --emit-bundle --emit-host-object):
#   <name>.py, <name>.bundle.json, <name>.host.o
# and the task directories .device/training, .device/evaluation, and a copy
# of the reference DSL in .device/ref (dsl.py, constants.py, arc_types.py).
# Builds the runtime, links the host object, and runs bench/batt_bench.py:
# the Python batt sequentially vs arcdsl-host --batt, outputs compared.
# NAME (default hb32), REFERENCE (default hodel:.device/ref; "none" skips
# the Python run), EVERY (Python on every EVERY-th task, default 8: the
# whole sequential run takes over 10 minutes), LIGHT_WORK, REPEAT, TASKS
# ("training evaluation").
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=${OUT:-$root/device-out}
mkdir -p "$out"
name=${NAME:-hb32}
d=$root/.device/batt
echo "== $(date -u +%FT%TZ) $(nvidia-smi --query-gpu=name,driver_version --format=csv,noheader 2>/dev/null), $(nproc) cores"
. "$root/scripts/device-runtime.sh"
c++ -shared -o "/tmp/$name.host.so" "$d/$name.host.o" || exit 2
tasks=()
for t in ${TASKS:-training evaluation}; do tasks+=(--tasks "$root/.device/$t"); done
python3 "$root/bench/batt_bench.py" --batt "$d/$name.py" "${tasks[@]}" \
  --reference "${REFERENCE:-hodel:$root/.device/ref}" --reference-every "${EVERY:-8}" \
  --bundle "$d/$name.bundle.json" --host-code "/tmp/$name.host.so" \
  --host "$host" --light-work "${LIGHT_WORK:-1000000}" \
  --repeat "${REPEAT:-3}" --work /tmp/batt-bench

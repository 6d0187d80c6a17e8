#!/usr/bin/env bash
# Runs on the GPU machine (CUDA, cmake, ninja, Python; no LLVM/MLIR), in one
# call of the device tool. Everything compiled is carried in .device/ (made
# here by scripts/device-prepare.sh):
#   .device/<name>.bundle.json     kernel bundles (PTX + library PTX, SASS)
#   .device/<name>.host.o          the same solvers for the host CPU
#   .device/<name>.own.jsonl.gz    CPU outputs of the own workload
#   .device/<name>.cross.jsonl.gz  CPU outputs of the cross workload
# It builds the runtime, links each host object (the primitive library is
# inside) into a shared object, runs each bundle's own and cross workloads on the GPU
# (samples that outgrow the GPU's light pass on the host's cores), compares
# every sample with the CPU outputs, and writes summaries to $OUT (or
# ./device-out). WORK_LIMIT must be the one device-prepare.sh used.
set -uo pipefail
export PATH=$PATH:/usr/local/cuda/bin
root=$(cd "$(dirname "$0")/.." && pwd)
out=${OUT:-$root/device-out}
mkdir -p "$out"
tasks=${ARCDSL_TASKS:-$root/.device/training}
log="$out/device.log"
exec > >(tee -a "$log") 2>&1

echo "== $(date -u +%FT%TZ) $(nvidia-smi --query-gpu=name,driver_version --format=csv,noheader 2>/dev/null)"
. "$root/scripts/device-runtime.sh"

for name in ${BUNDLES:-$(cd "$root/.device" && ls *.bundle.json | sed 's/.bundle.json//')}; do
  bundle=$root/.device/$name.bundle.json
  [ -f "$bundle" ] || continue
  hostflags="${WORK_LIMIT:+--work-limit $WORK_LIMIT}"
  if [ -f "$root/.device/$name.host.o" ] && c++ -shared -o "/tmp/$name.host.so" \
      "$root/.device/$name.host.o"; then
    hostflags="$hostflags --host-code /tmp/$name.host.so"
  fi
  echo "== $name: own workload"
  ARCDSL_GPU_DUMP_CUBIN="/tmp/$name.cubin" \
  "$host" --bundle "$bundle" --tasks "$tasks" $hostflags --outputs "/tmp/$name.own.gpu.jsonl" \
    > "/tmp/$name.own.txt" || { echo "own run failed"; continue; }
  tail -2 "/tmp/$name.own.txt"
  # The machine code the driver made, checked for recursive functions that
  # keep uniform registers across divergent lanes (scripts/check-sass-uniform.py).
  if command -v nvdisasm >/dev/null && [ -f "/tmp/$name.cubin" ]; then
    nvdisasm -c "/tmp/$name.cubin" > "/tmp/$name.sass" 2>&1 &&
      python3 "$root/scripts/check-sass-uniform.py" "/tmp/$name.sass"
  fi
  if [ -f "$root/.device/$name.own.jsonl.gz" ]; then
    python3 "$root/bench/compare_outputs.py" "$root/.device/$name.own.jsonl.gz" \
      "/tmp/$name.own.gpu.jsonl" --label-a cpu --label-b gpu
  fi
  echo "== $name: cross workload"
  "$host" --bundle "$bundle" --tasks "$tasks" --cross --repeat "${REPEAT:-2}" $hostflags ${HOST_FLAGS:-} \
    --outputs "/tmp/$name.cross.gpu.jsonl" > "/tmp/$name.cross.txt" \
    || { echo "cross run failed"; continue; }
  tail -1 "/tmp/$name.cross.txt"
  if [ -f "$root/.device/$name.cross.jsonl.gz" ]; then
    python3 "$root/bench/compare_outputs.py" "$root/.device/$name.cross.jsonl.gz" \
      "/tmp/$name.cross.gpu.jsonl" --label-a cpu --label-b gpu
  fi
  gzip -c "/tmp/$name.cross.gpu.jsonl" > "$out/$name.cross.gpu.jsonl.gz" 2>/dev/null
done
# The side-by-side benchmark (CPython, GPU + host cores, host cores alone),
# when a checkout of the reference DSL is carried (REFERENCE_DSL=dir with
# dsl.py; SOLVERS=its solvers.py; BENCH=the bundle name to use).
# BENCH_FLAGS passes more, e.g. "--cpython-solvers 0 --cpython-procs 16
# --no-single" for CPython's rate over the whole workload (~8 minutes).
if [ -n "${REFERENCE_DSL:-}" ] && [ -f "/tmp/${BENCH:-reference}.host.so" ]; then
  echo "== bench (cross)"
  python3 "$root/bench/device_bench.py" --reference-dsl "$REFERENCE_DSL" \
    --solvers "${SOLVERS:-$REFERENCE_DSL/solvers.py}" --tasks "$tasks" \
    --bundle "$root/.device/${BENCH:-reference}.bundle.json" \
    --host-code "/tmp/${BENCH:-reference}.host.so" --host "$host" \
    ${WORK_LIMIT:+--work-limit $WORK_LIMIT} ${BENCH_FLAGS:-} --json "$out/bench.json"
fi
# The differential test against the reference (DIFF_REFERENCE=dir with
# dsl.py and solvers.py, .device/refrun.py): every cross-workload sample of
# the CPU outputs of bundle DIFF (default reference) against CPython on all
# cores; DIFF_DEADLINE seconds at most (default 420). The finished shards
# stay in DIFF_WORK (default /tmp/arcdsl-refwork), so another call on the
# same (warm) machine goes on where this one stopped.
if [ -n "${DIFF_REFERENCE:-}" ]; then
  d=${DIFF:-reference}
  echo "== differential test of $d against the reference ($(nproc) processes)"
  python3 "$root/tools/arcdsl-difftest/arcdsl-difftest.py" --cross \
    --solvers "$DIFF_REFERENCE/solvers.py" --reference-dsl "$DIFF_REFERENCE" \
    --tasks "$tasks" --refrun "$root/.device/refrun.py" --jobs "$(nproc)" \
    --arcdsl-outputs "$root/.device/$d.cross.jsonl.gz" \
    ${GPU_CROSS:+--gpu-outputs "$GPU_CROSS"} --deadline "${DIFF_DEADLINE:-420}" \
    --work-dir "${DIFF_WORK:-/tmp/arcdsl-refwork}" --show 300 2>&1
fi
echo "== done"

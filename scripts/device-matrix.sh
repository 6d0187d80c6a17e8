#!/usr/bin/env bash
# The GPU measurement matrix (bench/device_matrix.py: every workload of
# .device/ on the GPU alone, the GPU + 4 host threads, 4 and 16 host threads
# alone, one GPU, compute-sanitizer memcheck, CPython with --reference-dsl;
# every sample compared with the CPU outputs made by device-prepare.sh).
# On the device tool's machine:
#   OUT=$OUT scripts/device-matrix.sh [--reference-dsl .device/ref] ...
# Anywhere else (no GPU), the host-thread runs, and what the GPU runs would
# run and compare:
#   scripts/device-matrix.sh --cpu-only
# Builds the runtime first (scripts/device-runtime.sh). Exit codes as
# bench/device_matrix.py's: 0 every run agreed, 1 one differed or failed,
# 2 a bad setup or a failed build.
set -uo pipefail
export PATH=$PATH:/usr/local/cuda/bin
root=$(cd "$(dirname "$0")/.." && pwd)
. "$root/scripts/device-runtime.sh"
exec python3 "$root/bench/device_matrix.py" --dev "$root/.device" --host "$host" \
  --out "${OUT:-$root/device-out}" "$@"

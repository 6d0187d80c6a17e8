#!/usr/bin/env bash
# Build the fuzz targets (ARCDSL_FUZZ=ON, in build-fuzz/) and run each for a
# while. See docs/reliability.md.
#
#   scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]
#
# Defaults: 60 s for each of fuzz-import fuzz-pipelines fuzz-taskjson
# fuzz-prims. First every file of fuzz/regressions/<target>/ is replayed
# (they once crashed). New inputs go to build-fuzz/fuzz-work/<target>/;
# with ARCDSL_FUZZ_MERGE=1 they are minimized (-merge=1) into the checked-in
# fuzz/corpus/<target>/ afterwards. A crash, sanitizer report, time-out or
# out-of-memory leaves its reproducer in build-fuzz/fuzz-artifacts/<target>/
# and makes the script exit 1 (after running the other targets).
#
# Environment: ARCDSL_FUZZ_BUILD_DIR (default build-fuzz),
# ARCDSL_FUZZ_TIMEOUT (seconds per input, default 20),
# ARCDSL_FUZZ_RSS_MB (default 2560), ARCDSL_FUZZ_MERGE.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${ARCDSL_FUZZ_BUILD_DIR:-$root/build-fuzz}
secs=${1:-60}
[ $# -gt 0 ] && shift
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(fuzz-import fuzz-pipelines fuzz-taskjson fuzz-prims)
timeout=${ARCDSL_FUZZ_TIMEOUT:-20}
rss=${ARCDSL_FUZZ_RSS_MB:-2560}
export CCACHE_BASEDIR=${CCACHE_BASEDIR:-$(dirname "$root")}

"$root/scripts/sanitize.sh" --configure-only "$build" -DARCDSL_FUZZ=ON
t0=$(date +%s)
ninja -C "$build" arcdsl-fuzz >&2
echo "fuzz: build $(( $(date +%s) - t0 )) s" >&2

# The targets' own ASan defaults apply (fuzz/SanitizerDefaults.cpp: the
# MLIR targets turn off leak reports and user poisoning; fuzz-prims poisons
# its arena).
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

seeds=$build/fuzz-seeds
rm -rf "$seeds"
python3 "$root/fuzz/make-seeds.py" "$root" "$seeds"

status=0
summary=()
for t in "${targets[@]}"; do
  bin=$build/bin/$t
  reg=$root/fuzz/regressions/$t
  if [ -d "$reg" ] && [ -n "$(ls -A "$reg")" ]; then
    if ! "$bin" -runs=1 "$reg"/* > "$build/$t-regressions.log" 2>&1; then
      echo "fuzz: $t: a regression input fails again (see $build/$t-regressions.log)" >&2
      status=1
      summary+=("$t: REGRESSION")
      continue
    fi
    echo "fuzz: $t: $(ls "$reg" | wc -l) regression inputs pass" >&2
  fi
  work=$build/fuzz-work/$t
  arts=$build/fuzz-artifacts/$t
  mkdir -p "$work" "$arts" "$root/fuzz/corpus/$t"
  dict=()
  case $t in # solver files: the dictionary, and room for a few functions
    fuzz-import|fuzz-pipelines) dict=(-dict="$build/fuzz/arcdsl.dict" -max_len=16384) ;;
  esac
  log=$build/$t.log
  rc=0
  "$bin" -max_total_time="$secs" -timeout="$timeout" -rss_limit_mb="$rss" \
    -print_final_stats=1 -artifact_prefix="$arts/" "${dict[@]}" \
    "$work" "$root/fuzz/corpus/$t" "$seeds/$t" > "$log" 2>&1 || rc=$?
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  if [ $rc -ne 0 ]; then
    status=1
    art=$(ls -t "$arts" 2>/dev/null | head -1)
    grep -m1 -E "ERROR: |runtime error|fuzz-[a-z]+: " "$log" >&2 || tail -20 "$log" >&2
    summary+=("$t: FAILED (rc $rc) after ${execs:-?} execs; reproducer $arts/$art; log $log")
  else
    summary+=("$t: ok, ${execs:-?} execs in ${secs} s (${speed:-?}/s)")
  fi
  if [ "${ARCDSL_FUZZ_MERGE:-0}" = 1 ]; then
    "$bin" -merge=1 -timeout="$timeout" -rss_limit_mb="$rss" \
      "$root/fuzz/corpus/$t" "$work" "$seeds/$t" > "$build/$t-merge.log" 2>&1 || true
  fi
done
printf 'fuzz: %s\n' "${summary[@]}"
exit $status

#!/usr/bin/env bash
# Build arcdsl with AddressSanitizer + UndefinedBehaviorSanitizer
# (ARCDSL_SANITIZE=address,undefined, in build-asan/) and run the golden
# vectors, the examples (own and cross workloads), the runtime and the batt
# tests under it. See docs/reliability.md.
#
#   scripts/sanitize.sh                 build + run the sanitizer suite
#   scripts/sanitize.sh --configure-only DIR [CMAKE_ARGS...]
#                                       (used by fuzz.sh) configure DIR with
#                                       the sanitizer settings and stop
#
# Environment: ARCDSL_ASAN_BUILD_DIR (default build-asan; a build-fuzz dir
# works too, it is sanitized as well), ARCDSL_SANITIZE (default
# address,undefined), ARCDSL_SANITIZE_FILTER (lit --filter regex; "." runs
# every test).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
export CCACHE_BASEDIR=${CCACHE_BASEDIR:-$(dirname "$root")}

configure() { # DIR [CMAKE_ARGS...]
  local dir=$1
  shift
  # The normal build's packages and settings (setup.sh), plus the sanitizer
  # and libFuzzer runtimes and the sanitizers for a new build dir.
  ARCDSL_SETUP_EXTRA_PKGS="libclang-rt-22-dev" ARCDSL_BUILD_DIR="$dir" \
    ARCDSL_CMAKE_ARGS="-DARCDSL_SANITIZE=${ARCDSL_SANITIZE:-address,undefined}" \
    "$root/scripts/setup.sh" --configure-only "$@"
}

if [ "${1:-}" = --configure-only ]; then
  shift
  configure "$@"
  exit 0
fi

build=${ARCDSL_ASAN_BUILD_DIR:-$root/build-asan}
filter=${ARCDSL_SANITIZE_FILTER:-Golden/|arcdsl-run/|arcdsl-batt/|Runtime/|ImportPython/}
configure "$build"
t0=$(date +%s)
ninja -C "$build" arcdsl-opt arcdsl-translate arcdsl-run arcdsl-batt \
  arcdsl-golden arcdsl-golden-test arcdsl-runtime-test arcdsl-pyset-check \
  arcdsl-host arcdsl-stack-depth arcdsl-primitives-bitcode >&2
t1=$(date +%s)
echo "sanitize: build $((t1 - t0)) s" >&2

# MLIR's uniqued storage and the JIT live until exit: leak reports are noise.
export ASAN_OPTIONS=${ASAN_OPTIONS:-allow_user_poisoning=0:detect_leaks=0:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
rc=0
/usr/lib/llvm-22/bin/lit -sv --filter "$filter" "$build/test" || rc=$?
echo "sanitize: tests $(( $(date +%s) - t1 )) s (filter '$filter')" >&2
exit $rc

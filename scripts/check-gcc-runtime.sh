#!/usr/bin/env bash
# Builds the runtime and the primitive library as a machine without LLVM
# builds them (the GPU machine's scripts/device-run.sh, a Kaggle host):
# ARCDSL_RUNTIME_ONLY with GCC, whose C++ front end rejects some code clang
# takes. Exit status: the build's.
#
#   scripts/check-gcc-runtime.sh [BUILD_DIR]   (default build-gcc-rt)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build-gcc-rt}
t0=$(date +%s)
cmake -S "$root" -B "$build" -G Ninja -DARCDSL_RUNTIME_ONLY=ON \
  -DCMAKE_BUILD_TYPE=Release -DCMAKE_C_COMPILER=gcc -DCMAKE_CXX_COMPILER=g++ \
  > /dev/null
ninja -C "$build"
echo "gcc runtime: build $(( $(date +%s) - t0 )) s" >&2

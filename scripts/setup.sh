#!/usr/bin/env bash
# Set up a fresh Debian 12 machine and build arcdsl into build/.
# Idempotent: packages already present are not reinstalled; the build is
# incremental (ccache keeps rebuilds after a fresh clone fast).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${ARCDSL_BUILD_DIR:-$root/build}

pkgs=(libmlir-22-dev mlir-22-tools llvm-22-dev llvm-22-tools clang-22 lld-22
      ninja-build ccache cmake python3 python3-dev pybind11-dev python3-pytest)
# scripts/sanitize.sh and fuzz.sh add the sanitizer/libFuzzer runtimes.
read -r -a extra <<< "${ARCDSL_SETUP_EXTRA_PKGS:-}"
pkgs+=("${extra[@]}")
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" \
    || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}" >&2
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo=sudo
  $sudo apt-get update -qq || true
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi

# --packages-only: install what is missing and stop.
[ "${1:-}" = --packages-only ] && exit 0

# --configure-only [CMAKE_ARGS...] (sanitize.sh): configure and stop; a new
# build dir gets ARCDSL_CMAKE_ARGS and CMAKE_ARGS, an existing one is
# configured again with CMAKE_ARGS when there are any.
configure_only=false
cmake_args=()
if [ "${1:-}" = --configure-only ]; then
  configure_only=true
  shift
  cmake_args=("$@")
  set -- # no ninja targets
fi
if [ ! -f "$build/build.ninja" ]; then
  read -r -a first_args <<< "${ARCDSL_CMAKE_ARGS:-}"
  cmake -S "$root" -B "$build" -G Ninja \
    -DCMAKE_BUILD_TYPE=Release \
    -DMLIR_DIR=/usr/lib/llvm-22/lib/cmake/mlir \
    -DLLVM_EXTERNAL_LIT=/usr/lib/llvm-22/bin/lit \
    -DCMAKE_C_COMPILER=clang-22 -DCMAKE_CXX_COMPILER=clang++-22 \
    -DLLVM_USE_LINKER=lld \
    -DCMAKE_C_COMPILER_LAUNCHER=ccache -DCMAKE_CXX_COMPILER_LAUNCHER=ccache \
    "${first_args[@]}" "${cmake_args[@]}" >&2
elif [ ${#cmake_args[@]} -gt 0 ]; then
  cmake "$build" "${cmake_args[@]}" >&2
fi
$configure_only && exit 0
ninja -C "$build" "$@" >&2

#!/usr/bin/env bash
# Builds the offline wheels: dist/arcdsl-<version>-cp3XX-cp3XX-manylinux_2_NN_x86_64.whl,
# one per CPython found here (docs/install.md).
#
#   scripts/build-wheel.sh [PYTHON...]
#
# With no argument it builds for Debian's /usr/bin/python3 and every pyenv
# CPython that has its headers, and says which could not be built (3.8 is
# the oldest supported).
# The binaries link LLVM/MLIR statically (Debian's static archives) into one
# libarcdsl-core.so with libstdc++; the build fails when any of them needs a
# glibc symbol newer than 2.35 (Ubuntu 22.04, Kaggle's base). Build dir:
# build-wheel/ (ARCDSL_WHEEL_BUILD_DIR); output: dist/ (ARCDSL_DIST_DIR).
# Exit codes: 0 every requested wheel built (CPythons older than 3.8 are
# skipped and said so), 1 some could not be built, 2 the shared build failed,
# the glibc bound was exceeded or no wheel was built.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${ARCDSL_WHEEL_BUILD_DIR:-$root/build-wheel}
dist=${ARCDSL_DIST_DIR:-$root/dist}
max_glibc=2.35

pythons=("$@")
if [ ${#pythons[@]} -eq 0 ]; then
  pythons=(/usr/bin/python3)
  if command -v pyenv >/dev/null 2>&1; then
    for p in "$(pyenv root)"/versions/3.*/bin/python3; do
      [ -x "$p" ] && pythons+=("$p")
    done
  fi
fi

# Packages (the static zstd archive is the one extra), then the shared part.
ARCDSL_SETUP_EXTRA_PKGS="libzstd-dev python3-venv ${ARCDSL_SETUP_EXTRA_PKGS:-}" \
  "$root/scripts/setup.sh" --packages-only
ARCDSL_BUILD_DIR=$build ARCDSL_CMAKE_ARGS="-DARCDSL_WHEEL=ON -DPython_EXECUTABLE=${pythons[0]}" \
  "$root/scripts/setup.sh" --configure-only
# The tools the wheel carries: the list in the package's _cli.py.
read -r -a tools <<< "$(/usr/bin/python3 -c 'import runpy, sys
print(" ".join(runpy.run_path(sys.argv[1])["TOOLS"]))' "$root/python/arcdsl/_cli.py")"
ninja -C "$build" ArcDslCore arcdsl-primitives-bitcode "${tools[@]}" >&2 || exit 2

# The newest glibc symbol version any binary needs, and the platform tag.
glibc_of() { objdump -T "$@" | grep -o 'GLIBC_[0-9.]*' | sed 's/GLIBC_//' | sort -uV | tail -1; }
strip=$(command -v llvm-strip-22 || command -v llvm-strip || true)

built=() failed=() skipped=()
for py in "${pythons[@]}"; do
  tag=$("$py" -c 'import sys; print("cp%d%d" % sys.version_info[:2])' 2>/dev/null) || {
    failed+=("$py (does not run)"); continue; }
  if [[ " ${built_tags:-} " == *" $tag "* ]]; then
    echo "build-wheel: $tag already built; skipping $py" >&2; continue
  fi
  if ! "$py" -c 'import sys; sys.exit(sys.version_info < (3, 8))'; then
    skipped+=("$tag $py (arcdsl needs CPython 3.8 or newer)"); continue
  fi
  inc=$("$py" -c 'import sysconfig; print(sysconfig.get_paths()["include"])')
  if [ ! -f "$inc/Python.h" ]; then
    failed+=("$tag $py (no Python.h)"); continue
  fi
  echo "build-wheel: $tag ($py)" >&2
  if ! cmake "$build" -DPython_EXECUTABLE="$py" >/dev/null 2>"$build/cmake-$tag.log" \
     || ! ninja -C "$build" _arcdsl >"$build/ninja-$tag.log" 2>&1; then
    failed+=("$tag $py (build failed: $build/ninja-$tag.log)"); continue
  fi
  suffix=$("$py" -c 'import sysconfig; print(sysconfig.get_config_var("EXT_SUFFIX"))')
  module=$build/python/arcdsl/_arcdsl$suffix
  if [ ! -f "$module" ]; then
    failed+=("$tag $py (no $module)"); continue
  fi
  glibc=$(glibc_of "$module" "$build/lib/libarcdsl-core.so" "$build"/bin/arcdsl-*)
  if [ "$(printf '%s\n%s\n' "$glibc" "$max_glibc" | sort -V | tail -1)" != "$max_glibc" ]; then
    echo "build-wheel: the binaries need GLIBC_$glibc, above $max_glibc" >&2
    exit 2
  fi
  platform="manylinux_${glibc/./_}_x86_64"
  # The import must work from the build tree before the wheel is made.
  if ! PYTHONPATH=$build/python "$py" -c 'import arcdsl' 2>"$build/import-$tag.log"; then
    failed+=("$tag $py (import failed: $build/import-$tag.log)"); continue
  fi
  rm -f "$dist"/arcdsl-*-"$tag"-"$tag"-*.whl
  whl=$(/usr/bin/python3 "$root/scripts/make-wheel.py" --build "$build" --module "$module" \
        --python-tag "$tag" --platform "$platform" --out "$dist" --strip "$strip")
  built+=("$whl (GLIBC_$glibc, $(du -m "$whl" | cut -f1) MB)")
  built_tags="${built_tags:-} $tag"
done

echo "build-wheel: built ${#built[@]}:" >&2
for w in "${built[@]}"; do echo "  $w" >&2; done
if [ ${#skipped[@]} -gt 0 ]; then
  echo "build-wheel: skipped ${#skipped[@]}:" >&2
  for f in "${skipped[@]}"; do echo "  $f" >&2; done
fi
if [ ${#failed[@]} -gt 0 ]; then
  echo "build-wheel: could not build ${#failed[@]}:" >&2
  for f in "${failed[@]}"; do echo "  $f" >&2; done
  [ ${#built[@]} -gt 0 ] || exit 2
  exit 1
fi

#!/usr/bin/env bash
# Build the primitive library and its golden-vector test runner without
# CMake/LLVM: build-prims/arcdsl-golden-test.
#
#   utils/build-prims.sh            incremental host build
#   utils/build-prims.sh --device   ... plus the NVPTX device-compile check of
#                                   every lib/Primitives/*.cpp but PrimTable.cpp
#   utils/build-prims.sh --strict   fail when any primitive file fails to
#                                   compile (default: warn, skip it, its
#                                   primitives then show as unimplemented)
#   utils/build-prims.sh --clean    remove build-prims/ first
#
# One object per source (dependencies tracked with -MMD), only changed files
# are rebuilt, objects are linked directly (no archive) so the weak
# references of PrimTable.cpp resolve to whatever is implemented.
set -u -o pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$ROOT/build-prims"
CXX="${CXX:-clang++-22}"
DEVICE=0
STRICT=0
for a in "$@"; do
  case "$a" in
  --device) DEVICE=1 ;;
  --strict) STRICT=1 ;;
  --clean) rm -rf "$OUT" ;;
  -h | --help)
    sed -n '2,15p' "${BASH_SOURCE[0]}"
    exit 0
    ;;
  *)
    echo "build-prims: unknown option $a" >&2
    exit 2
    ;;
  esac
done

mkdir -p "$OUT/obj" "$OUT/device"
# Several engineers may build at once: serialise.
exec 9>"$OUT/.lock"
flock 9

CXXFLAGS=(-std=c++17 -O1 -g -fno-exceptions -fno-rtti -Wall
  -Wno-unused-function -I "$ROOT/include")
# -nocudainc leaves the CUDA attribute macros undefined; provide them.
DEVFLAGS=(-x cuda --cuda-gpu-arch=sm_90 --cuda-device-only -nocudainc
  -nocudalib -emit-llvm -c -std=c++17 -O2 -I "$ROOT/include"
  "-D__host__=__attribute__((host))" "-D__device__=__attribute__((device))"
  "-D__forceinline__=__inline__ __attribute__((always_inline))")

# True when $1 (output) is missing or older than any dependency in $2 (.d).
stale() {
  local out="$1" dep="$2" src="$3" f
  [[ -f "$out" && -f "$dep" ]] || return 0
  [[ "$src" -nt "$out" ]] && return 0
  # Dependency files: "target: dep dep \" lines.
  for f in $(sed -e 's/^[^:]*://' -e 's/\\$//' "$dep"); do
    [[ -e "$f" && "$f" -nt "$out" ]] && return 0
    [[ -e "$f" ]] || return 0
  done
  return 1
}

objname() { # path relative to ROOT -> object base name
  local r="${1#"$ROOT"/}"
  r="${r%.cpp}"
  echo "${r//\//__}"
}

CORE=("$ROOT/lib/Primitives/Value.cpp" "$ROOT/lib/Primitives/PrimTable.cpp"
  "$ROOT/lib/Runtime/ValueJson.cpp" "$ROOT/unittests/Primitives/GoldenTest.cpp")
SRCS=("$ROOT"/lib/Primitives/*.cpp "$ROOT/lib/Runtime/ValueJson.cpp"
  "$ROOT/unittests/Primitives/GoldenTest.cpp")

iscore() {
  local c
  for c in "${CORE[@]}"; do [[ "$c" == "$1" ]] && return 0; done
  return 1
}

JOBS="$(nproc 2>/dev/null || echo 2)"
declare -A PID_SRC=()
FAILED=()
OBJS=()
REBUILT=0

reap() { # wait for one job (or all with "all")
  local p rc
  while ((${#PID_SRC[@]})); do
    p=""
    wait -n -p p "${!PID_SRC[@]}"
    rc=$?
    [[ -n "$p" ]] || break
    ((rc)) && FAILED+=("${PID_SRC[$p]}")
    unset "PID_SRC[$p]"
    [[ "${1:-}" == all ]] || return 0
  done
}

for src in "${SRCS[@]}"; do
  [[ -f "$src" ]] || continue
  base="$(objname "$src")"
  obj="$OUT/obj/$base.o"
  dep="$OUT/obj/$base.d"
  OBJS+=("$obj")
  if stale "$obj" "$dep" "$src"; then
    while ((${#PID_SRC[@]} >= JOBS)); do
      reap
    done
    echo "  CXX $(realpath --relative-to="$ROOT" "$src")"
    (
      "$CXX" "${CXXFLAGS[@]}" -MMD -MF "$dep" -c "$src" -o "$obj.tmp" \
        2>"$OUT/obj/$base.log" && mv "$obj.tmp" "$obj"
      rc=$?
      # Warnings of a successful compile are shown in full.
      ((rc == 0)) && cat "$OUT/obj/$base.log" >&2
      exit $rc
    ) &
    PID_SRC[$!]="$src"
    REBUILT=1
  fi
done
reap all

BAD=0
if ((${#FAILED[@]})); then
  for f in "${FAILED[@]}"; do
    base="$(objname "$f")"
    rm -f "$OUT/obj/$base.o" "$OUT/obj/$base.o.tmp"
    if iscore "$f" || ((STRICT)); then
      cat "$OUT/obj/$base.log" >&2
      echo "build-prims: ERROR: $(realpath --relative-to="$ROOT" "$f") failed to compile" >&2
      BAD=1
    else
      head -n 12 "$OUT/obj/$base.log" >&2
      echo "  ... (full log: build-prims/obj/$base.log)" >&2
      echo "build-prims: WARNING: skipping $(realpath --relative-to="$ROOT" "$f") (compile error; its primitives show as unimplemented)" >&2
    fi
  done
fi
((BAD)) && exit 1

LINK=()
for o in "${OBJS[@]}"; do [[ -f "$o" ]] && LINK+=("$o"); done
EXE="$OUT/arcdsl-golden-test"
# Relink when something was rebuilt, the set of objects changed, or no exe.
LIST="$(printf '%s\n' "${LINK[@]}")"
if ((REBUILT)) || [[ ! -x "$EXE" ]] || [[ "$LIST" != "$(cat "$OUT/.objs" 2>/dev/null)" ]]; then
  echo "  LINK build-prims/arcdsl-golden-test"
  if ! "$CXX" -g "${LINK[@]}" -o "$EXE.tmp"; then
    echo "build-prims: ERROR: link failed" >&2
    exit 1
  fi
  mv "$EXE.tmp" "$EXE"
  printf '%s\n' "${LINK[@]}" >"$OUT/.objs"
fi

if ((DEVICE)); then
  DBAD=0
  for src in "$ROOT"/lib/Primitives/*.cpp; do
    [[ "$(basename "$src")" == PrimTable.cpp ]] && continue
    base="$(objname "$src")"
    bc="$OUT/device/$base.bc"
    dep="$OUT/device/$base.d"
    if stale "$bc" "$dep" "$src"; then
      echo "  NVPTX $(realpath --relative-to="$ROOT" "$src")"
      if ! "$CXX" "${DEVFLAGS[@]}" -MMD -MF "$dep" "$src" -o "$bc" 2> >(grep -v 'CUDA version' >&2); then
        rm -f "$bc"
        echo "build-prims: ERROR: device compile failed: $(realpath --relative-to="$ROOT" "$src")" >&2
        DBAD=1
      fi
    fi
  done
  ((DBAD)) && exit 1
  echo "build-prims: device check OK"
fi
exit 0

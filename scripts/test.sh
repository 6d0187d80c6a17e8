#!/usr/bin/env bash
# Set up, build, and run the whole test suite (lit + FileCheck tests, the
# golden vectors of every implemented primitive, the examples corpus).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${ARCDSL_BUILD_DIR:-$root/build}
python3 "$root/utils/gen-primitives-def.py" --check \
  "$root/include/ArcDsl/Dialect/ArcDsl/ArcDslPrimitives.td" \
  "$root/include/ArcDsl/Primitives/Primitives.def"
python3 "$root/utils/gen-primitives-def.py" --check --tok \
  "$root/include/ArcDsl/Dialect/ArcDsl/TokpidjinPrimitives.td" \
  "$root/include/ArcDsl/Dialect/ArcDsl/ArcDslPrimitives.td" \
  "$root/include/ArcDsl/Primitives/Tokpidjin.def"
"$root/scripts/setup.sh"
ninja -C "$build" check-arcdsl

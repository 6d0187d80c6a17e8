#!/usr/bin/env bash
# Runs on the GPU machine: each batt bundle in DIR (NAME.bundle.json,
# NAME.host.o made here by arcdsl-batt --emit-bundle --emit-host-object)
# over every sample of .device/training in both modes, its outputs compared
# with NAME.ref.jsonl.gz (the Python batt's, tools/arcdsl-batt/refbatt.py).
# usage: scripts/device-tokbatts.sh DIR
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dir=$1
echo "== $(date -u +%FT%TZ) $(nvidia-smi --query-gpu=name,driver_version --format=csv,noheader 2>/dev/null)"
. "$root/scripts/device-runtime.sh"
rc=0
for bundle in "$dir"/*.bundle.json; do
  name=$(basename "$bundle" .bundle.json)
  c++ -shared -o "/tmp/$name.host.so" "$dir/$name.host.o" || exit 2
  "$host" --batt --bundle "$bundle" --tasks "$root/.device/training" \
    --host-code "/tmp/$name.host.so" --outputs "/tmp/$name.gpu.jsonl" 2>&1 | grep -E "batt runs|error" | head -3
  echo "$name: $(python3 "$root/tools/arcdsl-batt/compare.py" "$dir/$name.ref.jsonl.gz" "/tmp/$name.gpu.jsonl" | grep " runs: ")" || rc=1
done
exit $rc

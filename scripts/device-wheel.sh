#!/usr/bin/env bash
# On the GPU machine (the device tool; no LLVM there, another distribution):
# installs the carried wheel (dist/*-cp<its python>-*.whl, offline) and runs
# its console scripts and Python API on the GPU against the CPU:
#   run(command="bash scripts/device-wheel.sh", carry=["dist/arcdsl-...-cp312-...whl"])
# Prints each check's result; $OUT gets both submissions (docs/install.md).
set +e
python3 --version; ldd --version | head -1; grep PRETTY /etc/os-release; nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
tag=cp$(python3 -c 'import sys; print("%d%d" % sys.version_info[:2])')
whl=$(ls dist/*-$tag-*.whl 2>/dev/null | head -1)
any=$(ls dist/*.whl | head -1)
mkdir -p /tmp/w && (cd /tmp/w && python3 -m zipfile -e $OLDPWD/$any x) && chmod +x /tmp/w/x/arcdsl/bin/*
B=/tmp/w/x/arcdsl/bin
ldd $B/arcdsl-run | grep -v vdso
if [ -n "$whl" ]; then python3 -m venv /tmp/venv && /tmp/venv/bin/pip install -q --no-index $whl && B=/tmp/venv/bin && echo "installed $whl"; fi
$B/arcdsl-run --solvers examples/solvers.py --tasks examples/tasks --backend gpu --order canonical -q | tail -1
$B/arcdsl-run --solvers examples/solvers.py --tasks examples/tasks --backend gpu -q --submission $OUT/sub-gpu.json | tail -1
$B/arcdsl-run --solvers examples/solvers.py --tasks examples/tasks --backend cpu -q --submission $OUT/sub-cpu.json | tail -1
cmp $OUT/sub-gpu.json $OUT/sub-cpu.json && echo "submission: gpu == cpu"
$B/arcdsl-batt test/arcdsl-batt/Inputs/tok-card.py --tasks examples/tasks --emit-bundle /tmp/tb.json -q
$B/arcdsl-host --batt --bundle /tmp/tb.json --tasks examples/tasks --outputs /tmp/gpu.jsonl | tail -1
python3 tools/arcdsl-batt/compare.py test/arcdsl-batt/Inputs/tok-card.stock.jsonl.gz /tmp/gpu.jsonl | tail -1
[ -n "$whl" ] && /tmp/venv/bin/python scripts/device-wheel.py

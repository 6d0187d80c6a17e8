#!/usr/bin/env bash
# The main job: set up, build, then compile the bundled example solvers and
# score them on their ARC tasks (CPU backend). Extra arguments go to
# arcdsl-run (e.g. --json report.json).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/setup.sh" arcdsl-run
exec "${ARCDSL_BUILD_DIR:-$root/build}/bin/arcdsl-run" \
  --solvers "$root/examples/solvers.py" --tasks "$root/examples/tasks" "$@"

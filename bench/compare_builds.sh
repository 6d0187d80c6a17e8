#!/usr/bin/env bash
# CPU time of one workload under two builds of arcdsl, run alternately
# (ROUNDS times each), and their ratio: how a compiler change moves the cost
# of the same work. Usage:
#   bench/compare_builds.sh OLD_BIN NEW_BIN [arcdsl-run options...]
# Default workload: the reference solvers' cross workload on ARC-AGI-1
# training (SOLVERS, TASKS override). CPU time (user + sys of every process)
# is what is compared: wall time on a shared machine is noise.
set -euo pipefail
old=$1 new=$2; shift 2
root=$(cd "$(dirname "$0")/.." && pwd)
solvers=${SOLVERS:-$root/../ref/arc-dsl/solvers.py}
tasks=${TASKS:-$root/../shared/arc-agi-1/training}
args=("$@"); [ ${#args[@]} -eq 0 ] && args=(--cross)
declare -A total=([old]=0 [new]=0)
tmp=$(mktemp); trap 'rm -f "$tmp"' EXIT
for round in $(seq "${ROUNDS:-2}"); do
  for which in old new; do
    bin=$old; [ $which = new ] && bin=$new
    /usr/bin/time -o "$tmp" -f "%U %S %e" "$bin/arcdsl-run" --solvers "$solvers" \
      --tasks "$tasks" --quiet --outputs /dev/null "${args[@]}" >/dev/null 2>&1 || true
    # The last line: time(1) puts "Command exited with non-zero status N"
    # first when a run reports failed programs.
    read -r user sys wall < <(tail -n 1 "$tmp")
    cpu=$(python3 -c "print(round($user + $sys, 2))")
    echo "round $round $which: ${cpu} s CPU (${wall} s wall)"
    total[$which]=$(python3 -c "print(${total[$which]} + $cpu)")
  done
done
python3 -c "o, n = ${total[old]}, ${total[new]}; print(f'old {o:.1f} s, new {n:.1f} s CPU: new/old = {n / o:.3f}')"

#!/usr/bin/env bash
# Runs every gateway benchmark of this folder (see README.md) and prints one
# summary: overhead, gateway keys on vs off, TTFT, failover handoff, 1000
# streams / memory, client cancellation, and one key check (limits, Google
# Benchmark). Installs what it
# needs, builds the bench preset, and writes each bench's figures to
# build/bench/results/<bench>.txt and .json, the summary to summary.txt.
# Figures are measurements, never pass/fail; the exit status is 1 only when a
# run produced errors where none are allowed (failed requests, refused or
# unfinished streams), or a bench could not run.
#   tests/bench/run.sh                 about 6 minutes
#   BENCH_ROUNDS=1 BENCH_SECONDS=2 tests/bench/run.sh    a quick look
set -euo pipefail
cd "$(dirname "$0")/../.."

packaging/install-deps.sh --bench
cmake --preset bench >/dev/null
nice -n 10 cmake --build build/bench -j "${BENCH_BUILD_JOBS:-$(nproc)}"

results=build/bench/results
rm -rf "$results"
mkdir -p "$results"
# How busy the machine was (other work, not ours) in the second before the run.
cpu_ticks() { awk '/^cpu / {print $2 + $3 + $4 + $7 + $8 + $9, $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9}' /proc/stat; }
read -r busy0 total0 < <(cpu_ticks)
sleep 1
read -r busy1 total1 < <(cpu_ticks)
echo "$(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $(sed -n 's/^model name\s*: //p' /proc/cpuinfo |
  head -1), CPU $(((busy1 - busy0) * 100 / (total1 - total0 + 1)))% busy before the run" \
  >"$results/machine.txt"

failed=()
for bench in overhead keys_onoff ttft live_prestep mcp_bridge handoff streams cancel limits webhooks; do
  echo
  if ! "tests/bench/$bench.sh"; then
    failed+=("$bench")
  fi
done

{
  echo "Manifold benchmarks: $(cat "$results/machine.txt")"
  for bench in overhead keys_onoff ttft live_prestep mcp_bridge handoff streams cancel limits webhooks; do
    echo
    cat "$results/$bench.txt" 2>/dev/null || echo "== $bench: no results =="
  done
  echo
  if [[ ${#failed[@]} -eq 0 ]]; then
    echo "Errors: none."
  else
    echo "Errors in: ${failed[*]} (see the lines starting with ERROR above)."
  fi
} >"$results/summary.txt"
echo
echo "################ summary ($results/summary.txt) ################"
cat "$results/summary.txt"
[[ ${#failed[@]} -eq 0 ]]

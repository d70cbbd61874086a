#!/usr/bin/env bash
# Limits: what one key check costs, with Google Benchmark (keys/LimitsBench.cpp):
# the rate limiter's admit + release for a key with rpm, tpm and max_concurrent
# set, against one unordered_map lookup of the key id; authenticating a virtual
# key (Bearer secret, master key set, 1000 keys), against a SHA-256 of the
# secret alone. Medians of 5 repetitions, measured in the same run.
# Writes limits.json and limits.txt to the results folder.
#   tests/bench/limits.sh   (after the bench preset is built)
set -euo pipefail
source "$(dirname "$0")/common.sh"
command -v jq >/dev/null || {
  echo "missing jq: run packaging/install-deps.sh --bench" >&2
  exit 1
}
bin=$build_dir/tests/bench/keys/manifold-limits-bench
[[ -x $bin ]] || {
  echo "missing $bin: build the bench preset first (tests/bench/run.sh does)" >&2
  exit 1
}
mkdir -p "$results_dir"
"$bin" --benchmark_format=json >"$results_dir/limits.json"

# ns NAME FIELD: the median of that benchmark's real_time or cpu_time, in ns
# (NAME as registered, with /threads:N when it has threads).
ns() {
  jq -r --arg n "$1" --arg f "$2" '.benchmarks[] | select(.aggregate_name == "median"
    and (.run_name | sub("/repeats:[0-9]+"; "")) == $n)
    | .[$f] * (if .time_unit == "us" then 1000 elif .time_unit == "ms" then 1e6 else 1 end)
    | . * 10 | round / 10' "$results_dir/limits.json"
}
map=$(ns baseline/map-lookup real_time)
lim1=$(ns limiter/admit+release/threads:1 real_time)
lim4=$(ns limiter/admit+release/threads:4 real_time)
sha=$(ns baseline/sha256 real_time)
auth=$(ns auth/virtual-key real_time)
{
  echo "== Limits: one key check, Google Benchmark, median of 5 repetitions =="
  echo "  check                                   ns/check   baseline                 ns   ratio"
  printf '  %-38s %9s   %-20s %6s   %s\n' "limiter admit+release (1 thread)" "$lim1" "map lookup of key id" "$map" \
    "$(calc "$lim1 / $map" %.1f)x"
  printf '  %-38s %9s   %-20s %6s   %s\n' "limiter admit+release (4 threads)" "$lim4" "map lookup of key id" "$map" \
    "$(calc "$lim4 / $map" %.1f)x"
  printf '  %-38s %9s   %-20s %6s   %s\n' "authenticate a virtual key" "$auth" "sha256 of secret" "$sha" \
    "$(calc "$auth / $sha" %.1f)x"
  echo "  (4 threads: wall time per check with 4 threads on one key's lock; $(nproc) cores)"
} | tee "$results_dir/limits.txt"

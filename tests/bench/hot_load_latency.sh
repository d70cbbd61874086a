#!/usr/bin/env bash
# Measures how long a plugin dropped into a running gateway takes to become
# usable: from the atomic rename into the folder to the first chat completion
# that it answers. Prints each run and the median, in milliseconds.
#   tests/bench/hot_load_latency.sh [build-dir] [runs]
set -euo pipefail
build=${1:-build/release} runs=${2:-15}
work=$(mktemp -d); chmod 755 "$work"; mkdir -m 755 "$work/plugins"
source "$(dirname "$0")/../support/gateway.sh"
trap 'stop_gateway; rm -rf "$work"' EXIT
cat > "$work/c.json" <<JSON
{"server":{"host":"127.0.0.1","port":0},"plugins":{"directory":"$work/plugins","watch_interval_ms":250},
 "store":{"sqlite_path":"$work/m.db"},
 "engines":[{"id":"demo","provider":"demo","model":"demo-1","options":{"token_delay_ms":0}}],
 "modes":{"smart":{"chain":["demo"]}}}
JSON
start_gateway "$build/host/manifold" "$work/c.json" "$work/log"
port=$gateway_port
chat() { curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/v1/chat/completions" \
  -d '{"model":"demo","messages":[{"role":"user","content":"x"}]}'; }
times=()
for i in $(seq "$runs"); do
  cp "$build/plugin-folder/demo.so" "$work/plugins/.demo.so"
  start=$(date +%s%N)
  mv "$work/plugins/.demo.so" "$work/plugins/demo.so"
  until [[ $(chat) == 200 ]]; do :; done
  ms=$(( ($(date +%s%N) - start) / 1000000 ))
  times+=("$ms"); echo "run $i: ${ms} ms"
  rm "$work/plugins/demo.so"
  until [[ $(chat) == 503 ]]; do sleep 0.01; done
done
median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
echo "median hot-load latency: ${median} ms over $runs runs (watch interval 250 ms; a file must look the same on two scans)"

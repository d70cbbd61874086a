#!/usr/bin/env bash
# 1000 streams / memory: 1000 concurrent streams of about 30 s each (the
# fake's `stream-30x1000` route: 30 tokens, 1 s apart) held open through
# Manifold, then through nginx (one worker, proxy_buffering off). Every stream
# must end with data: [DONE]; any refused or failed stream fails the bench.
# RSS is read from /proc before the streams (after one warm-up request) and
# --at-ms after all are open:
#   RSS per held stream = (RSS during - RSS idle) / streams
# For nginx, RSS is the one worker's, which holds every connection.
# Writes streams.json and streams.txt to the results folder.
#   tests/bench/streams.sh   (after the bench preset is built)
set -euo pipefail
source "$(dirname "$0")/common.sh"
bench_init nginx jq curl ss
streams=${BENCH_STREAMS:-1000}
at_ms=${BENCH_RSS_AT_MS:-15000}
route=stream-30x1000

start_fake
body='{"model":"mode/streams","stream":true,"messages":[{"role":"user","content":"Count."}]}'

# hold TARGET PORT PATH PID: runs the streams, notes the process's threads
# midway, and writes the report to $raw-TARGET.json.
raw=$bench_tmp/streams
hold() {
  local target=$1 port=$2 path=$3 pid=$4 status=0
  "$load_bin" --port "$port" --path "$path" --body "$body" --concurrency "$streams" \
    --requests "$streams" --rss-pid "$pid" --rss-at-ms "$at_ms" --timeout-ms 90000 \
    >"$raw-$target.line" &
  local load_pid=$!
  sleep $((at_ms / 1000 + 1))
  local threads
  threads=$(sed -n 's/^Threads:\s*//p' "/proc/$pid/status")
  wait "$load_pid" || status=$?
  jq -c --arg t "$target" --argjson threads "$threads" \
    '{target: $t, threadsDuring: $threads} + .' "$raw-$target.line" >"$raw-$target.json"
  if [[ $status -ne 0 ]]; then
    echo "ERROR: streams $target: $(jq -c '{completed, failures}' "$raw-$target.json")" >&2
    bench_failed=1
  fi
}

# Manifold.
mport=$(free_port)
manifold_config "$mport" "[$(fake_engine ok ok),$(fake_engine s30 $route)]" \
  '{"warm":{"chain":["ok"],"max_retries":0},"streams":{"chain":["s30"],"max_retries":0}}' \
  >"$bench_tmp/manifold.json"
start_manifold "$bench_tmp/manifold.json" "$mport"
curl -fsS "http://127.0.0.1:$mport/v1/chat/completions" -d "${body/streams/warm}" >/dev/null
hold manifold "$mport" /v1/chat/completions "$manifold_pid"
stop_pid "$manifold_pid"

# nginx, one worker.
nport=$(free_port)
nginx_conf 1 "
  upstream fake { server 127.0.0.1:$fake_port; keepalive 64; }
  server {
    listen 127.0.0.1:$nport backlog=4096;
    proxy_buffering off;
    proxy_read_timeout 120s;
    location = /v1/chat/completions { proxy_pass http://fake/$route/v1/chat/completions; }
    location = /warm { proxy_pass http://fake/ok/v1/chat/completions; }
  }" >"$bench_tmp/nginx.conf"
start_nginx "$bench_tmp/nginx.conf" "$nport"
curl -fsS "http://127.0.0.1:$nport/warm" -d "$body" >/dev/null
worker=$(pgrep -P "$nginx_pid" | head -1)
hold nginx "$nport" /v1/chat/completions "$worker"
stop_pid "$nginx_pid"

{
  echo "== 1000 streams / memory: $streams concurrent ~30 s streams, one run each, RSS $((at_ms / 1000)) s after all open =="
  echo "  target     done/streams  failed  all open   RSS idle KB  RSS during KB  per stream KB  threads"
  for t in manifold nginx; do
    f=$raw-$t.json
    IFS=' ' read -r ndone requests failed open idle during threads <<<"$(jq -r \
      '"\(.done) \(.requests) \(.failed) \(.allOpenMs) \(.rssBaselineKb) \(.rssAtKb) \(.threadsDuring)"' "$f")"
    printf '  %-10s %5d/%-6d  %6d  %5d ms  %11d  %13d  %13s  %7d\n' "$t" "$ndone" "$requests" \
      "$failed" "$open" "$idle" "$during" "$(calc "($during - $idle) / $streams" %.1f)" "$threads"
    jq -r '"             failures: \(.failures | to_entries | map(select(.value > 0)
      | "\(.key) \(.value)") | join(", ") | if . == "" then "none" else . end);"
      + " ttft p50 \(.ttftUs.p50 / 1000 | floor) ms, total p50 \(.totalUs.p50 / 1000 | floor) ms"' "$f"
  done
  m=$(jq --argjson n "$streams" '(.rssAtKb - .rssBaselineKb) / $n' "$raw-manifold.json")
  n=$(jq --argjson n "$streams" '(.rssAtKb - .rssBaselineKb) / $n' "$raw-nginx.json")
  echo "  RSS per stream manifold/nginx: $(calc "$m / $n")"
  echo "  target: manifold RSS per held stream <= 64 KB: $(calc "$m" %.1f) KB, $(verdict "$m" '<=' 64)"
  echo "  target: $streams/$streams completed with [DONE], none refused or failed:" \
    "manifold $(jq .completed "$raw-manifold.json"), nginx $(jq .completed "$raw-nginx.json")"
} | tee "$results_dir/streams.txt"

jq -s --argjson n "$streams" '{bench: "streams", streams: $n,
    perStreamKb: map({(.target): ((.rssAtKb - .rssBaselineKb) / $n)}) | add, runs: .}' \
  "$raw-manifold.json" "$raw-nginx.json" >"$results_dir/streams.json"
exit "$bench_failed"

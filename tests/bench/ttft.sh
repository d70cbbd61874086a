#!/usr/bin/env bash
# TTFT: time to the first content delta of a streamed completion (the fake's
# `ok` route), one request at a time on a keep-alive connection, straight to
# the fake, through Manifold and through nginx (proxy_buffering off). Timed by
# manifold-stream-load from the request's first byte to the first chunk with
# non-empty "content" (the role-only delta does not count).
# Writes ttft.json and ttft.txt to the results folder.
#   tests/bench/ttft.sh   (after the bench preset is built)
set -euo pipefail
source "$(dirname "$0")/common.sh"
bench_init nginx jq curl ss
requests=${BENCH_TTFT_REQUESTS:-300}

start_fake
mport=$(free_port)
nport=$(free_port)
manifold_config "$mport" "[$(fake_engine ok ok)]" '{"bench":{"chain":["ok"],"max_retries":0}}' \
  >"$bench_tmp/manifold.json"
start_manifold "$bench_tmp/manifold.json" "$mport"
nginx_conf auto "
  upstream fake { server 127.0.0.1:$fake_port; keepalive 64; }
  server {
    listen 127.0.0.1:$nport backlog=4096;
    proxy_buffering off;
    location = /v1/chat/completions { proxy_pass http://fake/ok/v1/chat/completions; }
  }" >"$bench_tmp/nginx.conf"
start_nginx "$bench_tmp/nginx.conf" "$nport"

body='{"model":"mode/bench","stream":true,"messages":[{"role":"user","content":"Say hello."}]}'
declare -A port=([direct]=$fake_port [manifold]=$mport [nginx]=$nport)
declare -A path=([direct]=/ok/v1/chat/completions [manifold]=/v1/chat/completions
  [nginx]=/v1/chat/completions)
targets=(direct manifold nginx)

load() { # TARGET COUNT
  "$load_bin" --port "${port[$1]}" --path "${path[$1]}" --body "$body" --concurrency 1 \
    --requests "$2" --timeout-ms 10000
}

ttft_rounds ttft "$requests" "${targets[@]}"

{
  echo "== TTFT: streamed completion, $requests sequential requests per run, median of $bench_rounds runs =="
  echo "  target                   ttft p50 us  p90 us  p99 us"
  for t in "${targets[@]}"; do
    printf '  %-26s %9d %7d %7d\n' "$t" "${p50[$t]}" "${p90[$t]}" "${p99[$t]}"
  done
  for via in manifold nginx; do
    printf '  added by %-17s p50 %+6d us   p90 %+6d us   p99 %+6d us\n' "$via" \
      $((p50[$via] - p50[direct])) $((p90[$via] - p90[direct])) $((p99[$via] - p99[direct]))
  done
  added=$((p50[manifold] - p50[direct]))
  echo "  target: TTFT added by manifold at p50 <= 200 us: ${added} us, $(verdict "$added" '<=' 200)"
} | tee "$results_dir/ttft.txt"

jq -s --argjson n "$requests" '{bench: "ttft", requestsPerRun: $n,
    medians: (group_by(.target) | map({target: .[0].target,
      p50Us: ([.[].ttftUs.p50] | sort | .[(length - 1) / 2 | floor]),
      p90Us: ([.[].ttftUs.p90] | sort | .[(length - 1) / 2 | floor]),
      p99Us: ([.[].ttftUs.p99] | sort | .[(length - 1) / 2 | floor])})),
    runs: .}' "$bench_tmp/ttft"-*.jsonl >"$results_dir/ttft.json"
exit "$bench_failed"

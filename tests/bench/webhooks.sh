#!/usr/bin/env bash
# Verified webhooks, the task issue's two figures:
#   - latency: the time from a signed delivery reaching the gateway's
#     /webhooks/sibling/{service} to the task event it causes reaching a
#     client connected to GET /v1/tasks/{id}/events: p50, p90 and p99 over
#     WEBHOOK_DELIVERIES (1000) deliveries sent one at a time;
#   - throughput: deliveries per second verified (Standard Webhooks: HMAC,
#     timestamp, replay check in the store) and applied (a progress update
#     written with its event), from WEBHOOK_CONNECTIONS (16) keep-alive
#     connections, against the same load generator on nginx answering 204
#     without verifying (the same-run baseline); medians of bench_rounds.
# The task lives at the fake sibling service (tests/fakes/sibling), which
# accepts it and then stays quiet; polling is set far off so nothing but the
# deliveries moves the task. Writes webhooks.json and webhooks.txt.
#   tests/bench/webhooks.sh   (after the bench preset is built)
set -euo pipefail
source "$(dirname "$0")/common.sh"
bench_init node curl jq nginx
deliveries=${WEBHOOK_DELIVERIES:-1000}
connections=${WEBHOOK_CONNECTIONS:-16}
sibling_dir=$repo_root/tests/fakes/sibling
"$sibling_dir/install.sh" >/dev/null

secret="whsec_$(head -c 32 /dev/urandom | base64)"
token="bench-sibling-token-$RANDOM$RANDOM"
sibling_port=$(free_port)
node "$sibling_dir/server.mjs" --port "$sibling_port" --token "$token" --webhook-secret "$secret" \
  --steps 1000000 >"$bench_tmp/sibling.log" 2>&1 &
bench_pids+=($!)
wait_for_port "$sibling_port" "the fake sibling" "$bench_tmp/sibling.log"

port=$(free_port)
export BENCH_SIBLING_TOKEN=$token BENCH_SIBLING_WEBHOOK_SECRET=$secret
cat >"$bench_tmp/webhooks.json" <<JSON
{"server":{"host":"127.0.0.1","port":$port,"public_url":"http://127.0.0.1:$port"},
 "plugins":{"directory":"$plugin_dir","watch_interval_ms":60000,
            "settings":{"sibling":{"services":[
              {"id":"bench","intents":[{"intent":"bench","phrases":["run the webhook bench"]}],
               "endpoint":"http://127.0.0.1:$sibling_port","auth_secret_env":"BENCH_SIBLING_TOKEN",
               "webhook_secret_env":"BENCH_SIBLING_WEBHOOK_SECRET"}]}}},
 "tasks":{"poll_min_ms":3600000,"poll_max_ms":3600000},
 "store":{"sqlite_path":"$bench_tmp/webhooks.db"},
 "egress":{"allow":["127.0.0.1:$sibling_port"]},
 "logging":{"level":"warning"},
 "engines":[{"id":"demo","provider":"demo","model":"demo-1"}],
 "modes":{"smart":{"chain":["demo"]}}}
JSON
start_manifold "$bench_tmp/webhooks.json" "$port"
base="http://127.0.0.1:$port"

task=$(curl -fsS "$base/v1/tasks" -H 'Content-Type: application/json' \
  -d '{"dispatcher":"sibling","service":"bench","input":{"messages":[{"role":"user","content":"run the webhook bench"}]}}')
task_id=$(jq -r .id <<<"$task")
remote_id=$(curl -fsS "$base/v1/tasks/$task_id" | jq -r .remote_id)
[[ $task_id == task_* && -n $remote_id && $remote_id != null ]] || {
  echo "webhooks: could not create a task: $task" >&2
  exit 1
}
hook="$base/webhooks/sibling/bench"

echo "== Verified webhooks: delivery to client event, $deliveries deliveries one at a time =="
node "$bench_dir/webhooks/deliver.mjs" latency "$hook" "$secret" "$task_id" "$remote_id" \
  "$base/v1/tasks/$task_id/events" "$deliveries" | tee "$bench_tmp/latency.json"

nginx_port=$(free_port)
nginx_conf 1 "server { listen 127.0.0.1:$nginx_port; location / { return 204; } }" \
  >"$bench_tmp/nginx.conf"
start_nginx "$bench_tmp/nginx.conf" "$nginx_port"

: >"$bench_tmp/manifold.jsonl"
: >"$bench_tmp/nginx.jsonl"
for round in $(seq "$bench_rounds"); do
  node "$bench_dir/webhooks/deliver.mjs" throughput "$hook" "$secret" "$task_id" "$remote_id" \
    "$connections" "$bench_seconds" >>"$bench_tmp/manifold.jsonl"
  node "$bench_dir/webhooks/deliver.mjs" throughput "http://127.0.0.1:$nginx_port/" "$secret" \
    "$task_id" "$remote_id" "$connections" "$bench_seconds" >>"$bench_tmp/nginx.jsonl"
  echo "round $round: manifold $(tail -1 "$bench_tmp/manifold.jsonl")"
done
m_rps=$(jq_median rps "$bench_tmp/manifold.jsonl")
n_rps=$(jq_median rps "$bench_tmp/nginx.jsonl")
errors=$(jq -s 'map(.errors) | add' "$bench_tmp/manifold.jsonl")
ratio=$(awk -v m="$m_rps" -v n="$n_rps" 'BEGIN { printf "%.3f", m / n }')
{
  echo "== Verified webhooks =="
  jq -r '"  delivery to client event   p50 \(.p50Us) us, p90 \(.p90Us) us, p99 \(.p99Us) us over \(.count)"' \
    "$bench_tmp/latency.json"
  printf '  verified and applied/s     %.0f  (c%d, median of %d rounds; %s refused)\n' \
    "$m_rps" "$connections" "$bench_rounds" "$errors"
  printf '  baseline: nginx 204/s      %.0f  (the same load generator, no verification)\n' "$n_rps"
  printf '  manifold / baseline        %sx\n' "$ratio"
} | tee "$results_dir/webhooks.txt"
jq -n --slurpfile latency "$bench_tmp/latency.json" --arg rps "$m_rps" --arg base "$n_rps" \
  --arg ratio "$ratio" --argjson errors "$errors" \
  '{latency: $latency[0], verifiedPerSecond: ($rps|tonumber), baselinePerSecond: ($base|tonumber),
    ratio: ($ratio|tonumber), refused: $errors}' >"$results_dir/webhooks.json"
((errors == 0)) || {
  echo "webhooks: $errors deliveries were refused; every one should apply" >&2
  exit 1
}

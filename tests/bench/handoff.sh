#!/usr/bin/env bash
# Failover handoff: what one failed step costs before the next is tried.
# Manifold: mode `chain` is 19 engines on the fake's `fail503` route, then one
# on `ok` (max_retries 0, breaker threshold 1000000 so every request walks
# every step); mode `single` is the `ok` engine alone. nginx: an upstream of
# 19 servers (nginx server blocks on other loopback ports that return 503 at
# once, max_fails=0) with the fake as `backup`, proxy_next_upstream on 503;
# against the fake alone. wrk at 1 connection, non-streaming.
#   per-step handoff = (p50 chain - p50 single) / 19
# Writes handoff.json and handoff.txt to the results folder.
#   tests/bench/handoff.sh   (after the bench preset is built)
set -euo pipefail
source "$(dirname "$0")/common.sh"
bench_init wrk nginx jq curl ss
steps=19

start_fake
mport=$(free_port)
nport=$(free_port)
engines=$(fake_engine ok ok)
chain=""
upstream=""
failing=""
for i in $(seq -w "$steps"); do
  engines+=",$(fake_engine "f$i" fail503)"
  chain+="\"f$i\","
  p=$(free_port)
  upstream+="server 127.0.0.1:$p max_fails=0; "
  failing+="server { listen 127.0.0.1:$p; location / { return 503; } } "
done
manifold_config "$mport" "[$engines]" "{
  \"single\":{\"chain\":[\"ok\"],\"max_retries\":0},
  \"chain\":{\"chain\":[${chain}\"ok\"],\"max_retries\":0}}" >"$bench_tmp/manifold.json"
start_manifold "$bench_tmp/manifold.json" "$mport"
nginx_conf auto "
  upstream fake { server 127.0.0.1:$fake_port; keepalive 64; }
  upstream chain { $upstream server 127.0.0.1:$fake_port backup; keepalive 64; }
  $failing
  server {
    listen 127.0.0.1:$nport backlog=4096;
    proxy_next_upstream error http_503 non_idempotent;
    proxy_next_upstream_tries $((steps + 1));
    location = /single { proxy_pass http://fake/ok/v1/chat/completions; }
    location = /chain { proxy_pass http://chain/ok/v1/chat/completions; }
  }" >"$bench_tmp/nginx.conf"
start_nginx "$bench_tmp/nginx.conf" "$nport"

body() { echo "{\"model\":\"mode/$1\",\"stream\":false,\"messages\":[{\"role\":\"user\",\"content\":\"Say hello.\"}]}"; }
declare -A url=(
  [manifold-single]="http://127.0.0.1:$mport/v1/chat/completions"
  [manifold-chain]="http://127.0.0.1:$mport/v1/chat/completions"
  [nginx-single]="http://127.0.0.1:$nport/single"
  [nginx-chain]="http://127.0.0.1:$nport/chain"
)
declare -A lua=(
  [manifold-single]=$(wrk_lua "$(body single)") [manifold-chain]=$(wrk_lua "$(body chain)")
  [nginx-single]=$(wrk_lua "$(body single)") [nginx-chain]=$(wrk_lua "$(body chain)")
)
targets=(manifold-single manifold-chain nginx-single nginx-chain)

# The chain really is walked: Manifold says so in a header.
attempts=$(curl -fsS -D - -o /dev/null "${url[manifold-chain]}" -H 'Content-Type: application/json' \
  -d "$(body chain)" | tr -d '\r' | sed -n 's/^x-manifold-attempts: //Ip')
[[ $attempts == $((steps + 1)) ]] || {
  echo "handoff: manifold chain made $attempts attempts, expected $((steps + 1))" >&2
  exit 1
}
for t in nginx-single nginx-chain; do
  curl -fsS "${url[$t]}" -H 'Content-Type: application/json' -d "$(body x)" | grep -q 'Hello world' || {
    echo "handoff: $t did not answer" >&2
    exit 1
  }
done

raw=$bench_tmp/handoff
for t in "${targets[@]}"; do run_wrk "${lua[$t]}" "${url[$t]}" 1 1 1 >/dev/null; done
for round in $(seq "$bench_rounds"); do
  for t in "${targets[@]}"; do
    run_wrk "${lua[$t]}" "${url[$t]}" 1 1 "$bench_seconds" |
      jq -c --arg t "$t" --argjson r "$round" '{target: $t, round: $r} + .' >>"$raw-$t.jsonl"
  done
done
for t in "${targets[@]}"; do check_no_errors "handoff $t" "$raw-$t.jsonl"; done

declare -A rps p50 p99
for t in "${targets[@]}"; do
  rps[$t]=$(jq_median rps "$raw-$t.jsonl")
  p50[$t]=$(jq_median p50Us "$raw-$t.jsonl")
  p99[$t]=$(jq_median p99Us "$raw-$t.jsonl")
done
mstep=$(calc "(${p50[manifold-chain]} - ${p50[manifold-single]}) / $steps / 1000" %.3f)
nstep=$(calc "(${p50[nginx-chain]} - ${p50[nginx-single]}) / $steps / 1000" %.3f)

{
  echo "== Failover handoff: $steps failing steps then one that answers, wrk c1, median of $bench_rounds x ${bench_seconds}s runs =="
  echo "  target                        req/s      p50 us     p99 us"
  for t in "${targets[@]}"; do
    printf '  %-26s %9.0f  %9d  %9d\n' "$t" "${rps[$t]}" "${p50[$t]}" "${p99[$t]}"
  done
  echo "  per-step handoff at p50: manifold ${mstep} ms, nginx ${nstep} ms (manifold/nginx $(calc "$mstep / $nstep"))"
  echo "  target: manifold per-step handoff <= 0.2 ms: ${mstep} ms, $(verdict "$mstep" '<=' 0.2)"
} | tee "$results_dir/handoff.txt"

jq -s --argjson steps "$steps" --argjson m "$mstep" --argjson n "$nstep" '{bench: "handoff",
    failingSteps: $steps, perStepMsManifold: $m, perStepMsNginx: $n,
    medians: (group_by(.target) | map({target: .[0].target,
      rps: ([.[].rps] | sort | .[(length - 1) / 2 | floor]),
      p50Us: ([.[].p50Us] | sort | .[(length - 1) / 2 | floor]),
      p99Us: ([.[].p99Us] | sort | .[(length - 1) / 2 | floor])})),
    runs: .}' "$raw"-*.jsonl >"$results_dir/handoff.json"
exit "$bench_failed"

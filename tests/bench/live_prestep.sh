#!/usr/bin/env bash
# The live pre-step's cost to the first token: one gateway, two modes on the
# same engine (the fake's `ok` route). Mode `live` runs the fx toolset's live
# tool before the model (its upstream, the fake Frankfurter of
# tests/fakes/fx, answers at once; the gateway's result cache is off for
# it, so every request pays a real tool call); mode `plain` has live_tools []
# and sends the same message straight to the model. TTFT by
# manifold-stream-load, one request at a time, rounds alternating.
# Writes live_prestep.json and live_prestep.txt to the results folder.
#   tests/bench/live_prestep.sh   (after the bench preset is built)
set -euo pipefail
source "$(dirname "$0")/common.sh"
bench_init jq curl ss node
requests=${BENCH_LIVE_REQUESTS:-300}

start_fake
fx_log=$bench_tmp/fx.log
node "$repo_root/tests/fakes/fx/server.mjs" >"$fx_log" 2>&1 &
bench_pids+=("$!")
for _ in $(seq 200); do
  fx_port=$(sed -n 's/^listening \([0-9]*\)$/\1/p' "$fx_log")
  [[ -n $fx_port ]] && break
  sleep 0.05
done
[[ -n ${fx_port:-} ]] || {
  echo "the fake Frankfurter did not start:" >&2
  cat "$fx_log" >&2
  exit 1
}

mport=$(free_port)
cat >"$bench_tmp/manifold.json" <<JSON
{"server":{"host":"127.0.0.1","port":$mport},
 "plugins":{"directory":"$plugin_dir","watch_interval_ms":60000,
            "settings":{"fx":{"base_url":"http://127.0.0.1:$fx_port"}}},
 "store":{"sqlite_path":"$bench_tmp/manifold.db"},
 "breaker":{"failure_threshold":1000000},
 "egress":{"allow":["127.0.0.1:$fake_port","127.0.0.1:$fx_port"]},
 "tools":{"cache_ttl_ms":{"fx.lookup":0}},
 "logging":{"level":"warning"},
 "engines":[$(fake_engine ok ok)],
 "modes":{"live":{"chain":["ok"],"max_retries":0,"live_tools":["fx.*"]},
          "plain":{"chain":["ok"],"max_retries":0,"live_tools":[]}}}
JSON
start_manifold "$bench_tmp/manifold.json" "$mport"

message="What is 100 USD in EUR today?"
load() { # MODE COUNT
  "$load_bin" --port "$mport" --path /v1/chat/completions --concurrency 1 --requests "$2" \
    --timeout-ms 10000 --body \
    "{\"model\":\"mode/$1\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"$message\"}]}"
}

# The pre-step must really run: the fake's ledger (a JSON array of every
# request it received) counts fx lookups.
before=$(curl -fs "http://127.0.0.1:$fx_port/_ledger" | jq 'length')
load live 1 >/dev/null
after=$(curl -fs "http://127.0.0.1:$fx_port/_ledger" | jq 'length')
if ((after <= before)); then
  echo "ERROR: live_prestep: the live mode did not call the fx toolset's upstream" >&2
  exit 1
fi

targets=(plain live)
ttft_rounds live "$requests" "${targets[@]}"

{
  echo "== Live pre-step: TTFT with the fx live tool before the model, $requests sequential requests per run, median of $bench_rounds runs =="
  echo "  mode                     ttft p50 us  p90 us  p99 us"
  for t in "${targets[@]}"; do
    printf '  %-26s %9d %7d %7d\n' "$t" "${p50[$t]}" "${p90[$t]}" "${p99[$t]}"
  done
  printf '  added by the pre-step     p50 %+6d us   p90 %+6d us   p99 %+6d us   (p50 ratio %s)\n' \
    $((p50[live] - p50[plain])) $((p90[live] - p90[plain])) $((p99[live] - p99[plain])) \
    "$(calc "${p50[live]} / ${p50[plain]}")"
} | tee "$results_dir/live_prestep.txt"

jq -s --argjson n "$requests" '{bench: "live_prestep", requestsPerRun: $n,
    medians: (group_by(.target) | map({target: .[0].target,
      p50Us: ([.[].ttftUs.p50] | sort | .[(length - 1) / 2 | floor]),
      p90Us: ([.[].ttftUs.p90] | sort | .[(length - 1) / 2 | floor]),
      p99Us: ([.[].ttftUs.p99] | sort | .[(length - 1) / 2 | floor])})),
    runs: .}' "$bench_tmp/live"-*.jsonl >"$results_dir/live_prestep.json"
exit "$bench_failed"

#!/usr/bin/env bash
# Gateway keys on versus off, the issue's target (at most 5% worse), measured
# where the difference is small against this machine's noise: two gateways
# with the same config, one anonymous on loopback (off) and one with a master
# key, where wrk sends a virtual key with rpm, tpm and max_concurrent set too
# high to refuse (on: authentication, the key's limits and their
# x-ratelimit-* headers, its daily and monthly budgets, the cost charged to
# them). Both price every attempt and write its usage row. Both get the same request
# bytes: the off run gets a stand-in key of the same length, as an OpenAI SDK
# always sends one. Rounds alternate off and on, and each round's on/off ratio
# is taken, so slow drift hits both alike; the figures are the medians of the
# per-round ratios, at 1 connection (p50 latency, and added p50 against the
# fake upstream measured in the same round) and at 64 (throughput).
# Writes keys_onoff.json and keys_onoff.txt to the results folder.
#   tests/bench/keys_onoff.sh   (after the bench preset is built)
#   KEYS_ROUNDS=8 KEYS_SECONDS=3 (the defaults)
set -euo pipefail
source "$(dirname "$0")/common.sh"
bench_init wrk jq curl
rounds=${KEYS_ROUNDS:-8}
seconds=${KEYS_SECONDS:-3}

start_fake
modes='{"bench":{"chain":["ok"],"max_retries":0}}'
# Both gateways price the bench engine, so every attempt's cost is computed
# and recorded; the on gateway also charges it to the key's budgets.
cat >"$bench_tmp/prices.json" <<'JSON'
{"currency": "USD", "unit": "per_million_tokens", "as_of": "bench",
 "models": {"openai-compatible/bench": {"input": 1.0, "output": 2.0, "cached_read": 0.5,
                                        "cache_write": 1.0, "source": "bench"}}}
JSON
BENCH_EXTRA_CONFIG="\"usage\":{\"prices_file\":\"$bench_tmp/prices.json\"},"
declare -A port pid
for t in off on; do
  port[$t]=$(free_port)
  manifold_config "${port[$t]}" "[$(fake_engine ok ok)]" "$modes" >"$bench_tmp/keys-$t.json"
done
start_manifold "$bench_tmp/keys-off.json" "${port[off]}"
pid[off]=$manifold_pid
master_key="mfk-bench-master-$RANDOM$RANDOM$RANDOM"
MANIFOLD_MASTER_KEY=$master_key start_manifold "$bench_tmp/keys-on.json" "${port[on]}"
pid[on]=$manifold_pid
virtual_key=$(curl -fsS "http://127.0.0.1:${port[on]}/admin/keys" -H "Authorization: Bearer $master_key" \
  -H 'Content-Type: application/json' \
  -d '{"name":"bench","rpm":100000000,"tpm":1000000000,"max_concurrent":100000,
       "daily_budget_usd":1000000,"monthly_budget_usd":1000000}' | jq -r .secret)
[[ -n $virtual_key && $virtual_key != null ]] || {
  echo "keys_onoff: could not create a virtual key" >&2
  exit 1
}
stand_in=$(printf 'sk-client-key-%0*d' $((${#virtual_key} - 14)) 0)
body='{"model":"mode/bench","stream":false,"messages":[{"role":"user","content":"Say hello."}]}'
declare -A lua url
lua[off]=$(wrk_lua "$body" "Bearer $stand_in")
lua[on]=$(wrk_lua "$body" "Bearer $virtual_key")
lua[direct]=$(wrk_lua "$body" "Bearer $stand_in")
url[off]="http://127.0.0.1:${port[off]}/v1/chat/completions"
url[on]="http://127.0.0.1:${port[on]}/v1/chat/completions"
url[direct]="http://127.0.0.1:$fake_port/ok/v1/chat/completions"

# The on gateway must really be checking keys: without one it refuses, and
# its answers carry the key's rate-limit headers.
[[ $(curl -s -o /dev/null -w '%{http_code}' "${url[on]}" -d "$body") == 401 ]] || {
  echo "keys_onoff: the keyed gateway answered without a key" >&2
  exit 1
}
curl -fsS -D - -o /dev/null "${url[on]}" -H "Authorization: Bearer $virtual_key" -d "$body" |
  grep -qi '^x-ratelimit-remaining-requests:' || {
  echo "keys_onoff: the keyed gateway's answer has no x-ratelimit headers" >&2
  exit 1
}

raw=$bench_tmp/keys_onoff.jsonl
for conc in 1 64; do
  threads=$((conc == 1 ? 1 : 2))
  targets=(off on)
  [[ $conc == 1 ]] && targets+=(direct)
  for t in "${targets[@]}"; do run_wrk "${lua[$t]}" "${url[$t]}" "$conc" "$threads" 1 >/dev/null; done
  for round in $(seq "$rounds"); do
    for t in "${targets[@]}"; do
      run_wrk "${lua[$t]}" "${url[$t]}" "$conc" "$threads" "$seconds" |
        jq -c --arg t "$t" --argjson c "$conc" --argjson r "$round" \
          '{target: $t, connections: $c, round: $r} + .' >>"$raw"
    done
  done
done
jq -s -e 'map(select(.errors > 0)) | length == 0' "$raw" >/dev/null || {
  echo "ERROR keys_onoff: some requests failed" >&2
  bench_failed=1
}

# Per round: on/off for throughput (c64) and p50 (c1), and added p50 (minus
# direct) at c1; then the medians over rounds.
jq -s --argjson rounds "$rounds" --argjson seconds "$seconds" '
  def med: sort | if length % 2 == 1 then .[length / 2 | floor]
                  else (.[length / 2 - 1] + .[length / 2]) / 2 end;
  def at($c; $t; $r): first(.[] | select(.connections == $c and .target == $t and .round == $r));
  . as $all | [range(1; $rounds + 1)] | map(. as $r | {
    rps64: ($all | (at(64; "on"; $r).rps / at(64; "off"; $r).rps)),
    p50c1: ($all | (at(1; "on"; $r).p50Us / at(1; "off"; $r).p50Us)),
    addedC1: ($all | ((at(1; "on"; $r).p50Us - at(1; "direct"; $r).p50Us)
                      / (at(1; "off"; $r).p50Us - at(1; "direct"; $r).p50Us)))}) as $ratios |
  {bench: "keys_onoff", rounds: $rounds, secondsPerRun: $seconds,
   throughputC64OnOff: ($ratios | map(.rps64) | med),
   p50C1OnOff: ($ratios | map(.p50c1) | med),
   addedP50C1OnOff: ($ratios | map(.addedC1) | med),
   medians: {
     rpsC64: {off: ($all | map(select(.connections == 64 and .target == "off").rps) | med),
              on: ($all | map(select(.connections == 64 and .target == "on").rps) | med)},
     p50UsC1: {off: ($all | map(select(.connections == 1 and .target == "off").p50Us) | med),
               on: ($all | map(select(.connections == 1 and .target == "on").p50Us) | med),
               direct: ($all | map(select(.connections == 1 and .target == "direct").p50Us) | med)}},
   perRound: $ratios}' "$raw" >"$results_dir/keys_onoff.json"

out=$results_dir/keys_onoff.txt
jq -r '
  def r3: . * 1000 | round / 1000;
  def verdict($ok): if $ok then "met" else "MISSED" end;
  "== Gateway keys on vs off: medians of \(.rounds) per-round ratios (\(.secondsPerRun)s wrk runs, rounds alternate) ==",
  "  c64 throughput on/off      \(.throughputC64OnOff | r3)x   (off \(.medians.rpsC64.off | round) req/s, on \(.medians.rpsC64.on | round))   target >= 0.95: \(verdict(.throughputC64OnOff >= 0.95))",
  "  c1 added p50 on/off        \(.addedP50C1OnOff | r3)x   (p50 off \(.medians.p50UsC1.off) us, on \(.medians.p50UsC1.on), direct \(.medians.p50UsC1.direct))   target <= 1.05: \(verdict(.addedP50C1OnOff <= 1.05))",
  "  c1 p50 on/off              \(.p50C1OnOff | r3)x"' \
  "$results_dir/keys_onoff.json" | tee "$out"
[[ $bench_failed == 0 ]]

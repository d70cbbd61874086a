#!/usr/bin/env bash
# One bridged tool call against the same call made directly: the real
# @modelcontextprotocol/server-everything (tests/fakes/mcp, Streamable HTTP)
# answers `echo`, called by the official TypeScript client (tests/bench/mcp/
# load.mjs) either at the server itself (direct) or at the gateway's /mcp,
# where it is the bridged tool everything__echo (gateway /mcp -> tool runtime
# -> the mcp plugin -> the server). p50 and p99 at 1 and 16 concurrent
# clients, each its own session; rounds alternate and medians are quoted.
# Writes mcp_bridge.json and mcp_bridge.txt to the results folder.
#   tests/bench/mcp_bridge.sh   (after the bench preset is built)
set -euo pipefail
source "$(dirname "$0")/common.sh"
bench_init jq curl ss node
requests=${BENCH_MCP_REQUESTS:-400}

"$repo_root/tests/fakes/mcp/install.sh"
everything_port=$(free_port)
everything_log=$bench_tmp/everything.log
(cd "$repo_root/tests/fakes/mcp" &&
  PORT=$everything_port exec node node_modules/@modelcontextprotocol/server-everything/dist/index.js \
    streamableHttp) >"$everything_log" 2>&1 &
bench_pids+=("$!")
wait_for_port "$everything_port" server-everything "$everything_log"

mport=$(free_port)
cat >"$bench_tmp/manifold.json" <<JSON
{"server":{"host":"127.0.0.1","port":$mport},
 "plugins":{"directory":"$plugin_dir","watch_interval_ms":60000},
 "store":{"sqlite_path":"$bench_tmp/manifold.db"},
 "egress":{"allow":["127.0.0.1:$everything_port"]},
 "tools":{"mcp_servers":[{"id":"everything","url":"http://127.0.0.1:$everything_port/mcp"}]},
 "logging":{"level":"warning"},
 "engines":[{"id":"unused","provider":"demo","model":"demo-1"}],
 "modes":{"smart":{"chain":["unused"]}}}
JSON
start_manifold "$bench_tmp/manifold.json" "$mport"

declare -A url=([direct]="http://127.0.0.1:$everything_port/mcp" [gateway]="http://127.0.0.1:$mport/mcp")
declare -A tool=([direct]=echo [gateway]=everything__echo)
targets=(direct gateway)
load() { # TARGET CONCURRENCY
  node "$bench_dir/mcp/load.mjs" --url "${url[$1]}" --tool "${tool[$1]}" \
    --args '{"message":"hello"}' --concurrency "$2" --requests "$requests"
}

raw=$bench_tmp/mcp
for c in 1 16; do
  for round in $(seq "$bench_rounds"); do
    for t in "${targets[@]}"; do
      status=0
      line=$(load "$t" "$c") || status=$?
      jq -c --arg t "$t" --argjson c "$c" --argjson r "$round" \
        '{target: $t, concurrency: $c, round: $r} + .' <<<"$line" >>"$raw-$t-c$c.jsonl"
      if [[ $status -ne 0 ]]; then
        echo "ERROR: mcp_bridge $t c$c round $round: $line" >&2
        bench_failed=1
      fi
    done
  done
done

{
  echo "== MCP bridge: tools/call echo on server-everything, direct vs through the gateway's /mcp, $requests calls per run, median of $bench_rounds runs =="
  echo "  target        clients   p50 us   p99 us"
  for c in 1 16; do
    declare -A p50 p99
    for t in "${targets[@]}"; do
      p50[$t]=$(jq_median p50Us "$raw-$t-c$c.jsonl")
      p99[$t]=$(jq_median p99Us "$raw-$t-c$c.jsonl")
      printf '  %-13s %7d %8d %8d\n' "$t" "$c" "${p50[$t]}" "${p99[$t]}"
    done
    printf '  added by the bridge, c%-2d: p50 %+6d us (%sx)   p99 %+6d us (%sx)\n' "$c" \
      $((p50[gateway] - p50[direct])) "$(calc "${p50[gateway]} / ${p50[direct]}")" \
      $((p99[gateway] - p99[direct])) "$(calc "${p99[gateway]} / ${p99[direct]}")"
  done
} | tee "$results_dir/mcp_bridge.txt"

jq -s '{bench: "mcp_bridge", runs: .}' "$raw"-*.jsonl >"$results_dir/mcp_bridge.json"
exit "$bench_failed"

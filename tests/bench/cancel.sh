#!/usr/bin/env bash
# Cancellation: how soon the upstream request is abandoned when the client
# goes away mid-stream. manifold-cancel-probe sends a streamed chat request,
# waits until it is in flight upstream, closes its socket, and asks the fake
# upstream (GET /_ledger/...) when it saw its own connection go; the figure is
# that time minus the time of the client's close() (both CLOCK_MONOTONIC).
# Two phases: while the upstream has not sent its first token (the gateway
# holds back its answer) and mid-stream (after the first content delta).
# Three ways: straight to the fake (the fake seeing the client's own close,
# the baseline), through Manifold and through nginx (proxy_buffering off).
# Writes cancel.json and cancel.txt to the results folder.
#   tests/bench/cancel.sh   (after the bench preset is built)
set -euo pipefail
source "$(dirname "$0")/common.sh"
bench_init nginx jq curl ss
probe_bin=$build_dir/tests/bench/manifold-cancel-probe
[[ -x $probe_bin ]] || {
  echo "missing $probe_bin: build the bench preset first (tests/bench/run.sh does)" >&2
  exit 1
}
requests=${BENCH_CANCEL_REQUESTS:-200}

# phase -> the fake's route. slowfirst: headers and the role delta at once,
# the first token after 60 s. stream-2x60000: the first token at once, the
# second after 60 s. The client hangs up long before either delay ends.
phases=(first-token mid-stream)
declare -A route=([first-token]=slowfirst-60000 [mid-stream]=stream-2x60000)
declare -A wait=([first-token]=admitted [mid-stream]=content)
declare -A title=(
  [first-token]="before the first token (route ${route[first-token]}; hang up once the fake holds the request)"
  [mid-stream]="mid-stream (route ${route[mid-stream]}; hang up after the first content delta)")

start_fake
mport=$(free_port)
nport=$(free_port)
manifold_config "$mport" \
  "[$(fake_engine first-token "${route[first-token]}"),$(fake_engine mid-stream "${route[mid-stream]}")]" \
  '{"first-token":{"chain":["first-token"],"max_retries":0},"mid-stream":{"chain":["mid-stream"],"max_retries":0}}' \
  >"$bench_tmp/manifold.json"
start_manifold "$bench_tmp/manifold.json" "$mport"
locations=""
for phase in "${phases[@]}"; do
  locations+="
    location /$phase/ { proxy_pass http://fake/${route[$phase]}/; }"
done
nginx_conf auto "
  upstream fake { server 127.0.0.1:$fake_port; keepalive 64; }
  server {
    listen 127.0.0.1:$nport backlog=4096;
    proxy_buffering off;$locations
  }" >"$bench_tmp/nginx.conf"
start_nginx "$bench_tmp/nginx.conf" "$nport"

targets=(direct manifold nginx)
declare -A port=([direct]=$fake_port [manifold]=$mport [nginx]=$nport)

probe() { # TARGET PHASE COUNT
  local path
  case $1 in
    direct) path=/${route[$2]}/v1/chat/completions ;;
    manifold) path=/v1/chat/completions ;;
    nginx) path=/$2/v1/chat/completions ;;
  esac
  "$probe_bin" --port "${port[$1]}" --path "$path" --fake-port "$fake_port" \
    --route "${route[$2]}" --wait "${wait[$2]}" --requests "$3" --timeout-ms 5000 \
    --body "{\"model\":\"mode/$2\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Say hello.\"}]}"
}

# median_us FIELD FILE: like jq_median, over the runs that cancelled
# anything; "nan" when none did.
median_us() {
  jq -rs "[.[].$1 | select(. != null)] |
    if length == 0 then \"nan\" else sort | .[(length - 1) / 2 | floor] end" "$2"
}
# added VIA BASE: "+added us (ratio x)", or "n/a" without figures.
added() {
  if [[ $1 == nan || $2 == nan ]]; then
    printf '%14s' n/a
  else
    printf '%+8.1f us (%sx)' "$(calc "$1 - $2")" "$(calc "$1 / $2")"
  fi
}

raw=$bench_tmp/cancel
for phase in "${phases[@]}"; do
  for t in "${targets[@]}"; do probe "$t" "$phase" 20 >/dev/null || true; done # warm-up
done
for round in $(seq "$bench_rounds"); do
  for phase in "${phases[@]}"; do
    for t in "${targets[@]}"; do
      status=0
      line=$(probe "$t" "$phase" "$requests") || status=$?
      jq -c --arg t "$t" --arg p "$phase" --argjson r "$round" \
        '{target: $t, phase: $p, round: $r} + .' <<<"$line" >>"$raw-$phase-$t.jsonl"
      if [[ $status -ne 0 ]]; then
        echo "ERROR: cancel $phase $t round $round: $(jq -c .failures <<<"$line")" >&2
        bench_failed=1
      fi
    done
  done
done

{
  echo "== Cancellation: client closes mid-request, time until the upstream sees its connection closed," \
    "$requests requests per run, median of $bench_rounds runs =="
  for phase in "${phases[@]}"; do
    declare -A p50=() p90=() p99=()
    for t in "${targets[@]}"; do
      p50[$t]=$(median_us cancelUs.p50 "$raw-$phase-$t.jsonl")
      p90[$t]=$(median_us cancelUs.p90 "$raw-$phase-$t.jsonl")
      p99[$t]=$(median_us cancelUs.p99 "$raw-$phase-$t.jsonl")
    done
    echo "  ${title[$phase]}"
    echo "  target          cancel p50 us    p90 us    p99 us"
    for t in "${targets[@]}"; do
      printf '  %-18s %10.1f %9.1f %9.1f\n' "$t" "${p50[$t]}" "${p90[$t]}" "${p99[$t]}"
    done
    for via in manifold nginx; do
      printf '  %-8s - direct   p50 %s  p90 %s  p99 %s\n' "$via" \
        "$(added "${p50[$via]}" "${p50[direct]}")" "$(added "${p90[$via]}" "${p90[direct]}")" \
        "$(added "${p99[$via]}" "${p99[direct]}")"
    done
  done
} | tee "$results_dir/cancel.txt"

jq -s --argjson n "$requests" '{bench: "cancel", requestsPerRun: $n,
    medians: (group_by([.phase, .target]) | map({phase: .[0].phase, target: .[0].target,
      p50Us: ([.[].cancelUs.p50] | sort | .[(length - 1) / 2 | floor]),
      p90Us: ([.[].cancelUs.p90] | sort | .[(length - 1) / 2 | floor]),
      p99Us: ([.[].cancelUs.p99] | sort | .[(length - 1) / 2 | floor])})),
    runs: .}' "$raw"-*.jsonl >"$results_dir/cancel.json"
exit "$bench_failed"

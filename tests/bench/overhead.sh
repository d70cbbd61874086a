#!/usr/bin/env bash
# Overhead: one small non-streaming completion (the fake's `ok` route), sent
# three ways: straight to the fake upstream, through Manifold, and through
# nginx as a plain reverse proxy. Manifold is measured twice: as shipped
# (upstreams read as streams even for non-streaming clients, so head and
# first-token timeouts apply) and with the mode's upstream_streaming set to
# match_client (the request goes upstream as the client sent it, as nginx
# does). wrk at 1 connection (1 thread) and at 64 (2 threads); rounds
# interleave the targets so drift hits all alike. Each measured run also reads
# the CPU time (utime + stime from /proc/PID/stat) of the server wrk talks to,
# before and after, and divides it by the requests wrk completed: CPU us per
# request (for nginx, master and workers together).
# Writes overhead.json and overhead.txt to the results folder.
#   tests/bench/overhead.sh   (after the bench preset is built)
set -euo pipefail
source "$(dirname "$0")/common.sh"
bench_init wrk nginx jq curl ss

start_fake
mport=$(free_port)
nport=$(free_port)
manifold_config "$mport" "[$(fake_engine ok ok)]" \
  '{"bench":{"chain":["ok"],"max_retries":0},"matched":{"chain":["ok"],"max_retries":0,"upstream_streaming":"match_client"}}' \
  >"$bench_tmp/manifold.json"
start_manifold "$bench_tmp/manifold.json" "$mport"
nginx_conf auto "
  upstream fake { server 127.0.0.1:$fake_port; keepalive 64; }
  server {
    listen 127.0.0.1:$nport reuseport backlog=4096;
    location = /v1/chat/completions { proxy_pass http://fake/ok/v1/chat/completions; }
  }" >"$bench_tmp/nginx.conf"
start_nginx "$bench_tmp/nginx.conf" "$nport"

body='{"model":"mode/bench","stream":false,"messages":[{"role":"user","content":"Say hello."}]}'
declare -A url=(
  [direct]="http://127.0.0.1:$fake_port/ok/v1/chat/completions"
  [manifold]="http://127.0.0.1:$mport/v1/chat/completions"
  [matched]="http://127.0.0.1:$mport/v1/chat/completions"
  [nginx]="http://127.0.0.1:$nport/v1/chat/completions"
)
declare -A bodies=([direct]=$body [manifold]=$body [nginx]=$body [matched]=${body/mode\/bench/mode\/matched})
declare -A luas
for t in "${!bodies[@]}"; do luas[$t]=$(wrk_lua "${bodies[$t]}"); done
targets=(direct manifold matched nginx)

for t in "${targets[@]}"; do
  answer=$(curl -fsS "${url[$t]}" -H 'Content-Type: application/json' -d "${bodies[$t]}")
  [[ $answer == *'"Hello world"'* ]] || {
    echo "overhead: $t did not answer as expected: $answer" >&2
    exit 1
  }
done

# target_pids TARGET: the processes whose CPU a target's requests are charged
# to: the server wrk talks to (its own upstream, the fake, is not counted for a
# proxy). For nginx, the master and every worker of this instance.
target_pids() {
  case $1 in
    direct) echo "$fake_pid" ;;
    manifold | matched) echo "$manifold_pid" ;;
    nginx) echo "$nginx_pid" $(pgrep -P "$nginx_pid") ;;
  esac
}
[[ $(pgrep -P "$nginx_pid" | wc -l) -ge 1 ]] || {
  echo "overhead: no nginx worker found under the master $nginx_pid" >&2
  exit 1
}

raw=$bench_tmp/overhead
for conc in 1 64; do
  threads=$((conc == 1 ? 1 : 2))
  for t in "${targets[@]}"; do run_wrk "${luas[$t]}" "${url[$t]}" "$conc" "$threads" 1 >/dev/null; done
  for round in $(seq "$bench_rounds"); do
    for t in "${targets[@]}"; do
      read -ra pids <<<"$(target_pids "$t")"
      ticks0=$(cpu_ticks "${pids[@]}")
      result=$(run_wrk "${luas[$t]}" "${url[$t]}" "$conc" "$threads" "$bench_seconds")
      ticks1=$(cpu_ticks "${pids[@]}")
      jq -c --arg t "$t" --argjson c "$conc" --argjson r "$round" \
        --argjson ticks "$((ticks1 - ticks0))" --argjson hz "$clk_tck" --argjson np "${#pids[@]}" \
        '{target: $t, connections: $c, round: $r} + . + {cpuTicks: $ticks, clkTck: $hz,
          cpuProcesses: $np,
          cpuUsPerReq: (if .requests > 0 then ($ticks * 1e6 / $hz / .requests * 10 | round / 10)
                        else null end)}' <<<"$result" >>"$raw-$t-c$conc.jsonl"
    done
  done
  for t in "${targets[@]}"; do check_no_errors "overhead $t c$conc" "$raw-$t-c$conc.jsonl"; done
done

# Medians per (target, connections), then the derived figures.
declare -A rps p50 p99 cpu
for conc in 1 64; do
  for t in "${targets[@]}"; do
    f=$raw-$t-c$conc.jsonl
    rps[$t$conc]=$(jq_median rps "$f")
    p50[$t$conc]=$(jq_median p50Us "$f")
    p99[$t$conc]=$(jq_median p99Us "$f")
    cpu[$t$conc]=$(jq_median cpuUsPerReq "$f")
  done
done

out=$results_dir/overhead.txt
{
  echo "== Overhead: non-streaming completion, wrk, median of $bench_rounds x ${bench_seconds}s runs =="
  for conc in 1 64; do
    threads=$((conc == 1 ? 1 : 2))
    echo "c$conc ($threads wrk thread(s))        req/s      p50 us     p99 us   cpu us/req"
    for t in "${targets[@]}"; do
      printf '  %-26s %9.0f  %9d  %9d  %11.1f\n' "$t" "${rps[$t$conc]}" "${p50[$t$conc]}" \
        "${p99[$t$conc]}" "${cpu[$t$conc]}"
    done
    for via in manifold matched nginx; do
      printf '  added by %-17s p50 %+6d us   p99 %+6d us\n' "$via" \
        "$((${p50[$via$conc]} - ${p50[direct$conc]}))" "$((${p99[$via$conc]} - ${p99[direct$conc]}))"
    done
    printf '  throughput manifold/nginx %s, matched/nginx %s, manifold/direct %s, nginx/direct %s\n' \
      "$(calc "${rps[manifold$conc]} / ${rps[nginx$conc]}")" \
      "$(calc "${rps[matched$conc]} / ${rps[nginx$conc]}")" \
      "$(calc "${rps[manifold$conc]} / ${rps[direct$conc]}")" \
      "$(calc "${rps[nginx$conc]} / ${rps[direct$conc]}")"
    printf '  cpu per request manifold/nginx %s, matched/nginx %s, manifold/direct %s, nginx/direct %s\n' \
      "$(calc "${cpu[manifold$conc]} / ${cpu[nginx$conc]}")" \
      "$(calc "${cpu[matched$conc]} / ${cpu[nginx$conc]}")" \
      "$(calc "${cpu[manifold$conc]} / ${cpu[direct$conc]}")" \
      "$(calc "${cpu[nginx$conc]} / ${cpu[direct$conc]}")"
  done
  printf '  cpu us per request at c64: manifold %s, matched %s, nginx %s (master + workers), direct %s\n' \
    "${cpu[manifold64]}" "${cpu[matched64]}" "${cpu[nginx64]}" "${cpu[direct64]}"
  for via in manifold matched; do
    added1=$((p50[${via}1] - p50[direct1]))
    ratio64=$(calc "${rps[${via}64]} / ${rps[nginx64]}")
    echo "  target ($via): added p50 at c1 <= 100 us: ${added1} us, $(verdict "$added1" '<=' 100)"
    echo "  target ($via): c64 throughput >= 0.8x nginx: ${ratio64}x, $(verdict "$ratio64" '>=' 0.8)"
  done
} | tee "$out"

jq -s --arg rounds "$bench_rounds" --arg seconds "$bench_seconds" '{
    bench: "overhead", rounds: ($rounds | tonumber), secondsPerRun: ($seconds | tonumber),
    medians: (group_by([.target, .connections]) | map({
      target: .[0].target, connections: .[0].connections,
      rps: ([.[].rps] | sort | .[(length - 1) / 2 | floor]),
      p50Us: ([.[].p50Us] | sort | .[(length - 1) / 2 | floor]),
      p99Us: ([.[].p99Us] | sort | .[(length - 1) / 2 | floor]),
      cpuUsPerReq: ([.[].cpuUsPerReq] | sort | .[(length - 1) / 2 | floor])})),
    clkTck: (.[0].clkTck),
    runs: .}' "$raw"-*-c*.jsonl >"$results_dir/overhead.json"
exit "$bench_failed"

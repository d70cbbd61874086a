#!/usr/bin/env bash
# Overhead: one small non-streaming completion (the fake's `ok` route), sent
# three ways: straight to the fake upstream, through Manifold, and through
# nginx as a plain reverse proxy. Manifold is measured twice: as shipped
# (upstreams read as streams even for non-streaming clients, so head and
# first-token timeouts apply) and with the mode's upstream_streaming set to
# match_client (the request goes upstream as the client sent it, as nginx
# does). A third Manifold configuration, manifold+auth, is the first one's
# config on a second gateway started with MANIFOLD_MASTER_KEY set: a virtual
# key with limits too large to refuse (rpm, tpm, max_concurrent) is created at
# start, and wrk sends it as `Authorization: Bearer`, so every request pays
# authentication, the key's limits and its usage accounting (the `manifold`
# run, anonymous on loopback, pays none of them). Every other target gets a
# stand-in key of the same length, as an OpenAI SDK always sends one. wrk at 1 connection (1 thread) and at 64 (2 threads); rounds
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
modes='{"bench":{"chain":["ok"],"max_retries":0},"matched":{"chain":["ok"],"max_retries":0,"upstream_streaming":"match_client"}}'
manifold_config "$mport" "[$(fake_engine ok ok)]" "$modes" >"$bench_tmp/manifold.json"
start_manifold "$bench_tmp/manifold.json" "$mport"
plain_manifold_pid=$manifold_pid

# manifold+auth: the same config (own port and store), with a master key.
aport=$(free_port)
manifold_config "$aport" "[$(fake_engine ok ok)]" "$modes" >"$bench_tmp/manifold-auth.json"
master_key="mfk-bench-master-$RANDOM$RANDOM$RANDOM"
MANIFOLD_MASTER_KEY=$master_key
export MANIFOLD_MASTER_KEY
start_manifold "$bench_tmp/manifold-auth.json" "$aport"
unset MANIFOLD_MASTER_KEY
auth_manifold_pid=$manifold_pid
manifold_pid=$plain_manifold_pid
virtual_key=$(curl -fsS "http://127.0.0.1:$aport/admin/keys" -H "Authorization: Bearer $master_key" \
  -H 'Content-Type: application/json' \
  -d '{"name":"bench","rpm":100000000,"tpm":1000000000,"max_concurrent":100000}' | jq -r .secret)
[[ -n $virtual_key && $virtual_key != null ]] || {
  echo "overhead: could not create a virtual key on the manifold+auth gateway" >&2
  exit 1
}
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
  [manifold+auth]="http://127.0.0.1:$aport/v1/chat/completions"
)
declare -A bodies=([direct]=$body [manifold]=$body [nginx]=$body [matched]=${body/mode\/bench/mode\/matched}
  [manifold+auth]=$body)
# Every target gets the same request bytes: what an OpenAI SDK sends, an
# Authorization header. The keyless targets get a stand-in of the virtual
# key's length, so the on/off comparison is the gateway's work on the key,
# not the client sending a longer head.
stand_in=$(printf 'sk-client-key-%0*d' $((${#virtual_key} - 14)) 0)
declare -A auths=([manifold+auth]="Bearer $virtual_key")
for t in direct manifold matched nginx; do auths[$t]="Bearer $stand_in"; done
declare -A luas
for t in "${!bodies[@]}"; do luas[$t]=$(wrk_lua "${bodies[$t]}" "${auths[$t]:-}"); done
targets=(direct manifold matched nginx manifold+auth)

# Without its key, manifold+auth must refuse (it is not serving anonymously).
refused=$(curl -s -o /dev/null -w '%{http_code}' "${url[manifold+auth]}" \
  -H 'Content-Type: application/json' -d "$body")
[[ $refused == 401 ]] || {
  echo "overhead: manifold+auth answered $refused without a key, expected 401" >&2
  exit 1
}
for t in "${targets[@]}"; do
  header=()
  [[ -n ${auths[$t]:-} ]] && header=(-H "Authorization: ${auths[$t]}")
  answer=$(curl -fsS "${url[$t]}" -H 'Content-Type: application/json' "${header[@]}" -d "${bodies[$t]}")
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
    manifold+auth) echo "$auth_manifold_pid" ;;
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
    for via in manifold matched nginx manifold+auth; do
      printf '  added by %-17s p50 %+6d us   p99 %+6d us\n' "$via" \
        "$((${p50[$via$conc]} - ${p50[direct$conc]}))" "$((${p99[$via$conc]} - ${p99[direct$conc]}))"
    done
    printf '  throughput manifold/nginx %s, matched/nginx %s, manifold/direct %s, nginx/direct %s\n' \
      "$(calc "${rps[manifold$conc]} / ${rps[nginx$conc]}")" \
      "$(calc "${rps[matched$conc]} / ${rps[nginx$conc]}")" \
      "$(calc "${rps[manifold$conc]} / ${rps[direct$conc]}")" \
      "$(calc "${rps[nginx$conc]} / ${rps[direct$conc]}")"
    printf '  auth on/off (manifold+auth vs manifold): throughput %s, p50 %+d us, added p50 %d vs %d us\n' \
      "$(calc "${rps[manifold+auth$conc]} / ${rps[manifold$conc]}")" \
      "$((${p50[manifold+auth$conc]} - ${p50[manifold$conc]}))" \
      "$((${p50[manifold+auth$conc]} - ${p50[direct$conc]}))" "$((${p50[manifold$conc]} - ${p50[direct$conc]}))"
    printf '  cpu per request manifold/nginx %s, matched/nginx %s, manifold/direct %s, nginx/direct %s\n' \
      "$(calc "${cpu[manifold$conc]} / ${cpu[nginx$conc]}")" \
      "$(calc "${cpu[matched$conc]} / ${cpu[nginx$conc]}")" \
      "$(calc "${cpu[manifold$conc]} / ${cpu[direct$conc]}")" \
      "$(calc "${cpu[nginx$conc]} / ${cpu[direct$conc]}")"
  done
  printf '  cpu us per request at c64: manifold %s, matched %s, nginx %s (master + workers), direct %s, manifold+auth %s\n' \
    "${cpu[manifold64]}" "${cpu[matched64]}" "${cpu[nginx64]}" "${cpu[direct64]}" "${cpu[manifold+auth64]}"
  for via in manifold matched; do
    added1=$((p50[${via}1] - p50[direct1]))
    ratio64=$(calc "${rps[${via}64]} / ${rps[nginx64]}")
    echo "  target ($via): added p50 at c1 <= 100 us: ${added1} us, $(verdict "$added1" '<=' 100)"
    echo "  target ($via): c64 throughput >= 0.8x nginx: ${ratio64}x, $(verdict "$ratio64" '>=' 0.8)"
  done
  # Auth, limits and usage accounting on (manifold+auth) against off (manifold).
  auth_rps=$(calc "${rps[manifold+auth64]} / ${rps[manifold64]}")
  auth_added_on=$((${p50[manifold+auth1]} - ${p50[direct1]}))
  auth_added_off=$((${p50[manifold1]} - ${p50[direct1]}))
  auth_added=$(calc "$auth_added_on / ($auth_added_off > 0 ? $auth_added_off : 1)")
  echo "  target (manifold+auth): c64 throughput >= 0.95x manifold: ${auth_rps}x, $(verdict "$auth_rps" '>=' 0.95)"
  echo "  target (manifold+auth): added p50 at c1 <= 1.05x manifold's: ${auth_added_on} vs ${auth_added_off} us (${auth_added}x), $(verdict "$auth_added" '<=' 1.05)"
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

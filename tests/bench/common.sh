# shellcheck shell=bash disable=SC2034  # its variables are read by the scripts that source it
# Sourced by the benchmark scripts in this folder: paths, process helpers
# (fake upstream, gateway, nginx), wrk and stream-load runners, medians.
# Every process started here is stopped by bench_cleanup on exit.

bench_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo_root=$(cd "$bench_dir/../.." && pwd)
build_dir=${BENCH_BUILD_DIR:-$repo_root/build/bench}
results_dir=${BENCH_RESULTS_DIR:-$build_dir/results}
fake_bin=$build_dir/tests/fakes/manifold-fake-provider
manifold_bin=$build_dir/host/manifold
load_bin=$build_dir/tests/bench/manifold-stream-load
plugin_dir=$build_dir/plugin-folder

# Knobs, so a quick look can run shorter: measured rounds, seconds per wrk run.
bench_rounds=${BENCH_ROUNDS:-3}
bench_seconds=${BENCH_SECONDS:-5}

bench_pids=()
bench_tmp=""
# Set to 1 by a bench whose run produced errors where none are allowed.
bench_failed=0

bench_init() {
  for tool in "$@"; do
    command -v "$tool" >/dev/null || {
      echo "missing $tool: run packaging/install-deps.sh --bench" >&2
      exit 1
    }
  done
  for bin in "$fake_bin" "$manifold_bin" "$load_bin"; do
    [[ -x $bin ]] || {
      echo "missing $bin: build the bench preset first (tests/bench/run.sh does)" >&2
      exit 1
    }
  done
  # 1000 streams hold over 2000 descriptors in one process.
  ulimit -n "$(ulimit -Hn)"
  mkdir -p "$results_dir"
  bench_tmp=$(mktemp -d "${TMPDIR:-/tmp}/manifold-bench.XXXXXX")
  trap bench_cleanup EXIT
}

bench_cleanup() {
  local pid
  for pid in "${bench_pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${bench_pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  bench_pids=()
  [[ -n $bench_tmp ]] && rm -rf "$bench_tmp"
}

# Stops one process started by these helpers.
stop_pid() {
  kill "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
}

# A loopback TCP port no socket uses, below the kernel's ephemeral range (so
# no client connection can take it meanwhile), not handed out before.
declare -A bench_ports_used=()
free_port() {
  local port low
  low=$(cut -f1 /proc/sys/net/ipv4/ip_local_port_range)
  ((low > 11000)) || low=61000
  for _ in $(seq 200); do
    port=$((10000 + RANDOM % (low - 10000)))
    [[ -n ${bench_ports_used[$port]:-} ]] && continue
    ss -Htan "( sport = :$port or dport = :$port )" | grep -q . && continue
    bench_ports_used[$port]=1
    echo "$port"
    return 0
  done
  echo "no free port found" >&2
  return 1
}

wait_for_port() {
  local port=$1 what=$2 log=$3
  for _ in $(seq 200); do
    ss -Htln "sport = :$port" | grep -q . && return 0
    sleep 0.05
  done
  echo "$what did not start listening on $port:" >&2
  cat "$log" >&2
  return 1
}

# start_fake: sets fake_pid and fake_port. Thread-per-connection, so it gets
# threads for every stream a bench holds, plus the proxies' pooled links.
start_fake() {
  local log=$bench_tmp/fake.log
  "$fake_bin" --port 0 --threads 4096 >"$log" 2>&1 &
  fake_pid=$!
  bench_pids+=("$fake_pid")
  for _ in $(seq 200); do
    fake_port=$(sed -n 's/^listening on 127.0.0.1:\([0-9]*\)$/\1/p' "$log")
    [[ -n $fake_port ]] && return 0
    sleep 0.05
  done
  echo "fake upstream did not start:" >&2
  cat "$log" >&2
  return 1
}

# start_manifold CONFIG PORT: sets manifold_pid; waits for /healthz.
start_manifold() {
  local config=$1 port=$2 log=$bench_tmp/manifold-$RANDOM.log
  "$manifold_bin" --config "$config" >"$log" 2>&1 &
  manifold_pid=$!
  bench_pids+=("$manifold_pid")
  for _ in $(seq 200); do
    curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && return 0
    kill -0 "$manifold_pid" 2>/dev/null || break
    sleep 0.05
  done
  echo "manifold did not start:" >&2
  cat "$log" >&2
  return 1
}

# manifold_config PORT ENGINES_JSON MODES_JSON: the gateway config on stdout.
# Loopback is refused by default, so the fake upstream (when one runs) is
# allowed explicitly.
manifold_config() {
  local egress=""
  [[ -n ${fake_port:-} ]] && egress="\"egress\":{\"allow\":[\"127.0.0.1:$fake_port\"]},"
  cat <<JSON
{"server":{"host":"127.0.0.1","port":$1},
 "plugins":{"directory":"$plugin_dir","watch_interval_ms":60000},
 "store":{"sqlite_path":"$bench_tmp/manifold-$1.db"},
 "breaker":{"failure_threshold":1000000},$egress${BENCH_EXTRA_CONFIG:-}
 "logging":{"level":"warning"},
 "engines":$2,
 "modes":$3}
JSON
}

# An engine on the fake upstream's route.
fake_engine() {
  printf '{"id":"%s","provider":"openai-compatible","model":"bench","base_url":"http://127.0.0.1:%s/%s/v1"}' \
    "$1" "$fake_port" "$2"
}

# nginx_conf WORKERS SERVER_BLOCKS: a whole nginx.conf on stdout. nginx runs in
# the foreground as the current user, everything under the temp dir.
nginx_conf() {
  local workers=$1 servers=$2 user=""
  [[ $(id -u) -eq 0 ]] && user="user $(id -un) $(id -gn);"
  cat <<CONF
$user
worker_processes $workers;
worker_rlimit_nofile $(ulimit -Hn);
daemon off;
pid $bench_tmp/nginx.pid;
error_log $bench_tmp/nginx-error.log warn;
events { worker_connections 8192; multi_accept on; }
http {
  access_log off;
  client_body_temp_path $bench_tmp/nginx-body;
  proxy_temp_path $bench_tmp/nginx-proxy;
  fastcgi_temp_path $bench_tmp/nginx-fastcgi;
  uwsgi_temp_path $bench_tmp/nginx-uwsgi;
  scgi_temp_path $bench_tmp/nginx-scgi;
  proxy_http_version 1.1;
  proxy_set_header Connection "";
  keepalive_requests 1000000;
$servers
}
CONF
}

# start_nginx CONF PORT: sets nginx_pid (the master); waits for PORT.
start_nginx() {
  local conf=$1 port=$2
  nginx -e "$bench_tmp/nginx-error.log" -p "$bench_tmp" -c "$conf" \
    >>"$bench_tmp/nginx-stdout.log" 2>&1 &
  nginx_pid=$!
  bench_pids+=("$nginx_pid")
  wait_for_port "$port" nginx "$bench_tmp/nginx-error.log"
}

# wrk_lua BODY [AUTHORIZATION]: a wrk script posting BODY (with that
# Authorization header when given) and printing one JSON line at the end.
wrk_lua() {
  local file=$bench_tmp/post-$RANDOM.lua auth=""
  [[ -n ${2:-} ]] && auth="wrk.headers[\"Authorization\"] = [[$2]]"
  cat >"$file" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
$auth
wrk.body = [[$1]]
function done(s, latency, requests)
  io.write(string.format(
    'WRK_JSON {"requests":%d,"durationUs":%d,"rps":%.1f,"p50Us":%d,"p90Us":%d,"p99Us":%d,' ..
    '"meanUs":%.1f,"errors":%d,"errorsDetail":{"connect":%d,"read":%d,"write":%d,' ..
    '"status":%d,"timeout":%d}}\n',
    s.requests, s.duration, s.requests / (s.duration / 1e6),
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.mean,
    s.errors.connect + s.errors.read + s.errors.write + s.errors.status + s.errors.timeout,
    s.errors.connect, s.errors.read, s.errors.write, s.errors.status, s.errors.timeout))
end
LUA
  echo "$file"
}

# run_wrk LUA URL CONNECTIONS THREADS SECONDS: one JSON line.
run_wrk() {
  wrk -t"$4" -c"$3" -d"$5"s --latency -s "$1" "$2" | sed -n 's/^WRK_JSON //p'
}

# cpu_ticks PID...: utime + stime of those processes (all their threads), in
# clock ticks (getconf CLK_TCK per second), summed. Fields 14 and 15 of
# /proc/PID/stat, counted after the ")" that ends the command name.
cpu_ticks() {
  local pid total=0 rest
  for pid in "$@"; do
    rest=$(<"/proc/$pid/stat")
    rest=${rest##*) }
    total=$((total + $(awk '{print $12 + $13}' <<<"$rest")))
  done
  echo "$total"
}
clk_tck=$(getconf CLK_TCK)

# median: the median of the numbers on stdin (the lower middle for an even count).
median() {
  sort -g | awk '{v[NR]=$1} END {if (NR == 0) print "nan"; else print v[int((NR+1)/2)]}'
}

# calc EXPR [FORMAT]: floating-point arithmetic (awk), printed with FORMAT.
calc() {
  awk "BEGIN {printf \"${2:-%.2f}\", $1}"
}

# jq_median FIELD FILE: the median of .FIELD over the JSON lines in FILE.
jq_median() {
  jq -s "[.[].$1] | sort | .[(length - 1) / 2 | floor]" "$2"
}

# verdict VALUE OP LIMIT: "met" or "MISSED", for a target printed beside a figure.
verdict() {
  if awk "BEGIN {exit !($1 $2 $3)}"; then echo "met"; else echo "MISSED"; fi
}

# check_no_errors NAME FILE: every wrk run in FILE must have had zero errors.
check_no_errors() {
  local errors
  errors=$(jq -s '[.[].errors] | add' "$2")
  if [[ $errors != 0 ]]; then
    echo "ERROR: $1: $errors failed requests (connect/read/write/timeout or non-2xx)" >&2
    bench_failed=1
  fi
}

# ttft_rounds BENCH REQUESTS TARGET...: a warm-up, then bench_rounds rounds in
# which each TARGET in turn runs `load TARGET REQUESTS` (a function the caller
# defines, printing manifold-stream-load's JSON line). Rows go to
# $bench_tmp/BENCH-TARGET.jsonl; the medians of ttftUs p50/p90/p99 over the
# rounds are left in the global arrays p50, p90 and p99, by target. A run with
# failures sets bench_failed.
ttft_rounds() {
  local bench=$1 requests=$2 round t status line
  shift 2
  for t in "$@"; do load "$t" 50 >/dev/null || true; done # warm-up
  for round in $(seq "$bench_rounds"); do
    for t in "$@"; do
      status=0
      line=$(load "$t" "$requests") || status=$?
      jq -c --arg t "$t" --argjson r "$round" '{target: $t, round: $r} + .' <<<"$line" \
        >>"$bench_tmp/$bench-$t.jsonl"
      if [[ $status -ne 0 ]]; then
        echo "ERROR: $bench $t round $round: $(jq -c .failures <<<"$line")" >&2
        bench_failed=1
      fi
    done
  done
  declare -gA p50 p90 p99
  for t in "$@"; do
    p50[$t]=$(jq_median ttftUs.p50 "$bench_tmp/$bench-$t.jsonl")
    p90[$t]=$(jq_median ttftUs.p90 "$bench_tmp/$bench-$t.jsonl")
    p99[$t]=$(jq_median ttftUs.p99 "$bench_tmp/$bench-$t.jsonl")
  done
}

# Sourced by shell tests and benchmarks: runs a manifold in the background on
# a port it picks itself (config "port": 0), and stops it on exit.
#   start_gateway BINARY CONFIG LOG   sets gateway_pid and gateway_port, or fails
gateway_pid=""
gateway_port=""

start_gateway() {
  local binary=$1 config=$2 log=$3
  "$binary" --config "$config" >"$log" 2>&1 &
  gateway_pid=$!
  for _ in $(seq 100); do
    gateway_port=$(sed -n 's/.*listening on 127.0.0.1:\([0-9]*\).*/\1/p' "$log")
    [[ -n $gateway_port ]] && curl -fs "http://127.0.0.1:$gateway_port/healthz" >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  echo "gateway did not start:" >&2
  cat "$log" >&2
  return 1
}

stop_gateway() {
  [[ -n $gateway_pid ]] && kill "$gateway_pid" 2>/dev/null
  wait 2>/dev/null || true
}

# A node fake (tests/fakes/*/server.mjs) prints "listening PORT" once ready.
#   start_node_fake LOG SCRIPT [ARGS...]   sets fake_pid and fake_port, or fails
fake_pid=""
fake_port=""
start_node_fake() {
  local log=$1
  shift
  node "$@" >"$log" 2>&1 &
  fake_pid=$!
  for _ in $(seq 100); do
    fake_port=$(sed -n 's/^listening \([0-9]*\)$/\1/p' "$log")
    [[ -n $fake_port ]] && return 0
    sleep 0.1
  done
  echo "the fake $1 did not start:" >&2
  cat "$log" >&2
  return 1
}

#!/usr/bin/env bash
# Builds packaging/docker/Dockerfile with podman (chroot isolation: no Docker
# engine, no image registry) and checks the image it makes:
#   - compose.yaml is valid, and the runtime stage holds no compiler and no
#     -dev package;
#   - the gateway starts from the image's entrypoint with the plugin folder,
#     the data folder and the master key mounted, as the non-root user;
#   - /healthz answers, and so does the image's HEALTHCHECK command;
#   - demo.so copied into the mounted folder is served without a restart:
#     a chat through the demo chain streams to [DONE];
#   - a missing or invalid config, or a missing master key, exits non-zero
#     with the problem on stderr, and the HEALTHCHECK then fails.
# debian:bookworm-slim is made locally (packaging/tools/bookworm-rootfs.sh,
# then podman import) and kept, like the build's layers, in podman's own
# storage under /var/lib/containers, so a rerun without source changes is fast.
#
#   packaging/docker/test-image.sh      (as root; packaging/test.sh runs it)
#
# Without root, or with less than 8 GB free there, it says why it skipped.
# One PASS or FAIL line per check; exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/../.."

image=localhost/manifold:test
base=docker.io/library/debian:bookworm-slim
plugin_dir=/opt/manifold/lib/manifold/plugins
store=/var/lib/containers
min_free_gb=8

skip() {
  echo "test-image: SKIPPED: $*"
  exit 0
}
[[ $(id -u) -eq 0 ]] || skip "needs root: podman and buildah run rootful, with chroot isolation"
mkdir -p "$store"
free_gb=$(($(df --output=avail -k "$store" | tail -1) / 1024 / 1024))
((free_gb >= min_free_gb)) || skip "needs $min_free_gb GB free under $store, has $free_gb GB"
for tool in podman buildah docker-compose curl; do
  command -v "$tool" >/dev/null || {
    echo "test-image: $tool is missing (packaging/install-deps.sh --test installs it)" >&2
    exit 1
  }
done

passed=0
failed=0
pass() {
  echo "PASS  $*"
  passed=$((passed + 1))
}
fail() {
  echo "FAIL  $*"
  failed=$((failed + 1))
}
finish() {
  echo "test-image: $passed passed, $failed failed"
  ((failed == 0))
}

work=$(mktemp -d /tmp/manifold-image.XXXXXX)
containers=()
gateway=""
# The processes under process $1, depth first.
descendants() {
  local child
  for child in $(ps -o pid= --ppid "$1"); do
    echo "$child"
    descendants "$child"
  done
}
# The gateway's own pid: the process named manifold under its buildah run.
gateway_pid() {
  local p
  for p in $(descendants "$gateway"); do
    [[ $(cat "/proc/$p/comm" 2>/dev/null) == manifold ]] && echo "$p" && return
  done
  return 0
}
# Signals the gateway itself (buildah run does not pass a signal on), then
# waits for its buildah run.
stop_gateway() {
  [[ -z $gateway ]] && return
  local p
  p=$(gateway_pid)
  [[ -n $p ]] && kill "$p"
  wait "$gateway" 2>/dev/null || true
  gateway=""
}
cleanup() {
  stop_gateway || true
  for c in "${containers[@]}"; do buildah rm "$c" >/dev/null 2>&1 || true; done
  rm -rf "$work"
}
trap cleanup EXIT

# --- the base image and the build ------------------------------------------
if ! podman image exists "$base"; then
  rootfs=$(packaging/tools/bookworm-rootfs.sh)
  podman import "$rootfs" "$base" >/dev/null
  echo "test-image: imported $rootfs as $base"
fi
started=$SECONDS
# --format docker: the OCI format has no HEALTHCHECK. --network host: the build
# stage's apt-get reaches the mirror through this machine's network.
if ! podman build --isolation=chroot --network=host --layers --format=docker \
  -f packaging/docker/Dockerfile -t "$image" . >"$work/build.log" 2>&1 ||
  ! podman image exists "$image"; then
  tail -30 "$work/build.log"
  fail "the image builds (podman build; the log's tail is above)"
  finish
fi
size_mb=$(($(podman image inspect --format '{{.Size}}' "$image") / 1000 / 1000))
pass "the image builds in $((SECONDS - started)) s: $size_mb MB"

if docker-compose -f packaging/docker/compose.yaml config -q; then
  pass "compose.yaml is a valid Compose file (docker-compose config)"
else
  fail "compose.yaml is a valid Compose file (docker-compose config)"
fi

# One line per element of the image's setting $1 (a Go template range).
image_list() {
  podman image inspect --format "{{range $1}}{{println .}}{{end}}" "$image" | sed '/^$/d'
}
mapfile -t entrypoint < <(image_list .Config.Entrypoint)
mapfile -t healthcheck < <(image_list .HealthCheck.Test)
# Docker's form is ["CMD", argv...]; what runs is the rest.
[[ ${healthcheck[0]:-} == CMD ]] && healthcheck=("${healthcheck[@]:1}")
# shellcheck disable=SC2016 # a Go template's variables
mapfile -t volumes < <(podman image inspect \
  --format '{{range $path, $_ := .Config.Volumes}}{{println $path}}{{end}}' "$image" | sed '/^$/d')
if [[ "${volumes[*]}" == "$plugin_dir /var/lib/manifold" && ${#healthcheck[@]} -gt 0 ]]; then
  pass "the image declares volumes ${volumes[*]} and a HEALTHCHECK"
else
  fail "the image declares the plugin and data volumes and a HEALTHCHECK (volumes: ${volumes[*]}; healthcheck: ${healthcheck[*]})"
fi

new_container() {
  local c v
  c=$(buildah from --pull=never "$image")
  containers+=("$c")
  # buildah run (1.28) mounts the image's volumes and the -v folders at the
  # same paths in an order that changes from run to run, so the test's folders
  # were sometimes hidden. docker and podman run let -v replace a volume; drop
  # the declarations from this working container to get that behaviour.
  for v in "${volumes[@]}"; do buildah config --volume "$v-" "$c"; done
  echo "$c"
}
# buildah run [OPTIONS] CONTAINER -- COMMAND: as the image's user, on this
# machine's network.
in_container() {
  buildah run --isolation=chroot --network=host "$@"
}
free_port() {
  local p
  for _ in $(seq 50); do
    p=$((20000 + RANDOM % 20000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
      echo "$p"
      return
    fi
  done
  return 1
}

c=$(new_container)
# shellcheck disable=SC2016 # expanded by the container's shell
if in_container "$c" -- sh -c '! command -v g++ && ! command -v cmake &&
    ! dpkg-query -W -f "\${Package}\n" | grep -q -- "-dev\$"' >/dev/null; then
  pass "the runtime stage has no compiler, no cmake and no -dev package"
else
  fail "the runtime stage has no compiler, no cmake and no -dev package"
fi

# --- a running gateway ------------------------------------------------------
# The mounted plugin folder starts with the first-party plugins but the demo's,
# which comes later to prove a hot load. Mounted folders belong to the image's
# user, as an operator would chown them.
uid=$(in_container "$c" -- id -u)
mkdir -p "$work/plugins" "$work/data" "$work/empty"
rootfs=$(buildah mount "$c")
cp "$rootfs$plugin_dir"/*.so "$work/plugins/"
mv "$work/plugins/demo.so" "$work/demo.so"
buildah umount "$c" >/dev/null
chown "$uid" "$work/data"
master=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
echo "$master" >"$work/master.key"
chmod 0644 "$work/master.key"
port=$(free_port)
url=http://127.0.0.1:$port
auth=(-H "Authorization: Bearer $master")

in_container -e MANIFOLD_PORT="$port" \
  -v "$work/plugins:$plugin_dir" -v "$work/data:/var/lib/manifold" \
  -v "$work/master.key:/run/secrets/manifold_master_key:ro" \
  "$c" -- "${entrypoint[@]}" >"$work/gateway.log" 2>&1 &
gateway=$!

healthz=""
for _ in $(seq 150); do
  healthz=$(curl -s -o /dev/null -w '%{http_code}' "$url/healthz" || true)
  [[ $healthz == 200 ]] && break
  kill -0 "$gateway" 2>/dev/null || break
  sleep 0.2
done
if [[ $healthz == 200 ]]; then
  pass "/healthz answers 200 on the gateway started by the image's entrypoint"
else
  tail -20 "$work/gateway.log"
  fail "/healthz answers 200 on the gateway started by the image's entrypoint (got \"$healthz\"; log above)"
  finish
fi

pid=$(gateway_pid)
proc_uid=$(awk '/^Uid:/ {print $2}' "/proc/$pid/status" 2>/dev/null || true)
if [[ -n $proc_uid && $proc_uid != 0 && $proc_uid == "$uid" ]]; then
  pass "the gateway (pid $pid) runs as the image's non-root user, uid $proc_uid"
else
  fail "the gateway runs as the image's non-root user (uid $uid; pid ${pid:-?} has uid ${proc_uid:-?})"
fi

if in_container -e MANIFOLD_PORT="$port" "$c" -- "${healthcheck[@]}"; then
  pass "the HEALTHCHECK command (${healthcheck[*]}) succeeds while the gateway serves"
else
  fail "the HEALTHCHECK command (${healthcheck[*]}) succeeds while the gateway serves"
fi

chat() {
  curl -sN "${auth[@]}" -D "$work/chat.head" "$url/v1/chat/completions" \
    -d '{"model":"mode/smart","stream":true,"messages":[{"role":"user","content":"hello"}]}'
}
plugins=$(curl -s "${auth[@]}" "$url/admin/plugins")
before=$(chat || true)
demo_before=no
[[ $plugins == *'"id":"demo"'* ]] && demo_before=yes
if [[ $demo_before == no && $plugins == *'"id":"openai-compatible"'* &&
  $before != *'data: [DONE]'* ]]; then
  pass "before demo.so is copied in: first-party plugins loaded from the mount, no demo, no answer"
else
  fail "before demo.so is copied in: first-party plugins loaded from the mount, no demo, no answer (plugins: ${plugins:0:300}; chat: ${before:0:300})"
fi

# A hidden name, then a rename: the watcher never sees half a file.
cp "$work/demo.so" "$work/plugins/.demo.so"
mv "$work/plugins/.demo.so" "$work/plugins/demo.so"
for _ in $(seq 50); do
  plugins=$(curl -s "${auth[@]}" "$url/admin/plugins")
  [[ $plugins == *'"id":"demo"'* ]] && break
  sleep 0.2
done
if [[ $demo_before == no && $plugins == *'"id":"demo"'* && -n $pid && $(gateway_pid) == "$pid" ]]; then
  pass "demo.so copied into the mounted plugin folder is loaded by the same process"
else
  fail "demo.so copied into the mounted plugin folder is loaded by the same process"
fi

answer=$(chat || true)
last=$(grep '^data: ' <<<"$answer" | tail -1 || true)
if [[ $last == 'data: [DONE]' && $answer == *'"content":'* ]] &&
  grep -qi '^x-manifold-engine: demo' "$work/chat.head"; then
  pass "a chat through the demo chain streams from the hot-loaded demo to [DONE]"
else
  fail "a chat through the demo chain streams from the hot-loaded demo to [DONE] (last line \"$last\")"
fi

stop_gateway
if [[ -s $work/data/manifold.db ]]; then
  pass "the store is written to the mounted data folder (manifold.db)"
else
  fail "the store is written to the mounted data folder (no manifold.db in it)"
fi

# --- bad input --------------------------------------------------------------
# Runs the entrypoint in container $c with more options for buildah run; the
# exit status goes to $work/status and stderr to $work/stderr.
run_bad() {
  local status=0
  timeout 60 buildah run --isolation=chroot --network=host "$@" -e MANIFOLD_PORT="$port" \
    -v "$work/plugins:$plugin_dir" "$c" -- "${entrypoint[@]}" >/dev/null 2>"$work/stderr" ||
    status=$?
  echo "$status" >"$work/status"
}
exited_with() {
  local status
  status=$(cat "$work/status")
  [[ $status != 0 && $status != 124 ]] && grep -q -- "$1" "$work/stderr"
}

run_bad -v "$work/empty:/etc/manifold"
if exited_with 'manifold.json'; then
  pass "no config: exit $(cat "$work/status"), stderr: $(head -2 "$work/stderr" | tr -s ' \n' ' ')"
else
  fail "no config exits non-zero naming the file (status $(cat "$work/status"), stderr: $(head -c 300 "$work/stderr"))"
fi
if in_container -e MANIFOLD_PORT="$port" "$c" -- "${healthcheck[@]}" 2>/dev/null; then
  fail "the HEALTHCHECK command fails when the gateway did not start"
else
  pass "the HEALTHCHECK command fails when the gateway did not start"
fi

cat >"$work/invalid.json" <<'EOF'
{"server": {"port": "eighty"}, "plugins": {"directory": "/opt/manifold/lib/manifold/plugins"},
 "engines": [{"id": "demo", "provider": "demo", "model": 7}], "modes": {"smart": {"chain": ["demo"]}}}
EOF
chmod 0644 "$work/invalid.json"
run_bad -v "$work/invalid.json:/etc/manifold/manifold.json:ro"
if exited_with '\$.server.port' && grep -q -- '\$.engines\[0\].model' "$work/stderr"; then
  pass "an invalid config: exit $(cat "$work/status"), every problem on stderr with its JSON path"
else
  fail "an invalid config exits non-zero naming each field (status $(cat "$work/status"), stderr: $(head -c 300 "$work/stderr"))"
fi

run_bad
if exited_with 'master_key_file'; then
  pass "no master key (no MANIFOLD_MASTER_KEY, no mounted secret): exit $(cat "$work/status"), stderr names auth.master_key_file"
else
  fail "no master key exits non-zero naming auth.master_key_file (status $(cat "$work/status"), stderr: $(head -c 300 "$work/stderr"))"
fi

finish

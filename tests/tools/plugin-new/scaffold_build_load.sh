#!/usr/bin/env bash
# ctest entry: scaffolds one plugin of each kind with manifold-plugin new,
# builds each out of tree against the SDK installed alone to a prefix, checks
# each with the real loader (manifold-plugin-inspect), then serves all three
# from one gateway: /admin/plugins lists each with its kind, and the provider
# answers a chat. Bad input is refused with a reason and a non-zero exit.
#   scaffold_build_load.sh BUILD_DIR MANIFOLD_PLUGIN PLUGIN_INSPECT MANIFOLD
set -euo pipefail
build_dir=$1 scaffolder=$2 inspect=$3 manifold=$4
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=../../support/gateway.sh
source "$here/../../support/gateway.sh"

work=$(mktemp -d)
chmod 755 "$work"
cleanup() { stop_gateway; rm -rf "$work"; }
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

cmake --install "$build_dir" --component sdk --prefix "$work/sdk" >/dev/null
mkdir -m 755 "$work/plugins"

declare -A names=([provider]=hello-provider [toolset]=word_tools [dispatcher]=task-relay)
for kind in provider toolset dispatcher; do
  name=${names[$kind]}
  (cd "$work" && "$scaffolder" new "$kind" "$name" >/dev/null)
  target=${name//-/_}
  cmake -S "$work/$name" -B "$work/$name/build" -G Ninja -DCMAKE_PREFIX_PATH="$work/sdk" \
    -DCMAKE_BUILD_TYPE=Release >"$work/$name.cmake.log" 2>&1 || { cat "$work/$name.cmake.log"; fail "$kind scaffold did not configure"; }
  cmake --build "$work/$name/build" >>"$work/$name.cmake.log" 2>&1 || { cat "$work/$name.cmake.log"; fail "$kind scaffold did not build"; }
  library="$work/$name/build/$target.so"
  report=$("$inspect" "$library") || fail "the loader refused the $kind scaffold: $report"
  [[ $report == *": OK"* && $report == *"id: $name"* && $report == *"kinds: manifold.$kind/1"* ]] ||
    fail "unexpected inspection of the $kind scaffold: $report"
  cp "$library" "$work/plugins/"
done

cat >"$work/config.json" <<JSON
{"server": {"host": "127.0.0.1", "port": 0},
 "trust": {"wrap_user_text": false},
 "plugins": {"directory": "$work/plugins", "settings": {"hello-provider": {"greeting": "Hi"}}},
 "store": {"sqlite_path": "$work/m.db"},
 "engines": [{"id": "hello", "provider": "hello-provider", "model": "hello-1"}],
 "modes": {"smart": {"chain": ["hello"]}}}
JSON
start_gateway "$manifold" "$work/config.json" "$work/gateway.log"
plugins=$(curl -fs "http://127.0.0.1:$gateway_port/admin/plugins")
for kind in provider toolset dispatcher; do
  echo "$plugins" | grep -q "\"id\":\"${names[$kind]}\",[^}]*\"kinds\":\[\"manifold.$kind/1\"\]" ||
    fail "${names[$kind]} is not loaded as manifold.$kind/1: $plugins"
done
echo "$plugins" | grep -q '"refused":\[\]' || fail "the gateway refused a scaffold: $plugins"
answer=$(curl -fs "http://127.0.0.1:$gateway_port/v1/chat/completions" \
  -d '{"model":"hello","messages":[{"role":"user","content":"scaffolded"}]}')
echo "$answer" | grep -q '"content":"Hi from hello-1: scaffolded"' || fail "unexpected answer: $answer"

# Bad input: each refused with a reason and a non-zero exit, nothing written.
refuses() {
  local expected=$1 output status=0
  shift
  output=$(cd "$work" && "$scaffolder" "$@" 2>&1) || status=$?
  [[ $status -ne 0 ]] || fail "accepted: $*"
  [[ $output == *"$expected"* ]] || fail "$*: expected \"$expected\", got: $output"
}
refuses "already exists" new toolset word_tools
refuses 'invalid NAME "1tools"' new toolset 1tools
refuses 'invalid NAME "../escape"' new provider ../escape
refuses 'invalid NAME "Tools"' new provider Tools
refuses 'unknown kind "widget"' new widget gadget
refuses "new takes a KIND and a NAME" new provider
refuses 'invalid plugin id "bad id"' new provider fine --id "bad id"
[[ ! -e $work/1tools && ! -e $work/gadget && ! -e $work/fine ]] || fail "a refused scaffold left a folder"
echo "three scaffolds built against the installed SDK and loaded: OK"

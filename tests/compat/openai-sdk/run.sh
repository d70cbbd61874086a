#!/usr/bin/env bash
# ctest entry: installs the pinned openai client if needed, starts a gateway
# on the demo chain, and runs the official SDK against it.
#   run.sh MANIFOLD_BINARY PLUGIN_DIR
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/../../support/gateway.sh"
binary=$1 plugin_dir=$2
if [[ ! -d $here/node_modules/openai ]]; then
  npm ci --prefix "$here" --no-audit --no-fund >/dev/null
fi
work=$(mktemp -d)
trap 'stop_gateway; rm -rf "$work"' EXIT
mkdir "$work/plugins"
cp "$plugin_dir/demo.so" "$work/plugins/"
cat >"$work/config.json" <<JSON
{
  "server": {"host": "127.0.0.1", "port": 0},
  "plugins": {"directory": "$work/plugins"},
  "store": {"sqlite_path": "$work/manifold.db"},
  "engines": [
    {"id": "demo-flaky", "provider": "demo", "model": "demo-1", "label": "demo",
     "options": {"token_delay_ms": 0, "fault": "status:503"}},
    {"id": "demo", "provider": "demo", "model": "demo-1", "label": "demo",
     "options": {"token_delay_ms": 0}}
  ],
  "modes": {"smart": {"chain": ["demo-flaky", "demo"]}, "fast": {"chain": ["demo"]}}
}
JSON
start_gateway "$binary" "$work/config.json" "$work/gateway.log"
node "$here/openai_sdk_test.mjs" "http://127.0.0.1:$gateway_port/v1"

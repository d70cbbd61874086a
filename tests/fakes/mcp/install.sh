#!/usr/bin/env bash
# Installs the MCP peers' pinned npm packages (package-lock.json: the official
# @modelcontextprotocol/sdk and server-everything) when they are missing;
# ctest runs it as a fixture before the MCP bridge's tests.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
if [[ ! -d $here/node_modules/@modelcontextprotocol/server-everything ||
      ! -d $here/node_modules/@modelcontextprotocol/sdk ]]; then
  npm ci --prefix "$here" --no-audit --no-fund >/dev/null
fi

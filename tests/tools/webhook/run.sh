#!/usr/bin/env bash
# ctest entry: installs the pinned standardwebhooks library if needed and
# checks manifold-webhook against it.
#   run.sh MANIFOLD_WEBHOOK_BINARY
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
if [[ ! -d $here/node_modules/standardwebhooks ]]; then
  npm ci --prefix "$here" --no-audit --no-fund >/dev/null
fi
node "$here/interop.mjs" "$1"

#!/usr/bin/env bash
# ctest entry: installs the pinned openai client if needed, starts a fake
# provider and a gateway on loopback, and runs the official SDK against it.
#   run.sh MANIFOLD_BINARY PLUGIN_DIR FAKE_PROVIDER_BINARY
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/../../support/compat_env.sh"
if [[ ! -d $here/node_modules/openai ]]; then
  npm ci --prefix "$here" --no-audit --no-fund >/dev/null
fi
work=$(mktemp -d)
trap 'stop_compat_env; rm -rf "$work"' EXIT
start_compat_env "$1" "$2" "$3" "$here/../../fixtures" "$work"
node "$here/openai_sdk_test.mjs" "http://127.0.0.1:$gateway_port/v1"

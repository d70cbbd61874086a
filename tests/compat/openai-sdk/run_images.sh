#!/usr/bin/env bash
# ctest entry: the pinned openai client's images API against a gateway whose
# image engines call the fake images upstream (tests/fakes/images).
#   run_images.sh MANIFOLD_BINARY PLUGIN_DIR
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/../../support/gateway.sh"
if [[ ! -d $here/node_modules/openai ]]; then
  npm ci --prefix "$here" --no-audit --no-fund >/dev/null
fi
work=$(mktemp -d)
trap '[[ -n $fake_pid ]] && kill "$fake_pid" 2>/dev/null; stop_gateway; rm -rf "$work"' EXIT

start_node_fake "$work/fake.log" "$here/../../fakes/images/server.mjs" --cf-account acct:token

mkdir -p "$work/plugins"
cp "$2"/{openai-compatible,gemini}.so "$work/plugins/"
fake_url="http://127.0.0.1:$fake_port"
cat >"$work/config.json" <<JSON
{
  "server": {"host": "127.0.0.1", "port": 0},
  "plugins": {"directory": "$work/plugins"},
  "store": {"sqlite_path": "$work/manifold.db"},
  "egress": {"allow": ["127.0.0.1:$fake_port"]},
  "engines": [
    {"id": "openai-images", "provider": "openai-compatible", "model": "gpt-image-1", "base_url": "$fake_url/openai/v1"},
    {"id": "gemini-images", "provider": "gemini", "model": "gemini-2.5-flash-image", "base_url": "$fake_url/gemini"}
  ],
  "modes": {"smart": {"chain": ["openai-images"]}},
  "media": {"image_chain": ["openai-images", "gemini-images"]}
}
JSON
start_gateway "$1" "$work/config.json" "$work/gateway.log"
node "$here/images_sdk_test.mjs" "http://127.0.0.1:$gateway_port/v1" "$fake_url"

#!/usr/bin/env bash
# Installs the SDK alone to a temporary prefix, builds sdk/examples/echo-provider
# out of tree against only that prefix, and loads the result into a running
# gateway, which must list it and answer through it.
set -euo pipefail
build_dir=$1 source_dir=$2 manifold=$3

work=$(mktemp -d)
chmod 755 "$work"
source "$source_dir/tests/support/gateway.sh"
cleanup() { stop_gateway; rm -rf "$work"; }
trap cleanup EXIT

cmake --install "$build_dir" --component sdk --prefix "$work/sdk" >/dev/null
# Nothing but the SDK may be in the prefix.
test -f "$work/sdk/include/manifold/plugin.h"
test -f "$work/sdk/lib/cmake/ManifoldSDK/ManifoldSDKConfig.cmake" || test -f "$work"/sdk/lib/*/cmake/ManifoldSDK/ManifoldSDKConfig.cmake
if find "$work/sdk" -name '*.so' -o -name 'manifold' -type f | grep -q .; then
  echo "the sdk component installed more than the SDK"; exit 1
fi

cmake -S "$source_dir/sdk/examples/echo-provider" -B "$work/example-build" -G Ninja \
  -DCMAKE_PREFIX_PATH="$work/sdk" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$work/example-build" >/dev/null
mkdir -m 755 "$work/plugins"
cp "$work/example-build/echo_provider.so" "$work/plugins/"

# Exactly one exported symbol.
exports=$(nm -D --defined-only "$work/plugins/echo_provider.so" | awk '$2 ~ /^[TDBRVW]$/ {print $3}')
[[ $exports == "manifold_plugin_entry" ]] || { echo "unexpected exports: $exports"; exit 1; }

# User text is left unfenced (no system prompt, wrap_user_text off), so the
# echo comes back exactly as sent.
cat > "$work/config.json" <<JSON
{"server": {"host": "127.0.0.1", "port": 0},
 "trust": {"wrap_user_text": false},
 "plugins": {"directory": "$work/plugins", "settings": {"example.echo": {"prefix": "echo: "}}},
 "store": {"sqlite_path": "$work/m.db"},
 "engines": [{"id": "echo", "provider": "example.echo", "model": "echo-1"}],
 "modes": {"smart": {"chain": ["echo"]}}}
JSON
start_gateway "$manifold" "$work/config.json" "$work/gateway.log"
port=$gateway_port
plugins=$(curl -fs "http://127.0.0.1:$port/admin/plugins")
echo "$plugins" | grep -q '"id":"example.echo"' || { echo "example not loaded: $plugins"; cat "$work/gateway.log"; exit 1; }
answer=$(curl -fs "http://127.0.0.1:$port/v1/chat/completions" \
  -d '{"model":"echo","messages":[{"role":"user","content":"round trip"}]}')
echo "$answer" | grep -q '"content":"echo: round trip"' || { echo "unexpected answer: $answer"; cat "$work/gateway.log"; exit 1; }
echo "SDK installed, example built out of tree and served: OK"

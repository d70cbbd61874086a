#!/usr/bin/env bash
# ctest entry: opens the dashboard in Debian's headless Chromium against a
# live gateway running the shipped demo config (every keyed step skipped, so
# smart walks demo-flaky then demo), with a master key and a dashboard token.
#   run.sh MANIFOLD_BINARY PLUGIN_DIR SOURCE_DIR
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
binary=$1 plugin_dir=$2 source_dir=$3
chromium=${CHROMIUM:-/usr/bin/chromium}
if [[ ! -x $chromium ]]; then
  echo "no Chromium at $chromium: install Debian's chromium (packaging/install-deps.sh --test)" >&2
  exit 1
fi
# shellcheck source-path=SCRIPTDIR source=../support/gateway.sh
source "$here/../support/gateway.sh"
if [[ ! -d $here/node_modules/puppeteer-core ]]; then
  npm ci --prefix "$here" --no-audit --no-fund >/dev/null
fi
work=$(mktemp -d)
trap 'stop_gateway; rm -rf "$work"' EXIT
mkdir -p "$work/plugins"
cp "$plugin_dir"/{openai-compatible,anthropic,gemini,cohere,demo}.so "$work/plugins/"

# The shipped config, on a free loopback port, with its own folder and store.
# A high breaker threshold keeps demo-flaky in the chain for every request.
# Ollama needs no key, so its steps would be tried (and refused: no local
# Ollama here); they are left out so smart is demo-flaky then demo.
node - "$source_dir/packaging/config/manifold.json" "$work" "$source_dir" >"$work/config.json" <<'JS'
const [shipped, work, source] = process.argv.slice(2);
const config = JSON.parse(require('node:fs').readFileSync(shipped, 'utf8'));
delete config.$schema;
config.server = {host: '127.0.0.1', port: 0};
config.plugins = {directory: `${work}/plugins`};
config.store = {sqlite_path: `${work}/manifold.db`};
config.usage = {prices_file: `${source}/packaging/config/prices.json`};
config.breaker.failure_threshold = 1000;
const local = new Set(config.engines.filter((e) => e.options?.preset === 'ollama').map((e) => e.id));
config.engines = config.engines.filter((e) => !local.has(e.id));
for (const mode of Object.values(config.modes)) mode.chain = mode.chain.filter((id) => !local.has(id));
config.ui = {token_env: 'MANIFOLD_UI_TOKEN'};
process.stdout.write(JSON.stringify(config, null, 2));
JS

master="mk-ui-test-$RANDOM$RANDOM"
dashboard="ui-token-$RANDOM$RANDOM"
# Keyed steps must stay skipped: no provider key from the caller's environment.
while read -r name; do unset "$name"; done < <(env | sed -n 's/^\([A-Z0-9_]*_API_KEY[A-Z0-9_]*\)=.*/\1/p')
export MANIFOLD_MASTER_KEY=$master MANIFOLD_UI_TOKEN=$dashboard
start_gateway "$binary" "$work/config.json" "$work/gateway.log"
screenshot=${UI_SCREENSHOT:-$work/dashboard.png}
CHROMIUM=$chromium node "$here/dashboard_test.mjs" "http://127.0.0.1:$gateway_port" \
  "$master" "$dashboard" "$screenshot"

# Sourced by the npm SDK tests: a fault-injecting fake provider on loopback
# (OpenAI routes plus recorded streams in other providers' formats) and a
# gateway whose engines all point at it.
#   start_compat_env MANIFOLD_BINARY PLUGIN_DIR FAKE_BINARY FIXTURES_DIR WORK
# sets gateway_port; stop_compat_env stops both.
source "$(dirname "${BASH_SOURCE[0]}")/gateway.sh"
fake_pid=""

# stop_gateway waits for every background job: the fake must be told first.
stop_compat_env() {
  [[ -n $fake_pid ]] && kill "$fake_pid" 2>/dev/null
  stop_gateway
}

start_compat_env() {
  local binary=$1 plugin_dir=$2 fake=$3 fixtures=$4 work=$5 fake_port=""
  "$fake" --port 0 --host 127.0.0.1 --threads 64 --fixtures "$fixtures" >"$work/fake.log" 2>&1 &
  fake_pid=$!
  for _ in $(seq 100); do
    fake_port=$(sed -n 's/^listening on 127.0.0.1:\([0-9]*\)$/\1/p' "$work/fake.log")
    [[ -n $fake_port ]] && break
    sleep 0.1
  done
  [[ -n $fake_port ]] || { echo "fake provider did not start" >&2; cat "$work/fake.log" >&2; return 1; }

  mkdir -p "$work/plugins"
  cp "$plugin_dir"/{openai-compatible,anthropic,gemini,cohere,demo}.so "$work/plugins/"
  local fake_url="http://127.0.0.1:$fake_port" caps
  caps='"capabilities": {"vision": true, "tools": true, "json_mode": true, "prefill": true}'
  cat >"$work/config.json" <<JSON
{
  "server": {"host": "127.0.0.1", "port": 0},
  "plugins": {"directory": "$work/plugins"},
  "store": {"sqlite_path": "$work/manifold.db"},
  "egress": {"allow": ["127.0.0.1:$fake_port"]},
  "engines": [
    {"id": "fake-flaky", "provider": "openai-compatible", "model": "gpt-fake", "base_url": "$fake_url/fail503/v1", $caps},
    {"id": "fake-ok", "provider": "openai-compatible", "model": "gpt-fake", "base_url": "$fake_url/ok/v1", $caps},
    {"id": "fake-tools", "provider": "openai-compatible", "model": "gpt-fake", "base_url": "$fake_url/tools/v1", $caps},
    {"id": "fake-cut", "provider": "openai-compatible", "model": "gpt-fake", "base_url": "$fake_url/cut-2/v1", $caps},
    {"id": "claude-text", "provider": "anthropic", "model": "claude-sonnet-4-5", "base_url": "$fake_url/raw.anthropic.text.sse", $caps},
    {"id": "claude-tools", "provider": "anthropic", "model": "claude-sonnet-4-5", "base_url": "$fake_url/raw.anthropic.tool_use.sse", $caps},
    {"id": "claude-thinking", "provider": "anthropic", "model": "claude-sonnet-4-5", "base_url": "$fake_url/raw.anthropic.thinking.sse", $caps},
    {"id": "gemini-text", "provider": "gemini", "model": "gemini-2.5-flash", "base_url": "$fake_url/raw.gemini.text.sse", $caps},
    {"id": "gemini-blocked", "provider": "gemini", "model": "gemini-2.5-flash", "base_url": "$fake_url/raw.gemini.prompt_blocked.sse", $caps},
    {"id": "cohere-text", "provider": "cohere", "model": "command-a-03-2025", "base_url": "$fake_url/raw.cohere.text.sse", $caps}
  ],
  "modes": {
    "smart": {"chain": ["fake-flaky", "fake-ok"]},
    "fast": {"chain": ["fake-ok"]},
    "tools": {"chain": ["fake-tools"]},
    "cut": {"chain": ["fake-cut"]},
    "claude": {"chain": ["fake-flaky", "claude-text"]},
    "claude-tools": {"chain": ["claude-tools"]},
    "thinking": {"chain": ["claude-thinking"]},
    "gemini": {"chain": ["gemini-text"]},
    "gemini-blocked": {"chain": ["gemini-blocked", "gemini-text"]},
    "cohere": {"chain": ["cohere-text"]}
  }
}
JSON
  start_gateway "$binary" "$work/config.json" "$work/gateway.log"
}

#!/usr/bin/env bash
# ctest entry: the official openai npm client's audio.speech.create and
# audio.transcriptions.create, unchanged, against a live gateway whose speech
# engines are the speech fake (tests/fakes/speech) on loopback. The input is
# real speech from espeak-ng; exits 77 (skipped) when espeak-ng or sox is missing.
#   run.sh MANIFOLD_BINARY PLUGIN_DIR
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
sdk=$here/../openai-sdk  # the pinned openai package (package-lock.json there)
source "$here/../../support/gateway.sh"
for tool in espeak-ng sox node; do
  command -v "$tool" >/dev/null || { echo "SKIP: $tool is not installed (install-deps.sh --test)"; exit 77; }
done
if [[ ! -d $sdk/node_modules/openai ]]; then
  npm ci --prefix "$sdk" --no-audit --no-fund >/dev/null
fi
work=$(mktemp -d)
trap '[[ -n $fake_pid ]] && kill "$fake_pid" 2>/dev/null; stop_gateway; rm -rf "$work"' EXIT

espeak-ng -w "$work/speech.wav" "Hello from the SDK test."
sox "$work/speech.wav" "$work/speech.mp3"
sox "$work/speech.wav" -r 24000 -b 16 -e signed -c 1 -L -t raw "$work/speech.pcm"
cp "$work/speech.wav" "$work/speech.opus"  # the OpenAI engine is never asked for opus here

start_node_fake "$work/fake.log" "$here/../../fakes/speech/server.mjs" --audio-dir "$work" \
  --transcript "hello from the sdk test"

mkdir -p "$work/plugins"
cp "$2"/{openai-compatible,gemini}.so "$work/plugins/"
fake=http://127.0.0.1:$fake_port
export SPEECH_COMPAT_CF=acct1:token1 SPEECH_COMPAT_OPENAI=sk-test
cat >"$work/config.json" <<JSON
{
  "server": {"host": "127.0.0.1", "port": 0},
  "plugins": {"directory": "$work/plugins"},
  "store": {"sqlite_path": "$work/manifold.db"},
  "egress": {"allow": ["127.0.0.1:$fake_port"]},
  "engines": [
    {"id": "cf-melotts", "provider": "openai-compatible", "model": "@cf/myshell-ai/melotts",
     "base_url": "$fake/down/client/v4", "key_env": "SPEECH_COMPAT_CF", "options": {"preset": "cloudflare"}},
    {"id": "openai-tts", "provider": "openai-compatible", "model": "tts-1", "base_url": "$fake/v1",
     "key_env": "SPEECH_COMPAT_OPENAI"},
    {"id": "cf-whisper", "provider": "openai-compatible", "model": "@cf/openai/whisper",
     "base_url": "$fake/client/v4", "key_env": "SPEECH_COMPAT_CF", "options": {"preset": "cloudflare"}}
  ],
  "modes": {"smart": {"chain": ["openai-tts"]}},
  "media": {"speech_chain": ["cf-melotts", "openai-tts"], "transcription_chain": ["cf-whisper"]}
}
JSON
# MeloTTS is down: speech fails over to OpenAI TTS
curl -fs -X POST "$fake/_fault" -d '{"fault":"503","path":"/down/"}' >/dev/null
start_gateway "$1" "$work/config.json" "$work/gateway.log"
NODE_PATH=$sdk/node_modules node "$here/openai_audio_test.mjs" "http://127.0.0.1:$gateway_port/v1" \
  "$work/speech.wav" "$fake"

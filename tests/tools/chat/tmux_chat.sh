#!/usr/bin/env bash
# ctest entry: drives manifold-chat in a real terminal (tmux send-keys and
# capture-pane) against a live gateway whose engines are fakes on loopback
# (tests/support/compat_env.sh): the route line after each answer, /mode and
# /model overrides, dimmed thinking, an error that leaves the chat running,
# /quit; then manifold-chat against a closed port.
#   tmux_chat.sh CHAT MANIFOLD PLUGIN_DIR FAKE_PROVIDER FIXTURES
set -euo pipefail
chat=$1 manifold=$2 plugin_dir=$3 fake=$4 fixtures=$5
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=../../support/compat_env.sh
source "$here/../../support/compat_env.sh"
command -v tmux >/dev/null || { echo "tmux is missing: packaging/install-deps.sh --test installs it" >&2; exit 1; }

work=$(mktemp -d)
socket="manifold-chat-test-$$"
cleanup() {
  tmux -L "$socket" kill-server 2>/dev/null || true
  stop_compat_env || true
  rm -rf "$work"
}
trap cleanup EXIT
# With a master key every chat call needs it: manifold-chat sends MANIFOLD_API_KEY.
key="chat-test-master-key"
MANIFOLD_MASTER_KEY=$key start_compat_env "$manifold" "$plugin_dir" "$fake" "$fixtures" "$work"
url="http://127.0.0.1:${gateway_port:?}"

set +e
output=$(MANIFOLD_URL=$url MANIFOLD_API_KEY="" "$chat" "hello" 2>&1 </dev/null)
status=$?
set -e
[[ $status -eq 1 && $output == *"(HTTP 401)"* ]] ||
  { echo "FAIL: without a key, expected a 401 and exit 1, got $status: $output" >&2; exit 1; }

screen() { tmux -L "$socket" capture-pane -p -J -t chat -S - "$@"; }

# Waits (bounded, 30 s) until the screen shows `text` COUNT times in all.
wait_for() {
  local text=$1 count=${2:-1}
  for _ in $(seq 300); do
    (( $(screen | grep -cF -- "$text") >= count )) && return 0
    sleep 0.1
  done
  echo "FAIL: the screen never showed \"$text\" $count time(s); it shows:" >&2
  screen >&2
  exit 1
}

type_line() { tmux -L "$socket" send-keys -t chat -l -- "$1"; tmux -L "$socket" send-keys -t chat Enter; }

tmux -L "$socket" new-session -d -s chat -x 160 -y 50 \
  "MANIFOLD_URL=$url MANIFOLD_API_KEY=$key '$chat'; echo \"manifold-chat exited with \$?\"; sleep 30"
wait_for "Connected to $url"

# The router picks the mode: a greeting is "fast".
type_line "hello there"
wait_for "[mode fast (auto) · engine fake-ok · 1 attempt]"
wait_for "Hello world"

# smart's chain starts with an engine that fails: the walk takes two attempts.
type_line "/mode smart"
wait_for "mode: smart"
type_line "tell me about failover"
wait_for "[mode smart · engine fake-ok · 2 attempts]"

type_line "/mode fast"
type_line "and now quickly"
wait_for "[mode fast · engine fake-ok · 1 attempt]"

# An engine by id: no mode, the router is skipped.
type_line "/mode auto"
type_line "/model claude-text"
type_line "which engine is this"
wait_for "[engine claude-text · 1 attempt]"

# Thinking is shown, dimmed (SGR 2), and the answer after it is not.
type_line "/model"
type_line "/mode thinking"
type_line "what is the gcd of 1071 and 462"
wait_for "[mode thinking · engine claude-thinking · 1 attempt]"
thinking_line=$(screen -e | grep -F "I need to find the GCD of 1071 and 462")
[[ $thinking_line == *$'\e[2m'* ]] || { echo "FAIL: thinking is not dimmed: $(printf %q "$thinking_line")" >&2; exit 1; }
answer_line=$(screen -e | grep -F "The greatest common divisor of 1071 and 462 is")
[[ $answer_line != *$'\e[2m'* ]] || { echo "FAIL: the answer is dimmed: $(printf %q "$answer_line")" >&2; exit 1; }

# A refused request prints the gateway's message and the chat goes on.
type_line "/mode no-such-mode"
type_line "hello again"
wait_for 'manifold-chat: error: unknown mode or intent "no-such-mode"'
wait_for "(HTTP 400)"
type_line "/mode fast"
type_line "still here"
wait_for "[mode fast · engine fake-ok · 1 attempt]" 2

# The gateway goes away mid-chat: said so, with the URL, and the chat goes on.
stop_compat_env
# Stopped already: the exit trap must not signal these ids again.
# shellcheck disable=SC2034
fake_pid="" gateway_pid=""
type_line "anyone there"
wait_for "manifold-chat: cannot reach the gateway at $url: Connection refused"

type_line "/quit"
wait_for "manifold-chat exited with 1"  # turns failed, so the status says so

# A gateway that is down: said so, with the URL, and a non-zero exit.
closed_port=1
set +e
output=$(MANIFOLD_URL="http://127.0.0.1:$closed_port" "$chat" "hello" 2>&1 </dev/null)
status=$?
set -e
[[ $status -ne 0 ]] || { echo "FAIL: manifold-chat exited 0 against a closed port" >&2; exit 1; }
[[ $output == *"cannot reach the gateway at http://127.0.0.1:$closed_port: Connection refused"* ]] ||
  { echo "FAIL: unexpected output against a closed port: $output" >&2; exit 1; }
echo "manifold-chat in tmux against a live gateway: OK"

#!/usr/bin/env bash
# Quick start, command one: installs what is missing, builds a release and runs
# the gateway in the foreground on port 8080 with the offline demo chain and
# an embedded SQLite file. Try it with:
#   curl localhost:8080/v1/models
#   curl -N localhost:8080/v1/chat/completions -d '{"model":"mode/smart","stream":true,"messages":[{"role":"user","content":"hi"}]}'
set -euo pipefail
cd "$(dirname "$0")/.."
packaging/install-deps.sh
cmake --workflow --preset release
exec build/release/host/manifold --config packaging/config/manifold.json "$@"

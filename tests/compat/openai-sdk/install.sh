#!/usr/bin/env bash
# Installs the pinned openai npm client (package-lock.json) when it is missing;
# ctest runs it once, as a fixture, before the three tests that use it, since
# `npm ci` in one folder from two tests at once removes the other's files.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
if [[ ! -d $here/node_modules/openai ]]; then
  npm ci --prefix "$here" --no-audit --no-fund >/dev/null
fi

#!/usr/bin/env bash
# Installs the fake sibling's pinned npm packages (package-lock.json) when they
# are missing; ctest runs it as a fixture before the tests that start the fake.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
if [[ ! -d $here/node_modules/standardwebhooks ]]; then
  npm ci --prefix "$here" --no-audit --no-fund >/dev/null
fi

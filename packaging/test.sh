#!/usr/bin/env bash
# Quick start, command two: installs what is missing, builds the dev preset and
# runs every test with ctest, then builds a release and tests its Debian package
# in a Debian 12 chroot (skipped, saying why, without root or disk). CI runs
# exactly this.
set -euo pipefail
cd "$(dirname "$0")/.."
packaging/install-deps.sh --test
cmake --workflow --preset dev
packaging/deb/test-deb.sh

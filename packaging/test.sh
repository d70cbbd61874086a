#!/usr/bin/env bash
# Quick start, command two: installs what is missing, builds the dev preset and
# runs every test with ctest, then builds and checks the container image and
# tests the Debian package in a Debian 12 chroot (each says why it skipped when
# the machine lacks root or disk). CI runs exactly this.
set -euo pipefail
cd "$(dirname "$0")/.."
packaging/install-deps.sh --test
cmake --workflow --preset dev
packaging/docker/test-image.sh
packaging/deb/test-deb.sh

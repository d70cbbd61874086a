#!/bin/bash
# The image's HEALTHCHECK: succeeds only when the gateway answers GET /healthz
# with 200 on MANIFOLD_PORT (default 8080). It uses bash's /dev/tcp, so the
# runtime image needs no curl. Nothing listening, or any other status, fails.
set -euo pipefail
port=${MANIFOLD_PORT:-8080}
if ! exec 3<>"/dev/tcp/127.0.0.1/$port"; then
  echo "manifold-healthcheck: nothing listens on 127.0.0.1:$port" >&2
  exit 1
fi
printf 'GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n' >&3
status=""
IFS= read -r -t 2 status <&3 || true
if [[ $status != "HTTP/1."?" 200"* ]]; then
  echo "manifold-healthcheck: /healthz answered \"${status%$'\r'}\"" >&2
  exit 1
fi

#!/usr/bin/env bash
# ctest entry: packaging/systemd/manifold.service passes `systemd-analyze verify`
# with no warning (its ExecStart pointed at the built binary, as systemd checks
# that the command exists), and keeps the settings the gateway relies on.
#   verify_unit.sh SOURCE_DIR MANIFOLD_BINARY
set -euo pipefail
source_dir=$1 binary=$2
unit=$source_dir/packaging/systemd/manifold.service
command -v systemd-analyze >/dev/null || {
  echo "SKIP: systemd-analyze is missing (packaging/install-deps.sh --test installs systemd)"
  exit 77
}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

sed "s#/usr/bin/manifold #$binary #g" "$unit" >"$work/manifold.service"
grep -q "^ExecStart=$binary " "$work/manifold.service" || {
  echo "ExecStart does not run /usr/bin/manifold"
  exit 1
}
systemd-analyze verify "$work/manifold.service" >"$work/verify.out" 2>&1 || true
if [[ -s $work/verify.out ]]; then
  echo "systemd-analyze verify is not silent:"
  cat "$work/verify.out"
  exit 1
fi

failed=0
expect() { # expect LINE: the unit has exactly this line
  grep -qx -- "$1" "$unit" || { echo "missing: $1"; failed=1; }
}
expect "User=manifold"
expect "ProtectSystem=strict"
expect "ReadWritePaths=/var/lib/manifold"
expect "NoNewPrivileges=yes"
expect "PrivateTmp=yes"
# shellcheck disable=SC2016 # $MAINPID is systemd's, not ours
expect 'ExecReload=/bin/kill -HUP $MAINPID'
nofile=$(sed -n 's/^LimitNOFILE=//p' "$unit")
((${nofile:-0} >= 8192)) || { echo "LimitNOFILE=${nofile:-unset}: two sockets per stream need more"; failed=1; }
# The stop must outlast the drain, or systemd kills streams the gateway is finishing.
drain_ms=$(grep -o '"drain_timeout_ms": {[^}]*(default [0-9]*)' "$source_dir/schemas/config.schema.json" |
  sed 's/.*(default \([0-9]*\))/\1/')
stop_s=$(sed -n 's/^TimeoutStopSec=\([0-9]*\)$/\1/p' "$unit")
[[ -n $drain_ms && -n $stop_s ]] || { echo "cannot read the drain default or TimeoutStopSec"; exit 1; }
((stop_s * 1000 > drain_ms)) || { echo "TimeoutStopSec=${stop_s}s is not longer than the ${drain_ms} ms drain"; failed=1; }
((failed == 0)) && echo "manifold.service verifies; TimeoutStopSec ${stop_s}s > drain ${drain_ms} ms"
exit "$failed"

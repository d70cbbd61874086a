#!/usr/bin/env bash
# Prints the path of a Debian 12 (bookworm) minbase root filesystem tarball,
# made with debootstrap the first time and cached after that. The container
# image test imports it as debian:bookworm-slim; the .deb test unpacks it into
# a chroot to install the package in. Concurrent callers wait for one build.
#
#   packaging/tools/bookworm-rootfs.sh     (as root)
#
# MANIFOLD_TEST_CACHE sets the cache folder (default /var/cache/manifold-test);
# DEBIAN_MIRROR the mirror (default: the first URI of this machine's apt sources).
set -euo pipefail

cache=${MANIFOLD_TEST_CACHE:-/var/cache/manifold-test}
tarball=$cache/bookworm-minbase.tar
if [[ -z ${DEBIAN_MIRROR:-} ]]; then
  DEBIAN_MIRROR=$(sed -n 's/^URIs: *\([^ ]*debian\)$/\1/p' /etc/apt/sources.list.d/debian.sources 2>/dev/null |
    head -1)
  DEBIAN_MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
fi

mkdir -p "$cache"
exec 9>"$cache/.bookworm-rootfs.lock"
flock 9
if [[ ! -s $tarball ]]; then
  command -v debootstrap >/dev/null || {
    echo "bookworm-rootfs: debootstrap is missing (packaging/install-deps.sh --test installs it)" >&2
    exit 1
  }
  work=$(mktemp -d "$cache/rootfs.XXXXXX")
  trap 'rm -rf "$work"' EXIT
  if ! debootstrap --variant=minbase bookworm "$work/root" "$DEBIAN_MIRROR" >"$work/log" 2>&1; then
    echo "bookworm-rootfs: debootstrap failed:" >&2
    tail -20 "$work/log" >&2
    exit 1
  fi
  tar -C "$work/root" -cf "$tarball.part" .
  mv "$tarball.part" "$tarball"
fi
echo "$tarball"

#!/usr/bin/env bash
# Packs a release build into the Debian packages and checks them in a fresh
# Debian 12 chroot: install (apt resolves the declared dependencies), the
# manifold user, the plugins, the unit (systemd-analyze verify), --check-config,
# the unit's own ExecStart serving a chat as the manifold user, its ExecReload,
# a stop that drains, an upgrade that keeps an edited /etc/manifold/manifold.json,
# and a purge. One PASS/FAIL line per check; exits non-zero on any FAIL.
#
#   packaging/deb/test-deb.sh [BUILD_DIR]   (as root)
#
# BUILD_DIR is a release build to pack; without it, the release preset is built.
# Skips, saying why, without root or free disk. Downloaded .debs and apt lists
# are cached in MANIFOLD_TEST_CACHE (default /var/cache/manifold-test).
set -euo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd)
cache=${MANIFOLD_TEST_CACHE:-/var/cache/manifold-test}

skip() {
  echo "SKIP deb: $*"
  exit 0
}
[[ $(id -u) -eq 0 ]] || skip "needs root (chroot, mounts)"
for tool in cpack dpkg-deb dpkg-shlibdeps chroot unshare systemd-analyze curl; do
  command -v "$tool" >/dev/null || skip "$tool is missing (packaging/install-deps.sh --test installs it)"
done
mkdir -p "$cache"
for dir in "$cache" "${TMPDIR:-/tmp}"; do
  free_kb=$(df -Pk "$dir" | awk 'NR == 2 {print $4}')
  ((free_kb > 2 * 1024 * 1024)) || skip "less than 2 GB free in $dir"
done

unshare --mount true 2>/dev/null || skip "cannot make a mount namespace here (unshare --mount)"
# Every mount below lives in a private mount namespace, so none outlives the test.
if [[ -z ${MANIFOLD_DEB_TEST_NAMESPACE:-} ]]; then
  exec env MANIFOLD_DEB_TEST_NAMESPACE=1 unshare --mount --propagation private "$0" "$@"
fi

if [[ -n ${1:-} ]]; then
  build=$(cd "$1" && pwd)
else
  (cd "$repo" && cmake --workflow --preset release)
  build=$repo/build/release
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/manifold-deb.XXXXXX")
root=$work/root
gateway_pid=""
cleanup() {
  [[ -n $gateway_pid ]] && kill "$gateway_pid" 2>/dev/null
  umount -R "$root/proc" "$root/dev" "$root/var/cache/apt/archives" "$root/var/lib/apt/lists" \
    2>/dev/null || true
  if grep -q " $root/" /proc/self/mounts; then
    echo "mounts remain under $root; leaving $work in place"
  else
    rm -rf --one-file-system "$work"
  fi
}
trap cleanup EXIT

failures=0
check() { # check NAME COMMAND...: runs the command, prints PASS or FAIL
  local name=$1
  shift
  if "$@" >"$work/check.out" 2>&1; then
    echo "PASS $name"
  else
    echo "FAIL $name"
    sed 's/^/    /' "$work/check.out" | tail -20
    failures=$((failures + 1))
  fi
}
in_root() { chroot "$root" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin DEBIAN_FRONTEND=noninteractive "$@"; }
contains() { grep -q -- "$2" "$1" || { echo "\"$2\" not in $1:" && head -40 "$1" && false; }; }

# --- the packages --------------------------------------------------------------
version=$(sed -n 's/^set(CPACK_PACKAGE_VERSION "\(.*\)")$/\1/p' "$build/CPackConfig.cmake")
cpack --config "$build/CPackConfig.cmake" -G DEB -B "$work/packages" >"$work/cpack.log" 2>&1 ||
  { cat "$work/cpack.log"; exit 1; }
deb=$work/packages/manifold_${version}_amd64.deb
dev_deb=$work/packages/manifold-dev_${version}_all.deb
check "cpack builds manifold_${version}_amd64.deb and manifold-dev_${version}_all.deb" ls "$deb" "$dev_deb"
[[ -f $deb ]] || exit 1
dpkg-deb -I "$deb" >"$work/control"
dpkg-deb -c "$deb" | awk '{print $6}' >"$work/contents"
dpkg-deb -c "$dev_deb" | awk '{print $6}' >"$work/dev-contents"
package_has_runtime_files() {
  for f in ./usr/bin/manifold ./usr/bin/manifold-plugin-inspect ./etc/manifold/manifold.json \
    ./etc/manifold/prices.json ./lib/systemd/system/manifold.service; do
    contains "$work/contents" "^$f$"
  done
  for p in anthropic cohere demo gemini manus mcp openai-compatible sibling; do
    contains "$work/contents" "^./usr/lib/manifold/plugins/$p.so$"
  done
}
check "the package holds the binaries, plugins, config and unit" package_has_runtime_files
check "the SDK headers are in manifold-dev, not in manifold" \
  bash -c "! grep -q '^./usr/include' '$work/contents' && grep -q '^./usr/include/manifold/plugin.h$' '$work/dev-contents' && grep -q 'ManifoldSDKConfig.cmake$' '$work/dev-contents'"
check "Depends: the Poco, SQLite and OpenSSL libraries (dpkg-shlibdeps), adduser, procps" \
  bash -c "grep '^ Depends:' '$work/control' | grep libpocofoundation80 | grep libpocodatasqlite80 | grep libsqlite3-0 | grep libssl3 | grep adduser | grep -q procps"
check "/etc/manifold files are conffiles" \
  bash -c "dpkg-deb -e '$deb' '$work/control-files' && diff <(sort '$work/control-files/conffiles') <(printf '/etc/manifold/manifold.json\n/etc/manifold/prices.json\n')"

# --- a Debian 12 chroot ----------------------------------------------------------
tarball=$("$repo/packaging/tools/bookworm-rootfs.sh")
mkdir -p "$root" "$cache/deb-apt/archives/partial" "$cache/deb-apt/lists/partial"
tar -C "$root" -xf "$tarball"
mount -t proc proc "$root/proc"
mount --rbind /dev "$root/dev"
mount --bind "$cache/deb-apt/archives" "$root/var/cache/apt/archives"
mount --bind "$cache/deb-apt/lists" "$root/var/lib/apt/lists"
cp /etc/resolv.conf "$root/etc/resolv.conf"
cp "$deb" "$root/var/tmp/"
in_root apt-get update -qq >"$work/apt.log" 2>&1 || { cat "$work/apt.log"; exit 1; }

# The target system runs systemd: systemd-analyze verify resolves the unit's
# dependencies (sysinit.target...) in it, and postinst enables the unit there.
in_root apt-get install -y -qq --no-install-recommends systemd >"$work/apt.log" 2>&1 ||
  { cat "$work/apt.log"; exit 1; }
check "apt installs the package and its dependencies" \
  in_root apt-get install -y -qq --no-install-recommends "/var/tmp/${deb##*/}"
check "dpkg records it as installed" \
  bash -c "[[ \$(chroot '$root' dpkg-query -W -f='\${Status} \${Version}' manifold) == 'install ok installed $version' ]]"
manifold_user() {
  local entry uid
  entry=$(grep '^manifold:' "$root/etc/passwd") || { echo "no manifold in /etc/passwd"; return 1; }
  uid=$(cut -d: -f3 <<<"$entry")
  echo "$entry"
  ((uid < 1000)) && [[ $entry == *:/var/lib/manifold:/usr/sbin/nologin ]]
}
check "postinst created the manifold system user (home /var/lib/manifold, no login)" manifold_user
check "/var/lib/manifold belongs to manifold, mode 750" \
  bash -c "[[ \$(chroot '$root' stat -c '%U:%G %a' /var/lib/manifold) == 'manifold:manifold 750' ]]"
check "the first-party plugins are in /usr/lib/manifold/plugins" \
  bash -c "[[ \$(ls '$root/usr/lib/manifold/plugins' | tr '\n' ' ') == 'anthropic.so cohere.so containers.so demo.so fx.so gemini.so manus.so mcp.so news.so openai-compatible.so sibling.so weather.so ' ]]"
check "postinst enabled the unit (multi-user.target.wants)" \
  bash -c "[[ \$(readlink '$root/etc/systemd/system/multi-user.target.wants/manifold.service') == /lib/systemd/system/manifold.service ]]"
check "the installed unit is packaging/systemd/manifold.service" \
  cmp "$root/lib/systemd/system/manifold.service" "$repo/packaging/systemd/manifold.service"
verify_unit() { # silent and successful: a warning fails it too
  systemd-analyze verify --root="$root" /lib/systemd/system/manifold.service >"$work/verify.out" 2>&1
  cat "$work/verify.out"
  [[ ! -s $work/verify.out ]]
}
check "systemd-analyze verify passes on the installed unit" verify_unit
check "manifold --check-config, as manifold, accepts the installed /etc/manifold/manifold.json" \
  bash -c "chroot --userspec=manifold:manifold '$root' manifold --check-config | grep -q 'configuration \"/etc/manifold/manifold.json\" is valid'"

# --- the unit's own commands, as its user -----------------------------------------
unit=$root/lib/systemd/system/manifold.service
unit_value() { sed -n "s/^$1=//p" "$unit"; }
user=$(unit_value User)
uid=$(awk -F: -v u="$user" '$1 == u {print $3}' "$root/etc/passwd")
# --port 0: 8080 may be taken on this machine; the log names the port chosen.
: >"$work/gateway.log"
chroot --userspec="$user:$(unit_value Group)" "$root" /usr/bin/env -i PATH=/usr/bin:/bin \
  /bin/sh -c "cd $(unit_value WorkingDirectory) && exec $(unit_value ExecStart) --port 0" \
  >>"$work/gateway.log" 2>&1 &
gateway_pid=$!
port=""
for _ in $(seq 300); do
  port=$(sed -n 's/.*listening on [0-9.]*:\([0-9]*\) .*/\1/p' "$work/gateway.log")
  [[ -n $port ]] && curl -fs "http://127.0.0.1:$port/readyz" >/dev/null && break
  kill -0 "$gateway_pid" 2>/dev/null || break
  sleep 0.1
done
ready() { curl -fsS "http://127.0.0.1:${port:-0}/readyz" || { cat "$work/gateway.log" && false; }; }
check "the unit's ExecStart serves /readyz" ready
check "the gateway runs as $user" \
  bash -c "grep '^Uid:' /proc/$gateway_pid/status && [[ \$(awk '/^Uid:/ {print \$2}' /proc/$gateway_pid/status) == '$uid' ]]"
chat() {
  curl -sS -D "$work/chat.head" -o "$work/chat.body" "http://127.0.0.1:${port:-0}/v1/chat/completions" \
    -d '{"model":"mode/smart","messages":[{"role":"user","content":"hello"}]}'
  cat "$work/chat.head" "$work/chat.body"
  grep -q '^HTTP/1.1 200' "$work/chat.head" && grep -qi '^x-manifold-engine: demo' "$work/chat.head" &&
    grep -q '"content"' "$work/chat.body"
}
check "a chat is answered through the packaged demo plugin" chat
check "the store is created in /var/lib/manifold, owned by $user" \
  bash -c "[[ \$(chroot '$root' stat -c %U /var/lib/manifold/manifold.db) == '$user' ]]"
reload=$(unit_value ExecReload)
${reload//\$MAINPID/$gateway_pid}
reloaded() {
  for _ in $(seq 100); do
    grep -q 'config reloaded (generation 2)' "$work/gateway.log" && return 0
    sleep 0.1
  done
  cat "$work/gateway.log"
  return 1
}
check "ExecReload reloads the config (SIGHUP)" reloaded
kill -TERM "$gateway_pid"
stop_status=0
wait "$gateway_pid" || stop_status=$?
gateway_pid=""
check "SIGTERM drains and exits 0" \
  bash -c "grep 'draining' '$work/gateway.log' && [[ $stop_status == 0 ]]"

# --- an upgrade keeps the admin's edit -----------------------------------------------
sed -i 's/"port": 8080/"port": 8181/' "$root/etc/manifold/manifold.json"
new_version=$version+upgrade1
new_deb=$root/var/tmp/manifold_${new_version}_amd64.deb
dpkg-deb -R "$deb" "$work/repack"
sed -i "s/^Version: .*/Version: $new_version/" "$work/repack/DEBIAN/control"
# The new version changes both shipped files, so dpkg must choose for each.
sed -i 's/"level": "information"/"level": "warning"/' "$work/repack/etc/manifold/manifold.json"
sed -i 's/"as_of": "2025"/"as_of": "2025-12"/' "$work/repack/etc/manifold/prices.json"
(cd "$work/repack" && find . -path ./DEBIAN -prune -o -type f -printf '%P\0' | xargs -0 md5sum >DEBIAN/md5sums)
dpkg-deb --root-owner-group -b "$work/repack" "$new_deb" >/dev/null
check "apt upgrades to $new_version without a prompt (--force-confdef --force-confold)" \
  in_root apt-get install -y -qq -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold \
  "/var/tmp/${new_deb##*/}" </dev/null
check "dpkg records $new_version" \
  bash -c "[[ \$(chroot '$root' dpkg-query -W -f='\${Version}' manifold) == '$new_version' ]]"
check "the edited /etc/manifold/manifold.json is kept" \
  bash -c "grep -q '\"port\": 8181' '$root/etc/manifold/manifold.json' && grep -q '\"level\": \"information\"' '$root/etc/manifold/manifold.json'"
check "the new version's config is beside it as manifold.json.dpkg-dist" \
  cmp "$root/etc/manifold/manifold.json.dpkg-dist" "$work/repack/etc/manifold/manifold.json"
check "the unedited prices.json is replaced by the new version's" \
  cmp "$root/etc/manifold/prices.json" "$work/repack/etc/manifold/prices.json"
check "manifold --check-config accepts the kept config" \
  bash -c "chroot '$root' manifold --check-config | grep -q 'is valid'"
check "the store survives the upgrade" test -s "$root/var/lib/manifold/manifold.db"

# --- purge ------------------------------------------------------------------------
check "apt purges the package" in_root apt-get purge -y -qq manifold
purged() {
  local gone=0 p
  for p in /var/lib/manifold /etc/manifold /usr/bin/manifold /lib/systemd/system/manifold.service \
    /etc/systemd/system/multi-user.target.wants/manifold.service; do
    if [[ -e $root$p || -L $root$p ]]; then
      echo "$p remains"
      gone=1
    fi
  done
  return "$gone"
}
check "purge removes /var/lib/manifold, /etc/manifold, the binary and the unit's links" purged

if ((failures > 0)); then
  echo "deb: $failures check(s) failed"
  exit 1
fi
echo "deb: every check passed"

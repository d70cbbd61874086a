#!/usr/bin/env bash
# Tries to cross-build the whole gateway for Windows with Debian's mingw-w64:
#   1. sources   Debian's source packages of Poco (1.11) and OpenSSL (3.0), with
#                Debian's patches applied (needs a deb-src entry: added when root)
#   2. openssl   static libcrypto/libssl for x86_64-w64-mingw32 (Debian ships none)
#   3. poco      static Poco: Foundation Net Util JSON XML Crypto NetSSL Data DataSQLite
#                (SQLite from Poco's bundled sqlite3.c)
#   4. host      the manifold executable against both, with ninja -k 0 so every
#                file that fails is listed (host-failures.txt)
#
# NOT run by CI nor by packaging/test.sh: a cold run takes tens of minutes on
# one core (packaging/windows/README.md, "Cross-building the host", has the
# measured times). Step 4 is expected to fail: 12 of the gateway's files use
# Linux-only APIs (listed in that README).
#
# Idempotent: steps 1-3 leave a stamp under the cache and are skipped when it
# matches; step 4 rebuilds incrementally. Everything lives in
# MANIFOLD_XWIN_CACHE (default /var/cache/manifold-xwin); the repository is not
# written to. Builds run with `nice -n 19` on MANIFOLD_XWIN_JOBS cores
# (default 1). Prints each step's wall and CPU time; exits non-zero naming
# the step that failed and its log.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cache=${MANIFOLD_XWIN_CACHE:-/var/cache/manifold-xwin}
jobs=${MANIFOLD_XWIN_JOBS:-1}
triple=x86_64-w64-mingw32
src=$cache/src
build=$cache/build
prefix=$cache/prefix
logs=$cache/logs
stamps=$cache/stamps
mkdir -p "$src" "$build" "$prefix" "$logs" "$stamps"

fail() {
  echo "cross-build-host: $*" >&2
  exit 1
}

# CPU seconds (user + system) of this shell's finished children so far. On a
# shared machine a niced build waits for the CPU, so wall time alone overstates
# what the same build costs on a CI runner of its own.
children_cpu() {
  local user sys
  times >"$cache/.times" # a builtin with a redirection: no subshell
  read -r user sys < <(tail -n 1 "$cache/.times")
  awk -v u="$user" -v s="$sys" 'function sec(x, a) { split(x, a, /[ms]/); return a[1] * 60 + a[2] }
    BEGIN { printf "%.0f", sec(u) + sec(s) }'
}

# run_step NAME FUNCTION: runs FUNCTION with its output in logs/NAME.log and
# prints the wall and CPU time; on failure names the step and shows the log's tail.
run_step() {
  local name=$1 fn=$2 started=$SECONDS cpu_before cpu
  cpu_before=$(children_cpu)
  echo "== step $name: started $(date -u +%H:%M:%S)"
  # Not in an if or ||: there bash would ignore set -e inside the function.
  set +e
  (
    set -e
    "$fn"
  ) >"$logs/$name.log" 2>&1
  local status=$?
  set -e
  cpu=$(($(children_cpu) - cpu_before))
  local took="$((SECONDS - started)) s wall, $cpu s CPU"
  echo "$(date -u +%FT%TZ) $name ($status): $took" >>"$cache/times.txt"
  if ((status == 0)); then
    echo "== step $name: done in $took (log: $logs/$name.log)"
  else
    echo "== step $name: FAILED after $took (log: $logs/$name.log)" >&2
    tail -n 25 "$logs/$name.log" >&2
    fail "step '$name' failed"
  fi
}

# stamp_matches NAME KEY: true when step NAME already ran with KEY.
stamp_matches() {
  [[ -f $stamps/$1 && $(cat "$stamps/$1") == "$2" ]]
}

command -v "$triple-g++-posix" >/dev/null || fail "mingw-w64 is missing (apt-get install mingw-w64)"
for tool in cmake ninja perl make dpkg-source; do
  command -v "$tool" >/dev/null || fail "$tool is missing (apt-get install cmake ninja-build perl make dpkg-dev)"
done

# --- step 1: Debian's source packages --------------------------------------

ensure_deb_src() {
  if grep -rqs '^Types:.*deb-src\|^deb-src ' /etc/apt/sources.list /etc/apt/sources.list.d/; then
    return
  fi
  [[ $(id -u) == 0 ]] || fail "no deb-src entry in apt's sources, and adding one needs root"
  # The binary entries' URIs, suites and keys, for sources.
  sed 's/^Types: deb$/Types: deb-src/' /etc/apt/sources.list.d/debian.sources \
    >/etc/apt/sources.list.d/manifold-src.sources
  apt-get update -q
}

# fetch_source PACKAGE: unpacks the newest source version apt can download.
# Mirrors can list a security update whose files they do not hold, so older
# listed versions are tried in turn.
fetch_source() {
  local package=$1 version
  compgen -G "$src/$package-[0-9]*/" >/dev/null && return
  for version in $(apt-cache showsrc "$package" | awk '/^Version:/ {print $2}' | sort -rV | uniq); do
    if (cd "$src" && apt-get source -q "$package=$version"); then
      return
    fi
    rm -f "$src/${package}_"*
  done
  return 1
}

sources() {
  ensure_deb_src
  fetch_source poco
  fetch_source openssl
}

# --- step 2: OpenSSL ----------------------------------------------------------

openssl_options=(mingw64 "--cross-compile-prefix=$triple-" no-shared no-tests
  "--prefix=$prefix" --libdir=lib "--openssldir=$prefix/ssl")

openssl() {
  local dir=$build/openssl
  rm -rf "$dir" && mkdir -p "$dir" && cd "$dir"
  nice -n 19 perl "$openssl_src/Configure" "${openssl_options[@]}"
  nice -n 19 make -j"$jobs" build_libs
  nice -n 19 make install_dev
}

# --- step 3: Poco -------------------------------------------------------------

# Windows' headers are case-insensitive, mingw's are lowercase files on a
# case-sensitive disk: Poco's #include <Winsock2.h> needs winsock2.h. A folder
# of such aliases is searched after every other.
case_shim=$cache/mingw-case-aliases
mingw_include=/usr/$triple/include

make_case_aliases() {
  local header lower
  mkdir -p "$case_shim"
  { grep -rhoE '#\s*include\s*<[^>/]*[A-Z][^>/]*\.h>' "$@" || true; } | sed -E 's/.*<(.*)>/\1/' | sort -u |
    while read -r header; do
      lower=${header,,}
      if [[ ! -e $mingw_include/$header && -e $mingw_include/$lower ]]; then
        ln -sfn "$mingw_include/$lower" "$case_shim/$header"
        echo "case alias: $header -> $lower"
      fi
    done
}

# Only these libraries are built; every other Poco option is turned off.
poco_args=(-DBUILD_SHARED_LIBS=OFF -DPOCO_UNBUNDLED=OFF -DCMAKE_BUILD_TYPE=Debug
  # A precaution: COFF's default section limit can be too small for Debug objects.
  "-DCMAKE_C_FLAGS=-idirafter $case_shim" "-DCMAKE_CXX_FLAGS=-Wa,-mbig-obj -idirafter $case_shim"
  # Poco looks for Microsoft's mc.exe (for Foundation's pocomsg.mc); binutils'
  # windmc takes the same -h/-r arguments.
  "-DCMAKE_MC_COMPILER=$(command -v "$triple-windmc")")
for option in FOUNDATION NET UTIL JSON XML CRYPTO NETSSL DATA DATA_SQLITE; do
  poco_args+=("-DENABLE_$option=ON")
done
for option in ENCODINGS ENCODINGS_COMPILER MONGODB REDIS PDF SEVENZIP ZIP CPPPARSER POCODOC \
  PAGECOMPILER PAGECOMPILER_FILE2PAGE ACTIVERECORD ACTIVERECORD_COMPILER JWT \
  DATA_MYSQL DATA_POSTGRESQL DATA_ODBC APACHECONNECTOR NETSSL_WIN TESTS; do
  poco_args+=("-DENABLE_$option=OFF")
done

poco() {
  local dir=$build/poco
  rm -rf "$dir"
  make_case_aliases "$poco_src"
  nice -n 19 cmake -S "$poco_src" -B "$dir" -G Ninja "${cross[@]}" \
    -DCMAKE_INSTALL_PREFIX="$prefix" "${poco_args[@]}"
  nice -n 19 cmake --build "$dir" -j "$jobs" -- -k 0
  cmake --install "$dir"
  # The gateway includes <sqlite3.h>; Poco links the bundled copy in.
  cp "$poco_src/Data/SQLite/src/sqlite3.h" "$prefix/include/"
}

# --- step 4: the gateway ------------------------------------------------------

host() {
  local dir=$build/host sqlite_lib
  # Poco's installed headers include <Winsock2.h> too.
  make_case_aliases "$repo/host" "$prefix/include"
  sqlite_lib=$(compgen -G "$prefix/lib/libPocoDataSQLite*.a" | head -n 1)
  # Boost is header-only here; a folder holding just boost/ keeps glibc's
  # headers in /usr/include away from the cross compiler.
  mkdir -p "$cache/boost-headers-only"
  ln -sfn /usr/include/boost "$cache/boost-headers-only/boost"
  nice -n 19 cmake -S "$repo" -B "$dir" -G Ninja "${cross[@]}" \
    -DCMAKE_BUILD_TYPE=Debug "-DCMAKE_CXX_FLAGS=-Wa,-mbig-obj -idirafter $case_shim" \
    -DMANIFOLD_BUILD_TESTS=OFF \
    -DCMAKE_PREFIX_PATH="$prefix" -DPoco_DIR="$prefix/cmake" \
    -DBoost_NO_BOOST_CMAKE=ON -DBoost_INCLUDE_DIR="$cache/boost-headers-only" \
    -DSQLite3_INCLUDE_DIR="$prefix/include" -DSQLite3_LIBRARY="$sqlite_lib"
  local status=0
  nice -n 19 cmake --build "$dir" -j "$jobs" --target manifold -- -k 0 || status=$?
  # ninja prints "FAILED: <output>" once per failing edge.
  grep '^FAILED: ' "$logs/host.log" | sed 's/^FAILED: //' | sort -u >"$cache/host-failures.txt" || true
  echo "files that failed: $(wc -l <"$cache/host-failures.txt") (list: $cache/host-failures.txt)"
  return "$status"
}

# --- main ---------------------------------------------------------------------

if stamp_matches sources fetched; then
  echo "== step sources: cached"
else
  run_step sources sources
  echo fetched >"$stamps/sources"
fi
poco_src=$(compgen -G "$src/poco-[0-9]*/" | head -n 1)
openssl_src=$(compgen -G "$src/openssl-[0-9]*/" | head -n 1)
poco_src=${poco_src%/} openssl_src=${openssl_src%/}
echo "poco: $poco_src, openssl: $openssl_src"

# The repository's toolchain, plus the cache's prefix as a second root, so
# find_library/find_path (root path mode ONLY) see what steps 2-3 installed.
cat >"$cache/mingw-w64-xwin.cmake" <<EOF
include("$repo/sdk/cmake/mingw-w64-x86_64.cmake")
list(APPEND CMAKE_FIND_ROOT_PATH "$prefix")
EOF
cross=("-DCMAKE_TOOLCHAIN_FILE=$cache/mingw-w64-xwin.cmake"
  "-DOPENSSL_ROOT_DIR=$prefix" -DOPENSSL_USE_STATIC_LIBS=ON)

openssl_key="$(basename "$openssl_src") ${openssl_options[*]}"
if stamp_matches openssl "$openssl_key"; then
  echo "== step openssl: cached"
else
  rm -f "$stamps/openssl" "$stamps/poco"
  run_step openssl openssl
  echo "$openssl_key" >"$stamps/openssl"
fi

poco_key="$(basename "$poco_src") ${poco_args[*]}"
if stamp_matches poco "$poco_key"; then
  echo "== step poco: cached"
else
  run_step poco poco
  echo "$poco_key" >"$stamps/poco"
fi

run_step host host
echo "cross-build-host: the gateway cross-built: $build/host/manifold.exe"

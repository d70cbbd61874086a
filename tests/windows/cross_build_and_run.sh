#!/usr/bin/env bash
# Proves that a plugin builds for Windows too. With Debian's mingw-w64:
#  1. the SDK alone, installed to a prefix, cross-builds sdk/examples/echo-provider
#     into a .dll whose export table (objdump -p) is exactly manifold_plugin_entry
#     and which imports no mingw runtime DLL;
#  2. the Windows plugin probe (this folder: Boost.DLL plus the gateway's own ABI
#     checks) loads it under wine64, negotiates the ABI, and drives one streamed
#     answer through it; it feeds a recorded OpenAI stream, byte by byte, through
#     the first-party openai-compatible plugin built for Windows; it accepts a
#     plugin built for an older minor and refuses ones built for another major, a
#     newer minor, a short descriptor, or with no entry symbol.
# Exits 77 (ctest: skipped) with the reason when mingw-w64 or wine64 is missing.
set -euo pipefail
build_dir=$1 source_dir=$2

skip() { echo "SKIPPED: $*"; exit 77; }
triple=x86_64-w64-mingw32
command -v $triple-g++ >/dev/null ||
  skip "mingw-w64 is not installed (packaging/install-deps.sh --test installs it)"
wine=$(command -v wine64 || echo /usr/lib/wine/wine64)
wineserver=$(command -v wineserver || echo /usr/lib/wine/wineserver64)
[[ -x $wine && -x $wineserver ]] ||
  skip "wine64 is not installed (packaging/install-deps.sh --test installs it)"

work=$build_dir/windows
mkdir -p "$work"
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_C_COMPILER_LAUNCHER=ccache -DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
cross_build() {  # source folder, build folder, extra cmake arguments...
  local src=$1 out=$2
  shift 2
  cmake -S "$src" -B "$out" -G Ninja -DCMAKE_BUILD_TYPE=Release "${launcher[@]}" "$@" >/dev/null
  cmake --build "$out" >/dev/null
}

# 1. As a third party would: the installed SDK and its toolchain file, nothing else.
rm -rf "$work/sdk"
cmake --install "$build_dir" --component sdk --prefix "$work/sdk" >/dev/null
sdk_cmake=$(dirname "$(find "$work/sdk" -name ManifoldSDKConfig.cmake)")
cross_build "$source_dir/sdk/examples/echo-provider" "$work/echo-provider" \
  -DCMAKE_TOOLCHAIN_FILE="$sdk_cmake/mingw-w64-x86_64.cmake" -DCMAKE_PREFIX_PATH="$work/sdk"
dll=$work/echo-provider/echo_provider.dll

# Exactly one export, and no mingw runtime DLL among the imports.
check_dll() {
  local table exports imports
  table=$($triple-objdump -p "$1")
  exports=$(sed -n '/^\[Ordinal\/Name Pointer\] Table/,/^$/p' <<<"$table" | awk '/^\t\[/ {print $NF}')
  [[ $exports == "manifold_plugin_entry" ]] || { echo "$1: unexpected exports: ${exports:-none}"; exit 1; }
  imports=$(awk '/DLL Name:/ {print $3}' <<<"$table" | sort | tr '\n' ' ')
  if grep -Eiq 'libstdc|libgcc|winpthread' <<<"$imports"; then
    echo "$1 needs mingw runtime DLLs: $imports"; exit 1
  fi
  echo "$(basename "$1") exports only manifold_plugin_entry and imports $imports"
}
check_dll "$dll"

# 2. The probe and the ABI-case plugins, with the same toolchain file.
cross_build "$source_dir/tests/windows" "$work/probe" \
  -DCMAKE_TOOLCHAIN_FILE="$source_dir/sdk/cmake/mingw-w64-x86_64.cmake"
check_dll "$work/probe/openai-compatible.dll"
cp "$dll" "$work/probe/"

# A wine prefix takes tens of seconds to create: make it once, under a lock.
export WINEPREFIX=${MANIFOLD_WINEPREFIX:-${XDG_CACHE_HOME:-$HOME/.cache}/manifold/wine64-prefix}
export WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
mkdir -p "$(dirname "$WINEPREFIX")"
(
  flock 9
  if [[ ! -f $WINEPREFIX/system.reg ]]; then
    echo "creating the wine prefix $WINEPREFIX (once)"
    "$wine" wineboot --init >/dev/null 2>&1 || true
    # The registry reaches system.reg only when the wine server exits.
    "$wineserver" -w
  fi
) 9>"$WINEPREFIX.lock"
[[ -f $WINEPREFIX/system.reg ]] || { echo "wine could not create its prefix in $WINEPREFIX"; exit 1; }

# What the probe must say depends on the ABI of this checkout.
plugin_h=$source_dir/sdk/include/manifold/plugin.h
minor=$(awk '$2 == "MANIFOLD_ABI_MINOR" {print $3}' "$plugin_h")
# The descriptor's size (the same on Windows x64: every field is a fixed-width
# integer or a pointer).
descriptor_size=$(cd "$work" && printf '%s\n' '#include <stdio.h>' '#include <manifold/plugin.h>' \
  'int main(void) { printf("%zu", sizeof(mf_plugin_descriptor)); return 0; }' >size.c &&
  gcc -I"$source_dir/sdk/include" size.c -o size && ./size)

# Each wine start costs seconds unless a wine server and its services are
# already up: keep them for as long as the cases run (the server exits 5 s
# after the last of them). They are started here with their output on
# /dev/null; started by a case, they would hold its $(...) open until they exit.
"$wineserver" -p5 || true
(cd "$work/probe" && "$wine" ./plugin_probe.exe >/dev/null 2>&1) || true

failures=0
expect() {  # expected exit code, expected output, probe arguments...
  local code=$1 expected=$2 output rc=0
  shift 2
  output=$(cd "$work/probe" && "$wine" ./plugin_probe.exe "$@" 2>&1) || rc=$?
  output=${output//$'\r'/}
  if [[ $rc -ne $code || $output != "$expected" ]]; then
    echo "FAIL $*: exit $rc (expected $code)"
    diff <(echo "$expected") <(echo "$output") || true
    failures=$((failures + 1))
  else
    echo "ok   $*"
  fi
}

expect 0 "exports: manifold_plugin_entry
accepted: example.echo 1.0.0 ABI 1.$minor
log:info:echo provider ready with prefix \"windows: \"
text:windows: round trip
usage:2:1:0:0
finish:1
generate: ok" echo_provider.dll "round trip"
# The events tests/plugins/providers/openai-compatible expects from this fixture.
cp "$source_dir/tests/fixtures/openai/reasoning.sse" "$work/probe/"
expect 0 "exports: manifold_plugin_entry
accepted: openai-compatible 1.0.0 ABI 1.$minor
reasoning:The user asks 2+2.
reasoning: That is 4.
text:4
usage:12:30:0:24
finish:1
stream: ok" openai-compatible.dll --sse reasoning.sse
expect 0 'exports: manifold_plugin_entry
accepted: test.older-minor 0.0.1 ABI 1.0
text:ok
finish:1
generate: ok' older_minor.dll "round trip"
expect 2 'exports: manifold_plugin_entry
refused: built for ABI major 2, host has 1' wrong_major.dll "round trip"
expect 2 "exports: manifold_plugin_entry
refused: built for ABI 1.$((minor + 1)), newer than the host's 1.$minor" newer_minor.dll "round trip"
expect 2 "exports: manifold_plugin_entry
refused: descriptor struct_size 16 is smaller than ABI 1.0's $descriptor_size" small_struct.dll "round trip"
expect 2 'exports: manifold_plugin_entry_misspelt
refused: missing entry symbol manifold_plugin_entry' missing_entry.dll "round trip"

"$wineserver" -w
[[ $failures -eq 0 ]] || { echo "$failures Windows plugin case(s) failed"; exit 1; }
echo "plugin cross-built for Windows, loaded and answered under wine: OK"

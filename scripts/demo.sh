#!/usr/bin/env bash
# The README's main-job command: installs what is missing, builds perry-native, and runs the main
# job end to end. It grows with the project; today: build the runtime and the CLI, then build a
# host program against the installed runtime and run it.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

"$root/scripts/setup.sh"

build=$root/build/main
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" -j "$(nproc)"

prefix=$root/build/demo/prefix
rm -rf "$root/build/demo"
cmake --install "$build" --prefix "$prefix" >/dev/null
echo "==== installed the runtime under $prefix"

work=$root/build/demo/work
mkdir -p "$work"
echo "==== host program against the installed runtime (pkg-config perry-ffi)"
flags=$(PKG_CONFIG_PATH=$prefix/lib/pkgconfig pkg-config --cflags --libs perry-ffi)
# shellcheck disable=SC2086 # the pkg-config output is a list of flags
cc -std=c99 -Wall -Werror -o "$work/runtime-hello" "$root/examples/runtime-hello/main.c" $flags
"$work/runtime-hello"
echo "==== demo finished"

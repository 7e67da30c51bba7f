#!/usr/bin/env bash
# The README's main-job command: installs what is missing, builds perry-native, then runs the main
# job end to end:
#   1. install the runtime and the `perry` CLI into a prefix;
#   2. put the example binding (examples/hello-binding, C++) into an app's node_modules;
#   3. `perry native validate`: builds the binding (CMake) and checks its archive against its
#      manifest;
#   4. `perry native resolve`: what a compiler asks about the app's import;
#   5. link a host program (what a compiler would emit for the app) with the binding's archive and
#      libperry_ffi.a, and run it.
# Scaffolding (`perry native init`) and linking (`perry native link`) join this when they exist.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

"$root/scripts/setup.sh"

build=$root/build/main
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" -j "$(nproc)"

demo=$root/build/demo
rm -rf "$demo"
prefix=$demo/prefix
cmake --install "$build" --prefix "$prefix" >/dev/null
perry=$prefix/bin/perry
echo "==== 1. installed the runtime and perry under $prefix"

app=$demo/app
package=$app/node_modules/@perry-examples/hello
mkdir -p "$package"
cp -R "$root/examples/hello-binding/." "$package/"
printf '{ "name": "hello-app", "version": "1.0.0", "private": true }\n' >"$app/package.json"
printf 'import { greet } from "@perry-examples/hello";\nconsole.log(greet("Perry native"));\n' \
  >"$app/main.ts"
echo "==== 2. app with the binding in node_modules: $app"

echo "==== 3. perry native validate $package"
CMAKE_PREFIX_PATH=$prefix "$perry" native validate "$package"
staticlib=$package/build/libhello_binding.a

echo "==== 4. perry native resolve @perry-examples/hello --from $app/main.ts"
"$perry" native resolve @perry-examples/hello --from "$app/main.ts"

echo "==== 5. link the app with the binding and the runtime, and run it"
flags=$(PKG_CONFIG_PATH=$prefix/lib/pkgconfig pkg-config --cflags perry-ffi)
libs=$(PKG_CONFIG_PATH=$prefix/lib/pkgconfig pkg-config --libs perry-ffi)
# shellcheck disable=SC2086 # pkg-config prints lists of flags
cc -std=c99 -Wall -Werror $flags -o "$app/hello-app" "$root/examples/hello-binding/host/main.c" \
  "$staticlib" $libs
"$app/hello-app"
echo "==== demo finished"

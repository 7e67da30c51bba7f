#!/usr/bin/env bash
# The README's main-job command: installs what is missing, builds and installs perry-native into a
# prefix (tools and runtime only: no tests, no benchmarks), then, using only that installed
# prefix:
#   1. scaffolds a new binding with `perry native init` in a temporary directory, validates it and
#      runs its hello function and its calls file;
#   2. validates every example in examples/ and runs its calls file;
#   3. links a program with `perry native link` against two examples (zlib and dotenv) installed
#      in an app's node_modules, and runs it;
#   4. prints a summary table.
# Builds go to a cache under build/demo (never into a package). Exit status: 0 when every step
# passed.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

"$root/scripts/setup.sh"

build=$root/build/demo-build
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DPERRY_BUILD_TESTS=OFF \
  -DPERRY_BUILD_BENCH=OFF >/dev/null
cmake --build "$build" -j "$(nproc)"

demo=$root/build/demo
rm -rf "$demo"
prefix=$demo/prefix
cmake --install "$build" --prefix "$prefix" >/dev/null
export PATH="$prefix/bin:$PATH"
export PERRY_CACHE_DIR=$demo/cache
export CARGO_NET_OFFLINE=true
echo "==== installed perry-native $(perry --version | awk '{print $2}') into $prefix"

rows=()
failures=0
seconds_since() { awk -v s="$1" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f s", e - s }'; }
declared() { python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["perry"]["nativeLibrary"]["functions"]))' "$1/package.json"; }

# check NAME LANGUAGE DIR CALLS: validate DIR, run its calls file, add a row to the table.
check() {
  local name=$1 language=$2 dir=$3 calls=$4 start validate summary
  start=$(date +%s.%N)
  echo
  echo "==== $name ($language): perry native validate"
  if perry native validate "$dir"; then validate=green; else validate=FAILED; failures=$((failures + 1)); fi
  echo "==== $name ($language): perry native run --script $(basename "$calls")"
  local log
  log=$demo/$(tr -c 'A-Za-z0-9._-' '_' <<<"$name").run.log
  if (cd "$dir" && perry native run --script "$calls") >"$log" 2>&1; then :; else failures=$((failures + 1)); fi
  cat "$log"
  summary=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$log" | tail -n 1 || true)
  rows+=("$name|$language|$(declared "$dir")|$validate|${summary:-no summary}|$(seconds_since "$start")")
}

echo
echo "==== 1. perry native init: a new C++ binding in a temporary directory"
scaffold=$(mktemp -d "$demo/scaffold.XXXXXX")
perry native init @demo/greeter --lang cpp --dir "$scaffold/greeter"
echo "==== perry native run --call 'js_greeter_hello(\"world\")'"
(cd "$scaffold/greeter" && perry native run --call 'js_greeter_hello("world")')
check "init: @demo/greeter" "C++" "$scaffold/greeter" "$scaffold/greeter/test/hello.calls"

echo
echo "==== 2. the examples"
check dotenv "C++" "$root/examples/dotenv" "$root/examples/dotenv/dotenv.calls"
check sqlite "C++" "$root/examples/sqlite" "$root/examples/sqlite/sqlite.calls"
check emitter "C++" "$root/examples/emitter" "$root/examples/emitter/emitter.calls"
check zlib "C" "$root/examples/zlib" "$root/examples/zlib/zlib.calls"
check rust-hash "Rust" "$root/examples/rust-hash" "$root/examples/rust-hash/rust-hash.calls"

echo
echo "==== 3. perry native link: a program importing @perry/zlib and @perry/dotenv"
app=$demo/app
mkdir -p "$app/node_modules/@perry"
ln -s "$root/examples/zlib" "$app/node_modules/@perry/zlib"
ln -s "$root/examples/dotenv" "$app/node_modules/@perry/dotenv"
cat >"$app/package.json" <<'EOF'
{ "name": "demo-app", "version": "1.0.0", "private": true,
  "dependencies": { "@perry/zlib": "0.1.0", "@perry/dotenv": "0.5.0" } }
EOF
# What a compiler emits for the app: calls of the bindings' symbols with runtime values.
cat >"$app/main.c" <<'EOF'
#include <perry/ffi.h>
#include <stdio.h>
#include <string.h>

double js_zlib_crc32(const PerryBufferHeader* bytes);
const PerryStringHeader* js_dotenv_parse(const PerryStringHeader* text);

int main(void) {
    if (perry_runtime_init(NULL) != PERRY_OK) return 1;
    PerryValue bytes = perry_buffer_from_bytes("perry", 5);
    printf("crc32(\"perry\") = %.0f\n", js_zlib_crc32(perry_value_to_pointer(bytes)));
    const char* env = "GREETING=hello\nexport NAME='perry native'\n";
    PerryValue text = perry_string_from_utf8(env, strlen(env));
    PerryValue parsed =
        perry_value_from_pointer(PERRY_TAG_STRING, js_dotenv_parse(perry_string_header(&text)));
    const char* out;
    size_t length;
    if (perry_string_bytes(&parsed, &out, &length) != PERRY_OK) return 1;
    printf("dotenv.parse = %.*s\n", (int)length, out);
    return perry_runtime_shutdown() == PERRY_OK ? 0 : 1;
}
EOF
cc -std=c99 -Wall -Werror -I"$prefix/include" -c "$app/main.c" -o "$app/main.o"
start=$(date +%s.%N)
(cd "$app" && perry native link main.o -o demo-app)
"$app/demo-app"
rows+=("link: demo-app|C|2 packages|linked|ran|$(seconds_since "$start")")

echo
echo "==== summary"
printf '%-22s %-9s %-11s %-9s %-18s %s\n' example language functions validate calls time
for row in "${rows[@]}"; do
  IFS='|' read -r name language functions validate calls time <<<"$row"
  printf '%-22s %-9s %-11s %-9s %-18s %s\n' "$name" "$language" "$functions" "$validate" "$calls" "$time"
done
if ((failures)); then
  echo "demo: $failures step(s) failed"
  exit 1
fi
echo "==== demo finished"

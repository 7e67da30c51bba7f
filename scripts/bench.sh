#!/usr/bin/env bash
# Runs every benchmark of bench/ (each prints ours beside its named peer and the ratio, measured
# in the same run). Not part of the test command: speed targets are ratios, read by people.
#   scripts/bench.sh            all of them
# The machine drifts by up to 30% within seconds; only the ratios mean anything.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
"$root/scripts/setup.sh"

build=$root/build/bench
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DPERRY_BUILD_BENCH=ON \
  -DPERRY_BUILD_TESTS=OFF >/dev/null
cmake --build "$build" -j "$(nproc)"

echo "==== runtime core vs Node-API (issue 2)"
cmake --build "$build" --target bench-ffi-core
echo "==== JSON.stringify vs node (issue 2)"
cmake --build "$build" --target bench-ffi-json
echo "==== async runtime vs Node-API, libuv, a direct call (issue 3)"
# run.sh configures its own runtime-only build directory.
"$root/bench/ffi-async/run.sh" "$root/build/bench-async"
echo "==== manifest validation vs ajv (issue 4)"
"$root/bench/resolver-manifest/run.sh" "$build"
echo "==== resolution vs node's require.resolve (issue 4)"
python3 "$root/bench/resolver-resolve/run.py" "$build/bench/resolver-resolve/perry_resolve_bench"
echo "==== symbols and validate vs nm, llvm-nm and the original pipeline (issue 5)"
cmake --build "$build" --target bench_symbols

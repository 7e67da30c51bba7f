#!/usr/bin/env bash
# A `number, number -> number` call through a generated call shim against a direct C call of the
# same function: ROUNDS (default 3) fresh processes, each interleaving the two sides and
# printing its medians and the ratio (shim / direct; target <= 2x).
#
#   bench/run-shims/run.sh [build-dir]     (default build/bench, configured here if needed)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$root/build/bench}
rounds=${ROUNDS:-3}

cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DPERRY_BUILD_BENCH=ON \
  -DPERRY_BUILD_TESTS=OFF >/dev/null
cmake --build "$build" --target perry_shim_bench >/dev/null
for ((i = 0; i < rounds; i++)); do
  "$build/bench/run-shims/perry_shim_bench"
done

#!/usr/bin/env bash
# bench/ffi-platform: the runtime's generic POSIX platform layer (PERRY_PLATFORM=posix, the paths
# macOS and the BSDs take) against the Linux one, on bench/ffi-core's string, object and handle
# benchmarks. Builds ffi_core_bench_ours in two Release build directories, runs both sides
# interleaved, each benchmark in a fresh process per side and round, and prints the medians and
# the ratio posix / linux (target <= 1.25: macOS users must not get a slow runtime).
#
#   bench/ffi-platform/run.sh [build-root] [rounds]   (default build/bench-platform, 7 rounds)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
builds=${1:-$root/build/bench-platform}
rounds=${2:-7}

for platform in linux posix; do
  cmake -S "$root" -B "$builds/$platform" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DPERRY_PLATFORM=$platform -DPERRY_BUILD_BENCH=ON -DPERRY_BUILD_TOOLS=OFF \
    -DPERRY_BUILD_TESTS=OFF >/dev/null
  cmake --build "$builds/$platform" --target ffi_core_bench_ours >/dev/null
done
linux=$builds/linux/bench/ffi-core/ffi_core_bench_ours
posix=$builds/posix/bench/ffi-core/ffi_core_bench_ours

median() { sort -g | awk '{v[NR]=$1} END {print (NR%2) ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}'; }

# name iterations (bench/ffi-core/run.sh's)
benchmarks=(
  "string_16b 2000000"
  "string_4kib 200000"
  "object_5_fields 1000000"
  "handle_lookup 20000000"
)
for entry in "${benchmarks[@]}"; do
  read -r name iterations <<<"$entry"
  linux_runs=()
  posix_runs=()
  for ((round = 0; round < rounds; round++)); do
    linux_runs+=("$("$linux" "$name" "$iterations")")
    posix_runs+=("$("$posix" "$name" "$iterations")")
  done
  l=$(printf '%s\n' "${linux_runs[@]}" | median)
  p=$(printf '%s\n' "${posix_runs[@]}" | median)
  awk -v n="$name" -v l="$l" -v p="$p" 'BEGIN {
    printf "%s: posix %.2f ns/op, linux %.2f ns/op, ratio %.2fx (target <= 1.25x)\n", n, p, l, p / l }'
done

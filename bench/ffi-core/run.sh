#!/usr/bin/env bash
# bench/ffi-core: perry's C ABI against Node-API doing the same operations in a C loop.
#   run.sh <ffi_core_bench_ours> <ffi_core_napi.node> [rounds]
# Runs both sides interleaved, each benchmark in a fresh process per side and round, and prints
# the median of the rounds per side and their ratio (this machine drifts by up to 30% within
# seconds: only the ratio of interleaved runs means anything).
set -euo pipefail
ours=$1
addon=$(realpath "$2")
rounds=${3:-5}
here=$(dirname "$0")

# name iterations target-ratio
benchmarks=(
  "string_16b 2000000 3"
  "string_4kib 200000 3"
  "object_5_fields 1000000 3"
  "handle_lookup 20000000 10"
)

median() { sort -g | awk '{v[NR]=$1} END {print (NR%2) ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}'; }

for entry in "${benchmarks[@]}"; do
  read -r name iterations target <<<"$entry"
  ours_runs=()
  peer_runs=()
  for ((round = 0; round < rounds; round++)); do
    ours_runs+=("$("$ours" "$name" "$iterations")")
    peer_runs+=("$(node "$here/napi_driver.js" "$addon" "$name" "$iterations")")
  done
  ours_ns=$(printf '%s\n' "${ours_runs[@]}" | median)
  peer_ns=$(printf '%s\n' "${peer_runs[@]}" | median)
  awk -v n="$name" -v o="$ours_ns" -v p="$peer_ns" -v t="$target" 'BEGIN {
    printf "%s: ours %.2f ns/op, node-api %.2f ns/op, ratio %.1fx (target >= %d x)\n", n, o, p, p / o, t }'
done

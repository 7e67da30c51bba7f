#!/usr/bin/env bash
# Runs the async runtime benchmarks against their peers, interleaved, each side in fresh
# processes ROUNDS times (default 5), and prints the medians as
#   <name>: ours <v> ns/op, <peer> <v> ns/op, ratio <r>x (target >= N x)
# where the ratio is peer / ours (above 1: ours is faster).
#
#   bench/ffi-async/run.sh [build-dir]     (default build/bench, configured here if needed)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$root/build/bench}
rounds=${ROUNDS:-5}

cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DPERRY_BUILD_BENCH=ON \
  -DPERRY_BUILD_TOOLS=OFF -DPERRY_BUILD_TESTS=OFF >/dev/null
cmake --build "$build" --target perry_async_bench uv_queue_work_bench napi_settle_addon >/dev/null

dir=$build/bench/ffi-async
ours=$dir/perry_async_bench

median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# compare NAME PEER_NAME TARGET OURS_CMD... -- PEER_CMD...
compare() {
  local name=$1 peer=$2 target=$3; shift 3
  local ours_cmd=() peer_cmd=()
  while [[ $1 != -- ]]; do ours_cmd+=("$1"); shift; done
  shift
  peer_cmd=("$@")
  local ours_runs=() peer_runs=()
  for ((i = 0; i < rounds; i++)); do
    ours_runs+=("$("${ours_cmd[@]}")")
    peer_runs+=("$("${peer_cmd[@]}")")
  done
  local o p
  o=$(printf '%s\n' "${ours_runs[@]}" | median)
  p=$(printf '%s\n' "${peer_runs[@]}" | median)
  awk -v n="$name" -v peer="$peer" -v o="$o" -v p="$p" -v t="$target" \
    'BEGIN { printf "%s: ours %.1f ns/op, %s %.1f ns/op, ratio %.2fx (target >= %s x)\n", n, o, peer, p, p / o, t }'
}

compare "ffi-async/settle-8-threads" "node-api tsfn+resolve_deferred" 2 \
  "$ours" settle 400000 -- node "$root/bench/ffi-async/napi_settle.js" "$dir/napi_settle_addon.node" 400000
compare "ffi-async/closure-call1" "direct fn-pointer call" 0.33 \
  "$ours" closure-call -- "$ours" direct-call
compare "ffi-async/spawn-blocking-roundtrip" "libuv uv_queue_work" 1 \
  "$ours" spawn-roundtrip 20000 -- "$dir/uv_queue_work_bench" 20000

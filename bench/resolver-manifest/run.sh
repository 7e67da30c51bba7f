#!/usr/bin/env bash
# Manifest parse + validate: ours (parse_manifest_text from the JSON text) against node's
# JSON.parse + ajv's compiled validator for schemas/manifest.schema.json, on the same
# 500-function, 9-target document, both warm and in-process. Five rounds, each running one fresh
# process per side, interleaved; the figure per side is the median over the rounds.
#
#   bench/resolver-manifest/run.sh <build dir configured with -DPERRY_BUILD_BENCH=ON>
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:?usage: run.sh <build dir>}
ours=$build/bench/resolver-manifest/perry_bench_manifest
schema_dir=$root/tests/resolver/schema
[[ -x $ours ]] || { echo "run.sh: $ours not built (cmake --build $build --target perry_bench_manifest)" >&2; exit 2; }
cmake -DNPM="$(command -v npm)" -DDIR="$schema_dir" -P "$schema_dir/install.cmake"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
doc=$work/package.json
"$ours" --emit "$doc"

ours_ns=() ; ajv_ns=()
for _ in 1 2 3 4 5; do
  ours_ns+=("$("$ours" "$doc")")
  ajv_ns+=("$(node "$root/bench/resolver-manifest/ajv_bench.cjs" "$schema_dir/node_modules" \
             "$root/schemas/manifest.schema.json" "$doc")")
done
median() { printf '%s\n' "$@" | sort -n | sed -n 3p; }
o=$(median "${ours_ns[@]}")
a=$(median "${ajv_ns[@]}")
awk -v o="$o" -v a="$a" -v size="$(wc -c <"$doc")" 'BEGIN {
  printf "manifest_validate_500fn_9targets (%d bytes): ours %.1f us, ajv %.1f us, ratio %.1fx (target >= 10 x)\n",
         size, o / 1000, a / 1000, a / o }'

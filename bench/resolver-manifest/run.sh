#!/usr/bin/env bash
# Manifest parse + validate: ours (parse_manifest_text from the JSON text) against node's
# JSON.parse + ajv's compiled validator for schemas/manifest.schema.json, on the same
# 500-function, 9-target document, both warm and in-process. Six rounds, each running one fresh
# process per side on one CPU; the figure per side is the median over the rounds, the ratio the
# median of the rounds' ratios.
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

# Both processes of a round run on the same CPU, each round on the next CPU this script may use:
# the CPUs of a virtual machine need not be equally fast (on the machine of the figures in
# docs/resolver/manifest.md, one ran both sides 1.5x slower than the other), and a ratio of two
# figures taken on different CPUs measures the CPUs. The ratio is the median of the rounds'.
read -ra cpus < <(python3 -c 'import os; print(*sorted(os.sched_getaffinity(0)))')
ours_ns=() ; ajv_ns=() ; ratios=()
for round in 0 1 2 3 4 5; do
  cpu=${cpus[round % ${#cpus[@]}]}
  o=$(taskset -c "$cpu" "$ours" "$doc")
  a=$(taskset -c "$cpu" node "$root/bench/resolver-manifest/ajv_bench.cjs" \
        "$schema_dir/node_modules" "$root/schemas/manifest.schema.json" "$doc")
  ours_ns+=("$o") ; ajv_ns+=("$a")
  ratios+=("$(awk -v o="$o" -v a="$a" 'BEGIN { printf "%.3f", a / o }')")
  printf 'round %d on cpu %s: ours %.1f us, ajv %.1f us\n' "$round" "$cpu" \
    "$(awk -v v="$o" 'BEGIN { print v / 1000 }')" "$(awk -v v="$a" 'BEGIN { print v / 1000 }')" >&2
done
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (v[int((NR + 1) / 2)] + v[int(NR / 2) + 1]) / 2 }'; }
o=$(median "${ours_ns[@]}")
a=$(median "${ajv_ns[@]}")
r=$(median "${ratios[@]}")
awk -v o="$o" -v a="$a" -v r="$r" -v size="$(wc -c <"$doc")" 'BEGIN {
  printf "manifest_validate_500fn_9targets (%d bytes): ours %.1f us, ajv %.1f us, ratio %.1fx (target >= 3 x)\n",
         size, o / 1000, a / 1000, r }'

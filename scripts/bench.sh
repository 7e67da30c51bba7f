#!/usr/bin/env bash
# Runs every benchmark of bench/ (each prints ours beside its named peer and the ratio, measured
# in the same run) and ends with one table: benchmark, ours, peer, ratio, target, met.
# Not part of the test command: speed targets are ratios, read by people.
#   scripts/bench.sh              all of them (the raw lines are kept in build/bench/bench.log)
#   scripts/bench.sh --table LOG  only print the table of a log written before
# The machine drifts by up to 30% within seconds; only the ratios mean anything. A benchmark
# that fails is reported in the table as failed; the others still run.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$PWD
build=$root/build/bench
log=$build/bench.log

# The table: every line of the log that reads `<name>: <ours>, <peer>, ratio <r>x (target <op>
# <t> x)` (the shape every bench prints) becomes one row; `# ...` lines are commentary.
print_table() {
  python3 - "$1" <<'EOF'
import re, sys
rows = []
line_re = re.compile(r"^(?P<name>[^#].*?): (?P<ours>[^,]+), (?P<peer>.+?), "
                     r"ratio (?P<ratio>[0-9.]+)x \(target (?P<op>[<>]=) ?(?P<target>[0-9.]+) ?x?\)")
for line in open(sys.argv[1], encoding="utf-8", errors="replace"):
    line = line.strip()
    if line.startswith("FAILED: "):
        rows.append((line[len("FAILED: "):], "-", "-", "-", "-", "failed"))
        continue
    m = line_re.match(line)
    if not m:
        continue
    ratio, target = float(m["ratio"]), float(m["target"])
    met = ratio >= target if m["op"] == ">=" else ratio <= target
    # bench/ffi-platform reuses ffi-core's names with the POSIX layer as "ours".
    name = m["name"] + (" (posix layer)" if m["ours"].startswith("posix ") else "")
    ours = re.sub(r"^(ours|shim|posix) ", "", m["ours"])
    rows.append((name, ours, m["peer"], f"{ratio:g}x", f"{m['op']} {target:g}x",
                 "yes" if met else "NO"))
head = ("benchmark", "ours", "peer", "ratio", "target", "met")
print("| " + " | ".join(head) + " |")
print("|" + "|".join("---" for _ in head) + "|")
for row in rows:
    # A peer may be a pipeline (`nm | grep`): its bars must not split the Markdown cell.
    print("| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |")
EOF
}

if [[ ${1:-} == --table ]]; then
  print_table "${2:?usage: bench.sh --table LOG}"
  exit
fi

"$root/scripts/setup.sh" || exit 2
# Tests stay configured because bench/build-cache measures the tests' build_driver; only the
# targets the benchmarks need are built.
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DPERRY_BUILD_BENCH=ON \
  -DPERRY_BUILD_TESTS=ON >/dev/null || exit 2
: >"$log"

# run NAME COMMAND...: runs one benchmark, its output to the terminal and the log.
run() {
  local name=$1
  shift
  echo "==== $name"
  if ! "$@" 2>&1 | tee -a "$log"; then
    echo "FAILED: $name" | tee -a "$log"
  fi
}

run "runtime core vs Node-API" cmake --build "$build" --target bench-ffi-core
run "JSON.stringify vs node" cmake --build "$build" --target bench-ffi-json
# These configure their own build directories (a runtime-only build; two platform layers).
run "async runtime vs Node-API, libuv" "$root/bench/ffi-async/run.sh" "$root/build/bench-async"
run "POSIX platform layer vs Linux" "$root/bench/ffi-platform/run.sh"
run "manifest validation vs ajv" bash -c "cmake --build '$build' --target perry_bench_manifest \
  >/dev/null && '$root/bench/resolver-manifest/run.sh' '$build'"
run "resolution vs node's require.resolve" bash -c "cmake --build '$build' --target \
  perry_resolve_bench >/dev/null && python3 '$root/bench/resolver-resolve/run.py' \
  '$build/bench/resolver-resolve/perry_resolve_bench'"
run "symbols and validate vs nm" cmake --build "$build" --target bench_symbols
run "build cache no-op vs cargo" cmake --build "$build" --target bench_build_cache
run "call shims vs a direct call" "$root/bench/run-shims/run.sh" "$build"
# perry finds its runtime and run harness beside it in the build tree.
run "second run --call vs a bare link" bash -c "cmake --build '$build' --target perry perry_ffi \
  perry_run_host >/dev/null && python3 '$root/bench/cli-run/run.py' '$build'"

echo
echo "==== summary ($(date -u +%Y-%m-%d), $(nproc) cores," \
  "$(lscpu | sed -n 's/^Model name: *//p' | head -1))"
print_table "$log"

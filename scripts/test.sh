#!/usr/bin/env bash
# The README's test command: installs what is missing, builds, and runs every suite.
#
#   1. main build (gcc, RelWithDebInfo): every unit, golden and end-to-end test;
#   2. the runtime suite again with PERRY_GC_STRESS=1 (a collection on every allocation);
#   3. clang ASan+UBSan build: the runtime suite, the resolver's and linker's unit and golden
#      tests (they read untrusted manifests, JSON and objects), the fuzz targets for a bounded time;
#   4. clang TSan build: the threaded runtime tests;
#   5. the runtime and the tools built with their generic POSIX platform layers (the paths macOS
#      and the BSDs take): the runtime suite, the tools' layer, the resolver's suite and the
#      golden tests (the CLI on that layer);
#   6. the runtime cross-built for Windows (mingw-w64), its suite under wine64;
#   7. the layout check: every C and C++ file as .clang-format says (scripts/check-format.sh).
#
# Each stage builds in its own directory under build/. The last line is the total count.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

"$root/scripts/setup.sh"

jobs=$(nproc)
passed=0
failed=0
failed_stages=()

# run_stage NAME BUILD_DIR CTEST_ARGS... : runs ctest, adds its counts to the totals.
run_stage() {
  local name=$1 dir=$2; shift 2
  echo
  echo "==== $name"
  local log="$dir/ctest-$name.log"
  set +e
  ctest --test-dir "$dir" --output-on-failure -j "$jobs" --timeout 600 "$@" 2>&1 | tee "$log"
  local rc=${PIPESTATUS[0]}
  set -e
  local line total nfail
  line=$(grep -E 'tests passed, [0-9]+ tests failed out of [0-9]+' "$log" | tail -n 1 || true)
  if [[ -z $line ]]; then
    echo "stage $name: ctest ran no test (exit $rc)"
    failed=$((failed + 1)); failed_stages+=("$name"); return
  fi
  nfail=$(sed -E 's/.* ([0-9]+) tests failed out of ([0-9]+).*/\1/' <<<"$line")
  total=$(sed -E 's/.* ([0-9]+) tests failed out of ([0-9]+).*/\2/' <<<"$line")
  passed=$((passed + total - nfail)); failed=$((failed + nfail))
  if ((rc != 0 || nfail != 0)); then failed_stages+=("$name"); fi
}

# ccache (installed by setup.sh) makes a rebuild of an unchanged tree cheap, also from another
# checkout of it: paths are hashed relative to the checkout (CI clones into a fresh folder).
launchers=()
if command -v ccache >/dev/null 2>&1; then
  launchers=(-DCMAKE_C_COMPILER_LAUNCHER=ccache -DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
  export CCACHE_BASEDIR=$root CCACHE_NOHASHDIR=true
fi

configure_and_build() {
  local dir=$1; shift
  cmake -S "$root" -B "$dir" -G Ninja "${launchers[@]}" "$@" >"$dir.configure.log" 2>&1 ||
    { cat "$dir.configure.log"; exit 2; }
  cmake --build "$dir" -j "$jobs"
}

mkdir -p build

echo "==== building: main (gcc)"
configure_and_build build/main -DCMAKE_BUILD_TYPE=RelWithDebInfo
run_stage main build/main

PERRY_GC_STRESS=1 run_stage gc-stress build/main -L runtime

echo "==== building: asan (clang-14, address+undefined, fuzzers)"
CC=clang-14 CXX=clang++-14 configure_and_build build/asan \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPERRY_SANITIZE=address,undefined -DPERRY_BUILD_FUZZERS=ON
ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1 \
  run_stage asan build/asan -L 'runtime|fuzz|resolver|golden|linker|platform'

echo "==== building: tsan (clang-14, thread)"
CC=clang-14 CXX=clang++-14 configure_and_build build/tsan \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPERRY_SANITIZE=thread -DPERRY_BUILD_TOOLS=OFF
TSAN_OPTIONS=halt_on_error=1 run_stage tsan build/tsan -L threaded

echo "==== building: posix (gcc, PERRY_PLATFORM=posix: the runtime and the tools)"
configure_and_build build/posix -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPERRY_PLATFORM=posix -DPERRY_BUILD_TOOLS=ON
run_stage posix build/posix -L 'runtime|platform|resolver|golden'

# The runtime cross-built for Windows with mingw-w64, its suite run under wine. Bounded: wine's
# first start creates its prefix; a wine that cannot start at all skips the stage, saying so.
echo "==== building: mingw (x86_64-w64-mingw32, the runtime and the tools' platform layer, tests run under wine64)"
if command -v x86_64-w64-mingw32-g++-posix >/dev/null 2>&1 &&
  [[ -x /usr/lib/wine/wine64 ]] &&
  timeout 120 env WINEDEBUG=-all /usr/lib/wine/wine64 cmd /c exit >/dev/null 2>&1; then
  configure_and_build build/mingw -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_TOOLCHAIN_FILE="$root/cmake/toolchains/x86_64-w64-mingw32.cmake" -DPERRY_BUILD_TOOLS=OFF
  WINEDEBUG=-all run_stage wine build/mingw -L 'runtime|platform'
else
  echo "stage wine: skipped: mingw-w64 or wine64 is not usable on this machine"
fi

echo
echo "==== format"
if ! "$root/scripts/check-format.sh" >build/format.log 2>&1; then
  grep -v '^format:' build/format.log | head -n 20
  failed_stages+=(format)
fi
tail -n 1 build/format.log

echo
if ((${#failed_stages[@]})); then
  echo "failed stages: ${failed_stages[*]}"
fi
echo "all stages: $passed passed, $failed failed"
((failed == 0 && ${#failed_stages[@]} == 0))

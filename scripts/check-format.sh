#!/usr/bin/env bash
# Checks that every tracked C and C++ file is laid out as .clang-format says (clang-format-14).
#   scripts/check-format.sh          report the files that differ; exit 1 when any does
#   scripts/check-format.sh --fix    rewrite them in place
set -euo pipefail
cd "$(dirname "$0")/.."
mode=(--dry-run -Werror)
if [[ ${1:-} == --fix ]]; then mode=(-i); fi
mapfile -t files < <(git ls-files '*.c' '*.h' '*.cpp' '*.hpp' '*.cc')
bad=0
for file in "${files[@]}"; do
  if ! clang-format-14 "${mode[@]}" "$file" 2>/dev/null; then
    echo "not formatted: $file (scripts/check-format.sh --fix rewrites it)"
    bad=$((bad + 1))
  fi
done
echo "format: ${#files[@]} files checked, $bad not formatted"
((bad == 0))

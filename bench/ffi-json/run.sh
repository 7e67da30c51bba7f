#!/usr/bin/env bash
# json-stringify-1mb: our perry_json_stringify against node's own JSON.stringify on the same
# ~1 MB document (document.cpp / document.js), each timed in-process, in fresh processes,
# interleaved, several rounds; medians and their ratio (node time / our time: >= 1 means we are
# at least as fast). Checks first that both sides produce the same bytes.
#   run.sh <path to bench_ffi_json> [rounds]
set -euo pipefail
ours=$1
rounds=${2:-5}
here=$(cd "$(dirname "$0")" && pwd)
records=4000
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

"$ours" "$records" --dump "$tmp/ours.json" >/dev/null
node "$here/node_peer.js" "$records" --dump "$tmp/node.json" >/dev/null
if ! cmp -s "$tmp/ours.json" "$tmp/node.json"; then
    echo "json-stringify-1mb: outputs differ (ours $tmp/ours.json, node $tmp/node.json)" >&2
    cmp "$tmp/ours.json" "$tmp/node.json" >&2 || true
    trap - EXIT
    exit 1
fi

median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
: >"$tmp/ours" ; : >"$tmp/bytes" ; : >"$tmp/node"
for ((i = 0; i < rounds; i++)); do
    "$ours" "$records" | awk '{ print $1 }' >>"$tmp/ours"
    node "$here/node_peer.js" "$records" | awk '{ print $1 }' >>"$tmp/node"
    "$ours" "$records" --bytes | awk '{ print $1 }' >>"$tmp/bytes"
done
size=$(stat -c %s "$tmp/ours.json")
o=$(median <"$tmp/ours")
b=$(median <"$tmp/bytes")
n=$(median <"$tmp/node")
awk -v o="$o" -v n="$n" -v s="$size" 'BEGIN {
    printf "json-stringify-1mb: ours %.1f us/op, node %.1f us/op, ratio %.2fx (target >= 1x) [%d bytes, string value]\n", o, n, n / o, s }'
awk -v o="$b" -v n="$n" 'BEGIN {
    printf "json-stringify-1mb-bytes: ours %.1f us/op, node %.1f us/op, ratio %.2fx (target >= 1x) [malloc bytes API]\n", o, n, n / o }'

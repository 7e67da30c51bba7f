#!/usr/bin/env bash
# Fetches the C sources of tree-sitter's TypeScript grammar, which `validate` uses to read a
# package's TypeScript declarations (docs/linker/typescript.md). Debian packages the tree-sitter
# library (libtree-sitter-dev) but not this grammar; its npm package ships the generated parser.
#
# The tarball comes from the npm registry through `npm pack`, is checked against the SHA-512
# pinned below (npm's `integrity` of that version, in hex), and only the files the build compiles
# are unpacked, into a cache directory outside the repository:
#
#   ${PERRY_TS_GRAMMAR_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/perry-native}/tree-sitter-typescript-<version>/
#
# which is CMake's default PERRY_TS_GRAMMAR_DIR. Idempotent: when the directory is complete the
# script only says so. Prints the directory on its last line.
#
# Why this version: its parser.c has LANGUAGE_VERSION 14, inside the range Debian 12's
# libtree-sitter 0.20.7 reads (TREE_SITTER_MIN_COMPATIBLE_LANGUAGE_VERSION 13 to
# TREE_SITTER_LANGUAGE_VERSION 14), and its bundled tree_sitter/parser.h declares TSLexer and
# TSLanguage exactly as that library does (0.23's adds a field to TSLexer). CMake checks the ABI
# number again at configure time.
set -euo pipefail

name=tree-sitter-typescript
version=0.21.2
# npm's integrity for this version: sha512-/RyNK41ZpkA8PuPZimR6pGLvNR1p0ibRUJwwQn4qAjyyLEIQD/BNlwS3NSxWtGsAWZe9gZ44VK1mWx2+eQVldg==
sha512=fd1c8d2b8d59a6403c3ee3d98a647aa462ef351d69d226d1509c30427e2a023cb22c42100ff04d9704b7352c56b46b005997bd819e3854ad665b1dbe79056576

cache=${PERRY_TS_GRAMMAR_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/perry-native}
dest="$cache/$name-$version"
stamp="$dest/.complete"

if [[ -f "$stamp" ]]; then
  echo "fetch-ts-grammar: $name $version present"
  echo "$dest"
  exit 0
fi

command -v npm >/dev/null 2>&1 || {
  echo "fetch-ts-grammar: error: npm is not installed (Debian: apt-get install npm)" >&2
  exit 2
}

mkdir -p "$cache"
work=$(mktemp -d "$cache/.fetch-$name.XXXXXX")
trap 'rm -rf "$work"' EXIT

tarball="$work/$name-$version.tgz"
(cd "$work" && npm pack --silent "$name@$version" >/dev/null)
[[ -f "$tarball" ]] || {
  echo "fetch-ts-grammar: error: npm pack did not write $tarball" >&2
  exit 2
}

actual=$(sha512sum "$tarball" | cut -d' ' -f1)
if [[ "$actual" != "$sha512" ]]; then
  echo "fetch-ts-grammar: error: $name-$version.tgz has SHA-512 $actual, expected $sha512" >&2
  echo "  the registry's file differs from the one pinned in $0: do not use it" >&2
  exit 1
fi

# Only the typescript dialect (not tsx), its bundled tree-sitter headers, the scanner they share,
# and the licence.
tar -xzf "$tarball" -C "$work" \
  package/LICENSE \
  package/typescript/src/parser.c \
  package/typescript/src/scanner.c \
  package/typescript/src/tree_sitter \
  package/common/scanner.h
touch "$work/package/.complete"

# Renamed into place whole, so an interrupted run never leaves a directory that looks complete.
rm -rf "$dest"
mv "$work/package" "$dest"
echo "fetch-ts-grammar: $name $version unpacked"
echo "$dest"

#!/usr/bin/env bash
# Installs the Debian packages perry-native needs to build, test and run its examples.
# Idempotent: when everything is present it installs nothing and does not touch apt or npm.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config git
  clang-14 llvm-14 llvm-14-dev llvm-14-tools libclang-rt-14-dev lld-14 libz3-dev zlib1g-dev libzstd-dev
  libtinfo-dev libxml2-dev
  # LLVM 14's CMake exports name `sancov` from clang-tools-14; find_package(LLVM) fails without it.
  clang-tools-14
  nlohmann-json3-dev libarchive-dev libspdlog-dev libfmt-dev libboost-dev libboost-filesystem-dev
  libcli11-dev libtomlplusplus-dev libgtest-dev libgmock-dev libbenchmark-dev libuv1-dev libsimdjson-dev
  ccache sccache libsqlite3-dev valgrind libssl-dev clang-format-14
  # validate reads TypeScript declarations with tree-sitter (the grammar comes from npm, below).
  libtree-sitter-dev
  # cpack's Depends line comes from dpkg-shlibdeps.
  dpkg-dev
  # prebuild cross-builds C/C++ bindings for aarch64-unknown-linux-gnu (and its test checks the archive).
  g++-aarch64-linux-gnu
  binutils file
  python3 # two benchmark drivers (bench/resolver-resolve, bench/symbols)
  # The runtime cross-built for Windows and its suite run under wine (a stage of test.sh).
  g++-mingw-w64-x86-64-posix wine64
)
# Rust and Node may come from elsewhere on a developer machine (rustup, a node tarball): only
# install Debian's when the command is missing altogether.
command -v cargo >/dev/null 2>&1 || [[ -x "$HOME/.cargo/bin/cargo" ]] || packages+=(cargo rustc)
command -v node >/dev/null 2>&1 || packages+=(nodejs)
command -v npm >/dev/null 2>&1 || packages+=(npm)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if ((${#missing[@]} == 0)); then
  echo "setup: all ${#packages[@]} packages present"
else
  echo "setup: installing ${missing[*]}"
  sudo=""
  if [[ $(id -u) -ne 0 ]]; then sudo="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# Not a Debian package: the TypeScript grammar's generated C sources, from its npm package,
# checked against a pinned hash and cached outside the repository (idempotent).
"$(dirname "$0")/fetch-ts-grammar.sh" >/dev/null

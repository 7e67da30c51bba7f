// The cache key of a build: a SHA-256 over everything that can change its output.
#pragma once

#include "perry/resolver/manifest.h"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace perry::linker::detail {

struct KeyInputs {
    std::string builder;                      // "cargo" or "cmake"
    std::filesystem::path crate_dir;          // its files are hashed (build outputs excluded)
    const resolver::Target* target = nullptr; // the manifest's entry, every field
    std::string lib;                          // the library name built (inferred or given)
    std::string triple;                       // empty: the host
    std::vector<std::string> compiler_identities;
    std::string runtime_version;
};

// The key, or nothing with `error` set when a file could not be read.
std::optional<std::string> build_key(const KeyInputs& inputs, std::string& error);

// The identity of a compiler (its version output, e.g. `rustc -vV`), run once per binary: the
// answer is kept in <cache>/compilers/ under the binary's path, size and modification time, so
// checking an unchanged build starts no compiler. `extra_state` joins that file key (rustup
// proxies: the toolchain settings, since the proxy binary does not change when they do).
std::optional<std::string> compiler_identity(const std::filesystem::path& cache_dir,
                                             const std::vector<std::string>& version_argv,
                                             const std::string& extra_state, std::string& error);

} // namespace perry::linker::detail

// What a package directory offers to the plan: the build system of a crate, the library name
// cargo gives its staticlib, the archive inside a prebuilt directory.
#pragma once

#include "perry/linker/link_plan.h"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace perry::linker::detail {

// Cargo.toml wins over CMakeLists.txt when a directory has both (a Rust crate with a CMake-built
// C dependency keeps its CMakeLists.txt beside Cargo.toml).
std::optional<BuildSystem> detect_build_system(const std::filesystem::path& dir);

// The staticlib name cargo uses comes from the build layer's cargo_library_name
// (build/builders.h): one reader of Cargo.toml, behind the resolver's toml++ guard.

// The file names `stem` has on `target`: as written when `lib` has an extension, else cargo's
// and CMake's conventions (`libfoo.a`; on Windows also `foo.lib`).
std::vector<std::string> archive_file_names(const resolver::Target& target,
                                            const std::string& stem);

struct DirectoryArchive {
    std::optional<std::filesystem::path> path;     // the archive, when one is clearly meant
    std::vector<std::filesystem::path> candidates; // every .a/.lib/.wasm seen, sorted
};

// A prebuilt that is a directory (the `web` target's wasm-pack output): the file `names`
// lists, else the only archive (.a, .lib, .wasm) in it.
DirectoryArchive archive_in_directory(const std::filesystem::path& dir,
                                      const std::vector<std::string>& names);

} // namespace perry::linker::detail

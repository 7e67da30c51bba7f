// Where a target's staticlib is: its prebuilt, or the output of building its crate (cargo or
// CMake). Internal to validate.
#pragma once

#include "perry/linker/build.h"
#include "perry/resolver/diagnostic.h"
#include "perry/resolver/manifest.h"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace perry::linker::detail {

struct LocatedArchive {
    std::optional<std::filesystem::path> path; // nullopt: not found (see diagnostics)
    bool skipped = false;                      // nothing to check for this target (not an error)
    bool unreadable = false;                   // missing input: exit code 2
    std::optional<BuildResult> build;          // set when the archive was built (or cached)
};

// Finds (and unless `build` is false, first builds) the archive of `target`.
// `host` says whether the target is the host's (only the host's crate is built here). Builds
// go through the build cache (build_binding), never into the package.
LocatedArchive locate_archive(const resolver::ManifestResult& manifest,
                              const resolver::Target& target, bool build, bool host,
                              const BuildOptions& build_options,
                              std::vector<resolver::Diagnostic>& diagnostics);

} // namespace perry::linker::detail

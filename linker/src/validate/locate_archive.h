// Where a target's staticlib is: its prebuilt, or the output of building its crate (cargo or
// CMake). Internal to validate.
#pragma once

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
};

// Finds (and unless `build` is false, first builds) the archive of `target`.
// `host` says whether the target is this machine's (only the host's crate can be built here).
LocatedArchive locate_archive(const resolver::ManifestResult& manifest,
                              const resolver::Target& target, bool build, bool host,
                              std::vector<resolver::Diagnostic>& diagnostics);

} // namespace perry::linker::detail

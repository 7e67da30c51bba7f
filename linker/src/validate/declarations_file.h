// Which file holds a package's TypeScript declarations, by the order docs/linker/typescript.md
// gives: package.json's `types`, else `typings`, else `main` when it is a TypeScript file, else
// src/index.ts when it exists.
#pragma once

#include "perry/resolver/diagnostic.h"
#include "perry/resolver/manifest.h"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace perry::linker::detail {

struct DeclarationsFile {
    std::optional<std::filesystem::path> path; // the file to read; nullopt: none to read
    std::string selected_by; // "types", "typings", "main" or "default" (src/index.ts)
    std::string not_found;   // when `path` is nullopt: why there is nothing to read
};

// The declarations file of `manifest`'s package. A `types`, `typings` or TypeScript `main` that
// leaves the package, is missing or is not TypeScript is an error added to `diagnostics` (the
// field is not used then, and nothing is read).
DeclarationsFile find_declarations_file(const resolver::ManifestResult& manifest,
                                        std::vector<resolver::Diagnostic>& diagnostics);

} // namespace perry::linker::detail

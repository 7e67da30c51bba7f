// Which files of a package `npm pack` puts in its tarball, by npm-packlist's rules (`files`,
// `.npmignore`/`.gitignore`, the files npm always includes and always leaves out). Internal to
// pack; the rules supported are listed in docs/cli/pack.md.
#pragma once

#include "perry/resolver/diagnostic.h"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace perry::linker::pack {

// The fields of package.json that choose files.
struct SelectionFields {
    std::optional<std::vector<std::string>> files; // `files`, as written
    // Files npm always includes when they exist: `main`, `browser` and each `bin`, with the JSON
    // pointer each was read from (for diagnostics).
    struct Required {
        std::string pointer;
        std::string path;
    };
    std::vector<Required> required;
};

struct Selection {
    std::vector<std::string> files; // relative, `/`-separated, sorted by bytes
    std::vector<resolver::Diagnostic> diagnostics;
    bool bad_input = false; // a diagnostic is an error about unusable input (exit 2)
};

// Walks `package_dir` (never through a symlink) and selects its files. `manifest_label` names
// package.json in diagnostics. Refused with an error: a `files`/`main`/`bin`/`browser` path that
// is absolute or leaves the package, a glob this reader does not support (in `files` or an ignore
// file), and a symlink that would be packed and points outside the package. A symlink inside the
// package, and a name npm refuses (containing `*`), are left out with a warning, as npm leaves
// them out.
Selection select_files(const std::filesystem::path& package_dir, const std::string& manifest_label,
                       const SelectionFields& fields);

} // namespace perry::linker::pack

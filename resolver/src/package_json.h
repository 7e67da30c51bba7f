// Internal: a package's package.json as resolution reads it, with the reader every package.json
// goes through (json_document.h). The tree is kept for the next lookup of the package (each
// lookup of a subpath reads its `exports` again), beside the few facts every lookup needs.
#pragma once

#include "json_document.h"

#include <optional>
#include <string>

namespace perry::resolver::detail {

struct PackageJson {
    std::string error;                  // why it is not a usable package.json; empty when fine
    int line = 0, column = 0;           // where a syntax error is (0: not a syntax error)
    std::optional<std::string> version; // `version`, when it is a string
    bool native = false;                // `perry.nativeLibrary` is present (valid or not)
    JsonDocument document;              // the tree, when `error` is empty

    // `error` as a message about `file`: `<file>:<line>:<column>: invalid JSON: ...` for a
    // syntax error (as `validate` says it), `<file>: ...` otherwise.
    std::string error_about(const std::string& file) const;
};

// Parses `text` into `package`.
void parse_package_json(std::string_view text, PackageJson& package);

} // namespace perry::resolver::detail

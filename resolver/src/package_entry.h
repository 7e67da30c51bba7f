// Internal: which file of a found package a specifier's subpath names. With `exports`, node's
// PACKAGE_EXPORTS_RESOLVE with the `perry` condition preferred; without, `main` or the file itself.
#pragma once

#include "json_reader.h"

#include <optional>
#include <string>
#include <vector>

namespace perry::resolver::detail {

struct PackageEntry {
    std::optional<std::string> file;    // the entry file when one exists
    bool from_exports = false;          // chosen by `exports` (node does not check that it exists)
    std::string condition;              // the `exports` condition that chose it, empty when none
    std::string error;                  // the subpath is not exported / exports is malformed
    std::vector<std::string> looked_in; // files tried when there is no `exports`
};

// `subpath` is "." or "./x/y"; `dir` is the package's real directory; `package` the root object
// of its package.json.
PackageEntry resolve_package_entry(const std::string& dir, const JsonValue& package,
                                   const std::string& subpath);

} // namespace perry::resolver::detail

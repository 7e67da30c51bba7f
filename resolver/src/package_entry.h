// Internal: which file of a found package a specifier's subpath names. With `exports`, node's
// PACKAGE_EXPORTS_RESOLVE with the `perry` condition preferred; without, `main` or the file itself.
#pragma once

#include "json_document.h"

#include <optional>
#include <string>
#include <vector>

namespace perry::resolver::detail {

// Where a package's files are: its real directory, whose paths are reported.
class PackageFiles {
  public:
    explicit PackageFiles(std::string_view dir) : dir_(dir) {}
    std::string_view dir() const { return dir_; }
    // `relative` + `suffix` (relative to the package directory) names a regular file, symlinks
    // followed.
    bool is_regular_file(std::string_view relative, std::string_view suffix = {}) const;

  private:
    std::string_view dir_;
    mutable std::string path_; // room for the path of each check
};

struct PackageEntry {
    std::optional<std::string> file;    // the entry file when one exists
    bool from_exports = false;          // chosen by `exports` (node does not check that it exists)
    bool missing = false;               // from_exports: but no such file exists
    std::string condition;              // the `exports` condition that chose it, empty when none
    std::string error;                  // the subpath is not exported / exports is malformed
    std::vector<std::string> looked_in; // files tried when there is no `exports`
};

// `subpath` is "." or "./x/y"; `package` is the root object of the package's package.json.
PackageEntry resolve_package_entry(const PackageFiles& files, const JsonValue& package,
                                   const std::string& subpath);

} // namespace perry::resolver::detail

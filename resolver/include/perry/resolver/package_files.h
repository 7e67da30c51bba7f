// A package's own files as its package.json names them outside the manifest (`types`, `main`):
// the fields read with the one package.json reader, and the containment rule of manifest paths.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace perry::resolver {

// The top-level members `names` of the package.json at `package_json`, in the order asked: each
// the member's value when it is a non-empty string, else nullopt. An unreadable or invalid file
// gives all nullopt (the manifest reader reports it).
std::vector<std::optional<std::string>>
read_package_strings(const std::filesystem::path& package_json,
                     const std::vector<std::string_view>& names);

// Why `written` (relative to the package directory `package_dir`) may not name a file of the
// package, by the rule of manifest paths: empty, absolute, a `..` segment, or a symlink leading
// out of the package. nullopt when it may.
std::optional<std::string> package_file_problem(const std::string& package_dir,
                                                std::string_view written);

} // namespace perry::resolver

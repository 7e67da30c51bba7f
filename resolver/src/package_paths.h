// Internal: containment of manifest paths in their package directory.
#pragma once

#include "perry/resolver/manifest.h"

#include <optional>
#include <string>
#include <string_view>

namespace perry::resolver::detail {

// The package directory with symlinks resolved, or "" when it is not an existing directory.
std::string canonical_package_root(const std::string& package_dir);

// A package directory as the containment checks of its manifest paths reach it. They look at
// the components of each path below it (an lstat each); where the directory itself really is
// (its real path) matters only to judge where a symlink met there leads, so it is resolved then,
// once. A clean manifest therefore costs nothing about the directory but one stat saying that it
// exists, and not even that when the caller says that `path` is real (ParseOptions).
class PackageDirectory {
  public:
    // `path` as given to the parser, which must outlive this object; what the caller knows
    // about it, from ParseOptions (package_dir_is_real).
    explicit PackageDirectory(const std::string& path, bool path_is_real = false);

    // Whether the checks look at the file system at all: `path` names an existing directory
    // (asked once; taken as true when the caller says it is real). An empty `path` is checked
    // lexically only.
    bool exists();
    // The directory with symlinks resolved; "" when it cannot be found (it vanished).
    const std::string& real_path();
    // lstat(2) of `relative` (no leading `/`) below the directory: S_ISLNK of its mode, or
    // nullopt when it does not exist.
    std::optional<bool> is_symlink(std::string_view relative);

  private:
    const std::string& path_;
    bool path_is_real_;
    std::optional<bool> exists_;
    std::optional<std::string> real_path_;
    std::string scratch_; // room for the paths of is_symlink()
};

// Why `written` is not an acceptable package path by its text alone, or nullopt when it is: not
// empty, no NUL, not absolute (`/x`, `\x`, `C:x`), no `..` segment (either separator).
std::optional<std::string> written_path_problem(std::string_view written);

// written_path_problem, then, when `dir` exists, symlinks: a path that passes one must still lead
// inside the real package directory.
std::optional<std::string> package_path_problem(std::string_view written, PackageDirectory& dir);

// The package directory lexically normalised, for resolve_package_path (computed once per
// manifest): `package_dir` itself when it is normal already (directories from the node_modules
// walk are real paths, always normal), else a normalised copy held in `storage`.
std::string_view normal_package_dir(const std::string& package_dir, std::string& storage);

// (package_dir / written).lexically_normal() for a `written` that package_path_problem accepted
// (relative, no `..` segment), from `normal_dir` = normal_package_dir(package_dir). A path of
// plain names is joined as a string (the library's lexically_normal costs a few hundred
// nanoseconds per path, and most manifest paths are of that kind); any other goes through it.
std::string resolve_package_path(std::string_view written, std::string_view normal_dir);

} // namespace perry::resolver::detail

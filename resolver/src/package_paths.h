// Internal: containment of manifest paths in their package directory.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace perry::resolver::detail {

// The package directory with symlinks resolved, or an empty path when it does not exist (then
// only the lexical rules apply). Computed once per manifest.
std::filesystem::path canonical_package_root(const std::filesystem::path& package_dir);

// While one lives, canonical_package_root answers `dir` for `dir` on this thread without a system
// call, and the symlink checks below `dir` reach it as `name` inside the directory open as
// `parent_fd` (a two-component walk for the kernel instead of the whole path) when that is given:
// resolution knows the real path of every package it found (the node_modules walk resolved it,
// and keeps its node_modules open) and has the manifest checked right away. Asking the file
// system again cost three system calls per native package. XXX: a ParseOptions field could carry
// this without thread-local state, but manifest.h belongs to the manifest half: should it?
class KnownCanonicalDirectory {
  public:
    explicit KnownCanonicalDirectory(const std::string& dir, int parent_fd = -1,
                                     std::string_view name = {});
    ~KnownCanonicalDirectory();
    KnownCanonicalDirectory(const KnownCanonicalDirectory&) = delete;
    KnownCanonicalDirectory& operator=(const KnownCanonicalDirectory&) = delete;

    struct Place {
        const std::string* dir = nullptr;
        int parent_fd = -1;
        std::string_view name;
    };

  private:
    Place previous_;
};

// Why `written` is not an acceptable package path, or nullopt when it is. Lexical rules: not
// empty, not absolute (`/x`, `\x`, `C:x`), no `..` segment (either separator). When
// `canonical_root` is not empty, symlinks are resolved too and the target must stay inside it.
std::optional<std::string> package_path_problem(std::string_view written,
                                                const std::filesystem::path& package_dir,
                                                const std::filesystem::path& canonical_root);

// The package directory lexically normalised, for resolve_package_path (computed once per
// manifest).
std::string normal_package_dir(const std::filesystem::path& package_dir);

// (package_dir / written).lexically_normal() for a `written` that package_path_problem accepted
// (relative, no `..` segment), from `normal_dir` = normal_package_dir(package_dir). Built as a
// string: the library's lexically_normal costs a few hundred nanoseconds per path.
std::filesystem::path resolve_package_path(std::string_view written, const std::string& normal_dir);

} // namespace perry::resolver::detail

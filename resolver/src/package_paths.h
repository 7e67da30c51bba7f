// Internal: containment of manifest paths in their package directory.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace perry::resolver::detail {

// Why `written` is not an acceptable package path, or nullopt when it is. Lexical rules: not
// empty, not absolute (`/x`, `\x`, `C:x`), no `..` segment (either separator). When
// `package_dir` exists, symlinks are resolved too and the target must stay inside it.
std::optional<std::string> package_path_problem(std::string_view written,
                                                const std::filesystem::path& package_dir);

std::filesystem::path resolve_package_path(std::string_view written,
                                           const std::filesystem::path& package_dir);

} // namespace perry::resolver::detail

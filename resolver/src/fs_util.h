// Internal: the few file-system questions resolution asks, as plain POSIX calls on strings (no
// exceptions, no std::filesystem::path allocations on the hot path of a node_modules walk).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace perry::resolver::detail {

bool is_regular_file(const std::string& path); // follows symlinks
bool is_directory(const std::string& path);    // follows symlinks
// The canonical path (symlinks resolved, like node's realpath), or nullopt when it does not exist.
std::optional<std::string> real_path(const std::string& path);
bool read_file(const std::string& path, std::string& out);
// `a/b` with exactly one slash between them; `/` + `x` is `/x`.
std::string join(std::string_view dir, std::string_view name);
std::string parent_dir(const std::string& dir); // of a canonical path; `/` is its own parent
std::string_view base_name(std::string_view path);

} // namespace perry::resolver::detail

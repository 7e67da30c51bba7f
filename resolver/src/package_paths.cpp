#include "package_paths.h"

#include <system_error>

namespace perry::resolver::detail {
namespace {

bool is_separator(char c) {
    return c == '/' || c == '\\';
}

bool has_dotdot_segment(std::string_view path) {
    std::size_t start = 0;
    while (start <= path.size()) {
        std::size_t end = start;
        while (end < path.size() && !is_separator(path[end]))
            ++end;
        if (path.substr(start, end - start) == "..")
            return true;
        start = end + 1;
    }
    return false;
}

bool is_within(const std::filesystem::path& root, const std::filesystem::path& candidate) {
    auto r = root.begin(), c = candidate.begin();
    for (; r != root.end(); ++r, ++c) {
        if (r->empty())
            continue; // a trailing separator yields an empty last element
        if (c == candidate.end() || *r != *c)
            return false;
    }
    return true;
}

} // namespace

std::filesystem::path resolve_package_path(std::string_view written,
                                           const std::filesystem::path& package_dir) {
    return (package_dir / std::filesystem::path(std::string(written))).lexically_normal();
}

std::filesystem::path canonical_package_root(const std::filesystem::path& package_dir) {
    std::error_code ec;
    if (package_dir.empty() || !std::filesystem::is_directory(package_dir, ec))
        return {};
    std::filesystem::path root = std::filesystem::canonical(package_dir, ec);
    return ec ? std::filesystem::path() : root;
}

std::optional<std::string> package_path_problem(std::string_view written,
                                                const std::filesystem::path& package_dir,
                                                const std::filesystem::path& canonical_root) {
    if (written.empty())
        return std::string("is empty");
    if (written.find('\0') != std::string_view::npos)
        return std::string("contains a NUL character");
    if (is_separator(written[0]) ||
        (written.size() >= 2 && written[1] == ':' &&
         ((written[0] >= 'A' && written[0] <= 'Z') || (written[0] >= 'a' && written[0] <= 'z')))) {
        return std::string("is an absolute path");
    }
    if (has_dotdot_segment(written))
        return std::string("contains a `..` segment");
    if (canonical_root.empty())
        return std::nullopt;
    // The package exists: follow symlinks so that `native -> /usr/lib` cannot smuggle a path out.
    std::error_code ec;
    std::filesystem::path target =
        std::filesystem::weakly_canonical(package_dir / std::string(written), ec);
    if (ec)
        return std::nullopt;
    if (!is_within(canonical_root, target)) {
        return "leaves the package through a symlink to " + target.string();
    }
    return std::nullopt;
}

} // namespace perry::resolver::detail

#include "perry/resolver/specifier.h"

#include "fs_util.h"

namespace perry::resolver {

namespace {

// A path segment of a package name or subpath: non-empty, not `.`/`..`, no backslash or NUL
// (they would let a specifier step out of node_modules or alias another name).
bool valid_segment(std::string_view segment) {
    return !segment.empty() && segment != "." && segment != ".." &&
           segment.find_first_of(std::string_view("\\\0", 2)) == std::string_view::npos;
}

} // namespace

std::optional<Specifier> parse_specifier(std::string_view text, std::string& error) {
    if (text.empty()) {
        error = "empty specifier";
        return std::nullopt;
    }
    if (text.front() == '.' || text.front() == '/') {
        error = "not a bare specifier (relative and absolute paths are not packages)";
        return std::nullopt;
    }
    if (text.find(':') != std::string_view::npos) {
        error = "not a bare specifier (URL and `node:` specifiers are not packages)";
        return std::nullopt;
    }
    // The package name is the first segment, or the first two when it starts with a scope.
    size_t name_end = text.find('/');
    if (text.front() == '@') {
        if (name_end == std::string_view::npos || name_end == 1) {
            error = "a scoped name needs both parts: @scope/name";
            return std::nullopt;
        }
        name_end = text.find('/', name_end + 1);
    }
    const std::string_view name = text.substr(0, name_end);
    const std::string_view rest =
        name_end == std::string_view::npos ? std::string_view() : text.substr(name_end + 1);
    if (!detail::for_each_segment(text, valid_segment)) {
        error = "malformed path segment in `" + std::string(text) + "`";
        return std::nullopt;
    }
    Specifier spec;
    spec.package = std::string(name);
    spec.subpath = rest.empty() ? "." : "./" + std::string(rest);
    return spec;
}

} // namespace perry::resolver

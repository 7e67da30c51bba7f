#include "package_paths.h"

#include "fs_util.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <iterator>
#include <system_error>
#include <unistd.h>

namespace perry::resolver::detail {
namespace {

thread_local KnownCanonicalDirectory::Place known_canonical;

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

// Where `written` really leads when it leaves `root` through a symlink, or nothing. `root` is
// already canonical, so only the components of `written` are examined: one lstat each, a
// resolution only for a component that is a symlink, and nothing below a component that does
// not exist (nothing there can be a link). Resolving the whole absolute path instead cost a
// readlink per ancestor directory for every path of every manifest.
std::optional<std::filesystem::path> escape_through_symlink(const std::filesystem::path& root,
                                                            std::string_view written) {
    namespace fs = std::filesystem;
    const fs::path relative = fs::path(std::string(written)).lexically_normal();
    fs::path current = root;
    for (auto part = relative.begin(); part != relative.end(); ++part) {
        if (part->empty() || *part == ".")
            continue;
        current /= *part;
        std::error_code ec;
        const fs::file_status status = fs::symlink_status(current, ec);
        if (ec || !fs::exists(status))
            return std::nullopt;
        if (fs::is_symlink(status)) {
            // weakly_canonical also follows a dangling link to where it points.
            current = fs::weakly_canonical(current, ec);
            if (ec)
                return std::nullopt;
            if (!is_within(root, current)) {
                for (auto rest = std::next(part); rest != relative.end(); ++rest)
                    current /= *rest; // name the whole path the manifest leads to
                return current;
            }
        }
    }
    return std::nullopt;
}

// Whether a component of `written` below `root` is a symlink, with an lstat per component on a
// string (`written` has no `..` segment; empty and `.` segments change nothing). Most manifest
// paths meet none, or stop at a component that does not exist; only a path through a link needs
// escape_through_symlink's std::filesystem work.
bool passes_a_symlink(const std::string& root, std::string_view written) {
    // From the open parent when resolution said where the package is (KnownCanonicalDirectory).
    const bool below_parent = known_canonical.dir != nullptr && known_canonical.parent_fd >= 0 &&
                              *known_canonical.dir == root;
    const int at = below_parent ? known_canonical.parent_fd : AT_FDCWD;
    std::string current(below_parent ? known_canonical.name : std::string_view(root));
    bool link = false;
    for_each_segment(written, [&](std::string_view segment) {
        if (segment.empty() || segment == ".")
            return true;
        if (current.empty() || current.back() != '/')
            current += '/';
        current.append(segment);
        struct stat st;
        if (::fstatat(at, current.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0)
            return false; // missing: nothing below it can be a link
        link = S_ISLNK(st.st_mode);
        return !link;
    });
    return link;
}

} // namespace

namespace {

// Whether lexically_normal would return `dir` unchanged: no empty, `.` or `..` segment and no
// trailing separator. Directories from the node_modules walk are real paths, always normal.
bool plainly_normal(const std::string& dir) {
    if (dir.empty() || dir.back() == '/') {
        return dir == "/";
    }
    std::size_t start = dir.front() == '/' ? 1 : 0;
    while (start <= dir.size()) {
        std::size_t end = dir.find('/', start);
        if (end == std::string::npos)
            end = dir.size();
        const std::string_view segment(dir.data() + start, end - start);
        if (segment.empty() || segment == "." || segment == "..")
            return false;
        start = end + 1;
    }
    return true;
}

} // namespace

std::string normal_package_dir(const std::filesystem::path& package_dir) {
    if (plainly_normal(package_dir.native()))
        return package_dir.native(); // lexically_normal allocates a few times per segment
    std::string normal = package_dir.lexically_normal().native();
    return normal == "." ? std::string() : normal; // "./native" normalises to "native"
}

std::filesystem::path resolve_package_path(std::string_view written,
                                           const std::string& normal_dir) {
    // lexically_normal's rules, for a relative path without `..`: empty and `.` segments go;
    // a trailing `/` or `.` leaves a trailing separator.
    std::string out = normal_dir;
    out.reserve(normal_dir.size() + written.size() + 1);
    bool any_segment = false, trailing = false;
    std::size_t start = 0;
    while (start <= written.size()) {
        std::size_t end = written.find('/', start);
        if (end == std::string_view::npos)
            end = written.size();
        const std::string_view segment = written.substr(start, end - start);
        trailing = segment.empty() || segment == ".";
        if (!trailing) {
            if (!out.empty() && out.back() != '/')
                out += '/';
            out.append(segment);
            any_segment = true;
        }
        start = end + 1;
    }
    if (!trailing)
        return std::filesystem::path(std::move(out));
    if (out.empty())
        return ".";
    // The directory itself (`written` is "." or "./"): a trailing separator, unless the
    // directory ends in `..` (lexically_normal drops the separator after a last `..`).
    const bool ends_in_dotdot =
        !any_segment &&
        (out == ".." || (out.size() >= 3 && out.compare(out.size() - 3, 3, "/..") == 0));
    if (out.back() != '/' && !ends_in_dotdot)
        out += '/';
    return std::filesystem::path(std::move(out));
}

KnownCanonicalDirectory::KnownCanonicalDirectory(const std::string& dir, int parent_fd,
                                                 std::string_view name)
    : previous_(known_canonical) {
    known_canonical = Place{&dir, parent_fd, name};
}

KnownCanonicalDirectory::~KnownCanonicalDirectory() {
    known_canonical = previous_;
}

std::filesystem::path canonical_package_root(const std::filesystem::path& package_dir) {
    if (package_dir.empty())
        return {};
    if (known_canonical.dir != nullptr && *known_canonical.dir == package_dir.native())
        return package_dir;
    // Three system calls (open, readlink of /proc/self/fd/N, close) instead of a stat and a
    // readlink per path component; canonical() when /proc cannot say.
    const int fd = ::open(package_dir.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return {}; // missing, or not a directory
    std::optional<std::string> real = real_path_of_fd(fd);
    ::close(fd);
    if (real)
        return std::filesystem::path(std::move(*real));
    std::error_code ec;
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
    (void)package_dir; // canonical_root is that directory, resolved
    if (!passes_a_symlink(canonical_root.native(), written))
        return std::nullopt;
    if (auto target = escape_through_symlink(canonical_root, written)) {
        return "leaves the package through a symlink to " + target->string();
    }
    return std::nullopt;
}

} // namespace perry::resolver::detail

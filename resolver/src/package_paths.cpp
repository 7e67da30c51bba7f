#include "package_paths.h"

#include "fs_util.h"

#include "perry/platform/files.h"

#include <cerrno>
#include <filesystem>
#include <system_error>
#include <vector>

namespace perry::resolver::detail {
namespace {

bool is_separator(char c) {
    return c == '/' || c == '\\';
}

bool has_dotdot_segment(std::string_view path) {
    // Looks only where two dots are (most paths have none), then at what surrounds them.
    for (std::size_t at = path.find(".."); at != std::string_view::npos;
         at = path.find("..", at + 1)) {
        const bool starts = at == 0 || is_separator(path[at - 1]);
        const bool ends = at + 2 == path.size() || is_separator(path[at + 2]);
        if (starts && ends)
            return true;
    }
    return false;
}

// `candidate` is `root` or below it; both are real paths (no `.`, `..` or doubled separator).
bool is_within(std::string_view root, std::string_view candidate) {
    if (root == "/")
        return true;
    return candidate.compare(0, root.size(), root) == 0 &&
           (candidate.size() == root.size() || candidate[root.size()] == '/');
}

// Where the absolute `path` leads: every symlink on the way followed, as the kernel follows them,
// and from the first component that does not exist on, the rest taken as written (as if it were
// made of directories). Unlike std::filesystem::weakly_canonical, which keeps the name of a
// symlink that dangles, a dangling link is followed to where it points: a link out of the
// package must not pass because its target does not exist yet. nullopt after 40 links (a loop).
std::optional<std::string> where_it_leads(std::string_view path) {
    std::vector<std::string> todo; // the components still to walk, the next one last
    const auto push = [&todo](std::string_view more) {
        const std::size_t end = todo.size();
        for_each_segment(more, [&](std::string_view segment) {
            if (!segment.empty() && segment != ".")
                todo.insert(todo.begin() + static_cast<std::ptrdiff_t>(end), std::string(segment));
            return true;
        });
    };
    push(path);
    std::string current = "/";
    int links = 0;
    while (!todo.empty()) {
        const std::string part = std::move(todo.back());
        todo.pop_back();
        if (part == "..") {
            current = std::string(
                parent_dir(current)); // `current` is real: its parent is the physical one
            continue;
        }
        std::string next = join(current, part);
        if (platform::link_status(next.c_str()).kind != platform::FileKind::Symlink) {
            current = std::move(next);
            continue;
        }
        const std::optional<std::string> target = platform::read_link(next.c_str());
        if (++links > 40 || !target || target->empty())
            return std::nullopt;
        if ((*target)[0] == '/')
            current = "/";
        push(*target);
    }
    return current;
}

// Where `written` really leads when it leaves `root` through a symlink, or nothing. `root` is
// already real, so only the components of `written` are examined: one lstat each, a resolution
// only for a component that is a symlink, and nothing below a component that does not exist
// (nothing there can be a link). The whole path the manifest leads to is named.
std::optional<std::string> escape_through_symlink(const std::string& root,
                                                  std::string_view written) {
    std::string current = root;
    std::optional<std::string> escape;
    for_each_segment(written, [&](std::string_view segment) {
        if (segment.empty() || segment == ".")
            return true;
        if (escape) {
            *escape = join(*escape, segment); // the rest of the path, below where it escaped
            return true;
        }
        current = join(current, segment);
        const platform::FileKind kind = platform::link_status(current.c_str()).kind;
        if (kind == platform::FileKind::Missing)
            return false; // missing: nothing below it can be a link
        if (kind != platform::FileKind::Symlink)
            return true;
        std::optional<std::string> target = where_it_leads(current);
        if (!target)
            return false; // a loop leads nowhere
        current = std::move(*target);
        if (!is_within(root, current))
            escape = current;
        return true;
    });
    return escape;
}

// Whether a component of `written` below the package directory is a symlink, with an lstat per
// component (`written` has no `..` segment; empty and `.` segments change nothing). Most manifest
// paths meet none, or stop at a component that does not exist; only a path through a link needs
// escape_through_symlink's resolution.
bool passes_a_symlink(PackageDirectory& dir, std::string_view written) {
    std::string relative;
    bool link = false;
    for_each_segment(written, [&](std::string_view segment) {
        if (segment.empty() || segment == ".")
            return true;
        if (!relative.empty())
            relative += '/';
        relative.append(segment);
        const std::optional<bool> is_link = dir.is_symlink(relative);
        if (!is_link)
            return false; // missing: nothing below it can be a link
        link = *is_link;
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

std::string_view normal_package_dir(const std::string& package_dir, std::string& storage) {
    if (plainly_normal(package_dir))
        return package_dir; // lexically_normal allocates a few times per segment
    storage = std::filesystem::path(package_dir).lexically_normal().native();
    if (storage == ".")
        storage.clear(); // "./native" normalises to "native"
    return storage;
}

namespace {

// `written` without its leading `./` segments when the rest needs no normalising: every segment
// a name (not empty, not `.`), but for a trailing `/`, which lexically_normal keeps. Most
// manifest paths are of this kind ("native", "./native/web/pkg/").
std::optional<std::string_view> plainly_relative(std::string_view written) {
    while (written.size() >= 2 && written[0] == '.' && written[1] == '/')
        written.remove_prefix(2);
    std::string_view names = written;
    if (!names.empty() && names.back() == '/')
        names.remove_suffix(1);
    const bool plain = !names.empty() && for_each_segment(names, [](std::string_view segment) {
        return !segment.empty() && segment != ".";
    });
    return plain ? std::optional<std::string_view>(written) : std::nullopt;
}

} // namespace

std::string resolve_package_path(std::string_view written, std::string_view normal_dir) {
    if (const std::optional<std::string_view> plain = plainly_relative(written)) {
        const bool separator = !normal_dir.empty() && normal_dir.back() != '/';
        std::string out;
        out.reserve(normal_dir.size() + (separator ? 1 : 0) + plain->size());
        out.append(normal_dir);
        if (separator)
            out += '/';
        out.append(*plain);
        return out;
    }
    return (std::filesystem::path(normal_dir) / std::filesystem::path(written))
        .lexically_normal()
        .native();
}

std::string canonical_package_root(const std::string& package_dir) {
    if (package_dir.empty())
        return {};
    std::optional<std::string> real = real_path(package_dir);
    if (!real || !is_directory(*real))
        return {};
    return std::move(*real);
}

PackageDirectory::PackageDirectory(const std::string& path, bool path_is_real)
    : path_(path), path_is_real_(path_is_real) {}

bool PackageDirectory::exists() {
    if (!exists_)
        exists_ = !path_.empty() && (path_is_real_ || is_directory(path_));
    return *exists_;
}

const std::string& PackageDirectory::real_path() {
    if (!real_path_)
        real_path_ = path_is_real_ ? path_ : canonical_package_root(path_);
    return *real_path_;
}

std::optional<bool> PackageDirectory::is_symlink(std::string_view relative) {
    scratch_ = join(path_, relative);
    const platform::FileKind kind = platform::link_status(scratch_.c_str()).kind;
    if (kind == platform::FileKind::Missing)
        return std::nullopt;
    return kind == platform::FileKind::Symlink;
}

std::optional<std::string> written_path_problem(std::string_view written) {
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
    return std::nullopt;
}

std::optional<std::string> package_path_problem(std::string_view written, PackageDirectory& dir) {
    if (auto problem = written_path_problem(written))
        return problem;
    // The package exists: follow symlinks so that `native -> /usr/lib` cannot smuggle a path out.
    if (!dir.exists() || !passes_a_symlink(dir, written))
        return std::nullopt;
    const std::string& root = dir.real_path();
    if (root.empty())
        return std::nullopt; // the directory vanished meanwhile: as if it had never existed
    if (auto target = escape_through_symlink(root, written))
        return "leaves the package through a symlink to " + *target;
    return std::nullopt;
}

} // namespace perry::resolver::detail

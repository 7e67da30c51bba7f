#include "fs_util.h"

#include <cerrno>
#include <cstring>

namespace perry::resolver::detail {

bool is_directory(const std::string& path) {
    return platform::file_kind(path) == platform::FileKind::Directory;
}

std::optional<std::string> real_path(const std::string& path) {
    return platform::real_path(path.c_str());
}

const RealPathCache::Entry& RealPathCache::resolve(const std::string& path) {
    return resolve(path, 40);
}

const RealPathCache::Entry& RealPathCache::resolve(const std::string& path, int links_left) {
    static const Entry kMissing{};
    static const std::string kSlash = "/";
    static const Entry kRoot{&kSlash, true};
    if (const auto hit = cache_.find(path); hit != cache_.end()) {
        return hit->second;
    }
    if (path.empty() || path[0] != '/' || links_left < 0) {
        return kMissing;
    }
    // Walk the components; `current` is always a real path (or "/").
    const Entry* current = &kRoot;
    const bool found =
        for_each_segment(std::string_view(path).substr(1), [&](std::string_view segment) {
            if (segment.empty() || segment == ".") {
                return true;
            }
            if (!current->is_dir) {
                return false; // a component that is not a directory has no children
            }
            current = segment == ".."
                          ? &resolve(std::string(parent_dir(*current->real)), links_left)
                          : &child(*current->real, segment, links_left);
            return current->real != nullptr;
        });
    return found ? *current : kMissing;
}

const RealPathCache::Entry& RealPathCache::child(const std::string& real_dir, std::string_view name,
                                                 int links_left) {
    // Looked up through a reused buffer: a hit (most calls) allocates nothing.
    key_.assign(real_dir);
    if (key_.back() != '/') {
        key_ += '/';
    }
    key_.append(name);
    if (const auto hit = cache_.find(key_); hit != cache_.end()) {
        return hit->second;
    }
    const auto it = cache_.try_emplace(key_).first;
    const std::string& path = it->first;
    const platform::FileKind kind = platform::link_status(path.c_str()).kind;
    if (kind == platform::FileKind::Missing) {
        return it->second; // stays missing
    }
    if (kind != platform::FileKind::Symlink) {
        it->second = Entry{&it->first, kind == platform::FileKind::Directory};
        return it->second;
    }
    const std::optional<std::string> target = platform::read_link(path.c_str());
    if (!target || target->empty()) {
        return it->second;
    }
    const std::string_view link(*target);
    // The recursive call inserts into the map: element references stay valid, iterators may
    // not. A loop finds this entry still missing, so it ends there.
    Entry& entry = it->second;
    entry = resolve(link.front() == '/' ? std::string(link) : join(real_dir, link), links_left - 1);
    return entry;
}

std::string describe_read_error(int err) {
    switch (err) {
    case kNotRegularFile:
        return "not a regular file";
    case EFBIG:
        return "larger than " + std::to_string(kMaxFileSize >> 20) + " MiB";
    case ELOOP:
        return "a symlink loop (too many levels of symbolic links)";
    case ENAMETOOLONG:
        return "the path is too long for the system (" + std::string(std::strerror(err)) + ")";
    case 0:
        return "read error";
    default:
        return std::strerror(err);
    }
}

bool read_file(const std::string& path, std::string& out) {
    return platform::read_regular_file(path.c_str(), out, kMaxFileSize);
}

std::string join(std::string_view dir, std::string_view name) {
    std::string out;
    out.reserve(dir.size() + 1 + name.size()); // one allocation, not one per append
    out.append(dir);
    if (out.empty() || out.back() != '/') {
        out += '/';
    }
    out.append(name);
    return out;
}

std::string_view parent_dir(std::string_view dir) {
    const size_t slash = dir.find_last_of('/');
    if (slash == std::string_view::npos || slash == 0) {
        return "/";
    }
    return dir.substr(0, slash);
}

std::string_view base_name(std::string_view path) {
    const size_t slash = path.find_last_of('/');
    return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

} // namespace perry::resolver::detail

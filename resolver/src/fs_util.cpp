#include "fs_util.h"

#include <cerrno>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

namespace perry::resolver::detail {

bool is_directory(const std::string& path) {
    struct stat st;
    return ::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

std::optional<std::string> real_path(const std::string& path) {
    char buffer[PATH_MAX];
    if (::realpath(path.c_str(), buffer) == nullptr) {
        return std::nullopt;
    }
    return std::string(buffer);
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
    struct stat st;
    if (::lstat(path.c_str(), &st) != 0) {
        return it->second; // stays missing
    }
    if (!S_ISLNK(st.st_mode)) {
        it->second = Entry{&it->first, S_ISDIR(st.st_mode)};
        return it->second;
    }
    char target[PATH_MAX];
    const ssize_t n = ::readlink(path.c_str(), target, sizeof target - 1);
    if (n <= 0) {
        return it->second;
    }
    const std::string_view link(target, static_cast<size_t>(n));
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

namespace {

// The open descriptor `fd` of a regular file of at most kMaxFileSize bytes, or -1 (the file
// closed, errno set as fs_util.h says).
int keep_if_regular(int fd, std::size_t* size = nullptr) {
    if (fd < 0)
        return fd;
    struct stat info {};
    if (::fstat(fd, &info) != 0) {
        const int saved = errno;
        ::close(fd);
        errno = saved;
        return -1;
    }
    int problem = 0;
    if (!S_ISREG(info.st_mode))
        problem = kNotRegularFile;
    else if (static_cast<std::uint64_t>(info.st_size) > kMaxFileSize)
        problem = EFBIG;
    if (problem != 0) {
        ::close(fd);
        errno = problem;
        return -1;
    }
    if (size)
        *size = static_cast<std::size_t>(info.st_size);
    return fd;
}

} // namespace

bool read_file(const std::string& path, std::string& out) {
    size_t size = 0;
    const int fd = keep_if_regular(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK), &size);
    if (fd < 0) {
        return false;
    }
    out.clear();
    // Read a regular file straight into a string of its size: a 70 KB manifest in one read
    // instead of a chain of appends through a bounce buffer (this is on the path of every
    // `perry native validate`). The loop still handles files that grow or shrink meanwhile.
    size_t length = 0;
    bool ok = true;
    for (;;) {
        if (length == out.size()) {
            out.resize(length + (size > length ? size - length + 1 : 16384));
        }
        const ssize_t n = ::read(fd, out.data() + length, out.size() - length);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            ok = false;
            break;
        }
        if (n == 0) {
            break;
        }
        length += static_cast<size_t>(n);
        if (length > kMaxFileSize) {
            errno = EFBIG; // it grew while it was read
            ok = false;
            break;
        }
        // A regular file returns less than asked only at its end: saves the read that returns 0
        // (asking for one byte past the stat size makes a complete read land here).
        if (length < out.size() && size != 0) {
            break;
        }
    }
    const int saved = errno;
    ::close(fd);
    errno = saved;
    out.resize(length);
    return ok;
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

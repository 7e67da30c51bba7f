#include "dir_listing.h"

#include <cerrno>
#include <cstddef>
#include <dirent.h>
#include <fcntl.h>
#include <unistd.h>

namespace perry::resolver::detail {

namespace {

// FNV-1a: names are short, and this is all a lookup computes besides one comparison.
std::uint32_t hash_name(std::string_view name) {
    std::uint32_t hash = 2166136261u;
    for (const char c : name) {
        hash = (hash ^ static_cast<unsigned char>(c)) * 16777619u;
    }
    return hash;
}

} // namespace

DirectoryListing::~DirectoryListing() {
    if (fd_ >= 0) {
        ::close(fd_);
    }
}

bool DirectoryListing::read(int at, const char* path, bool keep_open) {
    // O_NOFOLLOW tells, at no cost, whether the last component is a symlink: the open fails
    // (ENOTDIR with O_DIRECTORY, ELOOP without) and is made again following it.
    int fd = ::openat(at, path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0 && (errno == ENOTDIR || errno == ELOOP)) {
        fd = ::openat(at, path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        through_link_ = fd >= 0;
    }
    if (fd < 0) {
        return false;
    }
    alignas(dirent64) char buffer[32768];
    bool ok = true;
    for (;;) {
        const ssize_t n = ::getdents64(fd, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            ok = n == 0;
            break;
        }
        for (ssize_t at = 0; at < n;) {
            const auto* entry = reinterpret_cast<const dirent64*>(buffer + at);
            const std::string_view entry_name(entry->d_name);
            entries_.push_back({static_cast<std::uint32_t>(names_.size()),
                                static_cast<std::uint16_t>(entry_name.size()), entry->d_type});
            names_.append(entry_name);
            at += entry->d_reclen;
        }
    }
    if (ok && keep_open) {
        fd_ = fd;
    } else {
        ::close(fd);
    }
    if (!ok) {
        names_.clear();
        entries_.clear();
        return false;
    }
    index();
    return true;
}

void DirectoryListing::index() {
    std::size_t capacity = 16;
    while (capacity < entries_.size() * 2) {
        capacity *= 2;
    }
    slots_.assign(capacity, 0);
    const std::uint32_t mask = static_cast<std::uint32_t>(capacity - 1);
    for (std::uint32_t i = 0; i < entries_.size(); ++i) {
        std::uint32_t slot = hash_name(name(entries_[i])) & mask;
        while (slots_[slot] != 0) {
            slot = (slot + 1) & mask;
        }
        slots_[slot] = i + 1;
    }
}

int DirectoryListing::type_of(std::string_view wanted) const {
    if (slots_.empty()) {
        return -1;
    }
    const std::uint32_t mask = static_cast<std::uint32_t>(slots_.size() - 1);
    for (std::uint32_t slot = hash_name(wanted) & mask; slots_[slot] != 0;
         slot = (slot + 1) & mask) {
        const Entry& entry = entries_[slots_[slot] - 1];
        if (name(entry) == wanted) {
            return entry.type;
        }
    }
    return -1;
}

} // namespace perry::resolver::detail

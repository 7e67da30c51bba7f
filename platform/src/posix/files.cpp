// Files on POSIX systems (Linux in both layers, macOS, the BSDs).
#include "perry/platform/files.h"

#include "posix_internal.h"

#include <cerrno>
#include <climits>
#include <cstdlib>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace perry::platform {

FileKind detail::kind_of_mode(mode_t mode) {
    if (S_ISREG(mode))
        return FileKind::Regular;
    if (S_ISDIR(mode))
        return FileKind::Directory;
    if (S_ISLNK(mode))
        return FileKind::Symlink;
    if (S_ISFIFO(mode))
        return FileKind::Fifo;
    if (S_ISCHR(mode))
        return FileKind::CharacterDevice;
    if (S_ISBLK(mode))
        return FileKind::BlockDevice;
    if (S_ISSOCK(mode))
        return FileKind::Socket;
    return FileKind::Other;
}

namespace {

std::int64_t modified_ns(const struct stat& info) {
#if defined(__APPLE__)
    const struct timespec& time = info.st_mtimespec;
#else
    const struct timespec& time = info.st_mtim;
#endif
    return static_cast<std::int64_t>(time.tv_sec) * 1000000000 + time.tv_nsec;
}

FileStatus from_stat(const struct stat& info) {
    return FileStatus{detail::kind_of_mode(info.st_mode), static_cast<std::uint64_t>(info.st_size),
                      modified_ns(info)};
}

} // namespace

FileStatus status(const char* path) {
    struct stat info;
    return ::stat(path, &info) == 0 ? from_stat(info) : FileStatus{};
}

FileStatus link_status(const char* path) {
    struct stat info;
    return ::lstat(path, &info) == 0 ? from_stat(info) : FileStatus{};
}

std::optional<std::string> read_link(const char* path) {
    // Most targets fit the stack buffer: one string of the exact size, no 4 KiB allocation per
    // link (the resolver reads one per symlink of a pnpm layout).
    char buffer[PATH_MAX];
    ssize_t n = ::readlink(path, buffer, sizeof buffer);
    if (n < 0)
        return std::nullopt;
    if (static_cast<std::size_t>(n) < sizeof buffer)
        return std::string(buffer, static_cast<std::size_t>(n));
    std::string target(2 * sizeof buffer, '\0');
    for (;;) {
        n = ::readlink(path, target.data(), target.size());
        if (n < 0)
            return std::nullopt;
        if (static_cast<std::size_t>(n) < target.size()) {
            target.resize(static_cast<std::size_t>(n));
            return target;
        }
        target.resize(target.size() * 2); // it may have been cut: ask again with more room
    }
}

std::optional<std::string> real_path(const char* path) {
    char* resolved = ::realpath(path, nullptr);
    if (resolved == nullptr)
        return std::nullopt;
    std::string out(resolved);
    std::free(resolved);
    return out;
}

bool is_executable_file(const char* path) {
    return status(path).kind == FileKind::Regular && ::access(path, X_OK) == 0;
}

bool read_regular_file(const char* path, std::string& out, std::size_t max_size) {
    const int fd = ::open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0)
        return false;
    const auto fail = [fd](int error) {
        ::close(fd);
        errno = error;
        return false;
    };
    struct stat info {};
    if (::fstat(fd, &info) != 0)
        return fail(errno);
    if (!S_ISREG(info.st_mode))
        return fail(kNotRegularFile);
    if (static_cast<std::uint64_t>(info.st_size) > max_size)
        return fail(EFBIG);
    const auto size = static_cast<std::size_t>(info.st_size);
    out.clear();
    // Read a regular file straight into a string of its size: a 70 KB manifest in one read
    // instead of a chain of appends through a bounce buffer. The loop still handles files that
    // grow or shrink meanwhile.
    std::size_t length = 0;
    int error = 0;
    for (;;) {
        if (length == out.size())
            out.resize(length + (size > length ? size - length + 1 : 16384));
        const ssize_t n = ::read(fd, out.data() + length, out.size() - length);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            error = errno;
            break;
        }
        if (n == 0)
            break;
        length += static_cast<std::size_t>(n);
        if (length > max_size) {
            error = EFBIG; // it grew while it was read
            break;
        }
        // A regular file returns less than asked only at its end: saves the read that returns 0
        // (asking for one byte past the stat size makes a complete read land here).
        if (length < out.size() && size != 0)
            break;
    }
    ::close(fd);
    out.resize(length);
    errno = error;
    return error == 0;
}

} // namespace perry::platform

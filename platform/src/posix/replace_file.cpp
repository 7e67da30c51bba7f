// replace_file on POSIX: open, write, fsync, rename.
#include "perry/platform/files.h"

#include "posix_internal.h"

#include <atomic>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace perry::platform {

bool replace_file(const std::string& path, std::string_view bytes, std::string& error) {
    // Beside the final name, so that the rename stays on one file system; the process id and a
    // counter keep two writers (parallel builds, threads) from sharing a temporary file.
    static std::atomic<unsigned> counter{0};
    const std::string temporary = path + "." + std::to_string(static_cast<long>(::getpid())) + "." +
                                  std::to_string(counter.fetch_add(1)) + ".tmp";
    struct stat old {};
    const bool existed = ::stat(path.c_str(), &old) == 0;
    const mode_t mode = existed ? (old.st_mode & 07777) : 0644;
    const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
    if (fd < 0) {
        error = "cannot write " + path + ": " + std::strerror(errno);
        return false;
    }
    bool ok = detail::write_fully(fd, bytes.data(), bytes.size()) && ::fsync(fd) == 0;
    int saved = errno;
    // The umask narrowed the mode at open; an existing file's bits are restored exactly.
    if (ok && existed && ::fchmod(fd, mode) != 0) {
        ok = false;
        saved = errno;
    }
    if (::close(fd) != 0 && ok) {
        ok = false;
        saved = errno;
    }
    if (ok && ::rename(temporary.c_str(), path.c_str()) != 0) {
        ok = false;
        saved = errno;
    }
    if (!ok) {
        ::unlink(temporary.c_str());
        error = "cannot write " + path + ": " + std::strerror(saved);
    }
    return ok;
}

} // namespace perry::platform

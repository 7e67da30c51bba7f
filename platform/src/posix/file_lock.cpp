// File locks on POSIX systems: flock(2) (Linux, macOS, the BSDs), tied to the open file.
#include "perry/platform/file_lock.h"

#include <cerrno>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

namespace perry::platform {

FileLock::FileLock(const std::string& path) {
    // Close-on-exec: a compiler that inherited it would hold the lock after we are gone.
    const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd >= 0)
        handle_ = fd;
}

FileLock::~FileLock() {
    if (handle_ >= 0)
        ::close(static_cast<int>(handle_)); // closing releases the lock
}

bool FileLock::try_lock() {
    return handle_ >= 0 && ::flock(static_cast<int>(handle_), LOCK_EX | LOCK_NB) == 0;
}

bool FileLock::lock() {
    while (handle_ >= 0) {
        if (::flock(static_cast<int>(handle_), LOCK_EX) == 0)
            return true;
        if (errno != EINTR)
            return false;
    }
    return false;
}

} // namespace perry::platform

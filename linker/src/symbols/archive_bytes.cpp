#include "archive_bytes.h"

#include <cerrno>
#include <cstring>
#include <unistd.h>

namespace perry::linker::detail {

bool ArchiveBytes::read(std::uint64_t offset, char* out, std::size_t count) const {
    if (offset > size_ || count > size_ - offset)
        return false;
    if (fd_ < 0) {
        std::memcpy(out, memory_.data() + offset, count);
        return true;
    }
    while (count > 0) {
        const ssize_t n = ::pread(fd_, out, count, static_cast<off_t>(offset));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false; // an I/O error, or the file shrank under us
        out += n;
        offset += static_cast<std::uint64_t>(n);
        count -= static_cast<std::size_t>(n);
    }
    return true;
}

} // namespace perry::linker::detail

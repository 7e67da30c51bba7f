// Input and log files on POSIX systems.
#include "perry/platform/input_file.h"

#include "posix_internal.h"

#include <cerrno>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace perry::platform {

InputFile::InputFile(const char* path) {
    // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer. It changes
    // nothing for the regular files that pass the check below.
    const int fd = ::open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
    if (fd < 0) {
        error_ = errno;
        return;
    }
    handle_ = fd;
    struct stat info {};
    if (::fstat(fd, &info) != 0) {
        error_ = errno;
        return;
    }
    kind_ = detail::kind_of_mode(info.st_mode);
    if (kind_ != FileKind::Regular) {
        error_ = kNotRegularFile;
        return;
    }
    size_ = static_cast<std::uint64_t>(info.st_size);
}

InputFile::~InputFile() {
    if (handle_ >= 0)
        ::close(static_cast<int>(handle_));
}

bool InputFile::read_at(std::uint64_t offset, char* out, std::size_t count) const {
    if (handle_ < 0)
        return false;
    while (count > 0) {
        const ssize_t n =
            ::pread(static_cast<int>(handle_), out, count, static_cast<off_t>(offset));
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

MappedFile::MappedFile(const InputFile& file) : size_(static_cast<std::size_t>(file.size())) {
    if (!file.ok()) {
        error_ = file.error();
        size_ = 0;
        return;
    }
    if (size_ == 0)
        return;
    // No MAP_POPULATE: it maps every page, yet on the VMs this project is measured on the first
    // access to each still costs as much as a fault.
    void* data = ::mmap(nullptr, size_, PROT_READ, MAP_PRIVATE, static_cast<int>(file.handle_), 0);
    if (data == MAP_FAILED) {
        error_ = errno;
        size_ = 0;
        return;
    }
    data_ = static_cast<const char*>(data);
}

MappedFile::~MappedFile() {
    if (data_ != nullptr)
        ::munmap(const_cast<char*>(data_), size_);
}

AppendFile::AppendFile(const char* path) {
    // Close-on-exec: the programs the tools start must not inherit their log.
    const int fd = ::open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (fd >= 0)
        handle_ = fd;
}

AppendFile::~AppendFile() {
    if (handle_ >= 0)
        ::close(static_cast<int>(handle_));
}

bool AppendFile::write(const char* data, std::size_t size) {
    return handle_ >= 0 && detail::write_fully(static_cast<int>(handle_), data, size);
}

} // namespace perry::platform

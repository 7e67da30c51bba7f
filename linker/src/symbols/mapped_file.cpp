#include "mapped_file.h"

#include "perry/linker/symbols.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace perry::linker::detail {
namespace {

[[noreturn]] void fail(const std::string& path, int error) {
    throw SymbolReadError(ReadProblem{path, "", std::string("cannot open: ") + std::strerror(error),
                                      "check the path and that the file is readable"});
}

} // namespace

OpenFile::OpenFile(const std::string& path) {
    fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd_ < 0) fail(path, errno);
    struct stat info {};
    int error = 0;
    if (::fstat(fd_, &info) != 0) {
        error = errno;
    } else if (S_ISDIR(info.st_mode)) {
        error = EISDIR;
    }
    if (error != 0) {
        ::close(fd_);
        fail(path, error);
    }
    size_ = static_cast<std::size_t>(info.st_size);
}

OpenFile::~OpenFile() { ::close(fd_); }

MappedFile::MappedFile(const OpenFile& file, const std::string& path) : size_(file.size()) {
    if (size_ == 0) return;
    // No MAP_POPULATE: it maps every page, yet on this project's VMs the first access to each
    // still costs as much as a fault (archive_bytes.h).
    void* data = ::mmap(nullptr, size_, PROT_READ, MAP_PRIVATE, file.fd(), 0);
    if (data == MAP_FAILED) fail(path, errno);
    data_ = static_cast<const char*>(data);
}

MappedFile::~MappedFile() {
    if (data_ != nullptr) ::munmap(const_cast<char*>(data_), size_);
}

} // namespace perry::linker::detail

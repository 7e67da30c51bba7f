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

[[noreturn]] void fail_closing(const std::string& path, int fd, int error) {
    ::close(fd);
    fail(path, error);
}

} // namespace

MappedFile::MappedFile(const std::string& path, bool populate) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) fail(path, errno);
    struct stat info {};
    if (::fstat(fd, &info) != 0) fail_closing(path, fd, errno);
    if (S_ISDIR(info.st_mode)) fail_closing(path, fd, EISDIR);
    size_ = static_cast<std::size_t>(info.st_size);
    if (size_ > 0) {
        void* data = ::mmap(nullptr, size_, PROT_READ, MAP_PRIVATE | (populate ? MAP_POPULATE : 0),
                            fd, 0);
        if (data == MAP_FAILED) fail_closing(path, fd, errno);
        data_ = static_cast<const char*>(data);
    }
    ::close(fd);
}

MappedFile::~MappedFile() {
    if (data_ != nullptr) ::munmap(const_cast<char*>(data_), size_);
}

} // namespace perry::linker::detail

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

const char* const kOpenFix = "check the path and that the file is readable";
const char* const kRegularFix = "pass the archive or object file itself";

[[noreturn]] void fail(const std::string& path, std::string what, const char* fix) {
    throw SymbolReadError(ReadProblem{path, "", std::move(what), fix});
}

std::string open_error(int error) {
    return std::string("cannot open: ") + std::strerror(error);
}

const char* kind_of_file(mode_t mode) {
    if (S_ISDIR(mode))
        return "a directory";
    if (S_ISFIFO(mode))
        return "a FIFO";
    if (S_ISCHR(mode))
        return "a character device";
    if (S_ISBLK(mode))
        return "a block device";
    if (S_ISSOCK(mode))
        return "a socket";
    return "neither a file nor a directory";
}

// "" when `info` is a regular file the reader accepts; the problem otherwise.
std::string file_problem(const struct stat& info) {
    if (!S_ISREG(info.st_mode))
        return std::string("not a regular file (") + kind_of_file(info.st_mode) + ")";
    if (static_cast<std::uint64_t>(info.st_size) > kMaxInputBytes) {
        return "too large: " + std::to_string(info.st_size) +
               " bytes; the symbol reader opens files of at most 4 GiB";
    }
    return {};
}

} // namespace

std::string input_file_problem(const std::string& path) {
    struct stat info {};
    if (::stat(path.c_str(), &info) != 0)
        return open_error(errno);
    return file_problem(info);
}

OpenFile::OpenFile(const std::string& path) {
    // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer. It changes
    // nothing for the regular files that pass the check below.
    fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
    if (fd_ < 0)
        fail(path, open_error(errno), kOpenFix);
    struct stat info {};
    std::string problem;
    const char* fix = kRegularFix;
    if (::fstat(fd_, &info) != 0) {
        problem = open_error(errno);
        fix = kOpenFix;
    } else {
        problem = file_problem(info);
    }
    if (!problem.empty()) {
        ::close(fd_);
        fail(path, std::move(problem), fix);
    }
    size_ = static_cast<std::size_t>(info.st_size);
}

OpenFile::~OpenFile() {
    ::close(fd_);
}

MappedFile::MappedFile(const OpenFile& file, const std::string& path) : size_(file.size()) {
    if (size_ == 0)
        return;
    // No MAP_POPULATE: it maps every page, yet on this project's VMs the first access to each
    // still costs as much as a fault (archive_bytes.h).
    void* data = ::mmap(nullptr, size_, PROT_READ, MAP_PRIVATE, file.fd(), 0);
    if (data == MAP_FAILED)
        fail(path, std::string("cannot map: ") + std::strerror(errno), kOpenFix);
    data_ = static_cast<const char*>(data);
}

MappedFile::~MappedFile() {
    if (data_ != nullptr)
        ::munmap(const_cast<char*>(data_), size_);
}

} // namespace perry::linker::detail

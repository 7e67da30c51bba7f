// This process and its terminal on POSIX systems. executable_path() is in linux.cpp or
// generic.cpp.
#include "perry/platform/process.h"

#include "posix_internal.h"

#include <cerrno>
#include <cstring>
#include <unistd.h>

namespace perry::platform {

long process_id() {
    return static_cast<long>(::getpid());
}

void replace_process(const std::vector<std::string>& argv, std::string& error) {
    std::vector<std::string> copies = argv;
    std::vector<char*> pointers;
    for (std::string& arg : copies)
        pointers.push_back(arg.data());
    pointers.push_back(nullptr);
    std::fflush(stdout);
    std::fflush(stderr);
    if (argv.empty()) {
        error = "no program";
        return;
    }
    ::execv(pointers[0], pointers.data());
    error = std::strerror(errno);
}

bool is_terminal(StandardStream stream) {
    return ::isatty(stream == StandardStream::Output ? STDOUT_FILENO : STDERR_FILENO) == 1;
}

bool is_terminal(std::FILE* stream) {
    return ::isatty(::fileno(stream)) == 1;
}

bool detail::write_fully(int fd, const char* data, std::size_t size) {
    while (size > 0) {
        const ssize_t n = ::write(fd, data, size);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            if (n == 0)
                errno = EIO;
            return false;
        }
        data += n;
        size -= static_cast<std::size_t>(n);
    }
    return true;
}

bool write_standard_output(const char* data, std::size_t size) {
    return detail::write_fully(STDOUT_FILENO, data, size);
}

} // namespace perry::platform

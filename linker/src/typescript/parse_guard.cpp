#include "parse_guard.h"

#include <cerrno>
#include <cstddef>
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

namespace perry::linker::typescript {

bool cannot_overflow_parser(std::string_view source) {
    constexpr std::size_t kSafeNonBlank = 32767;
    std::size_t non_blank = 0;
    for (char c : source) {
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && ++non_blank > kSafeNonBlank)
            return false;
    }
    return true;
}

bool parse_survives_in_child(const std::function<void()>& parse) {
    const pid_t child = ::fork();
    if (child < 0)
        return false;
    if (child == 0) {
        // The C library's heap-corruption message would reach the user's terminal otherwise.
        const int null_fd = ::open("/dev/null", O_WRONLY | O_CLOEXEC);
        if (null_fd >= 0)
            ::dup2(null_fd, STDERR_FILENO);
        parse();
        ::_exit(0);
    }
    int status = 0;
    while (::waitpid(child, &status, 0) < 0) {
        if (errno != EINTR)
            return false;
    }
    return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

} // namespace perry::linker::typescript

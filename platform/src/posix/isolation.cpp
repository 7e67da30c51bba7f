// Work in a forked copy of the process (POSIX).
#include "perry/platform/isolation.h"

#include "posix_internal.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

namespace perry::platform {
namespace {

std::string read_everything(int fd) {
    std::string data;
    char buffer[1 << 16];
    for (;;) {
        const ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        data.append(buffer, static_cast<std::size_t>(n));
    }
    return data;
}

} // namespace

bool can_run_isolated() {
    return true;
}

IsolatedRun run_isolated(void (*child)(int fd, void* context), void* context) {
    IsolatedRun run;
    int fds[2];
    if (!detail::open_cloexec_pipe(fds)) {
        run.error = std::string("cannot create a pipe: ") + std::strerror(errno);
        return run;
    }
    const pid_t pid = ::fork();
    if (pid < 0) {
        run.error = std::string("cannot fork: ") + std::strerror(errno);
        ::close(fds[0]);
        ::close(fds[1]);
        return run;
    }
    if (pid == 0) {
        ::close(fds[0]);
        child(fds[1], context);
        ::_exit(4); // `child` must not return; if it does, it failed
    }
    run.started = true;
    ::close(fds[1]);
    run.output = read_everything(fds[0]);
    ::close(fds[0]);
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    run.signalled = WIFSIGNALED(status);
    run.signal = run.signalled ? WTERMSIG(status) : 0;
    run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 0;
    return run;
}

bool write_all(int fd, const char* data, std::size_t size) {
    return detail::write_fully(fd, data, size);
}

void leave_child(int code) {
    ::_exit(code);
}

void silence_standard_error() {
    const int null_fd = ::open("/dev/null", O_WRONLY | O_CLOEXEC);
    if (null_fd < 0)
        return;
    ::dup2(null_fd, STDERR_FILENO);
    ::close(null_fd);
}

} // namespace perry::platform

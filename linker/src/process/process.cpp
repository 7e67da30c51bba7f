// posix_spawn with pipes for stdout and stderr, read with poll() so neither pipe can fill up
// and block the child while we wait on the other.
#include "perry/linker/process.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <map>

extern char** environ;

namespace perry::linker {
namespace {

bool is_executable(const std::string& path) {
    struct stat info {};
    return ::stat(path.c_str(), &info) == 0 && S_ISREG(info.st_mode) &&
           ::access(path.c_str(), X_OK) == 0;
}

// Our environment (when inherited) with `extra` added or replaced.
std::vector<std::string> merged_environment(
    const std::vector<std::pair<std::string, std::string>>& extra, bool inherit) {
    std::map<std::string, std::string> values;
    for (char** entry = environ; inherit && entry != nullptr && *entry != nullptr; ++entry) {
        const std::string text(*entry);
        const std::size_t equals = text.find('=');
        if (equals != std::string::npos) values[text.substr(0, equals)] = text.substr(equals + 1);
    }
    for (const auto& [key, value] : extra) values[key] = value;
    std::vector<std::string> result;
    for (const auto& [key, value] : values) result.push_back(key + "=" + value);
    return result;
}

std::vector<char*> pointers(std::vector<std::string>& strings) {
    std::vector<char*> result;
    for (std::string& s : strings) result.push_back(s.data());
    result.push_back(nullptr);
    return result;
}

void drain(int out_fd, int err_fd, std::string& out, std::string& err) {
    pollfd fds[2] = {{out_fd, POLLIN, 0}, {err_fd, POLLIN, 0}};
    std::string* sinks[2] = {&out, &err};
    int open_count = 2;
    char buffer[65536];
    while (open_count > 0) {
        if (::poll(fds, 2, -1) < 0) {
            if (errno == EINTR) continue;
            break;
        }
        for (int i = 0; i < 2; ++i) {
            if (fds[i].fd < 0 || fds[i].revents == 0) continue;
            const ssize_t n = ::read(fds[i].fd, buffer, sizeof buffer);
            if (n > 0) {
                sinks[i]->append(buffer, static_cast<std::size_t>(n));
            } else if (n == 0 || errno != EINTR) {
                ::close(fds[i].fd);
                fds[i].fd = -1;
                --open_count;
            }
        }
    }
}

} // namespace

std::optional<std::string> find_program(const std::string& name,
                                        const std::vector<std::string>& extra_dirs) {
    if (name.find('/') != std::string::npos) {
        return is_executable(name) ? std::optional<std::string>(name) : std::nullopt;
    }
    std::vector<std::string> dirs;
    if (const char* path = std::getenv("PATH")) {
        std::string all(path);
        std::size_t start = 0;
        while (start <= all.size()) {
            const std::size_t colon = all.find(':', start);
            const std::size_t end = colon == std::string::npos ? all.size() : colon;
            dirs.push_back(end > start ? all.substr(start, end - start) : ".");
            start = end + 1;
        }
    }
    dirs.insert(dirs.end(), extra_dirs.begin(), extra_dirs.end());
    for (const std::string& dir : dirs) {
        const std::string candidate = dir + "/" + name;
        if (is_executable(candidate)) return candidate;
    }
    return std::nullopt;
}

ProcessResult run_process(const std::vector<std::string>& argv, const ProcessOptions& options) {
    ProcessResult result;
    if (argv.empty()) {
        result.error = "no program given";
        return result;
    }
    const std::optional<std::string> program = find_program(argv[0]);
    if (!program) {
        result.error = "`" + argv[0] + "` not found on PATH";
        return result;
    }
    int out_pipe[2];
    int err_pipe[2];
    if (::pipe2(out_pipe, O_CLOEXEC) != 0) {
        result.error = std::strerror(errno);
        return result;
    }
    if (::pipe2(err_pipe, O_CLOEXEC) != 0) {
        result.error = std::strerror(errno);
        ::close(out_pipe[0]);
        ::close(out_pipe[1]);
        return result;
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, out_pipe[1], STDOUT_FILENO);
    posix_spawn_file_actions_adddup2(&actions, err_pipe[1], STDERR_FILENO);
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    if (!options.cwd.empty()) posix_spawn_file_actions_addchdir_np(&actions, options.cwd.c_str());

    std::vector<std::string> args = argv;
    std::vector<std::string> env = merged_environment(options.env, options.inherit_environment);
    std::vector<char*> arg_pointers = pointers(args);
    std::vector<char*> env_pointers = pointers(env);
    pid_t pid = 0;
    const int spawn_error = ::posix_spawn(&pid, program->c_str(), &actions, nullptr,
                                          arg_pointers.data(), env_pointers.data());
    posix_spawn_file_actions_destroy(&actions);
    ::close(out_pipe[1]);
    ::close(err_pipe[1]);
    if (spawn_error != 0) {
        ::close(out_pipe[0]);
        ::close(err_pipe[0]);
        result.error = "cannot run `" + *program + "`: " + std::strerror(spawn_error);
        return result;
    }
    result.started = true;
    drain(out_pipe[0], err_pipe[0], result.out, result.err);
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return result;
}

} // namespace perry::linker

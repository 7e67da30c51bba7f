#include "prebuild/package_files.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace perry::linker::detail {
namespace fs = std::filesystem;

bool read_whole_file(const fs::path& path, std::string& bytes, std::string& error) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        error = "cannot read " + path.string() + ": " + std::strerror(errno);
        return false;
    }
    std::ostringstream text;
    text << in.rdbuf();
    bytes = text.str();
    return true;
}

bool replace_file_atomically(const fs::path& path, const std::string& bytes, std::string& error) {
    const fs::path temporary =
        path.parent_path() / ("." + path.filename().string() + ".perry-" +
                              std::to_string(static_cast<long>(::getpid())) + ".tmp");
    struct stat old {};
    const mode_t mode = ::stat(path.c_str(), &old) == 0 ? (old.st_mode & 07777) : 0644;
    const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
    if (fd < 0) {
        error = "cannot write " + temporary.string() + ": " + std::strerror(errno);
        return false;
    }
    std::size_t written = 0;
    bool ok = true;
    while (written < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.data() + written, bytes.size() - written);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            ok = false;
            break;
        }
        written += static_cast<std::size_t>(n);
    }
    ok = ok && ::fsync(fd) == 0;
    const int saved = errno;
    ::fchmod(fd, mode); // the umask applied at open may have narrowed it
    ::close(fd);
    if (!ok || ::rename(temporary.c_str(), path.c_str()) != 0) {
        error = "cannot write " + path.string() + ": " + std::strerror(ok ? errno : saved);
        ::unlink(temporary.c_str());
        return false;
    }
    return true;
}

std::optional<bool> copy_if_different(const fs::path& from, const fs::path& to,
                                      std::string& error) {
    std::string bytes, existing, ignored;
    if (!read_whole_file(from, bytes, error))
        return std::nullopt;
    if (read_whole_file(to, existing, ignored) && existing == bytes)
        return false;
    std::error_code ec;
    fs::create_directories(to.parent_path(), ec);
    if (ec) {
        error = "cannot create " + to.parent_path().string() + ": " + ec.message();
        return std::nullopt;
    }
    if (!replace_file_atomically(to, bytes, error))
        return std::nullopt;
    return true;
}

} // namespace perry::linker::detail

#include "prebuild/package_files.h"

#include "../../../resolver/src/fs_util.h"
#include "perry/platform/files.h"

#include <cerrno>

namespace perry::linker::detail {
namespace fs = std::filesystem;

bool read_whole_file(const fs::path& path, std::string& bytes, std::string& error) {
    if (resolver::detail::read_file(path.string(), bytes))
        return true;
    error = "cannot read " + path.string() + ": " + resolver::detail::describe_read_error(errno);
    return false;
}

bool replace_file_atomically(const fs::path& path, const std::string& bytes, std::string& error) {
    return platform::replace_file(path.string(), bytes, error);
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

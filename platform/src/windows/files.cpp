// Files on Windows: Win32 for kinds, sizes and reading; std::filesystem for symlink targets and
// canonical paths.
#include "perry/platform/files.h"
#include "perry/platform/input_file.h"

#include "windows_internal.h"

#include <cerrno>
#include <filesystem>
#include <windows.h>

namespace perry::platform {
namespace {

namespace fs = std::filesystem;

std::int64_t unix_ns(FILETIME time) {
    const auto ticks = (static_cast<std::int64_t>(time.dwHighDateTime) << 32) | time.dwLowDateTime;
    return (ticks - 116444736000000000LL) * 100; // 100 ns ticks since 1601
}

std::uint64_t size_of(DWORD high, DWORD low) {
    return (static_cast<std::uint64_t>(high) << 32) | low;
}

} // namespace

FileStatus status(const char* path) {
    // Opening follows symlinks and junctions; BACKUP_SEMANTICS lets it open a directory.
    const HANDLE file = ::CreateFileW(detail::widen(path).c_str(), FILE_READ_ATTRIBUTES,
                                      FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE,
                                      nullptr, OPEN_EXISTING, FILE_FLAG_BACKUP_SEMANTICS, nullptr);
    if (file == INVALID_HANDLE_VALUE) {
        detail::set_errno_from_last_error();
        return {};
    }
    FileStatus out;
    const DWORD type = ::GetFileType(file);
    BY_HANDLE_FILE_INFORMATION info{};
    if (type == FILE_TYPE_PIPE) {
        out.kind = FileKind::Fifo;
    } else if (type == FILE_TYPE_CHAR) {
        out.kind = FileKind::CharacterDevice;
    } else if (::GetFileInformationByHandle(file, &info)) {
        out.kind = (info.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY) ? FileKind::Directory
                                                                      : FileKind::Regular;
        out.size = size_of(info.nFileSizeHigh, info.nFileSizeLow);
        out.modified_ns = unix_ns(info.ftLastWriteTime);
    } else {
        detail::set_errno_from_last_error();
    }
    ::CloseHandle(file);
    return out;
}

FileStatus link_status(const char* path) {
    WIN32_FILE_ATTRIBUTE_DATA data{};
    if (!::GetFileAttributesExW(detail::widen(path).c_str(), GetFileExInfoStandard, &data)) {
        detail::set_errno_from_last_error();
        return {};
    }
    FileStatus out;
    if (data.dwFileAttributes & FILE_ATTRIBUTE_REPARSE_POINT)
        out.kind = FileKind::Symlink; // symlinks and junctions alike
    else if (data.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY)
        out.kind = FileKind::Directory;
    else
        out.kind = FileKind::Regular;
    out.size = size_of(data.nFileSizeHigh, data.nFileSizeLow);
    out.modified_ns = unix_ns(data.ftLastWriteTime);
    return out;
}

std::optional<std::string> read_link(const char* path) {
    std::error_code ec;
    const fs::path target = fs::read_symlink(fs::path(detail::widen(path)), ec);
    if (ec)
        return std::nullopt;
    return detail::narrow(target.native());
}

std::optional<std::string> real_path(const char* path) {
    std::error_code ec;
    const fs::path real = fs::canonical(fs::path(detail::widen(path)), ec);
    if (ec)
        return std::nullopt;
    return detail::narrow(real.native());
}

bool is_executable_file(const char* path) {
    // Windows runs a file by its extension, not by a permission bit.
    if (status(path).kind != FileKind::Regular)
        return false;
    const std::string extension = fs::path(detail::widen(path)).extension().string();
    for (const char* known : {".exe", ".com", ".bat", ".cmd"}) {
        if (_stricmp(extension.c_str(), known) == 0)
            return true;
    }
    return false;
}

bool read_regular_file(const char* path, std::string& out, std::size_t max_size) {
    const InputFile file(path);
    if (!file.ok()) {
        errno = file.error();
        return false;
    }
    if (file.size() > max_size) {
        errno = EFBIG;
        return false;
    }
    out.resize(static_cast<std::size_t>(file.size()));
    if (!file.read_at(0, out.data(), out.size())) {
        out.clear();
        errno = EIO;
        return false;
    }
    return true;
}

} // namespace perry::platform

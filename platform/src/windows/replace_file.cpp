// replace_file on Windows: CreateFileW, WriteFile, FlushFileBuffers, MoveFileExW.
#include "perry/platform/files.h"

#include "windows_internal.h"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <windows.h>

namespace perry::platform {
namespace {

std::string failed(const std::string& path) {
    return "cannot write " + path + ": " + std::strerror(detail::set_errno_from_last_error());
}

} // namespace

bool replace_file(const std::string& path, std::string_view bytes, std::string& error) {
    static std::atomic<unsigned> counter{0};
    const std::wstring temporary =
        detail::widen(path + "." + std::to_string(::GetCurrentProcessId()) + "." +
                      std::to_string(counter.fetch_add(1)) + ".tmp");
    // Windows keeps no POSIX mode bits: the read-only attribute is what an existing file's
    // permissions come to, and CREATE_NEW gets the directory's defaults otherwise.
    const DWORD old = ::GetFileAttributesW(detail::widen(path).c_str());
    const DWORD attributes = old != INVALID_FILE_ATTRIBUTES ? (old & FILE_ATTRIBUTE_READONLY) : 0;
    const HANDLE file = ::CreateFileW(temporary.c_str(), GENERIC_WRITE, 0, nullptr, CREATE_NEW,
                                      FILE_ATTRIBUTE_NORMAL, nullptr);
    if (file == INVALID_HANDLE_VALUE) {
        error = failed(path);
        return false;
    }
    bool ok = true;
    std::size_t written = 0;
    while (ok && written < bytes.size()) {
        const DWORD chunk =
            static_cast<DWORD>(std::min<std::size_t>(bytes.size() - written, 1u << 30));
        DWORD done = 0;
        ok = ::WriteFile(file, bytes.data() + written, chunk, &done, nullptr) != 0 && done > 0;
        written += done;
    }
    ok = ok && ::FlushFileBuffers(file) != 0;
    if (!ok)
        error = failed(path);
    ::CloseHandle(file);
    if (ok && !::MoveFileExW(temporary.c_str(), detail::widen(path).c_str(),
                             MOVEFILE_REPLACE_EXISTING | MOVEFILE_WRITE_THROUGH)) {
        ok = false;
        error = failed(path);
    }
    if (ok && attributes != 0)
        ::SetFileAttributesW(detail::widen(path).c_str(), attributes);
    if (!ok)
        ::DeleteFileW(temporary.c_str());
    return ok;
}

} // namespace perry::platform

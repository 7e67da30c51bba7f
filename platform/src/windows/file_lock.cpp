// File locks on Windows: LockFileEx on the first byte, tied to the handle (released when it is
// closed or the process ends).
#include "perry/platform/file_lock.h"

#include "windows_internal.h"

#include <windows.h>

namespace perry::platform {
namespace {

bool lock_first_byte(std::intptr_t handle, DWORD flags) {
    OVERLAPPED where{};
    return ::LockFileEx(reinterpret_cast<HANDLE>(handle), LOCKFILE_EXCLUSIVE_LOCK | flags, 0, 1, 0,
                        &where) != 0;
}

} // namespace

FileLock::FileLock(const std::string& path) {
    const HANDLE file = ::CreateFileW(detail::widen(path).c_str(), GENERIC_READ | GENERIC_WRITE,
                                      FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE,
                                      nullptr, OPEN_ALWAYS, FILE_ATTRIBUTE_NORMAL, nullptr);
    if (file != INVALID_HANDLE_VALUE)
        handle_ = reinterpret_cast<std::intptr_t>(file);
}

FileLock::~FileLock() {
    if (handle_ != -1)
        ::CloseHandle(reinterpret_cast<HANDLE>(handle_)); // closing releases the lock
}

bool FileLock::try_lock() {
    return handle_ != -1 && lock_first_byte(handle_, LOCKFILE_FAIL_IMMEDIATELY);
}

bool FileLock::lock() {
    return handle_ != -1 && lock_first_byte(handle_, 0);
}

} // namespace perry::platform

// Input and log files on Windows.
#include "perry/platform/input_file.h"

#include "windows_internal.h"

#include <cerrno>
#include <windows.h>

namespace perry::platform {
namespace {

HANDLE handle_of(std::intptr_t handle) {
    return reinterpret_cast<HANDLE>(handle);
}

} // namespace

InputFile::InputFile(const char* path) {
    const HANDLE file =
        ::CreateFileW(detail::widen(path).c_str(), GENERIC_READ,
                      FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, nullptr,
                      OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL | FILE_FLAG_BACKUP_SEMANTICS, nullptr);
    if (file == INVALID_HANDLE_VALUE) {
        error_ = detail::set_errno_from_last_error();
        return;
    }
    handle_ = reinterpret_cast<std::intptr_t>(file);
    const DWORD type = ::GetFileType(file);
    BY_HANDLE_FILE_INFORMATION info{};
    if (type == FILE_TYPE_PIPE) {
        kind_ = FileKind::Fifo;
    } else if (type == FILE_TYPE_CHAR) {
        kind_ = FileKind::CharacterDevice;
    } else if (!::GetFileInformationByHandle(file, &info)) {
        error_ = detail::set_errno_from_last_error();
        return;
    } else if (info.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY) {
        kind_ = FileKind::Directory;
    } else {
        kind_ = FileKind::Regular;
        size_ = (static_cast<std::uint64_t>(info.nFileSizeHigh) << 32) | info.nFileSizeLow;
        return;
    }
    error_ = kNotRegularFile;
}

InputFile::~InputFile() {
    if (handle_ != -1)
        ::CloseHandle(handle_of(handle_));
}

bool InputFile::read_at(std::uint64_t offset, char* out, std::size_t count) const {
    if (handle_ == -1)
        return false;
    while (count > 0) {
        OVERLAPPED where{};
        where.Offset = static_cast<DWORD>(offset);
        where.OffsetHigh = static_cast<DWORD>(offset >> 32);
        const DWORD ask = count > 0x40000000 ? 0x40000000 : static_cast<DWORD>(count);
        DWORD got = 0;
        if (!::ReadFile(handle_of(handle_), out, ask, &got, &where) || got == 0)
            return false; // an I/O error, or the file shrank under us
        out += got;
        offset += got;
        count -= got;
    }
    return true;
}

MappedFile::MappedFile(const InputFile& file) : size_(static_cast<std::size_t>(file.size())) {
    if (!file.ok()) {
        error_ = file.error();
        size_ = 0;
        return;
    }
    if (size_ == 0)
        return; // Windows refuses to map an empty file
    const HANDLE mapping =
        ::CreateFileMappingW(handle_of(file.handle_), nullptr, PAGE_READONLY, 0, 0, nullptr);
    if (mapping == nullptr) {
        error_ = detail::set_errno_from_last_error();
        size_ = 0;
        return;
    }
    const void* view = ::MapViewOfFile(mapping, FILE_MAP_READ, 0, 0, size_);
    if (view == nullptr) {
        error_ = detail::set_errno_from_last_error();
        size_ = 0;
    }
    ::CloseHandle(mapping); // the view keeps the mapping alive
    data_ = static_cast<const char*>(view);
}

MappedFile::~MappedFile() {
    if (data_ != nullptr)
        ::UnmapViewOfFile(data_);
}

AppendFile::AppendFile(const char* path) {
    // Handles are not inherited unless asked for: the programs the tools start do not get it.
    const HANDLE file = ::CreateFileW(detail::widen(path).c_str(), FILE_APPEND_DATA,
                                      FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE,
                                      nullptr, OPEN_ALWAYS, FILE_ATTRIBUTE_NORMAL, nullptr);
    if (file == INVALID_HANDLE_VALUE)
        detail::set_errno_from_last_error();
    else
        handle_ = reinterpret_cast<std::intptr_t>(file);
}

AppendFile::~AppendFile() {
    if (handle_ != -1)
        ::CloseHandle(handle_of(handle_));
}

bool AppendFile::write(const char* data, std::size_t size) {
    while (handle_ != -1 && size > 0) {
        const DWORD ask = size > 0x40000000 ? 0x40000000 : static_cast<DWORD>(size);
        DWORD written = 0;
        if (!::WriteFile(handle_of(handle_), data, ask, &written, nullptr) || written == 0) {
            detail::set_errno_from_last_error();
            return false;
        }
        data += written;
        size -= written;
    }
    return handle_ != -1;
}

} // namespace perry::platform

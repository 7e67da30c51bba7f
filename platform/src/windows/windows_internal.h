// Internal to the Windows implementation: UTF-8 <-> UTF-16 and Win32 errors as errno values.
#pragma once

#include <cstddef>
#include <string>

namespace perry::platform::detail {

std::wstring widen(const std::string& utf8);
std::string narrow(const std::wstring& utf16);
// Writes all of `data` to the C runtime's descriptor `fd`; false (errno set) at the first
// failed write.
bool write_fully(int fd, const char* data, std::size_t size);
// Sets errno from GetLastError() (the common cases; EIO otherwise) and returns it.
int set_errno_from_last_error();

} // namespace perry::platform::detail

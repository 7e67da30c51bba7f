// This process and its console on Windows.
#include "perry/platform/process.h"

#include "windows_internal.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <io.h>
#include <windows.h>

namespace perry::platform {
namespace {

// One argument as the C runtime's command-line parser reads it back (quotes around anything with
// a space or a quote; backslashes doubled only before a quote).
std::wstring quoted(const std::wstring& arg) {
    if (!arg.empty() && arg.find_first_of(L" \t\n\v\"") == std::wstring::npos)
        return arg;
    std::wstring out = L"\"";
    for (auto it = arg.begin();; ++it) {
        std::size_t backslashes = 0;
        while (it != arg.end() && *it == L'\\') {
            ++it;
            ++backslashes;
        }
        if (it == arg.end()) {
            out.append(backslashes * 2, L'\\');
            break;
        }
        if (*it == L'"') {
            out.append(backslashes * 2 + 1, L'\\');
        } else {
            out.append(backslashes, L'\\');
        }
        out += *it;
    }
    out += L'"';
    return out;
}

} // namespace

std::string executable_path() {
    std::wstring path(MAX_PATH, L'\0');
    for (;;) {
        const DWORD n = ::GetModuleFileNameW(nullptr, path.data(), static_cast<DWORD>(path.size()));
        if (n == 0)
            return {};
        if (n < path.size()) {
            path.resize(n);
            return detail::narrow(path);
        }
        path.resize(path.size() * 2); // cut: ask again with more room
    }
}

long process_id() {
    return static_cast<long>(::GetCurrentProcessId());
}

void replace_process(const std::vector<std::string>& argv, std::string& error) {
    if (argv.empty()) {
        error = "no program";
        return;
    }
    // Windows cannot replace a process: start the program on the same console and standard
    // handles, wait for it, and end with its exit code.
    std::wstring line;
    for (const std::string& arg : argv)
        line += (line.empty() ? L"" : L" ") + quoted(detail::widen(arg));
    std::fflush(stdout);
    std::fflush(stderr);
    STARTUPINFOW startup{};
    startup.cb = sizeof startup;
    PROCESS_INFORMATION process{};
    if (!::CreateProcessW(detail::widen(argv.front()).c_str(), line.data(), nullptr, nullptr, TRUE,
                          0, nullptr, nullptr, &startup, &process)) {
        error = std::strerror(detail::set_errno_from_last_error());
        return;
    }
    ::CloseHandle(process.hThread);
    ::WaitForSingleObject(process.hProcess, INFINITE);
    DWORD code = 1;
    ::GetExitCodeProcess(process.hProcess, &code);
    ::CloseHandle(process.hProcess);
    std::exit(static_cast<int>(code));
}

bool is_terminal(StandardStream stream) {
    return _isatty(stream == StandardStream::Output ? 1 : 2) != 0;
}

bool is_terminal(std::FILE* stream) {
    return _isatty(_fileno(stream)) != 0;
}

bool detail::write_fully(int fd, const char* data, std::size_t size) {
    while (size > 0) {
        const unsigned ask = size > 0x40000000 ? 0x40000000u : static_cast<unsigned>(size);
        const int n = _write(fd, data, ask);
        if (n <= 0) {
            if (n == 0)
                errno = EIO;
            return false;
        }
        data += n;
        size -= static_cast<std::size_t>(n);
    }
    return true;
}

bool write_standard_output(const char* data, std::size_t size) {
    return detail::write_fully(1, data, size);
}

} // namespace perry::platform

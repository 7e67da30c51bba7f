// This process and its terminal: the running executable, its id, replacing it with another
// program, standard streams.
#pragma once

#include <cstddef>
#include <cstdio>
#include <string>
#include <vector>

namespace perry::platform {

// The separator of the entries of PATH.
#ifdef _WIN32
inline constexpr char kPathListSeparator = ';';
#else
inline constexpr char kPathListSeparator = ':';
#endif

// The absolute path of the running executable; "" when the system cannot tell.
std::string executable_path();
long process_id();

// Runs `argv[0]` (a path) with `argv` in place of this process: its exit status becomes this
// process's, standard streams and the terminal are the program's. POSIX replaces the process
// (execv); Windows starts the program, waits for it and exits with its code. Returns only when
// the program could not be started, with the reason in `error`.
void replace_process(const std::vector<std::string>& argv, std::string& error);

enum class StandardStream { Output, Error };
bool is_terminal(StandardStream stream);
bool is_terminal(std::FILE* stream);
// Writes all of `data` to standard output without the C library's buffer; false (errno set) at
// the first failed write.
bool write_standard_output(const char* data, std::size_t size);

} // namespace perry::platform

// Shared conventions of every `perry native` command: exit codes and the error line format.
#pragma once

#include <string_view>

namespace perry::cli {

// Exit codes of every command (design.md): 0 success, 1 the check found problems,
// 2 bad usage or unreadable input.
enum ExitCode : int { kExitOk = 0, kExitProblems = 1, kExitUsage = 2 };

// Prints `perry: error: <what>` on stderr, then `  fix: <how>` when a fix is known.
void print_error(std::string_view what, std::string_view how_to_fix = {});
void print_warning(std::string_view what, std::string_view how_to_fix = {});

// True when colour may be used on the given stream (a terminal and NO_COLOR unset).
bool use_color(int fd);

} // namespace perry::cli

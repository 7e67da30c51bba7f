// Running a piece of this program in a copy of the process (fork), so that a crash or an abort in
// a library that cannot report errors (LLVM's object readers) ends only the copy. The copy
// streams its results back through a pipe.
#pragma once

#include <cstddef>
#include <string>

namespace perry::platform {

// Whether run_isolated can work here (no fork on Windows: the caller then runs the work itself).
bool can_run_isolated();

struct IsolatedRun {
    bool started = false;
    std::string error;      // why it did not start
    std::string output;     // everything the copy wrote
    bool signalled = false; // the copy died on a signal ...
    int signal = 0;         // ... this one
    int exit_code = 0;      // else its exit code
};

// Runs `child(fd, context)` in a copy of this process; `child` writes to `fd` with write_all and
// must end with leave_child (it never returns to the caller's code).
IsolatedRun run_isolated(void (*child)(int fd, void* context), void* context);
// Writes everything to `fd`; false at the first failed write.
bool write_all(int fd, const char* data, std::size_t size);
// Ends the copy at once, without running destructors or atexit handlers (_exit).
[[noreturn]] void leave_child(int code);
// Sends the copy's standard error to the null device, for work whose crash messages (a C
// library's heap-corruption report) would otherwise reach the user's terminal.
void silence_standard_error();

} // namespace perry::platform

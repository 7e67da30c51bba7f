// Running a program (cargo, cmake, a compiler) with an argv, never through a shell.
//
// The program runs in a process group of its own, so that a timeout, a Ctrl-C or a SIGTERM sent
// to perry ends everything it started (cargo's rustc processes, ninja's compilers), not only the
// program itself. See docs/linker/build.md.
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace perry::linker {

struct ProcessResult {
    bool started = false;   // false: the program could not be run at all (see `error`)
    int exit_code = -1;     // the exit status; 128 + signal number when killed by a signal
    std::string out;        // everything the program wrote to stdout (unless not kept)
    std::string err;        // everything it wrote to stderr (unless not kept)
    std::string error;      // why it could not be started
    bool timed_out = false; // ended by ProcessOptions::timeout
    int interrupted_by = 0; // SIGINT or SIGTERM received by perry while the program ran; 0: none
    bool ok() const { return started && exit_code == 0 && !timed_out && interrupted_by == 0; }
};

enum class OutputStream { Out, Err };

struct ProcessOptions {
    std::string cwd;                                      // empty: the current directory
    std::vector<std::pair<std::string, std::string>> env; // added to (or replacing in) ours
    bool inherit_environment = true; // false: the program sees only `env` (reproducible runs)

    // Both streams are also appended, in the order they arrive, to this file (created if needed).
    std::string log_file;
    bool log_stdout = true; // false: only stderr goes to the log (stdout is machine output)
    // Called with each complete line (without its newline) as it arrives, on the calling thread;
    // a last line without a newline is passed when the stream ends.
    std::function<void(OutputStream, std::string_view line)> on_line;
    // false: `out` and `err` stay empty (the output goes to the log and the callback only).
    bool keep_output = true;
    // After this long the program's whole process group gets SIGTERM, then SIGKILL after
    // `kill_grace`. nullopt: no limit.
    std::optional<std::chrono::milliseconds> timeout;
    std::chrono::milliseconds kill_grace{2000};
};

// Runs argv[0] (searched on PATH when it has no slash) and waits for it. Standard input is
// /dev/null. While it runs, SIGINT and SIGTERM sent to perry are forwarded to the program's
// process group; when it has ended the previous handlers are restored and the signal is raised
// again, so perry ends as signalled (the result is returned first only if a handler returns).
// Never throws for a failing program; see ProcessResult.
ProcessResult run_process(const std::vector<std::string>& argv, const ProcessOptions& options = {});

// The first executable `name` on PATH, then in each of `extra_dirs`; nullopt when none. A name
// with a slash is taken as a path.
std::optional<std::string> find_program(const std::string& name,
                                        const std::vector<std::string>& extra_dirs = {});

// The last `count` lines of a program's output (trailing newlines dropped): what a failure shows.
std::string output_tail(const std::string& text, std::size_t count);

// `argv` as one line for messages (arguments with spaces quoted). Never run through a shell.
std::string command_line(const std::vector<std::string>& argv);

} // namespace perry::linker

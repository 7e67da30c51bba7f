// Running a program (cargo, cmake, a compiler) with an argv, never through a shell.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace perry::linker {

struct ProcessResult {
    bool started = false;   // false: the program could not be run at all (see `error`)
    int exit_code = -1;     // the exit status; 128 + signal number when killed by a signal
    std::string out;        // everything the program wrote to stdout
    std::string err;        // everything it wrote to stderr
    std::string error;      // why it could not be started
    bool ok() const { return started && exit_code == 0; }
};

struct ProcessOptions {
    std::string cwd;                                        // empty: the current directory
    std::vector<std::pair<std::string, std::string>> env;   // added to (or replacing in) ours
    bool inherit_environment = true; // false: the program sees only `env` (reproducible runs)
};

// Runs argv[0] (searched on PATH when it has no slash) with posix_spawn and waits for it,
// collecting stdout and stderr. Never throws for a failing program; see ProcessResult.
ProcessResult run_process(const std::vector<std::string>& argv, const ProcessOptions& options = {});

// The first executable `name` on PATH, then in each of `extra_dirs`; nullopt when none.
std::optional<std::string> find_program(const std::string& name,
                                        const std::vector<std::string>& extra_dirs = {});

} // namespace perry::linker

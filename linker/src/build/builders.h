// The two builders (cargo, CMake) and what they share: each runs its tool in a temporary folder
// of the cache with output to the build's log, and finds the archive it produced.
#pragma once

#include "perry/linker/build.h"
#include "perry/linker/process.h"

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace perry::linker::detail {

struct BuildContext {
    const BuildRequest* request = nullptr;
    const BuildOptions* options = nullptr;
    std::filesystem::path crate_dir;        // where the sources are (read only)
    std::string lib;                        // the library stem
    std::vector<std::string> archive_names; // file names the library may have
    std::filesystem::path work;             // the temporary folder in the cache
    std::filesystem::path log;              // work/build.log
    std::optional<std::chrono::steady_clock::time_point> deadline;
    std::string c_launcher;    // ccache/sccache for CMake; empty: none
    std::string rustc_wrapper; // sccache for cargo; empty: none
    std::chrono::steady_clock::time_point started;
};

struct BuilderOutcome {
    bool ok = false;
    std::filesystem::path archive; // inside `work`
    std::string failed_command;    // the step that failed
    int exit_code = 0;
    bool timed_out = false;
    std::string error; // a failure that is not a tool's exit status
};

BuilderOutcome run_cargo(const BuildContext& context);
BuilderOutcome run_cmake(const BuildContext& context);

// Runs one step of a build: its command line first goes into the log, then its output. Lines
// of stderr (and of stdout when `show_stdout`) reach the progress callback.
ProcessResult run_build_step(const BuildContext& context, const std::vector<std::string>& argv,
                             const std::filesystem::path& cwd,
                             std::vector<std::pair<std::string, std::string>> env, bool log_stdout,
                             bool show_stdout);

// Fills `outcome` from a failed step; returns false for chaining.
bool step_failed(const std::vector<std::string>& argv, const ProcessResult& result,
                 BuilderOutcome& outcome);

// Which compiler cache each builder uses: PERRY_COMPILER_CACHE (or BuildOptions::compiler_cache)
// names one or `off`; otherwise ccache for C and C++ when installed (else sccache), and sccache
// as RUSTC_WRAPPER when installed. A cache asked for but missing is a warning.
void choose_compiler_cache(const BuildOptions& options, BuildContext& context,
                           std::vector<resolver::Diagnostic>& diagnostics);

// The compilers' identities for the key: `rustc -vV` for cargo; cmake, c++ and cc versions for
// CMake. Each runs once per compiler binary (build_key.h caches the answer).
bool compiler_identities(const std::filesystem::path& cache, bool cargo,
                         std::vector<std::string>& identities, std::string& error);

// cargo's library name for a crate: [lib] name, else [package] name with `-` as `_`.
std::optional<std::string> cargo_library_name(const std::filesystem::path& cargo_toml,
                                              std::string& error);

// The cargo program: on PATH, else ~/.cargo/bin.
std::string cargo_program();

} // namespace perry::linker::detail

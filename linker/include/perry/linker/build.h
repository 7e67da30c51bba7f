// Building one package's binding (a cargo crate or a CMake project) into a content-addressed
// cache, never into the package. See docs/linker/build.md.
//
//   BuildRequest request{"demo", package_dir, "node_modules/demo/package.json", *target, ""};
//   BuildOptions options;
//   options.runtime = locate_runtime(current_executable());
//   BuildResult result = build_binding(request, options);
//   if (result.status == BuildStatus::Failed) ... result.diagnostics, result.output_tail
//
// The cache key is a SHA-256 over the crate's input files, the manifest's target entry, the
// cargo features, the target triple, the compilers' identities and the runtime version. A second
// call with unchanged inputs starts no compiler and reports `Cached`.
#pragma once

#include "perry/linker/runtime_location.h"
#include "perry/resolver/diagnostic.h"
#include "perry/resolver/manifest.h"

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace perry::linker {

struct BuildRequest {
    std::string package_name;          // for messages ("demo", "@scope/x")
    std::filesystem::path package_dir; // the package (never written to)
    std::string manifest_file;         // the package.json label used in diagnostics
    resolver::Target target;           // the manifest's entry for the target being built
    std::string triple;                // a rustc target triple; empty: this host
};

enum class BuildStatus { Cached, Built, Failed };
const char* build_status_name(BuildStatus status); // "cached", "built", "failed"

// What a progress display needs; sent on the calling thread.
struct BuildEvent {
    enum class Kind {
        Started,  // the key is known and no cached build exists: a build begins
        Waiting,  // another process builds the same key: waiting for its lock
        Output,   // a line of the build's output (`line`)
        Finished, // `status` says how it ended
    };
    Kind kind = Kind::Started;
    std::string package;
    std::string line;
    BuildStatus status = BuildStatus::Built;
    std::chrono::steady_clock::duration elapsed{};
};

struct BuildOptions {
    RuntimeLocation runtime;         // the runtime CMake builds find (find_package(PerryFFI))
    std::filesystem::path cache_dir; // empty: default_cache_dir()
    // A build running longer is ended with its whole process group and fails. nullopt: no limit.
    std::optional<std::chrono::milliseconds> timeout;
    // "ccache", "sccache", "off"; empty: $PERRY_COMPILER_CACHE, else whichever is on PATH.
    std::string compiler_cache;
    bool offline = false; // CARGO_NET_OFFLINE=true for cargo
    std::function<void(const BuildEvent&)> on_event;
};

struct BuildResult {
    BuildStatus status = BuildStatus::Failed;
    std::filesystem::path archive; // the static library, inside the cache
    std::filesystem::path log;     // the build's output (for a cached result: of its build)
    std::string key;               // the cache key (hex SHA-256)
    std::vector<resolver::Diagnostic> diagnostics; // warnings (inferred keys) and errors
    std::string output_tail; // on failure: the last 200 lines of the build's output
    bool timed_out = false;
    bool unusable_input = false; // nothing to build from, unreadable Cargo.toml: exit code 2
};

BuildResult build_binding(const BuildRequest& request, const BuildOptions& options);

// One package's build as a driver (link, run, lock) reports it.
struct PackageBuild {
    std::string package;
    BuildResult result;
};

// $PERRY_CACHE_DIR, else $XDG_CACHE_HOME/perry, else ~/.cache/perry.
std::filesystem::path default_cache_dir();

// A one-line-per-package progress display for BuildEvents: on a terminal one line per package is
// redrawn in place with the elapsed time and the build's last output line; elsewhere plain lines
// are printed when a build starts and ends. Either way a finished package leaves one line:
// `<package>: cached`, `<package>: built (12.3 s)` or `<package>: failed (12.3 s)`.
class BuildProgressPrinter {
  public:
    explicit BuildProgressPrinter(std::FILE* stream);
    void operator()(const BuildEvent& event);

  private:
    std::FILE* stream_;
    bool terminal_;
    std::chrono::steady_clock::time_point last_draw_{};
};

} // namespace perry::linker

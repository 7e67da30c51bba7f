// The host program of `perry native run`: the generated call shims of a package's functions, the
// run harness (libperry_run_host.a: main, the calls notation, the pump), the package's archive and
// libperry_ffi.a, linked through the real link plan and build cache. The executable itself is
// cached too, keyed by everything that went into it, so a second run with unchanged inputs builds
// and links nothing. See docs/cli/run.md.
#pragma once

#include "perry/linker/link_program.h"

#include <filesystem>
#include <string>
#include <vector>

namespace perry::linker {

struct RunHostRequest {
    std::filesystem::path package_dir = ".";
    BuildOptions build; // runtime (headers, libperry_ffi.a, the harness), cache, timeout, progress
    Environment environment = current_environment();
};

struct RunHost {
    std::filesystem::path executable; // inside the cache; empty when it could not be made
    bool cached = false;              // it existed: nothing was compiled or linked
    std::string manifest_file;
    LinkOutcome link; // the package's plan, its build and the host's line
    std::vector<resolver::Diagnostic> diagnostics; // the manifest's, then this step's own
    std::string compiler_output; // the shims' compiler or the linker, when it failed
    bool unusable_input = false; // exit code 2

    std::vector<resolver::Diagnostic> all_diagnostics() const;
    bool ok() const { return !executable.empty(); }
};

RunHost prepare_run_host(const RunHostRequest& request);

} // namespace perry::linker

// `perry native doctor`: is the host (and, given a program directory, this program) ready to
// build and link native packages for a target? Each check says what it found and, when it
// failed, how to fix it. A failed check *matters* when the target needs it: cargo matters only
// when a Rust package must be built, a C++ compiler when a CMake package must be built, the C
// compiler (the link driver) when linking for the host. See docs/cli/doctor.md.
#pragma once

#include "perry/linker/link_plan.h"
#include "perry/linker/runtime_location.h"

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

namespace perry::linker {

struct DoctorCheck {
    std::string id;   // stable, for scripts: "cxx-compiler", "cargo", "import:tiny", ...
    std::string name; // for people: "C++ compiler (c++)"
    bool ok = false;
    std::string version;  // the tool's first version line, or what was found; may be empty
    std::string hint;     // failed: how to fix it; ok: a note, often empty
    bool matters = false; // a failure makes doctor exit 1
};

struct DoctorRequest {
    resolver::TargetKey target = host_target();
    std::filesystem::path project_dir; // empty: check the machine only
    std::filesystem::path well_known;  // the table to check (locate_well_known_table)
    RuntimeLocation runtime;           // of the perry that runs
    std::filesystem::path cache_dir;   // the build cache (compiler identities); empty: default
    std::chrono::milliseconds tool_timeout{10000}; // for each `--version` a check runs
};

struct DoctorReport {
    std::vector<DoctorCheck> checks; // tools first, then the runtime, the table, the project
    // No check that matters failed.
    bool ok() const;
};

DoctorReport run_doctor(const DoctorRequest& request);

} // namespace perry::linker

// The two halves of `perry native doctor`: the machine's tools, and a program's imports. The
// project half runs first and says which tools the target needs, so that only those matter.
#pragma once

#include "perry/linker/doctor.h"
#include "perry/resolver/well_known.h"

#include <string>
#include <vector>

namespace perry::linker::detail {

// What building and linking the target needs from the machine.
struct ToolNeeds {
    bool cargo = false;      // a Rust package is built from source
    bool cmake = false;      // a CMake (C or C++) package is built from source
    bool link = false;       // the target links here (the C compiler is the link driver)
    bool pkg_config = false; // a package's target entry names pkgConfig modules
};

std::vector<DoctorCheck> tool_checks(const DoctorRequest& request, const ToolNeeds& needs);

// The runtime's headers and library, and the well-known table.
std::vector<DoctorCheck> runtime_checks(const DoctorRequest& request);

// Every native import of the program in request.project_dir, how it resolves, skipped
// targets, ABI and manifest problems, prebuilts older than their sources or differing from
// perry.lock; fills `needs` from the plan.
std::vector<DoctorCheck> project_checks(const DoctorRequest& request,
                                        const resolver::WellKnownTable& table, ToolNeeds& needs);

} // namespace perry::linker::detail

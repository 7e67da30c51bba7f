#include "perry/linker/doctor.h"

#include "doctor_checks.h"

#include <algorithm>

namespace perry::linker {

bool DoctorReport::ok() const {
    return std::none_of(checks.begin(), checks.end(),
                        [](const DoctorCheck& check) { return !check.ok && check.matters; });
}

DoctorReport run_doctor(const DoctorRequest& request) {
    DoctorReport report;
    std::vector<resolver::WellKnownError> errors;
    const resolver::WellKnownTable table =
        resolver::WellKnownTable::load(request.well_known, errors);

    detail::ToolNeeds needs;
    needs.link =
        request.target == host_target() && target_flavor(request.target) != LinkFlavor::None;
    std::vector<DoctorCheck> project;
    if (request.project_dir.empty()) {
        // No program to ask: what every C or C++ binding (the default scaffold) needs.
        needs.cmake = true;
    } else if (errors.empty()) {
        project = detail::project_checks(request, table, needs);
    }
    report.checks = detail::tool_checks(request, needs);
    const std::vector<DoctorCheck> runtime = detail::runtime_checks(request);
    report.checks.insert(report.checks.end(), runtime.begin(), runtime.end());

    DoctorCheck well_known{"well-known-table", "well-known table", errors.empty(), "", "", true};
    if (errors.empty()) {
        well_known.version = std::to_string(table.entries().size()) + " binding(s) in " +
                             request.well_known.string();
    } else {
        well_known.version = request.well_known.string();
        well_known.hint = errors.front().describe() +
                          "; pass a valid table with --well-known FILE or PERRY_WELL_KNOWN";
    }
    report.checks.push_back(std::move(well_known));
    report.checks.insert(report.checks.end(), project.begin(), project.end());
    return report;
}

} // namespace perry::linker

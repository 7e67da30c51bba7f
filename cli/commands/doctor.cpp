// `perry native doctor [DIR] [--target T] [--json]`: checks the machine (and the program in DIR)
// for what building and linking native packages needs (perry_linker's run_doctor).
// docs/cli/doctor.md.
#include "commands.h"
#include "output.h"
#include "well_known_option.h"

#include "perry/linker/doctor.h"
#include "perry/linker/runtime_location.h"
#include "perry/resolver/well_known.h"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <filesystem>
#include <memory>

namespace perry::cli {
namespace {

namespace fs = std::filesystem;
using namespace perry::linker;

struct DoctorArgs {
    std::string dir;
    std::optional<std::string> target;
    bool json = false;
    std::optional<std::string> well_known;
};

std::string report_json(const DoctorReport& report) {
    nlohmann::json checks = nlohmann::json::array();
    for (const DoctorCheck& check : report.checks) {
        checks.push_back({{"id", check.id},
                          {"name", check.name},
                          {"ok", check.ok},
                          {"version", check.version},
                          {"hint", check.hint},
                          {"matters", check.matters}});
    }
    // Text from files and tools may not be valid UTF-8: replaced rather than thrown on.
    return checks.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

void print_human(const DoctorReport& report) {
    for (const DoctorCheck& check : report.checks) {
        const char* status = check.ok ? "ok  " : check.matters ? "FAIL" : "warn";
        std::string line = std::string(status) + "  " + check.name;
        if (!check.version.empty())
            line += ": " + check.version;
        if (!check.hint.empty())
            line += (check.ok ? " (" : " -- ") + check.hint + (check.ok ? ")" : "");
        std::printf("%s\n", terminal_safe(line).c_str());
    }
    std::size_t failed = 0, warned = 0;
    for (const DoctorCheck& check : report.checks) {
        failed += !check.ok && check.matters;
        warned += !check.ok && !check.matters;
    }
    std::printf("%zu check(s): %zu failed, %zu warning(s)\n", report.checks.size(), failed, warned);
}

int run_doctor_command(const DoctorArgs& args) {
    DoctorRequest request;
    if (args.target) {
        const std::optional<resolver::TargetKey> target = resolver::find_target_key(*args.target);
        if (!target) {
            print_error("--target '" + *args.target + "' is not a target key",
                        "use one of macos, ios, linux, windows, android, web, harmonyos, tvos, "
                        "watchos, visionos");
            return kExitUsage;
        }
        request.target = *target;
    }
    if (!args.dir.empty()) {
        std::error_code ec;
        if (!fs::is_directory(args.dir, ec)) {
            print_error(args.dir + ": not a directory", "pass the program's directory");
            return kExitUsage;
        }
        request.project_dir = args.dir;
    }
    const fs::path executable = current_executable();
    std::optional<fs::path> explicit_table;
    if (args.well_known)
        explicit_table = fs::path(*args.well_known);
    request.well_known = resolver::locate_well_known_table(explicit_table, executable).path;
    request.runtime = locate_runtime(executable);

    const DoctorReport report = run_doctor(request);
    if (args.json)
        std::fputs(report_json(report).c_str(), stdout);
    else
        print_human(report);
    return report.ok() ? kExitOk : kExitProblems;
}

} // namespace

Command add_doctor_command(CLI::App& native) {
    auto args = std::make_shared<DoctorArgs>();
    CLI::App* app = native.add_subcommand(
        "doctor", "Check the tools, the runtime and a program's imports for a target");
    app->add_option("dir", args->dir, "A program's directory: check its native imports too");
    app->add_option("--target", args->target, "Target key to check for (default: the host's)");
    app->add_flag("--json", args->json,
                  "Print the checks as a JSON array of {id, name, ok, version, hint, matters}");
    add_well_known_option(*app, args->well_known);
    return {app, [args] { return run_doctor_command(*args); }};
}

} // namespace perry::cli

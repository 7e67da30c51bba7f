// `perry native link [OBJECT...] -o OUT [--target T] [--from DIR] [--import SPEC]... [--dry-run]
// [--json] [--build-timeout SECONDS] [--driver CMD] [--frozen]`: links a program with the native
// packages it imports (perry_linker's link_program) and prints what happened. docs/cli/link.md.
#include "commands.h"
#include "commands/build_options.h"
#include "output.h"
#include "well_known_option.h"

#include "perry/linker/link_program.h"
#include "perry/linker/native_imports.h"
#include "perry/linker/runtime_location.h"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdio>
#include <memory>

namespace perry::cli {
namespace {

using namespace perry::linker;

struct LinkArgs {
    std::vector<std::string> objects;
    std::string output;
    std::string target;
    std::string from = ".";
    std::vector<std::string> imports;
    std::string driver;
    double build_timeout = 0;
    bool dry_run = false;
    bool json = false;
    bool lockdown = false;
    bool frozen = false;
    std::optional<std::string> well_known;
};

void print_diagnostics(const std::vector<resolver::Diagnostic>& diagnostics) {
    for (const resolver::Diagnostic& d : diagnostics) {
        std::fprintf(stderr, "%s\n", d.format().c_str());
    }
}

void print_failures(const LinkOutcome& outcome) {
    print_failed_builds(outcome.builds);
    if (!outcome.link_output.empty()) {
        std::fprintf(stderr, "---- the linker's output\n%s\n", outcome.link_output.c_str());
    }
}

std::string summary(const LinkOutcome& outcome, const std::string& output) {
    std::size_t prebuilt = 0, skipped = 0;
    for (const PackagePlan& package : outcome.plan.packages) {
        prebuilt += package.action == PackageAction::Prebuilt;
        skipped += package.action == PackageAction::Skipped;
    }
    std::size_t built = 0, cached = 0;
    for (const PackageBuild& build : outcome.builds) {
        built += build.result.status == BuildStatus::Built;
        cached += build.result.status == BuildStatus::Cached;
    }
    return "linked " + output + ": " + std::to_string(outcome.plan.packages.size()) +
           " native package(s): " + std::to_string(built) + " built, " + std::to_string(cached) +
           " cached, " + std::to_string(prebuilt) + " prebuilt, " + std::to_string(skipped) +
           " skipped\n";
}

std::string outcome_json(const LinkOutcome& outcome, const std::string& output) {
    nlohmann::json out = nlohmann::json::parse(
        link_plan_json(outcome.plan, outcome.line ? &*outcome.line : nullptr));
    nlohmann::json builds = nlohmann::json::array();
    for (const PackageBuild& build : outcome.builds) {
        builds.push_back({{"package", build.package},
                          {"status", build_status_name(build.result.status)},
                          {"archive", build.result.archive.string()},
                          {"log", build.result.log.string()},
                          {"key", build.result.key}});
    }
    out["builds"] = builds;
    out["output"] = output;
    out["linked"] = outcome.linked;
    nlohmann::json diagnostics = nlohmann::json::array();
    for (const resolver::Diagnostic& d : outcome.all_diagnostics()) {
        diagnostics.push_back({{"severity", d.is_error() ? "error" : "warning"},
                               {"message", d.what()},
                               {"fix", d.fix}});
    }
    out["diagnostics"] = diagnostics;
    return out.dump(2) + "\n";
}

int run_link(const LinkArgs& args) {
    const std::optional<resolver::TargetKey> target =
        args.target.empty() ? std::optional(host_target()) : resolver::find_target_key(args.target);
    if (!target) {
        print_error("--target '" + args.target + "' is not a target key",
                    "use one of macos, ios, linux, windows, android, web, harmonyos, tvos, "
                    "watchos, visionos");
        return kExitUsage;
    }
    if (args.output.empty() && !args.dry_run) {
        print_error("no output named", "pass -o PROGRAM (or --dry-run to print the plan)");
        return kExitUsage;
    }
    const std::optional<resolver::WellKnownTable> table = load_well_known_table(args.well_known);
    if (!table)
        return kExitUsage;

    ImportOptions import_options;
    import_options.from = args.from;
    import_options.specifiers = args.imports;
    import_options.target = *target;
    import_options.lockdown = args.lockdown;
    NativeImports imports = collect_native_imports(import_options, *table);
    print_diagnostics(imports.diagnostics);
    if (!imports.ok())
        return kExitUsage;

    LinkRequest request;
    request.target = *target;
    request.packages = std::move(imports.packages);
    request.objects = args.objects;
    request.output = args.output;
    request.driver = args.driver;
    request.dry_run = args.dry_run;
    std::optional<BuildOptions> build = command_build_options(args.build_timeout);
    if (!build)
        return kExitUsage;
    request.build = std::move(*build);
    if (args.frozen) {
        if (imports.program_dir.empty()) {
            print_error("--frozen: no package.json above " + args.from +
                            " names the program, so there is no perry.lock to check against",
                        "run from the program's directory (where perry.lock is)");
            return kExitUsage;
        }
        request.lock_file = imports.program_dir / kLockFileName;
        resolver::Diagnostic read_error;
        bool missing = false;
        request.frozen = read_lock_file(request.lock_file, read_error, missing);
        if (missing) {
            print_error(request.lock_file.string() + ": there is no perry.lock (--frozen)",
                        "run `perry native lock` and commit perry.lock");
            return kExitProblems;
        }
        if (!request.frozen) {
            print_diagnostics({read_error});
            return kExitUsage;
        }
    }

    const LinkOutcome outcome = link_program(request);
    print_diagnostics(outcome.all_diagnostics());
    print_failures(outcome);
    if (args.json) {
        std::fputs(outcome_json(outcome, args.output).c_str(), stdout);
    } else if (args.dry_run) {
        std::fputs(
            describe_link_plan(outcome.plan, outcome.line ? &*outcome.line : nullptr).c_str(),
            stdout);
    } else if (outcome.linked) {
        std::fputs(summary(outcome, args.output).c_str(), stdout);
    }
    if (outcome.unusable_input)
        return kExitUsage;
    return outcome.ok() ? kExitOk : kExitProblems;
}

} // namespace

Command add_link_command(CLI::App& native) {
    auto args = std::make_shared<LinkArgs>();
    CLI::App* app = native.add_subcommand(
        "link", "Link a program with the native packages it imports (builds them when needed)");
    app->add_option("object", args->objects, "The program's own object files, first on the line");
    app->add_option("-o,--output", args->output, "The program to write");
    app->add_option("--target", args->target, "Target key to link for (default: the host's)");
    app->add_option("--from", args->from,
                    "The program's file or directory; imports resolve from there (default: .)");
    app->add_option("--import", args->imports,
                    "A native import to link (repeatable; default: the native dependencies of the "
                    "program's package.json)");
    app->add_option("--driver", args->driver,
                    "The compiler driver that links (default: cc; link.exe for windows)");
    app->add_option("--build-timeout", args->build_timeout,
                    "End a package build that runs longer than this many seconds")
        ->check(CLI::PositiveNumber);
    app->add_flag("--dry-run", args->dry_run,
                  "Print the plan and the link line; build and link nothing");
    app->add_flag("--json", args->json, "Print the plan, the builds and the line as JSON");
    app->add_flag("--lockdown", args->lockdown, "Refuse every installed native package");
    app->add_flag("--frozen", args->frozen,
                  "Refuse an archive whose SHA-256 differs from perry.lock, or that it lacks");
    add_well_known_option(*app, args->well_known);
    return {app, [args] { return run_link(*args); }};
}

} // namespace perry::cli

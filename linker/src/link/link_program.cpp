#include "perry/linker/link_program.h"

#include "perry/linker/process.h"

#include <filesystem>
#include <system_error>

namespace perry::linker {
namespace {

namespace fs = std::filesystem;
using resolver::Diagnostic;

Diagnostic error(std::string file, std::string message, std::string fix) {
    return resolver::make_diagnostic(Diagnostic::Severity::Error, std::move(file), "",
                                     std::move(message), std::move(fix));
}

// The link writes a temporary name beside the output and renames it, so a failed or interrupted
// link never leaves a half-written program where the old one was.
std::vector<std::string> with_output(std::vector<std::string> argv, LinkFlavor flavor,
                                     const std::string& output) {
    if (flavor == LinkFlavor::Msvc) {
        argv.push_back("/OUT:" + output);
    } else {
        argv.push_back("-o");
        argv.push_back(output);
    }
    return argv;
}

bool run_link(const LinkRequest& request, const LinkLine& line, LinkOutcome& outcome) {
    const fs::path output = fs::absolute(request.output);
    const fs::path temporary = output.string() + ".perry-link-tmp";
    std::error_code ec;
    fs::remove(temporary, ec);
    const ProcessResult result =
        run_process(with_output(line.argv, line.flavor, temporary.string()));
    if (!result.ok()) {
        fs::remove(temporary, ec);
        outcome.link_output = result.started ? output_tail(result.err + result.out, 200) : "";
        const std::string why =
            result.started ? "exit " + std::to_string(result.exit_code) : result.error;
        outcome.diagnostics.push_back(
            error(request.output, "the link failed (" + line.argv.front() + ": " + why + ")",
                  "read the linker's output above; `--dry-run` prints the line"));
        return false;
    }
    fs::rename(temporary, output, ec);
    if (ec) {
        fs::remove(temporary, ec);
        outcome.diagnostics.push_back(error(request.output, "cannot write: " + ec.message(),
                                            "check that the directory exists and is writable"));
        return false;
    }
    return true;
}

} // namespace

std::vector<Diagnostic> LinkOutcome::all_diagnostics() const {
    std::vector<Diagnostic> all = plan.diagnostics;
    for (const PackageBuild& build : builds) {
        all.insert(all.end(), build.result.diagnostics.begin(), build.result.diagnostics.end());
    }
    if (line)
        all.insert(all.end(), line->diagnostics.begin(), line->diagnostics.end());
    if (conflicts) {
        all.insert(all.end(), conflicts->diagnostics.begin(), conflicts->diagnostics.end());
    }
    all.insert(all.end(), diagnostics.begin(), diagnostics.end());
    return all;
}

bool LinkOutcome::ok() const {
    return !unusable_input && !resolver::has_errors(all_diagnostics());
}

std::vector<PackageBuild> build_planned_packages(LinkPlan& plan, const BuildOptions& options,
                                                 std::vector<Diagnostic>& diagnostics) {
    std::vector<PackageBuild> builds;
    for (PackagePlan* package : plan.to_build()) {
        BuildRequest request;
        request.package_name = package->name;
        request.package_dir = package->dir;
        request.manifest_file = package->manifest_file;
        if (package->entry)
            request.target = *package->entry;
        if (package->inferred) {
            // The plan has already warned about the missing keys and named what it inferred;
            // the build gets them filled in rather than warning a second time.
            request.target.crate = resolver::PackagePath{".", package->crate_dir.string()};
            request.target.lib = package->lib;
            request.target.lib_as_written = package->lib;
        }
        builds.push_back({package->name, build_binding(request, options)});
        const BuildResult& result = builds.back().result;
        if (result.status != BuildStatus::Failed) {
            package->archive = result.archive;
        } else if (!resolver::has_errors(result.diagnostics)) {
            diagnostics.push_back(error(package->manifest_file,
                                        "the build of " + package->name + " failed",
                                        "see its output in " + result.log.string()));
        }
    }
    return builds;
}

LinkOutcome link_program(const LinkRequest& request) {
    LinkOutcome outcome;
    outcome.plan = plan_link(request.target, request.packages);
    if (!outcome.plan.ok()) {
        outcome.unusable_input = true;
        return outcome;
    }
    if (request.dry_run) {
        // The archives of packages still to build are not known: the line names what the build
        // would produce instead, so a dry run shows the whole command.
        for (PackagePlan* package : outcome.plan.to_build()) {
            package->archive = "<" + package->name + ": built by perry>";
        }
    } else {
        outcome.builds = build_planned_packages(outcome.plan, request.build, outcome.diagnostics);
        for (const PackageBuild& build : outcome.builds) {
            if (build.result.unusable_input)
                outcome.unusable_input = true;
        }
        if (!outcome.ok())
            return outcome;
    }

    if (request.frozen) {
        const std::vector<Diagnostic> drift =
            check_frozen(outcome.plan, *request.frozen, request.lock_file);
        outcome.diagnostics.insert(outcome.diagnostics.end(), drift.begin(), drift.end());
        if (!outcome.ok())
            return outcome;
    }

    LinkLineOptions line_options;
    line_options.objects = request.objects;
    line_options.runtime_archive = request.build.runtime.ffi_library.string();
    line_options.driver = request.driver;
    if (request.dry_run)
        line_options.output = request.output; // shown; a real link adds its own
    line_options.environment = request.environment;
    outcome.line = make_link_line(outcome.plan, line_options);
    if (!outcome.line->ok() || request.dry_run)
        return outcome;

    outcome.conflicts = check_conflicts(line_archives(outcome.plan, *outcome.line));
    if (!outcome.conflicts->ok())
        return outcome;

    if (outcome.plan.target != host_target()) {
        outcome.diagnostics.push_back(error(
            request.output,
            "cannot link for `" + std::string(resolver::target_key_name(outcome.plan.target)) +
                "` on this machine: perry links with the host's compiler driver",
            "link on a machine of that target, or print the line with --dry-run"));
        outcome.unusable_input = true;
        return outcome;
    }
    outcome.linked = run_link(request, *outcome.line, outcome);
    return outcome;
}

} // namespace perry::linker

// `perry native prebuild [DIR] [--target T]... [--build-timeout S] [--json]`: builds the package's
// archive for each target the host can build, copies it to prebuilt/<triple>/ and records it
// in package.json (perry_linker's prebuild_package). Exit 0 when every requested target is in
// the package, 1 when one could not be built, 2 on bad input. docs/cli/prebuild.md.
#include "perry/linker/prebuild.h"
#include "commands.h"
#include "commands/build_options.h"
#include "output.h"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <memory>
#include <string>

namespace perry::cli {
namespace {

struct PrebuildArgs {
    std::string dir = ".";
    std::vector<std::string> targets;
    double build_timeout = 0; // seconds; 0: none
    bool json = false;
};

// Every line holds text from the package (paths, a build's output): each goes through
// terminal_safe on its own.
void print_text(const linker::PrebuildReport& report) {
    std::string out;
    const auto line = [&out](const std::string& text) {
        out += terminal_safe(text);
        out += '\n';
    };
    for (const linker::PrebuildTarget& t : report.targets) {
        line(t.triple + ": " + linker::to_string(t.status) +
             (t.archive.empty() ? ""
                                : " -> " + t.archive + " (prebuiltPerArch." + t.arch +
                                      (t.sets_default ? ", prebuilt" : "") + ")"));
        if (!t.reason.empty())
            line("  reason: " + t.reason);
        if (!t.hint.empty())
            line("  hint: " + t.hint);
    }
    if (!report.unusable)
        line(std::string("package.json: ") + (report.manifest_changed ? "updated" : "unchanged"));
    std::fwrite(out.data(), 1, out.size(), stdout);
}

nlohmann::json or_null(const std::string& text) {
    return text.empty() ? nlohmann::json() : nlohmann::json(text);
}

void print_json(const linker::PrebuildReport& report) {
    nlohmann::json targets = nlohmann::json::array();
    for (const linker::PrebuildTarget& t : report.targets) {
        targets.push_back({{"requested", t.requested},
                           {"triple", t.triple},
                           {"target", t.key},
                           {"arch", t.arch},
                           {"status", linker::to_string(t.status)},
                           {"archive", or_null(t.archive)},
                           {"setsPrebuilt", t.sets_default},
                           {"reason", or_null(t.reason)},
                           {"hint", or_null(t.hint)},
                           {"buildLog", or_null(t.build_log)}});
    }
    nlohmann::json diagnostics = nlohmann::json::array();
    for (const resolver::Diagnostic& d : report.diagnostics) {
        diagnostics.push_back({{"severity", d.is_error() ? "error" : "warning"},
                               {"file", d.file},
                               {"pointer", d.pointer},
                               {"message", d.message},
                               {"fix", d.fix}});
    }
    const nlohmann::json out = {
        {"package", report.package}, {"manifest", report.manifest_file},
        {"ok", report.ok()},         {"manifestChanged", report.manifest_changed},
        {"targets", targets},        {"diagnostics", diagnostics}};
    const std::string text = out.dump(2) + "\n";
    std::fwrite(text.data(), 1, text.size(), stdout);
}

int run_prebuild(const PrebuildArgs& args) {
    linker::PrebuildOptions options;
    options.package_dir = args.dir;
    options.targets = args.targets;
    std::optional<linker::BuildOptions> build = command_build_options(args.build_timeout);
    if (!build)
        return kExitUsage;
    options.build_options = std::move(*build);
    const linker::PrebuildReport report = linker::prebuild_package(options);
    for (const resolver::Diagnostic& d : report.diagnostics) {
        (d.is_error() ? print_error : print_warning)(d.what(), d.fix);
    }
    if (args.json)
        print_json(report);
    else
        print_text(report);
    if (report.unusable)
        return kExitUsage;
    return report.ok() ? kExitOk : kExitProblems;
}

} // namespace

Command add_prebuild_command(CLI::App& native) {
    auto args = std::make_shared<PrebuildArgs>();
    CLI::App* app = native.add_subcommand(
        "prebuild", "Build the package's archive per target into prebuilt/ and record it");
    app->add_option("dir", args->dir, "Package directory (holds package.json; default: .)");
    app->add_option("--target", args->targets,
                    "A triple (aarch64-unknown-linux-gnu, ...) or a target key; repeatable "
                    "(default: the host's triple)");
    app->add_option("--build-timeout", args->build_timeout,
                    "End a build (and everything it started) after SECONDS")
        ->check(CLI::NonNegativeNumber);
    app->add_flag("--json", args->json, "Machine-readable report on stdout");
    return Command{app, [args] { return run_prebuild(*args); }};
}

} // namespace perry::cli

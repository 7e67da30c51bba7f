// `perry native pack [DIR] [--out FILE] [--per-platform] [--dry-run] [--json]`: prints what
// perry_linker's pack_package made (or would make), as text or JSON.
#include "perry/linker/pack.h"
#include "commands.h"
#include "diagnostics_json.h"
#include "output.h"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <memory>
#include <string>

namespace perry::cli {
namespace {

struct PackArgs {
    std::string dir = ".";
    std::string out;
    bool per_platform = false;
    bool dry_run = false;
    bool json = false;
};

// One tarball as npm's `pack --json` names its fields (file, entries, integrity, shasum, size).
nlohmann::json tarball_json(const linker::PackedTarball& tarball) {
    nlohmann::json entries = nlohmann::json::array();
    for (const linker::PackedEntry& entry : tarball.entries)
        entries.push_back({{"path", entry.path}, {"size", entry.size}, {"mode", entry.mode}});
    nlohmann::json out = {
        {"name", tarball.name},  {"version", tarball.version},     {"file", tarball.file},
        {"size", tarball.bytes}, {"integrity", tarball.integrity}, {"shasum", tarball.shasum},
        {"entries", entries}};
    if (!tarball.target.empty()) {
        out["target"] = tarball.target;
        out["arch"] = tarball.arch;
    }
    return out;
}

void print_json(const linker::PackReport& report, const PackArgs& args) {
    nlohmann::json out =
        report.tarballs.empty() ? nlohmann::json::object() : tarball_json(report.tarballs.front());
    if (args.per_platform && !report.tarballs.empty()) {
        nlohmann::json platforms = nlohmann::json::array();
        for (std::size_t i = 1; i < report.tarballs.size(); ++i)
            platforms.push_back(tarball_json(report.tarballs[i]));
        out["platformPackages"] = platforms;
    }
    out["dryRun"] = args.dry_run;
    out["ok"] = report.ok();
    out["errors"] = diagnostics_json(report.diagnostics, true);
    out["warnings"] = diagnostics_json(report.diagnostics, false);
    const std::string text =
        out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
    std::fwrite(text.data(), 1, text.size(), stdout);
}

// A diagnostic's two lines (the problem, then how to fix it), each made safe for a terminal.
void print_diagnostic(const resolver::Diagnostic& diagnostic) {
    if (diagnostic.is_error())
        print_error(diagnostic.what(), diagnostic.fix);
    else
        print_warning(diagnostic.what(), diagnostic.fix);
}

void print_text(const linker::PackReport& report, bool dry_run) {
    for (const resolver::Diagnostic& diagnostic : report.diagnostics)
        print_diagnostic(diagnostic);
    std::string out;
    for (const linker::PackedTarball& tarball : report.tarballs) {
        out += terminal_safe(tarball.name + "@" + tarball.version);
        if (!tarball.target.empty())
            out += " (" + tarball.target + " " + tarball.arch + ")";
        out += "\n";
        for (const linker::PackedEntry& entry : tarball.entries) {
            char size[32];
            std::snprintf(size, sizeof size, "%10llu", static_cast<unsigned long long>(entry.size));
            out += std::string(size) + "  " + terminal_safe(entry.path) + "\n";
        }
        out += std::string(dry_run ? "would write " : "wrote ") + terminal_safe(tarball.file) +
               ": " + std::to_string(tarball.entries.size()) + " files, " +
               std::to_string(tarball.bytes) + " bytes\n";
        out += "integrity: " + tarball.integrity + "\nshasum: " + tarball.shasum + "\n";
    }
    std::fwrite(out.data(), 1, out.size(), stdout);
}

int run_pack(const PackArgs& args) {
    linker::PackOptions options;
    options.package_dir = args.dir;
    if (!args.out.empty())
        options.out = args.out;
    options.per_platform = args.per_platform;
    options.dry_run = args.dry_run;
    const linker::PackReport report = linker::pack_package(options);
    if (args.json)
        print_json(report, args);
    else
        print_text(report, args.dry_run);
    return report.exit_code();
}

} // namespace

Command add_pack_command(CLI::App& native) {
    auto args = std::make_shared<PackArgs>();
    CLI::App* app = native.add_subcommand(
        "pack", "Make an npm tarball of a native package (optionally one per platform)");
    app->add_option("dir", args->dir, "Package directory (holds package.json)");
    app->add_option("--out", args->out,
                    "The main tarball's path (default: npm's name in the current directory)");
    app->add_flag("--per-platform", args->per_platform,
                  "One tarball per prebuilt archive, and a main one without them");
    app->add_flag("--dry-run", args->dry_run, "List the entries and sizes; write nothing");
    app->add_flag("--json", args->json, "Machine-readable report on stdout");
    return Command{app, [args] { return run_pack(*args); }};
}

} // namespace perry::cli

// `perry native lock [DIR] [--frozen] [--update PKG] [--json]`: records in DIR/perry.lock the
// archive each native package of the program links for the host's target, and its SHA-256
// (perry_linker's lock_program). docs/cli/lock.md.
#include "commands.h"
#include "commands/build_options.h"
#include "output.h"
#include "well_known_option.h"

#include "perry/linker/lock.h"
#include "perry/linker/native_imports.h"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <filesystem>
#include <memory>

namespace perry::cli {
namespace {

namespace fs = std::filesystem;
using namespace perry::linker;

struct LockArgs {
    std::string dir = ".";
    bool frozen = false;
    std::string update;
    bool json = false;
    bool lockdown = false;
    std::optional<std::string> well_known;
};

nlohmann::json entry_json(const LockEntry& entry) {
    return {{"package", entry.package}, {"version", entry.version},     {"dir", entry.dir},
            {"target", entry.target},   {"arch", entry.arch},           {"source", entry.source},
            {"archive", entry.archive}, {"build_key", entry.build_key}, {"sha256", entry.sha256}};
}

std::string outcome_json(const LockOutcome& outcome) {
    nlohmann::json archives = nlohmann::json::array();
    for (const LockEntry& entry : outcome.lock.entries)
        archives.push_back(entry_json(entry));
    nlohmann::json changes = nlohmann::json::array();
    for (const LockChange& change : outcome.changes) {
        changes.push_back({{"change", change.describe()},
                           {"locked", change.locked ? entry_json(*change.locked) : nullptr},
                           {"now", change.now ? entry_json(*change.now) : nullptr}});
    }
    nlohmann::json diagnostics = nlohmann::json::array();
    for (const resolver::Diagnostic& d : outcome.diagnostics) {
        diagnostics.push_back({{"severity", d.is_error() ? "error" : "warning"},
                               {"message", d.what()},
                               {"fix", d.fix}});
    }
    return nlohmann::json{{"file", outcome.file.string()},
                          {"written", outcome.written},
                          {"archives", archives},
                          {"changes", changes},
                          {"diagnostics", diagnostics}}
               .dump(2) +
           "\n";
}

void print_human(const LockOutcome& outcome, bool frozen) {
    for (const LockEntry& entry : outcome.lock.entries) {
        std::printf("%s %s/%s: %s %s sha256 %s\n", terminal_safe(entry.package).c_str(),
                    entry.target.c_str(), entry.arch.c_str(), entry.source.c_str(),
                    terminal_safe(entry.archive).c_str(), entry.sha256.c_str());
    }
    const std::string file = terminal_safe(outcome.file.string());
    if (frozen) {
        if (outcome.ok())
            std::printf("%s is up to date\n", file.c_str());
    } else if (outcome.written) {
        std::printf("wrote %s: %zu archive(s), %zu change(s)\n", file.c_str(),
                    outcome.lock.entries.size(), outcome.changes.size());
    } else if (outcome.ok()) {
        std::printf("%s is up to date\n", file.c_str());
    }
}

int run_lock(const LockArgs& args) {
    if (args.frozen && !args.update.empty()) {
        print_error("--frozen and --update exclude each other",
                    "check with --frozen, or re-record one package with --update");
        return kExitUsage;
    }
    std::error_code ec;
    if (!fs::is_regular_file(fs::path(args.dir) / "package.json", ec)) {
        print_error(args.dir + ": no package.json here names the program",
                    "pass the program's directory (the one holding its package.json)");
        return kExitUsage;
    }
    const std::optional<resolver::WellKnownTable> table = load_well_known_table(args.well_known);
    if (!table)
        return kExitUsage;

    ImportOptions import_options;
    import_options.from = args.dir;
    import_options.lockdown = args.lockdown;
    NativeImports imports = collect_native_imports(import_options, *table);
    for (const resolver::Diagnostic& d : imports.diagnostics)
        std::fprintf(stderr, "%s\n", d.format().c_str());
    if (!imports.ok())
        return kExitUsage;

    LockRequest request;
    request.program_dir = imports.program_dir;
    request.packages = std::move(imports.packages);
    if (!args.update.empty())
        request.update = args.update;
    request.frozen = args.frozen;
    std::optional<BuildOptions> build = command_build_options(0);
    if (!build)
        return kExitUsage;
    request.build = std::move(*build);

    const LockOutcome outcome = lock_program(request);
    for (const resolver::Diagnostic& d : outcome.diagnostics)
        std::fprintf(stderr, "%s\n", d.format().c_str());
    print_failed_builds(outcome.builds);
    if (args.json)
        std::fputs(outcome_json(outcome).c_str(), stdout);
    else
        print_human(outcome, args.frozen);
    if (outcome.unusable_input)
        return kExitUsage;
    return outcome.ok() ? kExitOk : kExitProblems;
}

} // namespace

Command add_lock_command(CLI::App& native) {
    auto args = std::make_shared<LockArgs>();
    CLI::App* app = native.add_subcommand(
        "lock", "Record in perry.lock the archive each native package links, and its SHA-256");
    app->add_option("dir", args->dir, "The program's directory (default: .)");
    app->add_flag("--frozen", args->frozen,
                  "Write nothing; exit 1 and print what would change when the lock is stale");
    app->add_option("--update", args->update,
                    "Re-record only this package; the others stay as locked");
    app->add_flag("--json", args->json, "Print the lock, its changes and diagnostics as JSON");
    app->add_flag("--lockdown", args->lockdown, "Refuse every installed native package");
    add_well_known_option(*app, args->well_known);
    return {app, [args] { return run_lock(*args); }};
}

} // namespace perry::cli

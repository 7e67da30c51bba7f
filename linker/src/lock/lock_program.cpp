// What `perry native lock` records, how a new lock differs from the old one, and the check of
// `perry native link --frozen`.
#include "perry/linker/lock.h"

#include "perry/linker/link_program.h"

#include "../validate/archive_machine.h"

#include <algorithm>
#include <set>

namespace perry::linker {
namespace {

namespace fs = std::filesystem;
using resolver::Diagnostic;

Diagnostic error(std::string file, std::string message, std::string fix) {
    return resolver::make_diagnostic(Diagnostic::Severity::Error, std::move(file), "",
                                     std::move(message), std::move(fix));
}

// `path` relative to `base`, '/'-separated; both are made absolute and normal first.
std::string relative_to(const fs::path& path, const fs::path& base) {
    std::error_code ec;
    fs::path from = fs::weakly_canonical(base, ec);
    if (ec)
        from = fs::absolute(base).lexically_normal();
    fs::path to = fs::weakly_canonical(path, ec);
    if (ec)
        to = fs::absolute(path).lexically_normal();
    const fs::path relative = to.lexically_relative(from);
    return (relative.empty() ? to : relative).generic_string();
}

std::string slot(const LockEntry& entry) {
    return entry.package + " " + entry.target + "/" + entry.arch;
}

const LockEntry* find_slot(const LockFile& lock, const std::string& package,
                           const std::string& target, const std::string& arch) {
    for (const LockEntry& entry : lock.entries) {
        if (entry.package == package && entry.target == target && entry.arch == arch)
            return &entry;
    }
    return nullptr;
}

} // namespace

std::string LockChange::describe() const {
    if (!locked)
        return slot(*now) + ": added (" + now->source + " " + now->archive + ", sha256 " +
               now->sha256 + ")";
    if (!now)
        return slot(*locked) + ": removed (locked " + locked->source + " " + locked->archive +
               ", sha256 " + locked->sha256 + ")";
    std::string text = slot(*now) + ":";
    const char* separator = " ";
    const std::pair<const char*, std::string LockEntry::*> fields[] = {
        {"version", &LockEntry::version},     {"dir", &LockEntry::dir},
        {"source", &LockEntry::source},       {"archive", &LockEntry::archive},
        {"build-key", &LockEntry::build_key}, {"sha256", &LockEntry::sha256},
    };
    for (const auto& [name, member] : fields) {
        if ((*locked).*member == (*now).*member)
            continue;
        text += separator + std::string(name) + " \"" + (*locked).*member + "\" -> \"" +
                (*now).*member + "\"";
        separator = ", ";
    }
    return text;
}

std::vector<LockChange> lock_changes(const LockFile& locked, const LockFile& now) {
    std::vector<LockChange> changes;
    for (const LockEntry& entry : locked.entries) {
        const LockEntry* fresh = find_slot(now, entry.package, entry.target, entry.arch);
        if (!fresh) {
            changes.push_back({entry, std::nullopt});
        } else if (fresh->version != entry.version || fresh->dir != entry.dir ||
                   fresh->source != entry.source || fresh->archive != entry.archive ||
                   fresh->build_key != entry.build_key || fresh->sha256 != entry.sha256) {
            changes.push_back({entry, *fresh});
        }
    }
    for (const LockEntry& entry : now.entries) {
        if (!find_slot(locked, entry.package, entry.target, entry.arch))
            changes.push_back({std::nullopt, entry});
    }
    std::sort(changes.begin(), changes.end(), [](const LockChange& a, const LockChange& b) {
        const LockEntry& x = a.now ? *a.now : *a.locked;
        const LockEntry& y = b.now ? *b.now : *b.locked;
        return std::tie(x.package, x.target, x.arch) < std::tie(y.package, y.target, y.arch);
    });
    return changes;
}

std::vector<LockEntry> lock_entries(const LinkPlan& plan, const std::vector<PackageBuild>& builds,
                                    const std::vector<PlanPackage>& packages,
                                    const fs::path& program_dir,
                                    std::vector<Diagnostic>& diagnostics) {
    std::vector<LockEntry> entries;
    for (const PackagePlan& package : plan.packages) {
        if (package.action == PackageAction::Skipped || !package.archive)
            continue;
        LockEntry entry;
        entry.package = package.name;
        for (const PlanPackage& imported : packages) {
            if (imported.name == package.name && imported.manifest.version)
                entry.version = *imported.manifest.version;
        }
        entry.dir = relative_to(package.dir, program_dir);
        entry.target = std::string(resolver::target_key_name(plan.target));
        entry.arch = detail::host_machine();
        if (package.action == PackageAction::Prebuilt) {
            entry.source = "prebuilt";
            entry.archive = relative_to(*package.archive, package.dir);
        } else {
            entry.source = "build";
            entry.archive = package.archive->filename().string();
            for (const PackageBuild& build : builds) {
                if (build.package == package.name)
                    entry.build_key = build.result.key;
            }
        }
        std::string why;
        const std::optional<std::string> hash = file_sha256(*package.archive, why);
        if (!hash) {
            diagnostics.push_back(
                error(package.manifest_file, why, "check that the archive exists and is readable"));
            continue;
        }
        entry.sha256 = *hash;
        entries.push_back(std::move(entry));
    }
    return entries;
}

LockOutcome lock_program(const LockRequest& request) {
    LockOutcome outcome;
    outcome.file = request.program_dir / kLockFileName;
    bool missing = false;
    Diagnostic read_error;
    const std::optional<LockFile> old = read_lock_file(outcome.file, read_error, missing);
    if (!old && !missing) {
        outcome.diagnostics.push_back(std::move(read_error));
        outcome.unusable_input = true;
        return outcome;
    }
    const LockFile locked = old.value_or(LockFile{});

    std::vector<PlanPackage> packages;
    std::set<std::string> imported;
    for (const PlanPackage& package : request.packages) {
        imported.insert(package.name);
        if (!request.update || package.name == *request.update)
            packages.push_back(package);
    }
    if (request.update && packages.empty()) {
        outcome.diagnostics.push_back(
            error(outcome.file,
                  "--update " + *request.update + ": the program imports no such native package",
                  "name one of the program's native packages (`perry native list` shows them)"));
        outcome.unusable_input = true;
        return outcome;
    }

    LinkPlan plan = plan_link(host_target(), packages);
    outcome.diagnostics = plan.diagnostics;
    if (!plan.ok()) {
        outcome.unusable_input = true;
        return outcome;
    }
    outcome.builds = build_planned_packages(plan, request.build, outcome.diagnostics);
    for (const PackageBuild& build : outcome.builds) {
        if (build.result.unusable_input)
            outcome.unusable_input = true;
        outcome.diagnostics.insert(outcome.diagnostics.end(), build.result.diagnostics.begin(),
                                   build.result.diagnostics.end());
    }
    if (!outcome.ok())
        return outcome;
    const std::vector<LockEntry> fresh =
        lock_entries(plan, outcome.builds, packages, request.program_dir, outcome.diagnostics);
    if (!outcome.ok())
        return outcome;

    // Entries of other targets and architectures were recorded elsewhere and stay; this
    // machine's entries of the packages looked at are replaced; a package the program no longer
    // imports leaves the lock.
    const std::string target(resolver::target_key_name(host_target()));
    const std::string arch = detail::host_machine();
    for (const LockEntry& entry : locked.entries) {
        const bool renewed = std::any_of(packages.begin(), packages.end(),
                                         [&](const auto& p) { return p.name == entry.package; });
        if (!imported.count(entry.package) ||
            (renewed && entry.target == target && entry.arch == arch))
            continue;
        outcome.lock.entries.push_back(entry);
    }
    outcome.lock.entries.insert(outcome.lock.entries.end(), fresh.begin(), fresh.end());
    sort_entries(outcome.lock);
    outcome.changes = lock_changes(locked, outcome.lock);

    if (request.frozen) {
        for (const LockChange& change : outcome.changes) {
            outcome.diagnostics.push_back(
                error(outcome.file, "would change: " + change.describe(),
                      "run `perry native lock` and commit perry.lock, or restore what changed"));
        }
        if (missing) {
            outcome.diagnostics.push_back(error(outcome.file, "there is no perry.lock",
                                                "run `perry native lock` and commit perry.lock"));
        }
        return outcome;
    }
    if (!outcome.changes.empty() || missing) {
        std::string why;
        if (!write_lock_file(outcome.file, outcome.lock, why)) {
            outcome.diagnostics.push_back(
                error(outcome.file, why, "check that the directory is writable"));
            outcome.unusable_input = true;
            return outcome;
        }
        outcome.written = true;
    }
    return outcome;
}

std::vector<Diagnostic> check_frozen(const LinkPlan& plan, const LockFile& lock,
                                     const fs::path& lock_file) {
    std::vector<Diagnostic> problems;
    const std::string target(resolver::target_key_name(plan.target));
    const std::string arch = detail::host_machine();
    for (const PackagePlan& package : plan.packages) {
        if (package.action == PackageAction::Skipped || !package.archive)
            continue;
        std::error_code ec;
        if (!fs::is_regular_file(*package.archive, ec))
            continue; // a dry run's placeholder for an archive still to build
        const LockEntry* locked = find_slot(lock, package.name, target, arch);
        if (!locked) {
            problems.push_back(
                error(lock_file.string(),
                      package.name + " " + target + "/" + arch + " is not in perry.lock (--frozen)",
                      "run `perry native lock` and commit perry.lock"));
            continue;
        }
        std::string why;
        const std::optional<std::string> hash = file_sha256(*package.archive, why);
        if (!hash) {
            problems.push_back(
                error(package.manifest_file, why, "check that the archive exists and is readable"));
        } else if (*hash != locked->sha256) {
            problems.push_back(error(
                package.archive->string(),
                "the archive of " + package.name + " " + target + "/" + arch +
                    " differs from perry.lock (--frozen): locked sha256 " + locked->sha256 +
                    ", found " + *hash,
                "restore the archive perry.lock names, or accept the new one with `perry native "
                "lock --update " +
                    package.name + "` and commit perry.lock"));
        }
    }
    return problems;
}

} // namespace perry::linker

// validate_package: manifest → targets → archive → symbols → checks.
#include "perry/linker/validate.h"

#include "archive_machine.h"
#include "locate_archive.h"
#include "perry/linker/symbols.h"
#include "report_helpers.h"
#include "signature_checks.h"
#include "symbol_checks.h"
#include "ts_declarations.h"

#include <algorithm>
#include <unordered_set>

namespace perry::linker {
namespace {

namespace fs = std::filesystem;
using resolver::Diagnostic;
using resolver::TargetKey;

// The only target this Linux host builds; the others need prebuilts.
constexpr TargetKey kHostTarget = TargetKey::Linux;

constexpr auto shown = detail::shown_path;

Diagnostic error(std::string file, std::string message, std::string fix) {
    return resolver::make_diagnostic(Diagnostic::Severity::Error, std::move(file), {},
                                     std::move(message), std::move(fix));
}

// The targets to check, with a synthesized entry for the host when the manifest has none (the
// package root is then the crate, as `perry native init` scaffolds it).
std::vector<resolver::Target> targets_to_check(const ValidateOptions& options,
                                               const resolver::ManifestResult& manifest,
                                               ValidationReport& report) {
    const resolver::NativeLibrary& library = manifest.native_library;
    if (options.all_targets) {
        if (library.targets.empty()) {
            report.diagnostics.push_back(error(manifest.file,
                                               "--all-targets: the manifest declares no targets",
                                               "add perry.nativeLibrary.targets entries"));
        }
        return library.targets;
    }
    const TargetKey key = options.target.value_or(kHostTarget);
    if (const resolver::Target* target = library.target(key))
        return {*target};
    if (key == kHostTarget) {
        resolver::Target host;
        host.key = key;
        return {host};
    }
    Diagnostic d =
        error(manifest.file,
              "the manifest has no `" + std::string(resolver::target_key_name(key)) + "` target",
              "add perry.nativeLibrary.targets." + std::string(resolver::target_key_name(key)) +
                  ", or validate another target");
    d.pointer = "/perry/nativeLibrary/targets";
    report.diagnostics.push_back(std::move(d));
    report.unreadable = true;
    return {};
}

// The archive's machines, and an error when the host's own target is checked with an archive
// the host cannot link (the other targets are linked elsewhere: their format is checked).
bool has_own_archive_for_host(const resolver::Target& target) {
    return std::any_of(
        target.prebuilt_per_arch.begin(), target.prebuilt_per_arch.end(),
        [](const resolver::ArchPrebuilt& entry) { return entry.arch == resolver::host_arch(); });
}

// A prebuiltPerArch entry is checked against its own architecture on every target: its key says
// which machine it is for.
void check_machine(const resolver::ManifestResult& manifest, const resolver::Target& target,
                   const fs::path& archive, TargetValidation& result, ValidationReport& report) {
    result.machines = detail::archive_machines(archive.string());
    if (!result.arch.empty()) {
        const std::vector<std::string> arches = detail::archive_arches(archive.string());
        if (arches.empty() || std::find(arches.begin(), arches.end(), result.arch) != arches.end())
            return;
        Diagnostic d = error(
            manifest.file,
            "the `" + result.target + "` archive " + result.staticlib + " for " + result.arch +
                " is built for " +
                [&] {
                    std::string list;
                    for (const std::string& a : arches)
                        list += (list.empty() ? "" : ", ") + a;
                    return list;
                }(),
            "build it for " + result.arch +
                " (perry native prebuild), or move "
                "it to the key of its architecture");
        d.pointer =
            "/perry/nativeLibrary/targets/" + result.target + "/prebuiltPerArch/" + result.arch;
        report.diagnostics.push_back(std::move(d));
        return;
    }
    // The host's own check is for the archive the host links: when prebuiltPerArch names
    // one for the host, `prebuilt` is for the others.
    if (target.key != kHostTarget || result.machines.empty() || has_own_archive_for_host(target))
        return;
    const std::string host = detail::host_machine();
    if (std::find(result.machines.begin(), result.machines.end(), host) != result.machines.end()) {
        return;
    }
    std::string machines;
    for (const std::string& machine : result.machines) {
        machines += (machines.empty() ? "" : ", ") + machine;
    }
    Diagnostic d =
        error(manifest.file,
              "the `" + result.target + "` archive " + result.staticlib + " is built for " +
                  machines + ", but `" + result.target + "` is linked on this machine for " + host +
                  ": no program here can link it",
              "build the archive for " + host +
                  ", or validate it on a machine of its architecture (" + machines + ")");
    d.pointer = "/perry/nativeLibrary/targets/" + result.target;
    report.diagnostics.push_back(std::move(d));
}

// Whether the manifest's own check already found an error in this target's entry: its archive is
// then not looked for, so that one mistake (`"prebuilt": true`) gets one diagnostic, not a second,
// misleading one about what the entry fails to name.
bool entry_has_errors(const resolver::ManifestResult& manifest, const std::string& key) {
    const std::string pointer = "/perry/nativeLibrary/targets/" + key;
    return std::any_of(
        manifest.diagnostics.begin(), manifest.diagnostics.end(), [&](const Diagnostic& d) {
            return d.is_error() && (d.pointer == pointer || d.pointer.rfind(pointer + "/", 0) == 0);
        });
}

void check_target(const ValidateOptions& options, const resolver::ManifestResult& manifest,
                  const resolver::Target& target, ValidationReport& report,
                  const std::string& arch = {}) {
    TargetValidation result;
    result.target = std::string(resolver::target_key_name(target.key));
    result.arch = arch;
    if (entry_has_errors(manifest, result.target)) {
        report.targets.push_back(std::move(result));
        return;
    }
    BuildOptions build_options = options.build_options;
    if (options.build && !build_options.runtime.found)
        build_options.runtime = locate_runtime(current_executable());
    detail::LocatedArchive located =
        detail::locate_archive(manifest, target, options.build, target.key == kHostTarget,
                               build_options, report.diagnostics);
    if (located.unreadable)
        report.unreadable = true;
    if (!located.path) {
        report.targets.push_back(std::move(result));
        return;
    }
    result.archive_path = located.path->string();
    if (located.build) {
        // Its full path (with the cache key) is in archive_path; the short form is stable.
        result.staticlib = "<cache>/" + located.path->filename().string();
        result.build = build_status_name(located.build->status);
        result.build_log = located.build->log.string();
    } else {
        result.staticlib = shown(*located.path, manifest.package_dir);
    }
    try {
        // Kinds are needed only for the declared names (and duplicates): the rest of a big
        // staticlib is taken from its index without parsing.
        std::unordered_set<std::string> declared;
        for (const resolver::Function& function : manifest.native_library.functions) {
            declared.emplace(function.name);
        }
        ReadOptions read_options;
        read_options.kinds_only_for = &declared;
        const SymbolListing listing = read_symbols(located.path->string(), read_options);
        for (const ReadProblem& problem : listing.problems) {
            report.diagnostics.push_back(error(problem.member.empty()
                                                   ? result.staticlib
                                                   : result.staticlib + "(" + problem.member + ")",
                                               problem.what, problem.how_to_fix));
            report.unreadable = true;
        }
        detail::check_symbols(manifest, listing, result.staticlib, report.binding_prefixes,
                              options.strict, result, report.diagnostics);
        if (options.check_signatures) {
            detail::check_signatures(manifest, listing, result.staticlib, result,
                                     report.diagnostics);
        } else {
            result.signatures.status = SignatureStatus::Disabled;
        }
        check_machine(manifest, target, *located.path, result, report);
        result.checked = true;
    } catch (const SymbolReadError& failure) {
        report.diagnostics.push_back(
            error(result.staticlib, failure.problem().what, failure.problem().how_to_fix));
        report.unreadable = true;
    }
    report.targets.push_back(std::move(result));
}

// Each prebuiltPerArch archive is checked as an entry of its own (the link for that machine
// uses it); the target's own `prebuilt`, or its crate, is checked unless it is one of them or
// the host's machine has its own archive and there is nothing else to check.
void check_target_per_arch(const ValidateOptions& options, const resolver::ManifestResult& manifest,
                           const resolver::Target& target, ValidationReport& report) {
    bool default_is_per_arch = false;
    for (const resolver::ArchPrebuilt& per_arch : target.prebuilt_per_arch) {
        resolver::Target one = target;
        one.prebuilt = per_arch.path;
        one.prebuilt_per_arch.clear();
        check_target(options, manifest, one, report, per_arch.arch);
        default_is_per_arch =
            default_is_per_arch ||
            (target.prebuilt && target.prebuilt->resolved == per_arch.path.resolved);
    }
    if (default_is_per_arch || (!target.prebuilt && has_own_archive_for_host(target)))
        return;
    check_target(options, manifest, target, report);
}

} // namespace

std::size_t ValidationReport::error_count() const {
    return static_cast<std::size_t>(std::count_if(
        diagnostics.begin(), diagnostics.end(), [](const Diagnostic& d) { return d.is_error(); }));
}

std::size_t ValidationReport::warning_count() const {
    return diagnostics.size() - error_count();
}

std::vector<std::string> binding_prefixes(const std::vector<std::string>& declared_names) {
    std::vector<std::string> prefixes;
    for (const std::string& name : declared_names) {
        const std::size_t underscore = name.find('_');
        if (underscore == std::string::npos || underscore == 0)
            continue;
        std::string prefix = name.substr(0, underscore + 1);
        if (prefix == "perry_")
            continue;
        if (std::find(prefixes.begin(), prefixes.end(), prefix) == prefixes.end()) {
            prefixes.push_back(std::move(prefix));
        }
    }
    return prefixes;
}

ValidationReport validate_package(const ValidateOptions& options) {
    ValidationReport report;
    const fs::path package_json = options.package_dir / "package.json";
    report.manifest_file = package_json.string();
    resolver::ManifestResult manifest = resolver::parse_manifest_file(package_json);
    report.package = manifest.name.value_or("");
    report.abi_version = manifest.native_library.abi_version;
    report.diagnostics = manifest.diagnostics; // includes the abiVersion check
    if (manifest.unreadable) {
        report.unreadable = true;
        return report;
    }
    if (!manifest.has_native_library) {
        Diagnostic d = error(manifest.file, "no perry.nativeLibrary manifest: not a native binding",
                             "add a perry.nativeLibrary block (see docs/resolver/manifest.md)");
        d.pointer = "/perry/nativeLibrary";
        report.diagnostics.push_back(std::move(d));
        report.unreadable = true;
        return report;
    }
    report.declared = manifest.native_library.functions.size();
    std::vector<std::string> names;
    for (const resolver::Function& function : manifest.native_library.functions) {
        names.emplace_back(function.name);
    }
    report.binding_prefixes = binding_prefixes(names);
    for (const resolver::Target& target : targets_to_check(options, manifest, report)) {
        check_target_per_arch(options, manifest, target, report);
    }
    detail::check_typescript_declarations(manifest, report);
    return report;
}

} // namespace perry::linker

// prebuild_package: for each requested triple, can the host build it, the cached build, the
// archive copied into the package, and package.json's prebuilt paths, written once at the end.
#include "perry/linker/prebuild.h"

#include "build/builders.h"
#include "build/cross_toolchain.h"
#include "perry/linker/process.h"
#include "perry/linker/runtime_location.h"
#include "perry/linker/triples.h"
#include "perry/resolver/manifest.h"
#include "plan/crate_source.h"
#include "prebuild/manifest_edit.h"
#include "prebuild/package_files.h"

#include <algorithm>
#include <cstdlib>

namespace perry::linker {
namespace {

namespace fs = std::filesystem;
using resolver::Diagnostic;

Diagnostic error_at(const std::string& file, std::string pointer, std::string message,
                    std::string fix) {
    return resolver::make_diagnostic(Diagnostic::Severity::Error, file, std::move(pointer),
                                     std::move(message), std::move(fix));
}

std::string triple_names() {
    std::string out;
    for (const TripleInfo& row : known_triples())
        out += (out.empty() ? "" : ", ") + std::string(row.triple);
    return out;
}

// The triple a request names: a triple of the table, or a target key meaning that key for this
// machine's architecture.
std::optional<TripleInfo> requested_triple(const std::string& requested) {
    if (std::optional<TripleInfo> row = find_triple(requested))
        return row;
    if (const std::optional<resolver::TargetKey> key = resolver::find_target_key(requested))
        return triple_for(*key, resolver::host_arch());
    return std::nullopt;
}

// Whether rustup (or the toolchain's sysroot) has the standard library of `triple`.
bool rust_target_installed(const std::string& triple) {
    const char* home = std::getenv("HOME");
    const std::vector<std::string> extra = {std::string(home ? home : "") + "/.cargo/bin"};
    const std::optional<std::string> rustc = find_program("rustc", extra);
    if (!rustc)
        return false;
    const ProcessResult sysroot = run_process({*rustc, "--print", "sysroot"});
    if (!sysroot.ok())
        return false;
    std::string root = sysroot.out;
    while (!root.empty() && (root.back() == '\n' || root.back() == '\r'))
        root.pop_back();
    std::error_code ec;
    return fs::is_directory(fs::path(root) / "lib" / "rustlib" / triple / "lib", ec);
}

class Prebuilder {
  public:
    Prebuilder(const PrebuildOptions& options, const resolver::ManifestResult& manifest,
               PrebuildReport& report)
        : options_(options), manifest_(manifest), report_(report) {}

    // Builds `target` and copies its archive into the package; on success `target.archive` is
    // the path to record.
    void run(PrebuildTarget& target, const TripleInfo& triple) {
        const resolver::Target* entry = manifest_.native_library.target(triple.key);
        if (entry == nullptr) {
            cannot(target, "the manifest has no `" + target.key + "` entry",
                   "add perry.nativeLibrary.targets." + target.key +
                       " (e.g. { \"crate\": \".\", \"lib\": \"<name>\" })");
            return;
        }
        const fs::path crate =
            entry->crate ? fs::path(entry->crate->resolved) : options_.package_dir;
        const std::optional<BuildSystem> system = detail::detect_build_system(crate);
        if (!system) {
            cannot(target,
                   "nothing to build from: no Cargo.toml or CMakeLists.txt in " + crate.string(),
                   "set `crate` in the `" + target.key + "` entry to the crate's directory");
            return;
        }
        const std::optional<TripleInfo> host = host_triple();
        const bool native = host && host->triple == triple.triple;
        if (!native && !can_cross_build(target, *system))
            return;

        BuildRequest request;
        request.package_name = report_.package;
        request.package_dir = options_.package_dir;
        request.manifest_file = manifest_.file;
        request.target = *entry;
        // What prebuild itself writes is not an input: the cache key stays the same when it
        // has recorded a prebuilt, so a second run finds the build cached.
        request.target.prebuilt.reset();
        request.target.prebuilt_per_arch.clear();
        request.target.platform_packages.clear();
        if (!request.target.crate)
            request.target.crate = resolver::PackagePath{".", options_.package_dir.string()};
        if (!request.target.lib && !library_name(target, *system, crate, request.target))
            return;
        request.triple = native ? "" : std::string(triple.triple);

        const BuildResult result = build_binding(request, build_options());
        target.build_log = result.log.string();
        report_.diagnostics.insert(report_.diagnostics.end(), result.diagnostics.begin(),
                                   result.diagnostics.end());
        if (result.status == BuildStatus::Failed) {
            target.status = PrebuildStatus::Failed;
            target.reason = result.output_tail.empty()
                                ? "the build failed"
                                : "the build failed: " + output_tail(result.output_tail, 1);
            return;
        }
        const fs::path relative =
            fs::path("prebuilt") / std::string(triple.triple) / result.archive.filename();
        std::string error;
        if (const std::optional<std::string> link = symlinked_directory(relative.parent_path())) {
            target.status = PrebuildStatus::Failed;
            target.reason = *link + " is a symbolic link: prebuild writes only inside the package";
            report_.diagnostics.push_back(
                error_at(manifest_.file, "", target.reason,
                         "replace the link with a directory (or remove it)"));
            return;
        }
        const std::optional<bool> copied =
            detail::copy_if_different(result.archive, options_.package_dir / relative, error);
        if (!copied) {
            target.status = PrebuildStatus::Failed;
            target.reason = error;
            report_.diagnostics.push_back(error_at(manifest_.file, "", error,
                                                   "check that the package directory is "
                                                   "writable"));
            return;
        }
        target.archive = relative.generic_string();
        target.status = result.status == BuildStatus::Built ? PrebuildStatus::Built
                        : *copied                           ? PrebuildStatus::Updated
                                                            : PrebuildStatus::UpToDate;
    }

  private:
    // The first of `prebuilt`, `prebuilt/<triple>` that is a symlink: writing through it could
    // leave the package.
    std::optional<std::string> symlinked_directory(const fs::path& relative) const {
        fs::path walked;
        for (const fs::path& part : relative) {
            walked /= part;
            std::error_code ec;
            if (fs::is_symlink(fs::symlink_status(options_.package_dir / walked, ec)))
                return walked.generic_string();
        }
        return std::nullopt;
    }

    void cannot(PrebuildTarget& target, std::string reason, std::string hint) {
        target.status = PrebuildStatus::CannotBuild;
        target.reason = std::move(reason);
        target.hint = std::move(hint);
    }

    bool can_cross_build(PrebuildTarget& target, BuildSystem system) {
        if (system == BuildSystem::Cargo) {
            if (rust_target_installed(target.triple))
                return true;
            cannot(target, "the Rust target " + target.triple + " is not installed",
                   "rustup target add " + target.triple);
            return false;
        }
        std::string why;
        if (detail::cross_compilers(target.triple, why))
            return true;
        cannot(target, why, "build it on a " + target.key + " " + target.arch + " machine (CI)");
        return false;
    }

    bool library_name(PrebuildTarget& target, BuildSystem system, const fs::path& crate,
                      resolver::Target& entry) {
        if (system == BuildSystem::CMake) {
            cannot(target, "the `" + target.key + "` entry builds with CMake but names no `lib`",
                   "set `lib` to the name of the static library the CMake project builds");
            return false;
        }
        std::string error;
        const std::optional<std::string> name =
            detail::cargo_library_name(crate / "Cargo.toml", error);
        if (!name) {
            cannot(target, "Cargo.toml names no library: " + error,
                   "set `lib` in the `" + target.key + "` entry");
            return false;
        }
        entry.lib = *name;
        entry.lib_as_written = *name;
        return true;
    }

    BuildOptions build_options() {
        BuildOptions build = options_.build_options;
        if (!build.runtime.found)
            build.runtime = locate_runtime(current_executable());
        return build;
    }

    const PrebuildOptions& options_;
    const resolver::ManifestResult& manifest_;
    PrebuildReport& report_;
};

} // namespace

const char* to_string(PrebuildStatus status) {
    switch (status) {
    case PrebuildStatus::Built:
        return "built";
    case PrebuildStatus::UpToDate:
        return "up to date";
    case PrebuildStatus::Updated:
        return "updated";
    case PrebuildStatus::CannotBuild:
        return "cannot build";
    case PrebuildStatus::Failed:
        return "failed";
    }
    return "failed";
}

bool PrebuildReport::ok() const {
    return !unusable && !resolver::has_errors(diagnostics) &&
           std::all_of(targets.begin(), targets.end(), [](const PrebuildTarget& t) {
               return t.status != PrebuildStatus::CannotBuild && t.status != PrebuildStatus::Failed;
           });
}

PrebuildReport prebuild_package(const PrebuildOptions& options) {
    PrebuildReport report;
    const fs::path package_json = options.package_dir / "package.json";
    report.manifest_file = package_json.string();
    std::string text, error;
    if (!detail::read_whole_file(package_json, text, error)) {
        report.diagnostics.push_back(error_at(report.manifest_file, "", error,
                                              "run prebuild in (or name) the package's directory"));
        report.unusable = true;
        return report;
    }
    const resolver::ManifestResult manifest =
        resolver::parse_manifest_text(text, report.manifest_file, options.package_dir);
    report.package = manifest.name.value_or("");
    if (!manifest.has_native_library || !manifest.ok()) {
        report.diagnostics = manifest.diagnostics;
        if (!manifest.unreadable && !manifest.has_native_library) {
            report.diagnostics.push_back(
                error_at(report.manifest_file, "/perry/nativeLibrary",
                         "no perry.nativeLibrary manifest: not a native binding",
                         "add a perry.nativeLibrary block (see docs/resolver/manifest.md)"));
        }
        report.unusable = true;
        return report;
    }

    std::vector<std::pair<PrebuildTarget, TripleInfo>> wanted;
    std::vector<std::string> requested = options.targets;
    if (requested.empty()) {
        const std::optional<TripleInfo> host = host_triple();
        requested.push_back(host ? std::string(host->triple) : std::string("(this machine)"));
    }
    for (const std::string& name : requested) {
        const std::optional<TripleInfo> triple = requested_triple(name);
        if (!triple) {
            report.diagnostics.push_back(
                error_at("--target", "", "unknown target `" + name + "`",
                         "use a target triple (" + triple_names() +
                             ") or a target key for this machine's architecture"));
            report.unusable = true;
            continue;
        }
        const bool seen = std::any_of(wanted.begin(), wanted.end(), [&](const auto& w) {
            return w.second.triple == triple->triple;
        });
        if (seen)
            continue;
        PrebuildTarget target;
        target.requested = name;
        target.triple = std::string(triple->triple);
        target.key = std::string(resolver::target_key_name(triple->key));
        target.arch = std::string(triple->arch);
        const std::optional<TripleInfo> default_triple =
            triple_for(triple->key, resolver::host_arch());
        target.sets_default = default_triple && default_triple->triple == triple->triple;
        wanted.emplace_back(std::move(target), *triple);
    }
    if (report.unusable)
        return report;

    std::string edited = text;
    Prebuilder prebuilder(options, manifest, report);
    for (auto& [target, triple] : wanted) {
        prebuilder.run(target, triple);
        if (!target.archive.empty()) {
            std::optional<std::string> next = detail::set_prebuilt_paths(
                edited, triple.key, target.arch, target.archive, target.sets_default, error);
            if (!next) {
                target.status = PrebuildStatus::Failed;
                target.reason = error;
            } else {
                if (*next != edited && target.status == PrebuildStatus::UpToDate)
                    target.status = PrebuildStatus::Updated;
                edited = std::move(*next);
            }
        }
        report.targets.push_back(std::move(target));
    }
    if (edited == text)
        return report;
    // The edit is read back as the manifest reader reads it before it replaces the file.
    const resolver::ManifestResult check =
        resolver::parse_manifest_text(edited, report.manifest_file, options.package_dir);
    if (!check.ok()) {
        report.diagnostics.push_back(
            error_at(report.manifest_file, "",
                     "the edited package.json does not read back as a valid "
                     "manifest; package.json was left as it was",
                     "report this as a perry bug, with the package.json"));
        return report;
    }
    if (!detail::replace_file_atomically(package_json, edited, error)) {
        report.diagnostics.push_back(error_at(report.manifest_file, "", error,
                                              "check that the package directory is writable"));
        return report;
    }
    report.manifest_changed = true;
    return report;
}

} // namespace perry::linker

// plan_link: for each package, skipped, prebuilt or build, with every decision explained.
#include "perry/linker/link_plan.h"

#include "build/builders.h"
#include "plan/crate_source.h"
#include "validate/archive_machine.h"
#include "validate/report_helpers.h"

#include "perry/resolver/platform_package.h"

#include "perry/linker/triples.h"

#include <algorithm>
#include <set>
#include <system_error>

namespace perry::linker {
namespace {

namespace fs = std::filesystem;
using resolver::Diagnostic;
using resolver::TargetKey;

constexpr auto shown = detail::shown_path;

std::string key_name(TargetKey key) {
    return std::string(resolver::target_key_name(key));
}

std::string entry_pointer(TargetKey key) {
    return "/perry/nativeLibrary/targets/" + key_name(key);
}

// Reports for one package, in the plan's diagnostics.
class PackagePlanner {
  public:
    PackagePlanner(const PlanPackage& package, TargetKey target, const PlanOptions& options,
                   std::vector<Diagnostic>& diagnostics)
        : package_(package), target_(target), options_(options), diagnostics_(diagnostics),
          arch_(plan_arch(target, options)) {}

    PackagePlan plan() {
        PackagePlan plan = decide();
        plan.failed = errors_ > 0;
        return plan;
    }

  private:
    PackagePlan decide() {
        PackagePlan plan;
        plan.name = package_.name;
        plan.dir = package_.dir;
        plan.manifest_file = package_.manifest.file;
        const resolver::ManifestResult& manifest = package_.manifest;
        if (manifest.unreadable || !manifest.has_native_library || !manifest.ok()) {
            plan.reason = manifest_problem(manifest);
            report(Diagnostic::Severity::Error, "",
                   "package `" + package_.name + "` cannot be linked: " + plan.reason,
                   "run `perry native validate " + package_.dir.string() +
                       "` and fix what it reports");
            return plan;
        }
        const resolver::Target* entry = manifest.native_library.target(target_);
        if (entry == nullptr) {
            plan.reason = "no `" + key_name(target_) + "` entry in perry.nativeLibrary.targets" +
                          declared_targets();
            report(Diagnostic::Severity::Warning, "/perry/nativeLibrary/targets",
                   "package `" + package_.name + "` is not linked for `" + key_name(target_) +
                       "`: " + plan.reason,
                   "calls to its functions will not link on `" + key_name(target_) + "`; add a `" +
                       key_name(target_) + "` entry, or avoid the import there");
            return plan;
        }
        plan.entry = *entry;
        report_unsupported_sources(*entry);
        choose_archive(*entry, plan);
        if (plan.action == PackageAction::Prebuilt)
            check_machine(plan);
        return plan;
    }

    // For (target, arch): prebuiltPerArch[arch], then the platform package of platformPackages
    // [arch], then prebuilt, then a build (docs/manifest.md). The platform package comes before
    // `prebuilt` because it is made for this architecture and `prebuilt` may not be.
    void choose_archive(const resolver::Target& entry, PackagePlan& plan) {
        const std::string pointer = entry_pointer(target_);
        if (!arch_.empty()) {
            for (const resolver::ArchPrebuilt& per_arch : entry.prebuilt_per_arch) {
                if (per_arch.arch == arch_) {
                    plan.archive_source = "prebuiltPerArch." + arch_;
                    plan_prebuilt(entry, per_arch.path, pointer + "/prebuiltPerArch/" + arch_,
                                  plan);
                    return;
                }
            }
            if (entry.platform_package_for(arch_) && plan_platform_package(entry, plan))
                return;
        }
        if (entry.prebuilt) {
            plan.archive_source = "prebuilt";
            plan_prebuilt(entry, *entry.prebuilt, pointer + "/prebuilt", plan);
        } else {
            plan_build(entry, plan, "");
        }
    }

    // Returns false when `prebuilt` should decide instead (the platform package is not
    // installed and the entry names one).
    bool plan_platform_package(const resolver::Target& entry, PackagePlan& plan) {
        const resolver::PlatformPackageLookup found =
            resolver::find_platform_package(package_.manifest, target_, arch_);
        const std::string pointer = entry_pointer(target_) + "/platformPackages/" + arch_;
        const std::string which =
            "platform package `" + found.package + "` (" + key_name(target_) + ", " + arch_ + ")";
        const std::string install =
            "npm install " + found.package + "@" + package_.manifest.version.value_or("latest");
        switch (found.status) {
        case resolver::PlatformPackageLookup::Status::Found:
            plan.action = PackageAction::Prebuilt;
            plan.archive = fs::path(found.archive);
            plan.archive_source = "platformPackages." + arch_;
            plan.platform_package = found.package;
            return true;
        case resolver::PlatformPackageLookup::Status::Invalid:
            for (const Diagnostic& d : found.diagnostics) {
                errors_ += 1;
                diagnostics_.push_back(d);
            }
            plan.reason = which + " is installed but unusable";
            return true;
        case resolver::PlatformPackageLookup::Status::NotDeclared:
            return false;
        case resolver::PlatformPackageLookup::Status::NotInstalled:
            break;
        }
        const std::string missing = which + " is not installed";
        if (entry.prebuilt) {
            report(Diagnostic::Severity::Warning, pointer,
                   "package `" + package_.name + "`: " + missing + "; using its `prebuilt`",
                   install);
            return false;
        }
        const fs::path crate = entry.crate ? fs::path(entry.crate->resolved) : package_.dir;
        const std::optional<BuildSystem> system = detail::detect_build_system(crate);
        if (system && can_build(*system)) {
            report(Diagnostic::Severity::Warning, pointer,
                   "package `" + package_.name + "`: " + missing + "; building " +
                       shown_path(crate) + " from source instead",
                   install + " to link its prebuilt archive");
            plan_build(entry, plan, missing);
            return true;
        }
        plan.reason = missing;
        report(Diagnostic::Severity::Error, pointer,
               "package `" + package_.name + "`: " + missing +
                   " and the package cannot be built from source here",
               install);
        return true;
    }

    // An archive built for another machine links nowhere on this one: an error now, naming both
    // machines, rather than the linker's "file in wrong format" or, worse, skipped members.
    void check_machine(PackagePlan& plan) {
        if (arch_.empty() || !plan.archive)
            return;
        const std::vector<std::string> machines = detail::archive_arches(plan.archive->string());
        if (machines.empty() ||
            std::find(machines.begin(), machines.end(), arch_) != machines.end())
            return;
        std::string list;
        for (const std::string& machine : machines)
            list += (list.empty() ? "" : ", ") + machine;
        const std::string pointer =
            entry_pointer(target_) + "/" +
            (plan.archive_source.rfind("prebuiltPerArch.", 0) == 0    ? "prebuiltPerArch/" + arch_
             : plan.archive_source.rfind("platformPackages.", 0) == 0 ? "platformPackages/" + arch_
                                                                      : std::string("prebuilt"));
        plan.reason = "its archive " + shown_path(*plan.archive) + " is built for " + list +
                      ", but the link is for " + arch_;
        plan.action = PackageAction::Skipped;
        plan.archive.reset();
        const std::optional<TripleInfo> triple = triple_for(target_, arch_);
        report(Diagnostic::Severity::Error, pointer,
               "package `" + package_.name + "`: " + plan.reason + " (`" + key_name(target_) + "`)",
               "build the archive for " + arch_ +
                   (triple ? " (perry native prebuild --target " + std::string(triple->triple) + ")"
                           : std::string()) +
                   " and name it in prebuiltPerArch." + arch_);
    }

    // Spec v1's swift_sources and metal_sources are compiled by Apple's tools (swiftc, xcrun
    // metal), which this toolchain does not run: say so rather than link without them.
    void report_unsupported_sources(const resolver::Target& entry) {
        const std::pair<const char*, const std::vector<resolver::PackagePath>*> fields[] = {
            {"swift_sources", &entry.swift_sources}, {"metal_sources", &entry.metal_sources}};
        for (const auto& [field, paths] : fields) {
            if (paths->empty())
                continue;
            report(Diagnostic::Severity::Warning, entry_pointer(target_) + "/" + field,
                   "package `" + package_.name + "`: " + field + " (" +
                       std::to_string(paths->size()) + (paths->size() == 1 ? " file" : " files") +
                       ") not compiled: perry-native does not run Apple's compilers yet",
                   "compile them into the package's prebuilt archive, or expect the functions "
                   "they define to be missing at link time");
        }
    }

    // The first thing wrong with a manifest, for one line.
    static std::string manifest_problem(const resolver::ManifestResult& manifest) {
        if (manifest.unreadable)
            return "its package.json cannot be read";
        if (!manifest.has_native_library)
            return "its package.json has no perry.nativeLibrary";
        for (const Diagnostic& d : manifest.diagnostics) {
            if (d.is_error())
                return "its manifest has errors, the first at " + d.pointer + ": " + d.message;
        }
        return "its manifest has errors";
    }

    void report(Diagnostic::Severity severity, std::string pointer, std::string message,
                std::string fix) {
        errors_ += severity == Diagnostic::Severity::Error ? 1 : 0;
        diagnostics_.push_back(resolver::make_diagnostic(severity, package_.manifest.file,
                                                         std::move(pointer), std::move(message),
                                                         std::move(fix)));
    }

    std::string declared_targets() const {
        std::string names;
        for (const resolver::Target& target : package_.manifest.native_library.targets) {
            names += (names.empty() ? "" : ", ") + key_name(target.key);
        }
        return names.empty() ? " (it declares no targets)" : " (it declares " + names + ")";
    }

    std::string shown_path(const fs::path& path) const {
        const fs::path relative = path.lexically_relative(package_.dir);
        return relative == "." ? "the package root" : shown(path, package_.dir);
    }

    void plan_prebuilt(const resolver::Target& entry, const resolver::PackagePath& path,
                       const std::string& pointer, PackagePlan& plan) {
        const fs::path prebuilt(path.resolved);
        std::error_code ec;
        if (fs::is_regular_file(prebuilt, ec)) {
            plan.action = PackageAction::Prebuilt;
            plan.archive = prebuilt;
            return;
        }
        if (fs::is_directory(prebuilt, ec)) {
            const std::vector<std::string> names =
                entry.lib ? detail::archive_file_names(entry, *entry.lib)
                          : std::vector<std::string>{};
            const detail::DirectoryArchive found = detail::archive_in_directory(prebuilt, names);
            if (found.path) {
                plan.action = PackageAction::Prebuilt;
                plan.archive = *found.path;
                return;
            }
            plan.reason =
                "prebuilt directory " + shown_path(prebuilt) +
                (found.candidates.empty() ? " holds no archive (.a, .lib, .wasm)"
                                          : " holds " + std::to_string(found.candidates.size()) +
                                                " archives and `lib` names none of them");
            report(Diagnostic::Severity::Error, pointer,
                   "package `" + package_.name + "`: " + plan.reason,
                   "set `lib` to the archive's name, or point `prebuilt` at the file");
            return;
        }
        const std::string missing = "prebuilt " + shown_path(prebuilt) + " does not exist";
        const fs::path crate = entry.crate ? fs::path(entry.crate->resolved) : package_.dir;
        const std::optional<BuildSystem> system = detail::detect_build_system(crate);
        if (system && can_build(*system)) {
            report(Diagnostic::Severity::Warning, pointer,
                   "package `" + package_.name + "`: " + missing + "; building " +
                       shown_path(crate) + " for `" + key_name(target_) + "` instead",
                   "build the prebuilt for `" + key_name(target_) + "` (or fix the path)");
            plan_build(entry, plan, missing);
            return;
        }
        plan.reason = missing;
        report(Diagnostic::Severity::Error, pointer,
               "package `" + package_.name + "`: " + missing + " and nothing here can produce it" +
                   (system ? " (a CMake crate is built for this host, `" + key_name(options_.host) +
                                 "`, only)"
                           : " (no Cargo.toml or CMakeLists.txt in " + shown_path(crate) + ")"),
               "install a version of `" + package_.name + "` that ships the `" + key_name(target_) +
                   "` prebuilt, or build it and fix the path");
    }

    // cargo cross-builds with `--target <triple>`; a CMake project needs a toolchain file perry
    // does not have, so CMake builds are for the host only.
    bool can_build(BuildSystem system) const {
        return system == BuildSystem::Cargo || target_ == options_.host;
    }

    void plan_build(const resolver::Target& entry, PackagePlan& plan, const std::string& reason) {
        const std::string pointer = entry_pointer(target_);
        plan.inferred = !entry.crate && !entry.prebuilt;
        plan.crate_dir = entry.crate ? fs::path(entry.crate->resolved) : package_.dir;
        if (plan.crate_dir.filename().empty())
            plan.crate_dir = plan.crate_dir.parent_path();
        const std::optional<BuildSystem> system = detail::detect_build_system(plan.crate_dir);
        if (!system) {
            plan.reason =
                "no prebuilt, and no Cargo.toml or CMakeLists.txt in " + shown_path(plan.crate_dir);
            report(Diagnostic::Severity::Error, entry.crate ? pointer + "/crate" : pointer,
                   "package `" + package_.name + "`: target `" + key_name(target_) +
                       "` yields nothing to link: " + plan.reason,
                   "set `crate` to the crate's directory, or `prebuilt` to the archive");
            return;
        }
        if (!can_build(*system)) {
            plan.reason = "its CMake crate " + shown_path(plan.crate_dir) +
                          " is built for this host, `" + key_name(options_.host) + "`, only";
            report(Diagnostic::Severity::Error, pointer,
                   "package `" + package_.name + "`: target `" + key_name(target_) +
                       "` cannot be built here: " + plan.reason,
                   "add a `prebuilt` for `" + key_name(target_) + "`");
            return;
        }
        plan.build_system = *system;
        plan.cargo_features = entry.cargo_features.value_or(std::vector<std::string>{});
        if (!find_library_name(entry, plan, pointer))
            return;
        plan.action = PackageAction::Build;
        plan.reason = reason;
    }

    // The library stem: `lib` as written, else cargo's name for the staticlib with a warning
    // giving the exact keys to add. A CMake project's library cannot be inferred.
    bool find_library_name(const resolver::Target& entry, PackagePlan& plan,
                           const std::string& pointer) {
        if (entry.lib) {
            plan.lib = *entry.lib;
            return true;
        }
        if (plan.build_system == BuildSystem::CMake) {
            plan.reason = "target `" + key_name(target_) + "` builds with CMake but names no `lib`";
            report(Diagnostic::Severity::Error, pointer,
                   "package `" + package_.name + "`: " + plan.reason,
                   "set `lib` to the name of the static library the CMake project builds");
            return false;
        }
        const fs::path cargo_toml = plan.crate_dir / "Cargo.toml";
        std::string error;
        std::optional<std::string> name = detail::cargo_library_name(cargo_toml, error);
        if (!name) {
            plan.reason = shown_path(cargo_toml) + " names no library: " + error;
            report(Diagnostic::Severity::Error, pointer,
                   "package `" + package_.name + "`: " + plan.reason,
                   "set `lib` in the `" + key_name(target_) + "` entry");
            return false;
        }
        plan.lib = *name;
        const std::string keys = plan.inferred ? "\"crate\": \".\", \"lib\": \"" + plan.lib + "\""
                                               : "\"lib\": \"" + plan.lib + "\"";
        report(Diagnostic::Severity::Warning, pointer,
               "package `" + package_.name + "`: target `" + key_name(target_) + "` names no " +
                   (plan.inferred ? "`crate` or `lib`" : "`lib`") + ": building " +
                   shown_path(plan.crate_dir) + " as lib `" + plan.lib + "` (the name " +
                   shown_path(cargo_toml) + " gives the staticlib)",
               "add " + keys + " to perry.nativeLibrary.targets." + key_name(target_));
        return true;
    }

    const PlanPackage& package_;
    TargetKey target_;
    const PlanOptions& options_;
    std::vector<Diagnostic>& diagnostics_;
    std::string arch_; // empty: unknown, per-arch entries unused and machines not compared
    int errors_ = 0;
};

} // namespace

std::string_view to_string(PackageAction action) {
    switch (action) {
    case PackageAction::Skipped:
        return "skipped";
    case PackageAction::Prebuilt:
        return "prebuilt";
    case PackageAction::Build:
        return "build";
    }
    return "skipped";
}

std::string_view to_string(BuildSystem system) {
    return system == BuildSystem::Cargo ? "cargo" : "cmake";
}

std::vector<PackagePlan*> LinkPlan::to_build() {
    std::vector<PackagePlan*> entries;
    for (PackagePlan& package : packages) {
        if (package.action == PackageAction::Build)
            entries.push_back(&package);
    }
    return entries;
}

std::string plan_arch(TargetKey target, const PlanOptions& options) {
    if (options.arch)
        return *options.arch;
    if (target == TargetKey::Web)
        return "wasm32";
    return target == options.host ? std::string(resolver::host_arch()) : std::string();
}

LinkPlan plan_link(TargetKey target, const std::vector<PlanPackage>& packages,
                   const PlanOptions& options) {
    LinkPlan plan;
    plan.target = target;
    plan.arch = plan_arch(target, options);
    plan.flavor = target_flavor(target);
    std::set<fs::path> seen; // a package imported from several files is linked once
    for (const PlanPackage& package : packages) {
        if (!seen.insert(package.dir.lexically_normal()).second)
            continue;
        plan.packages.push_back(PackagePlanner(package, target, options, plan.diagnostics).plan());
    }
    return plan;
}

} // namespace perry::linker

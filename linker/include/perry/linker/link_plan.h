// The link plan: for one target and the native packages a program imports, what each package
// contributes to the link. A package is *skipped* (no entry for the target), *prebuilt* (its
// archive is on disk) or *build* (a crate to build first). Planning reads the file system only;
// it never builds: a driver builds the *build* entries (the build layer's `build_binding`) and
// stores each archive in PackagePlan::archive before rendering the link line (link_line.h).
// See docs/linker/link-plan.md.
#pragma once

#include "perry/resolver/diagnostic.h"
#include "perry/resolver/manifest.h"

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace perry::linker {

// How a target's link line is written. Every target key of spec v1 maps to one (target_flavor).
enum class LinkFlavor {
    GnuLd, // linux, android, harmonyos: compiler-driver arguments for GNU ld (or lld)
    Ld64,  // macos, ios, tvos, watchos, visionos: compiler-driver arguments for Apple's ld64
    Msvc,  // windows: link.exe arguments
    None,  // web: bindings are WebAssembly; there is no native link line
};

LinkFlavor target_flavor(resolver::TargetKey target);
std::string_view to_string(LinkFlavor flavor); // "GNU ld", "ld64", "MSVC link.exe", "none"

// The host's target key: its crates are built without `--target`.
resolver::TargetKey host_target();

// One native package the program imports, as the resolver found it.
struct PlanPackage {
    std::string name;                  // package.json `name`, as imported
    std::filesystem::path dir;         // the package directory
    resolver::ManifestResult manifest; // its parsed perry.nativeLibrary manifest
};

enum class PackageAction { Skipped, Prebuilt, Build };
std::string_view to_string(PackageAction action); // "skipped", "prebuilt", "build"

enum class BuildSystem { Cargo, CMake };
std::string_view to_string(BuildSystem system); // "cargo", "cmake"

// What one package contributes. `entry` is a copy of the manifest's target entry (libs, libDirs,
// pkgConfig, frameworks, ...) for the link line; absent when skipped.
struct PackagePlan {
    std::string name;
    std::filesystem::path dir;
    std::string manifest_file; // names the package.json in messages
    PackageAction action = PackageAction::Skipped;
    std::string reason;  // why skipped, or why a build replaces a declared prebuilt; else empty
    bool failed = false; // skipped because of an error (in the plan's diagnostics)
    std::optional<resolver::Target> entry;

    // Prebuilt: the archive found. Build: empty until the driver has built the crate and
    // stores the archive the build produced here.
    std::optional<std::filesystem::path> archive;
    // Prebuilt: where the archive was named: "prebuiltPerArch.<arch>", "prebuilt", or
    // "platformPackages.<arch>" (then `platform_package` is the npm package that holds it).
    std::string archive_source;
    std::string platform_package;

    // Build only.
    std::filesystem::path crate_dir;
    BuildSystem build_system = BuildSystem::Cargo;
    std::string lib; // the library stem (`libfoo.a` / `foo.lib` is `foo`); empty when unknown
    std::vector<std::string> cargo_features;
    bool inferred = false; // the entry names neither `crate` nor `prebuilt`: the package root
};

struct LinkPlan {
    resolver::TargetKey target = resolver::TargetKey::Linux;
    std::string arch; // the machine linked for ("x86_64"); empty when unknown (see PlanOptions)
    LinkFlavor flavor = LinkFlavor::GnuLd;
    std::vector<PackagePlan> packages;             // import order, each package once
    std::vector<resolver::Diagnostic> diagnostics; // errors and warnings, in the order found

    bool ok() const { return !resolver::has_errors(diagnostics); }
    // The entries a driver must build before linking (action == PackageAction::Build).
    std::vector<PackagePlan*> to_build();
};

struct PlanOptions {
    // `{key}` names the host, as callers wrote it before `arch` existed.
    PlanOptions(resolver::TargetKey host_key = host_target()) : host(host_key) {}

    resolver::TargetKey host;
    // The machine linked for, which picks `prebuiltPerArch[arch]` and `platformPackages[arch]`
    // (docs/manifest.md) and which every prebuilt archive's objects must be built for. Unset:
    // the host's for the host's target, wasm32 for `web`, and unknown for other targets
    // (only `prebuilt` is used then and machines are not compared).
    std::optional<std::string> arch;
};

// The architecture plan_link uses for `target` under `options` (see PlanOptions::arch); empty
// when unknown.
std::string plan_arch(resolver::TargetKey target, const PlanOptions& options);

// Plans the link of `packages` (in import order) for `target`. Never throws for bad input: every
// problem is a diagnostic naming the package.json, the entry and how to fix it.
LinkPlan plan_link(resolver::TargetKey target, const std::vector<PlanPackage>& packages,
                   const PlanOptions& options = {});

} // namespace perry::linker

// The prebuilts a manifest names (`prebuilt`, and the `prebuiltPerArch` extension) and the
// per-platform packages made of them (docs/cli/pack.md, "Per-platform packages"): npm's
// `os`/`cpu` for each target and architecture, the platform package's package.json, and the main
// package.json rewritten to point at them. Internal to pack; only pack's sources include it (it
// brings nlohmann::json).
#pragma once

#include "perry/resolver/diagnostic.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>
#include <vector>

namespace perry::linker::pack {

using Json = nlohmann::ordered_json;

struct NamedPrebuilt {
    std::string target;  // the target key, "linux"
    std::string arch;    // "x86_64"; for `prebuilt`, read from the archive (empty when unknown)
    std::string path;    // relative to the package, `./` removed
    std::string pointer; // where the manifest names it
    bool directory = false;
    bool per_arch = false; // from `prebuiltPerArch`
};

// Every prebuilt of `manifest`'s `perry.nativeLibrary.targets`. Paths that are absolute or leave
// the package are reported as errors (bad input). (Whether an archive's objects are of its key's
// machine is validate's check.)
std::vector<NamedPrebuilt> named_prebuilts(const Json& manifest,
                                           const std::filesystem::path& package_dir,
                                           const std::string& label,
                                           std::vector<resolver::Diagnostic>& diagnostics,
                                           bool& bad_input);

struct PlatformPackage {
    NamedPrebuilt prebuilt;
    std::string name;    // `@acme/foo-linux-x64-gnu`
    std::string archive; // the archive's file name inside it
    Json manifest;       // its package.json
};

// One platform package per (target, arch) with a file prebuilt (`prebuiltPerArch` first, then
// `prebuilt` for an architecture not named there). Directory prebuilts stay in the main package.
std::vector<PlatformPackage> platform_packages(const Json& main_manifest,
                                               const std::vector<NamedPrebuilt>& prebuilts);

// The main package.json as the per-platform main tarball holds it: the moved prebuilts removed,
// `platformPackages` added per target, every platform package in `optionalDependencies` at the
// main version.
Json main_manifest_for(const Json& main_manifest, const std::vector<PlatformPackage>& platforms);

// package.json text as npm writes it: two-space indent and a final newline.
std::string manifest_text(const Json& manifest);

} // namespace perry::linker::pack

// Per-platform packages (an extension of spec v1, docs/manifest.md): a target entry's
// `platformPackages` names, per architecture, an npm package that holds that machine's prebuilt
// archive (`perry native pack --per-platform` writes them, as napi-rs does). This finds the
// installed one for (target key, architecture) and checks that it belongs to the main package.
#pragma once

#include "perry/resolver/diagnostic.h"
#include "perry/resolver/manifest.h"

#include <string>
#include <string_view>
#include <vector>

namespace perry::resolver {

struct PlatformPackageLookup {
    enum class Status {
        NotDeclared,  // the entry has no platformPackages[arch] (or no entry for the key)
        Found,        // installed and belonging to the main package: `archive` is its prebuilt
        NotInstalled, // node resolution from the main package's directory does not find it
        Invalid,      // installed but unusable; `diagnostics` hold the errors
    };
    Status status = Status::NotDeclared;
    std::string package;                 // the name platformPackages gives for the arch
    std::string dir;                     // where it is installed (Found, Invalid)
    std::string manifest_file;           // its package.json (Found, Invalid)
    std::string archive;                 // Found: its prebuilt, resolved inside `dir`
    std::vector<std::string> looked_in;  // NotInstalled: every directory tried, nearest first
    std::vector<Diagnostic> diagnostics; // Invalid: one error per problem, in its package.json

    bool found() const { return status == Status::Found; }
};

// Looks up `platformPackages[arch]` of `main`'s entry for `key`: resolves that name with node's
// rules from `main.package_dir`, reads its package.json and requires
// `perry.nativePlatformPackage` with `package` == main's name, `target` == `key`, `arch` ==
// `arch`, the package's version == main's version, and a `prebuilt` file inside the platform
// package. Never throws; the file system is only read.
PlatformPackageLookup find_platform_package(const ManifestResult& main, TargetKey key,
                                            std::string_view arch);

} // namespace perry::resolver

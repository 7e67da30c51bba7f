// `perry native prebuild`: builds a package's archive for target triples through the build cache
// (build.h; the build never writes into the package), copies each into the package as
// `prebuilt/<triple>/<archive>`, and records it in package.json as
// `targets.<key>.prebuiltPerArch.<arch>` (and `prebuilt` for the default triple of the key on
// the host's architecture; docs/manifest.md). See docs/cli/prebuild.md.
#pragma once

#include "perry/linker/build.h"
#include "perry/resolver/diagnostic.h"

#include <filesystem>
#include <string>
#include <vector>

namespace perry::linker {

struct PrebuildOptions {
    std::filesystem::path package_dir = ".";
    // Triples (x86_64-unknown-linux-gnu, ...; perry/linker/triples.h) or bare target keys
    // (`linux`: that key for the host's architecture). Empty: the host's triple.
    std::vector<std::string> targets;
    BuildOptions build_options; // an unset runtime is located from the running executable
};

enum class PrebuildStatus {
    Built,       // built now, and the package's copy written
    UpToDate,    // the build was cached and the package already holds the same archive
    Updated,     // the build was cached; the package's copy or package.json changed
    CannotBuild, // the host cannot build it (`reason`, `hint`)
    Failed,      // the build ran and failed (`reason`, the diagnostics, `build_log`)
};
const char* to_string(PrebuildStatus status); // "built", "up to date", "updated", ...

struct PrebuildTarget {
    std::string requested; // as given on the command line
    std::string triple;
    std::string key;  // "linux"
    std::string arch; // "x86_64"
    PrebuildStatus status = PrebuildStatus::CannotBuild;
    std::string archive;       // `prebuilt/<triple>/<file>`, relative to the package (when written)
    bool sets_default = false; // `prebuilt` is set as well
    std::string reason;        // CannotBuild / Failed: why
    std::string hint;          // CannotBuild: what would make it buildable
    std::string build_log;     // the build's log
};

struct PrebuildReport {
    std::string manifest_file;
    std::string package;
    std::vector<PrebuildTarget> targets;
    bool manifest_changed = false; // package.json was rewritten
    std::vector<resolver::Diagnostic> diagnostics;
    bool unusable = false; // bad input (no manifest, unknown target): exit code 2

    // Every requested target is in the package now.
    bool ok() const;
};

PrebuildReport prebuild_package(const PrebuildOptions& options);

} // namespace perry::linker

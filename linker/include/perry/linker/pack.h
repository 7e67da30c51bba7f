// `pack`: an npm-compatible tarball of a native package (npm's file rules, entries under
// `package/`, sorted, fixed modes and times, so two packs of one tree are byte-identical), after
// validating its prebuilts. With `per_platform`, one main tarball plus one per prebuilt archive
// (docs/cli/pack.md, "Per-platform packages"). The package on disk is never modified.
#pragma once

#include "perry/resolver/diagnostic.h"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace perry::linker {

struct PackOptions {
    std::filesystem::path package_dir = ".";
    // The main tarball's path; unset: npm's name (`acme-pdf-tools-1.0.0.tgz`) in the current
    // directory. Platform tarballs go next to it under their own npm names.
    std::optional<std::filesystem::path> out;
    bool per_platform = false;
    bool dry_run = false; // everything but writing
};

struct PackedEntry {
    std::string path; // relative to the package (the tarball holds it under `package/`)
    std::uint64_t size = 0;
    unsigned mode = 0644;
};

struct PackedTarball {
    std::string name; // the package name written in its package.json
    std::string version;
    std::string file; // where it is (or would be) written
    std::vector<PackedEntry> entries;
    std::uint64_t bytes = 0;
    std::string integrity; // `sha512-<base64>`, as npm's
    std::string shasum;    // SHA-1, hex
    // Of a platform tarball: the target key and architecture it carries.
    std::string target;
    std::string arch;
};

struct PackReport {
    std::string manifest_file;
    std::vector<PackedTarball> tarballs; // the main one first; empty when refused
    std::vector<resolver::Diagnostic> diagnostics;
    bool unreadable = false; // bad input (exit 2): nothing was written

    bool ok() const { return !unreadable && !resolver::has_errors(diagnostics); }
    int exit_code() const { return unreadable ? 2 : ok() ? 0 : 1; }
};

PackReport pack_package(const PackOptions& options);

// npm's file name for a tarball of `name`@`version`: `@acme/pdf-tools` 1.0.0 ->
// `acme-pdf-tools-1.0.0.tgz`.
std::string npm_tarball_name(const std::string& name, const std::string& version);

} // namespace perry::linker

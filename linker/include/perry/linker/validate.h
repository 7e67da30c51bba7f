// `validate`: does a binding's staticlib export what its manifest declares? Builds the crate when
// needed, locates the archive from the manifest's own crate/lib/prebuilt, reads its symbols with
// the symbol reader and checks names, kinds, undeclared bindings, a bundled runtime, duplicate
// definitions, the object format of each target, and abiVersion (the resolver's check).
#pragma once

#include "perry/linker/build.h"
#include "perry/resolver/diagnostic.h"
#include "perry/resolver/manifest.h"

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace perry::linker {

struct ValidateOptions {
    std::filesystem::path package_dir = ".";
    std::optional<resolver::TargetKey> target; // nullopt: this host's target (linux)
    bool all_targets = false;                  // every target of the manifest (prebuilts)
    bool build = true;                         // false: --no-build, use what is on disk
    bool strict = false;                       // undeclared bindings are errors, not warnings
    // How builds run (they go to the cache, never into the package). An unset `runtime` is
    // located from the running executable.
    BuildOptions build_options;
};

// What was found for one target.
struct TargetValidation {
    std::string target; // "linux", "macos", ...
    std::string arch;   // set for a prebuiltPerArch entry ("aarch64"); empty for the target's own
    std::string staticlib;             // the archive read, relative to the package when inside;
                                       // `<cache>/<file>` for one built into the cache
    std::string archive_path;          // the archive read, in full
    std::string build;                 // "built" or "cached" when validate built it; else empty
    std::string build_log;             // that build's log
    std::vector<std::string> formats;  // object formats of its members ("ELF", "Mach-O", ...)
    std::vector<std::string> machines; // architectures of its members ("x86_64", "aarch64")
    std::size_t exported_bindings = 0; // defined globals with a binding prefix
    std::vector<std::string> missing;  // declared, no symbol
    std::vector<std::string> not_functions;   // declared, but a data symbol
    std::vector<std::string> undeclared;      // binding-looking globals nobody declared
    std::vector<std::string> runtime_symbols; // perry_* defined inside the binding
    std::vector<std::string> duplicates;      // strong globals defined in two members
    bool checked = false;                     // false: skipped (see the diagnostics for why)
};

struct ValidationReport {
    std::string manifest_file; // the package.json read
    std::string package;       // its `name`
    std::optional<std::string> abi_version;
    std::size_t declared = 0;                  // functions declared
    std::vector<std::string> binding_prefixes; // inferred from the declared names ("js_")
    std::vector<TargetValidation> targets;
    std::vector<resolver::Diagnostic> diagnostics; // errors and warnings, in the order found
    bool unreadable = false; // bad input (manifest or archive unreadable): exit 2

    std::size_t error_count() const;
    std::size_t warning_count() const;
    bool ok() const { return !unreadable && error_count() == 0; }
};

ValidationReport validate_package(const ValidateOptions& options);

// The binding prefixes of a set of declared names: the part up to and including the first `_`
// of each name (`js_`, `bloom_`), without the runtime's `perry_`. Names without `_` add none.
std::vector<std::string> binding_prefixes(const std::vector<std::string>& declared_names);

} // namespace perry::linker

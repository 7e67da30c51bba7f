// `validate`: does a binding's staticlib export what its manifest declares? Builds the crate when
// needed, locates the archive from the manifest's own crate/lib/prebuilt, reads its symbols with
// the symbol reader and checks names, kinds, undeclared bindings, a bundled runtime, duplicate
// definitions, the object format of each target, and abiVersion (the resolver's check); and
// that the package's TypeScript declarations agree with the manifest.
#pragma once

#include "perry/linker/build.h"
#include "perry/resolver/diagnostic.h"
#include "perry/resolver/manifest.h"

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace perry::linker {

struct ValidateOptions {
    std::filesystem::path package_dir = ".";
    std::optional<resolver::TargetKey> target; // nullopt: this host's target (linux)
    bool all_targets = false;                  // every target of the manifest (prebuilts)
    bool build = true;                         // false: --no-build, use what is on disk
    bool strict = false;                       // undeclared bindings are errors, not warnings
    // Compare each declared function's parameters and return value with the archive's DWARF
    // (docs/linker/signatures.md). false: --no-signatures.
    bool check_signatures = true;
    // How builds run (they go to the cache, never into the package). An unset `runtime` is
    // located from the running executable.
    BuildOptions build_options;
};

// How far the declared functions' signatures were compared with the archive's debug information.
enum class SignatureStatus {
    NotRun,      // the target's archive was not read
    Checked,     // every declared function found as code was compared
    Partial,     // some were compared; the others have no debug information
    NoDebugInfo, // none has debug information: nothing was compared
    Unsupported, // the members are not ELF (DWARF is read from ELF objects only)
    Disabled,    // ValidateOptions::check_signatures was false
};

// "not-run", "checked", "partial", "no-debug-info", "unsupported", "disabled"
std::string_view to_string(SignatureStatus status);

struct SignatureCoverage {
    SignatureStatus status = SignatureStatus::NotRun;
    std::size_t checked = 0;            // declared functions whose DWARF was compared
    std::size_t without_debug_info = 0; // defined in code that carries no DWARF for them
    std::size_t unsupported = 0;        // defined in members of a format not read (not ELF)
    std::size_t mismatched = 0;         // checked, with at least one mismatch (each an error)

    // One line for people: "checked against DWARF (2 of 2 functions)", or why not and how to
    // enable it ("not checked: no debug information ... (build with -g ...)").
    std::string describe() const;
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
    SignatureCoverage signatures;
    bool checked = false; // false: skipped (see the diagnostics for why)
};

// What was found of the package's TypeScript declarations (docs/linker/typescript.md).
struct DeclarationsValidation {
    std::string file; // the file read, as shown (`./src/index.ts`); empty: none found
    std::string
        selected_by;      // why that file: "types", "typings", "main" or "default" (src/index.ts)
    bool checked = false; // compared with the manifest (false: see not_checked)
    std::size_t functions = 0; // binding functions declared there
    std::string not_checked;   // why they were not compared, when they were not
};

struct ValidationReport {
    std::string manifest_file; // the package.json read
    std::string package;       // its `name`
    std::optional<std::string> abi_version;
    std::size_t declared = 0;                  // functions declared
    std::vector<std::string> binding_prefixes; // inferred from the declared names ("js_")
    std::vector<TargetValidation> targets;
    DeclarationsValidation typescript;
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

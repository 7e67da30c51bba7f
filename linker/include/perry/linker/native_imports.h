// Which native packages a program links: the imports `perry native link` is given (or the
// dependencies of the program's package.json), resolved as the compiler resolves them, each
// native one with its parsed manifest, in import order. See docs/cli/link.md.
#pragma once

#include "perry/linker/link_plan.h"
#include "perry/resolver/diagnostic.h"
#include "perry/resolver/well_known.h"

#include <filesystem>
#include <string>
#include <vector>

namespace perry::linker {

struct NativeImports {
    std::vector<PlanPackage> packages;             // native packages, import order, each once
    std::vector<std::string> not_native;           // imports that resolved to plain JS packages
    std::vector<resolver::Diagnostic> diagnostics; // unresolved, refused or invalid imports
    // The directory of the program's package.json (where perry.lock lives); empty when none.
    std::filesystem::path program_dir;
    bool ok() const { return !resolver::has_errors(diagnostics); }
};

struct ImportOptions {
    std::filesystem::path from = "."; // the importing file or directory
    // The specifiers to resolve; empty: the names of `dependencies` and `optionalDependencies`
    // of the program's package.json (the nearest one above `from` outside node_modules).
    std::vector<std::string> specifiers;
    resolver::TargetKey target = host_target();
    bool lockdown = false;
};

// Resolves the imports. A specifier named explicitly must be native; a dependency that turns out
// to be plain JavaScript is listed in `not_native` and linked with nothing.
NativeImports collect_native_imports(const ImportOptions& options,
                                     const resolver::WellKnownTable& table);

} // namespace perry::linker

#include "perry/linker/native_imports.h"

#include "perry/resolver/allowlist.h"
#include "perry/resolver/program_dependencies.h"
#include "perry/resolver/resolve.h"

#include <set>

namespace perry::linker {
namespace {

namespace fs = std::filesystem;
using resolver::Diagnostic;

Diagnostic error(std::string file, std::string pointer, std::string message, std::string fix) {
    return resolver::make_diagnostic(Diagnostic::Severity::Error, std::move(file),
                                     std::move(pointer), std::move(message), std::move(fix));
}

fs::path from_directory(const fs::path& from) {
    std::error_code ec;
    const fs::path real = fs::canonical(from, ec);
    if (ec)
        return fs::absolute(from);
    return fs::is_directory(real, ec) ? real : real.parent_path();
}

} // namespace

NativeImports collect_native_imports(const ImportOptions& options,
                                     const resolver::WellKnownTable& table) {
    NativeImports imports;
    const fs::path from = from_directory(options.from);
    const std::optional<std::string> host = resolver::find_host_package_json(from.string());

    resolver::ResolveOptions resolve_options;
    resolve_options.target = std::string(resolver::target_key_name(options.target));
    resolve_options.lockdown = options.lockdown;
    if (host) {
        imports.program_dir = fs::path(*host).parent_path();
        std::vector<resolver::AllowlistError> errors;
        resolve_options.allowlist = resolver::Allowlist::from_host_package_json(*host, errors);
        for (const resolver::AllowlistError& e : errors) {
            imports.diagnostics.push_back(
                error(e.file, e.pointer, e.message,
                      "write perry.allow.nativeLibrary as an array of package names, "
                      "\"@scope/*\" or \"*\""));
        }
        if (!errors.empty())
            return imports;
    }

    const bool explicit_imports = !options.specifiers.empty();
    std::vector<std::string> specifiers = options.specifiers;
    if (!explicit_imports) {
        if (!host) {
            imports.diagnostics.push_back(
                error(from.string(), "",
                      "no package.json above this directory names the program's "
                      "dependencies",
                      "run from the program's directory, or name the imports with --import"));
            return imports;
        }
        resolver::ProgramDependencies dependencies = resolver::read_program_dependencies(*host);
        specifiers = std::move(dependencies.names);
        imports.diagnostics.insert(imports.diagnostics.end(), dependencies.diagnostics.begin(),
                                   dependencies.diagnostics.end());
    }

    resolver::Resolver resolver(table, resolve_options);
    std::set<std::string> seen_dirs;
    for (const std::string& specifier : specifiers) {
        const resolver::Resolution found = resolver.resolve(specifier, from.string());
        const std::string label = "import \"" + specifier + "\"";
        if (found.refused) {
            imports.diagnostics.push_back(
                error(label, "", found.refused->message, found.refused->fix));
            continue;
        }
        if (found.kind == resolver::ResolutionKind::Js) {
            if (explicit_imports) {
                imports.diagnostics.push_back(
                    error(label, "",
                          "resolves to " + found.package + ", which has no perry.nativeLibrary",
                          "import a native package, or leave this one to the JavaScript bundle"));
            } else {
                imports.not_native.push_back(specifier);
            }
            continue;
        }
        if (found.kind == resolver::ResolutionKind::WellKnown) {
            const resolver::WellKnownBinding& binding = *found.well_known;
            if (binding.source.empty()) {
                imports.diagnostics.push_back(error(
                    label, "",
                    "resolves to the well-known binding " + binding.name +
                        ", whose crate ships with the Perry compiler, not with perry-native",
                    "install the package (npm install " + found.package + ") to link it here"));
                continue;
            }
            // A binding perry-native ships: its package folder sits beside the table.
            const fs::path dir = fs::path(table.file()).parent_path() / binding.source;
            std::error_code ec;
            if (!fs::is_regular_file(dir / "package.json", ec)) {
                imports.diagnostics.push_back(
                    error(table.file(), "",
                          "the well-known binding " + binding.name + " names the folder " +
                              dir.string() + ", which holds no package.json",
                          "reinstall perry-native, or install the package (npm install " +
                              found.package + ")"));
                continue;
            }
            const fs::path real = fs::canonical(dir, ec);
            if (!seen_dirs.insert(real.string()).second)
                continue;
            PlanPackage package;
            package.name = binding.name;
            package.dir = real;
            package.manifest = resolver::parse_manifest_file(real / "package.json");
            imports.packages.push_back(std::move(package));
            continue;
        }
        if (found.kind != resolver::ResolutionKind::Native || !found.dir) {
            std::string why = found.errors.empty() ? "unresolved" : found.errors.front();
            imports.diagnostics.push_back(
                error(label, "", why, "install it (npm install " + found.package + ")"));
            continue;
        }
        if (!seen_dirs.insert(*found.dir).second)
            continue; // a second subpath of one package
        PlanPackage package;
        package.name = found.package;
        package.dir = *found.dir;
        package.manifest = resolver::parse_manifest_file(package.dir / "package.json");
        imports.packages.push_back(std::move(package));
    }
    return imports;
}

} // namespace perry::linker

#include "declarations_file.h"

#include "perry/resolver/package_files.h"

#include <string_view>
#include <system_error>

namespace perry::linker::detail {
namespace {

namespace fs = std::filesystem;
using resolver::Diagnostic;

bool ends_with(std::string_view text, std::string_view suffix) {
    return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

// `.ts`, `.mts` and `.cts` hold TypeScript (`.d.ts` and its kin included); `.tsx` is not read.
bool is_typescript_name(std::string_view name) {
    return ends_with(name, ".ts") || ends_with(name, ".mts") || ends_with(name, ".cts");
}

void field_error(const resolver::ManifestResult& manifest, const std::string& field,
                 std::string message, std::string fix, std::vector<Diagnostic>& diagnostics) {
    diagnostics.push_back(resolver::make_diagnostic(Diagnostic::Severity::Error, manifest.file,
                                                    "/" + field, std::move(message),
                                                    std::move(fix)));
}

// The file `written` names for `field`, or nullopt with an error.
std::optional<fs::path> field_file(const resolver::ManifestResult& manifest,
                                   const std::string& field, std::string written,
                                   std::vector<Diagnostic>& diagnostics) {
    const std::string shown = resolver::printable(written);
    if (written.rfind("./", 0) == 0)
        written.erase(0, 2);
    if (!is_typescript_name(written)) {
        field_error(manifest, field,
                    "`" + field + "` names `" + shown +
                        "`, which is not a TypeScript file (.ts, .d.ts)",
                    "point `" + field + "` at the package's declarations, e.g. \"src/index.ts\"",
                    diagnostics);
        return std::nullopt;
    }
    if (auto problem = resolver::package_file_problem(manifest.package_dir.string(), written)) {
        field_error(manifest, field, "`" + field + "` names `" + shown + "`, which " + *problem,
                    "name a file inside the package, relative to package.json", diagnostics);
        return std::nullopt;
    }
    const fs::path path = manifest.package_dir / written;
    std::error_code ec;
    if (!fs::is_regular_file(path, ec)) {
        field_error(manifest, field,
                    "`" + field + "` names `" + shown + "`, which is not a file of the package",
                    "correct the path, or add the declarations file it names", diagnostics);
        return std::nullopt;
    }
    return path;
}

} // namespace

DeclarationsFile find_declarations_file(const resolver::ManifestResult& manifest,
                                        std::vector<Diagnostic>& diagnostics) {
    DeclarationsFile out;
    const std::vector<std::optional<std::string>> fields = resolver::read_package_strings(
        manifest.package_dir / "package.json", {"types", "typings", "main"});
    const char* const names[] = {"types", "typings", "main"};
    for (std::size_t i = 0; i < 3; ++i) {
        if (!fields[i])
            continue;
        // `main` is usually JavaScript: only a TypeScript `main` holds the declarations.
        if (i == 2 && !is_typescript_name(*fields[i]))
            break;
        out.selected_by = names[i];
        out.path = field_file(manifest, names[i], *fields[i], diagnostics);
        if (!out.path)
            out.not_found = "`" + out.selected_by + "` does not name a usable file";
        return out;
    }
    std::error_code ec;
    const fs::path index = manifest.package_dir / "src" / "index.ts";
    if (!resolver::package_file_problem(manifest.package_dir.string(), "src/index.ts") &&
        fs::is_regular_file(index, ec)) {
        out.selected_by = "default";
        out.path = index;
        return out;
    }
    out.not_found = "no declarations file (package.json has no `types`, `typings` or TypeScript "
                    "`main`, and there is no src/index.ts)";
    return out;
}

} // namespace perry::linker::detail

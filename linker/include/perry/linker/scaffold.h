// `perry native init`: a new binding package, rendered from the templates installed under
// `<prefix>/share/perry/templates/<lang>/` (plus `common/`) and written file by file to a
// temporary name, then renamed. The CLI only parses arguments and prints; everything a compiler
// driver or a test needs is here. Placeholders and naming rules: docs/cli/init.md.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace perry::linker {

enum class ScaffoldLanguage { Cpp, C, Rust };

std::optional<ScaffoldLanguage> find_scaffold_language(std::string_view name); // "cpp", "c", "rust"
std::string_view scaffold_language_name(ScaffoldLanguage language);

// npm's rules for a new package's name, as validate-npm-package-name 7 states them (its errors
// and the warnings that make a name invalid for new packages), in its order and wording, e.g.
// "name can no longer contain capital letters". Empty when the name is valid.
std::vector<std::string> npm_name_problems(std::string_view name);

// The name without its scope: "@acme/pdf-tools" -> "pdf-tools".
std::string unscoped_name(std::string_view npm_name);

// The identifier part of the symbols: the unscoped name with every run of characters other than
// [a-z0-9] turned into one `_`, and `_` trimmed from both ends: "@acme/pdf-tools" -> "pdf_tools".
// Empty when nothing is left (the caller reports it).
std::string symbol_stem(std::string_view npm_name);

// Where the data files of the running perry are: `<prefix>/share/perry` for
// `<prefix>/bin/perry`, and `<build>/share/perry` for the build tree's `<build>/cli/perry` (the
// build copies the templates there), so both find them the same way.
std::filesystem::path share_dir_for(const std::filesystem::path& executable);

struct ScaffoldOptions {
    std::string name; // the npm package name
    ScaffoldLanguage language = ScaffoldLanguage::Cpp;
    std::string description;   // empty: "Perry native bindings for <name>"
    std::string upstream_dep;  // Rust only: one Cargo dependency line, `crate = "1.2"`
    std::string github_owner;  // empty: no repository field; LICENSE names "The <name> authors"
    std::filesystem::path dir; // empty: ./<unscoped name>
    bool force = false;        // write into a non-empty directory, overwriting what init writes
    bool dry_run = false;      // plan and report, write nothing
    std::filesystem::path share_dir; // share_dir_for(the perry executable)
    std::string abi_version;         // empty: the runtime's MAJOR.MINOR ("0.5": any 0.5.x)
    int year = 0;                    // 0: the current year (for LICENSE)
};

struct ScaffoldProblem {
    std::string what; // one line naming the input and what is wrong with it
    std::string fix;  // how to fix it
};

struct ScaffoldResult {
    std::filesystem::path dir;             // the package directory (absolute)
    std::string package;                   // the npm name
    std::string language;                  // "cpp", "c", "rust"
    std::string symbol_prefix;             // "js_pdf_tools_"
    std::string hello_symbol;              // "js_pdf_tools_hello"
    std::string lib;                       // the static library's stem
    std::vector<std::string> files;        // relative paths, sorted, `/` separators
    std::vector<ScaffoldProblem> errors;   // non-empty: nothing was written (exit 2)
    std::vector<ScaffoldProblem> warnings; // written anyway
    bool written = false;                  // false for --dry-run and on errors

    bool ok() const { return errors.empty(); }
};

// Validates the options, renders every template and, unless dry_run, writes the files. Never
// throws; on any error nothing is left behind (files already renamed into place when a later
// write fails are the only exception, and the error says so).
ScaffoldResult scaffold_package(const ScaffoldOptions& options);

// One rendered file, for tests and for callers that write elsewhere.
struct RenderedFile {
    std::string path; // relative, `/` separators
    std::string contents;
};

// Renders without touching the package directory: the files scaffold_package would write.
// Problems go to `result.errors` / `result.warnings` exactly as scaffold_package reports them.
std::vector<RenderedFile> render_scaffold(const ScaffoldOptions& options, ScaffoldResult& result);

} // namespace perry::linker

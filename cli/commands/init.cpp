// `perry native init NAME [--lang cpp|c|rust] [--description TEXT] [--upstream-dep SPEC]
// [--github-owner OWNER] [--dir DIR] [--force] [--dry-run] [--json]`: prints what perry_linker's
// scaffold_package wrote (or would write) and the next steps.
#include "commands.h"
#include "output.h"
#include "perry/linker/runtime_location.h"
#include "perry/linker/scaffold.h"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>

namespace perry::cli {
namespace {

namespace fs = std::filesystem;

struct InitArgs {
    std::string name;
    std::string lang = "cpp";
    std::string description;
    std::string upstream_dep;
    std::string github_owner;
    std::string dir;
    bool force = false;
    bool dry_run = false;
    bool json = false;
};

std::string language_label(linker::ScaffoldLanguage language) {
    switch (language) {
    case linker::ScaffoldLanguage::Cpp:
        return "C++";
    case linker::ScaffoldLanguage::C:
        return "C";
    case linker::ScaffoldLanguage::Rust:
        return "Rust";
    }
    return "";
}

std::string source_file(linker::ScaffoldLanguage language) {
    switch (language) {
    case linker::ScaffoldLanguage::Cpp:
        return "src/binding.cpp";
    case linker::ScaffoldLanguage::C:
        return "src/binding.c";
    case linker::ScaffoldLanguage::Rust:
        return "src/lib.rs";
    }
    return "";
}

void print_text(const InitArgs& args, linker::ScaffoldLanguage language,
                const linker::ScaffoldResult& result) {
    const std::string shown_dir = args.dir.empty() ? linker::unscoped_name(args.name) : args.dir;
    std::string out = std::string(args.dry_run ? "Would create " : "Created ") + shown_dir + ": " +
                      language_label(language) + " binding `" + result.package + "`, symbols `" +
                      result.symbol_prefix + "*`, library " + result.lib + "\n";
    for (const std::string& file : result.files)
        out += "  " + file + "\n";
    if (args.dry_run) {
        out += "Dry run: nothing was written.\n";
    } else {
        out += "Next steps:\n";
        out += "  cd " + shown_dir + "\n";
        out += "  perry native validate                       # build the library, check its "
               "symbols\n";
        out += "  perry native run --script test/hello.calls  # call " + result.hello_symbol +
               ", check the results\n";
        out += "Then add your functions to " + source_file(language) +
               ", package.json and src/index.ts (README.md says how).\n";
    }
    std::fwrite(out.data(), 1, out.size(), stdout);
}

nlohmann::json problems_json(const std::vector<linker::ScaffoldProblem>& problems) {
    nlohmann::json out = nlohmann::json::array();
    for (const linker::ScaffoldProblem& problem : problems) {
        out.push_back({{"message", problem.what}, {"fix", problem.fix}});
    }
    return out;
}

void print_json(const InitArgs& args, const linker::ScaffoldResult& result) {
    const nlohmann::json out = {{"package", result.package},
                                {"language", result.language},
                                {"dir", result.dir.string()},
                                {"symbolPrefix", result.symbol_prefix},
                                {"helloSymbol", result.hello_symbol},
                                {"lib", result.lib},
                                {"files", result.files},
                                {"dryRun", args.dry_run},
                                {"written", result.written},
                                {"errors", problems_json(result.errors)},
                                {"warnings", problems_json(result.warnings)},
                                {"ok", result.ok()}};
    const std::string text = out.dump(2) + "\n";
    std::fwrite(text.data(), 1, text.size(), stdout);
}

int run_init(const InitArgs& args) {
    const std::optional<linker::ScaffoldLanguage> language =
        linker::find_scaffold_language(args.lang);
    if (!language) {
        print_error("--lang: unknown language `" + args.lang + "`", "use one of: cpp, c, rust");
        return kExitUsage;
    }
    linker::ScaffoldOptions options;
    options.name = args.name;
    options.language = *language;
    options.description = args.description;
    options.upstream_dep = args.upstream_dep;
    options.github_owner = args.github_owner;
    options.dir = args.dir;
    options.force = args.force;
    options.dry_run = args.dry_run;
    options.share_dir = linker::share_dir_for(linker::current_executable());

    const linker::ScaffoldResult result = linker::scaffold_package(options);
    if (args.json) {
        // The report carries the errors and warnings; stderr stays quiet, as with validate.
        print_json(args, result);
    } else {
        for (const linker::ScaffoldProblem& warning : result.warnings) {
            print_warning(warning.what, warning.fix);
        }
        for (const linker::ScaffoldProblem& error : result.errors) {
            print_error(error.what, error.fix);
        }
        if (result.ok())
            print_text(args, *language, result);
    }
    return result.ok() ? kExitOk : kExitUsage;
}

} // namespace

Command add_init_command(CLI::App& native) {
    auto args = std::make_shared<InitArgs>();
    CLI::App* app = native.add_subcommand(
        "init", "Create a binding package (C++, C or Rust) that validates and runs as written");
    app->add_option("name", args->name, "npm package name, e.g. my-bindings or @acme/pdf-tools")
        ->required();
    app->add_option("--lang", args->lang, "Language of the binding: cpp (default), c or rust");
    app->add_option("--description", args->description, "package.json description (one line)");
    app->add_option("--upstream-dep", args->upstream_dep,
                    "Rust: a Cargo dependency line for Cargo.toml, e.g. 'image = \"0.25\"'");
    app->add_option("--github-owner", args->github_owner,
                    "GitHub user or organisation: package.json repository, LICENSE holder");
    app->add_option("--dir", args->dir, "Directory to create (default: ./<name without scope>)");
    app->add_flag("--force", args->force,
                  "Write into a non-empty directory, overwriting the files init writes");
    app->add_flag("--dry-run", args->dry_run, "List the files that would be written; write none");
    app->add_flag("--json", args->json, "Machine-readable report on stdout");
    return Command{app, [args] { return run_init(*args); }};
}

} // namespace perry::cli

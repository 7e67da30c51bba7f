// `perry native header [DIR] [--out FILE] [--rust] [--json]`: the C header (or the Rust assertion
// module) that perry_linker's generate_header makes from a binding's manifest, on stdout or
// written to FILE (replaced whole, and left untouched when unchanged).
#include "perry/linker/header.h"
#include "commands.h"
#include "diagnostics_json.h"
#include "output.h"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <memory>
#include <string>

namespace perry::cli {
namespace {

struct HeaderArgs {
    std::string dir = ".";
    std::string out;
    bool rust = false;
    std::string rust_functions = "crate";
    std::string rust_types = "::perry_ffi::sys";
    bool json = false;
};

void print_json(const linker::GeneratedHeader& header, const HeaderArgs& args, bool changed) {
    nlohmann::json out = {{"manifest", header.manifest_file},
                          {"language", args.rust ? "rust" : "c"},
                          {"functions", header.functions},
                          {"out", args.out.empty() ? nlohmann::json() : nlohmann::json(args.out)},
                          {"changed", changed},
                          {"errors", diagnostics_json(header.diagnostics, true)},
                          {"warnings", diagnostics_json(header.diagnostics, false)},
                          {"ok", header.ok()}};
    if (args.out.empty() && header.ok())
        out["text"] = header.text;
    const std::string text =
        out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
    std::fwrite(text.data(), 1, text.size(), stdout);
}

int run_header(const HeaderArgs& args) {
    linker::HeaderOptions options;
    options.package_dir = args.dir;
    options.language = args.rust ? linker::HeaderLanguage::Rust : linker::HeaderLanguage::C;
    options.rust_functions_path = args.rust_functions;
    options.rust_types_path = args.rust_types;
    const linker::GeneratedHeader header = linker::generate_header(options);
    if (!args.json) {
        for (const resolver::Diagnostic& d : header.diagnostics) {
            if (d.is_error()) {
                print_error(d.what(), d.fix);
            } else {
                print_warning(d.what(), d.fix);
            }
        }
    }
    if (!header.ok()) {
        if (args.json)
            print_json(header, args, false);
        return kExitUsage;
    }
    bool changed = false;
    if (!args.out.empty()) {
        const linker::WriteResult written = linker::write_if_changed(args.out, header.text);
        if (!written.ok) {
            print_error(written.error, "--out names the file to write; its directory must exist");
            return kExitUsage;
        }
        changed = written.changed;
    }
    if (args.json) {
        print_json(header, args, changed);
    } else if (args.out.empty()) {
        std::fwrite(header.text.data(), 1, header.text.size(), stdout);
    }
    return kExitOk;
}

} // namespace

Command add_header_command(CLI::App& native) {
    auto args = std::make_shared<HeaderArgs>();
    CLI::App* app = native.add_subcommand(
        "header", "Write the C header (or Rust assertions) of a binding's manifest functions");
    app->add_option("dir", args->dir, "Package directory (holds package.json)");
    app->add_option("--out", args->out,
                    "Write to FILE (replaced whole; untouched when unchanged), not stdout")
        ->type_name("FILE");
    app->add_flag("--rust", args->rust,
                  "Rust compile-time assertions instead of a C header (docs/cli/header.md)");
    app->add_option("--rust-functions", args->rust_functions,
                    "Rust: the module path of the binding's functions (default: crate)")
        ->type_name("PATH");
    app->add_option("--rust-types", args->rust_types,
                    "Rust: the path of perry-ffi-sys's types (default: ::perry_ffi::sys)")
        ->type_name("PATH");
    app->add_flag("--json", args->json, "Machine-readable result on stdout");
    return Command{app, [args] { return run_header(*args); }};
}

} // namespace perry::cli

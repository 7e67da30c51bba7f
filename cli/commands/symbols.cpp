// `perry native symbols <file>... [--json] [--walk]`: the defined globals of archives and object
// files, like `nm -gP --defined-only`, read by perry_linker (correct on Rust staticlibs too).
#include "commands.h"
#include "output.h"
#include "perry/linker/symbols.h"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include <memory>
#include <string>
#include <vector>

namespace perry::cli {
namespace {

struct SymbolsOptions {
    std::vector<std::string> files;
    bool json = false;
    bool walk = false;
};

void report(const linker::ReadProblem& problem) {
    print_error(problem.message(), problem.how_to_fix);
}

// One line per symbol: `<name> <kind> <member>` (member left out for a plain object); a
// `<file>:` header precedes each file when several are listed, as nm does.
void print_text(const linker::SymbolListing& listing, bool with_header, bool first,
                StdoutWriter& out) {
    if (with_header) {
        if (!first) out.put('\n');
        out.put(listing.file);
        out.put(":\n");
    }
    for (const linker::DefinedSymbol& symbol : listing.symbols) {
        out.put(symbol.name());
        out.put(' ');
        out.put(linker::to_string(symbol.kind));
        const std::string& member = listing.member_of(symbol);
        if (!member.empty()) {
            out.put(' ');
            out.put(member);
        }
        out.put('\n');
    }
}

void append_json(const linker::SymbolListing& listing, nlohmann::json& out) {
    for (const linker::DefinedSymbol& symbol : listing.symbols) {
        out.push_back({{"name", std::string(symbol.name())},
                       {"rawName", std::string(symbol.raw_name)},
                       {"member", listing.member_of(symbol)},
                       {"kind", std::string(linker::to_string(symbol.kind))},
                       {"file", listing.file}});
    }
}

int run_symbols(const SymbolsOptions& options) {
    linker::ReadOptions read_options;
    read_options.walk = options.walk;
    bool problems = false;
    int printed_files = 0;
    StdoutWriter out;
    nlohmann::json json = nlohmann::json::array();
    for (const std::string& file : options.files) {
        try {
            linker::SymbolListing listing = linker::read_symbols(file, read_options);
            for (const linker::ReadProblem& problem : listing.problems) report(problem);
            problems = problems || !listing.problems.empty();
            if (listing.index_stale) {
                spdlog::warn("{}: the archive's symbol index disagrees with its members; read "
                             "every member instead (re-index it with `ar s`)",
                             file);
            }
            spdlog::debug("{}: {} symbols from {} of {} members ({})", file,
                          listing.symbols.size(), listing.members.size(), listing.member_count,
                          listing.used_index ? "through the symbol index" : "member walk");
            for (const std::string& member : listing.skipped_members) {
                spdlog::debug("{}({}): not an object file, no symbols read", file, member);
            }
            if (options.json) {
                append_json(listing, json);
            } else {
                print_text(listing, options.files.size() > 1, printed_files++ == 0, out);
            }
        } catch (const linker::SymbolReadError& error) {
            report(error.problem());
            problems = true;
        }
    }
    if (options.json) out.put(json.dump(2) + "\n");
    out.flush();
    return problems ? kExitUsage : kExitOk;
}

} // namespace

Command add_symbols_command(CLI::App& native) {
    auto options = std::make_shared<SymbolsOptions>();
    CLI::App* app = native.add_subcommand(
        "symbols", "List the defined globals of archives and object files (any target)");
    app->add_option("files", options->files, "Archives (.a, .lib) or object files")
        ->required();
    app->add_flag("--json", options->json, "An array of {name, rawName, member, kind, file}");
    app->add_flag("--walk", options->walk,
                  "Read every member instead of trusting the archive's symbol index");
    return Command{app, [options] { return run_symbols(*options); }};
}

} // namespace perry::cli

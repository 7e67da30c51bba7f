// `perry native symbols <file>... [--json] [--walk]`: the defined globals of archives and object
// files, like `nm -gP --defined-only`, read by perry_linker (correct on Rust staticlibs too).
#include "perry/linker/symbols.h"
#include "commands.h"
#include "output.h"

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
// `<file>:` header precedes each file when several are listed, as nm does. Names are bytes from
// the file: they are shown terminal-safe (output.h).
void print_text(const linker::SymbolListing& listing, bool with_header, bool first,
                StdoutWriter& out) {
    if (with_header) {
        if (!first)
            out.put('\n');
        out.put_from_file(listing.file);
        out.put(":\n");
    }
    for (const linker::DefinedSymbol& symbol : listing.symbols) {
        out.put_from_file(symbol.name());
        out.put(' ');
        out.put(linker::to_string(symbol.kind));
        const std::string& member = listing.member_of(symbol);
        if (!member.empty()) {
            out.put(' ');
            out.put_from_file(member);
        }
        out.put('\n');
    }
}

// A name field of the JSON output. Names are bytes; JSON strings are Unicode. A name that is not
// valid UTF-8 keeps its field, with U+FFFD for each invalid byte (at dump time), and gains
// `<field>Hex` with its exact bytes (docs/cli/symbols.md).
void put_name(nlohmann::json& entry, const char* field, std::string_view bytes) {
    entry[field] = std::string(bytes);
    if (!is_valid_utf8(bytes))
        entry[std::string(field) + "Hex"] = to_hex(bytes);
}

void append_json(const linker::SymbolListing& listing, nlohmann::json& out) {
    for (const linker::DefinedSymbol& symbol : listing.symbols) {
        nlohmann::json entry = nlohmann::json::object();
        put_name(entry, "name", symbol.name());
        put_name(entry, "rawName", symbol.raw_name);
        put_name(entry, "member", listing.member_of(symbol));
        entry["kind"] = std::string(linker::to_string(symbol.kind));
        put_name(entry, "file", listing.file);
        out.push_back(std::move(entry));
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
            for (const linker::ReadProblem& problem : listing.problems)
                report(problem);
            problems = problems || !listing.problems.empty();
            if (listing.index_stale) {
                spdlog::warn("{}: the archive's symbol index disagrees with its members; read "
                             "every member instead (re-index it with `ar s`)",
                             terminal_safe(file));
            }
            spdlog::debug("{}: {} symbols from {} of {} members ({})", terminal_safe(file),
                          listing.symbols.size(), listing.members.size(), listing.member_count,
                          listing.used_index ? "through the symbol index" : "member walk");
            for (const std::string& member : listing.skipped_members) {
                spdlog::debug("{}({}): not an object file, no symbols read", terminal_safe(file),
                              terminal_safe(member));
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
    if (options.json) {
        out.put(json.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n");
    }
    out.flush();
    return problems ? kExitUsage : kExitOk;
}

} // namespace

Command add_symbols_command(CLI::App& native) {
    auto options = std::make_shared<SymbolsOptions>();
    CLI::App* app = native.add_subcommand(
        "symbols", "List the defined globals of archives and object files (any target)");
    app->add_option("files", options->files, "Archives (.a, .lib) or object files")->required();
    app->add_flag("--json", options->json,
                  "An array of {name, rawName, member, kind, file}; a name that is not valid "
                  "UTF-8 also gets <field>Hex with its bytes");
    app->add_flag("--walk", options->walk,
                  "Read every member instead of trusting the archive's symbol index");
    return Command{app, [options] { return run_symbols(*options); }};
}

} // namespace perry::cli

// `perry native list [--json]`: the bindings that ship with perry (the well-known table) and the
// order in which imports are resolved. docs/cli/list.md.
#include "commands.h"
#include "output.h"
#include "well_known_option.h"

#include "perry/resolver/diagnostic.h"
#include "perry/resolver/resolution_json.h"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <cstdio>
#include <memory>

namespace perry::cli {

namespace {

struct ListArgs {
    bool json = false;
    std::optional<std::string> well_known;
};

int run_list(const ListArgs& args) {
    const std::optional<resolver::WellKnownTable> table = load_well_known_table(args.well_known);
    if (!table) {
        return kExitUsage;
    }
    if (args.json) {
        std::fputs(resolver::well_known_to_json(*table).c_str(), stdout);
        return kExitOk;
    }
    std::printf("Resolution order:\n");
    int step = 1;
    for (const std::string& layer : resolver::resolution_order()) {
        std::printf("  %d. %s\n", step++, layer.c_str());
    }
    std::printf("\nWell-known bindings (%s):\n", resolver::printable(table->file()).c_str());
    if (table->entries().empty()) {
        std::printf("  none: no binding ships with this perry yet\n");
        return kExitOk;
    }
    size_t width = 0;
    for (const auto& binding : table->entries()) {
        width = std::max(width, binding.name.size());
    }
    for (const auto& binding : table->entries()) {
        std::string details = "crate " + binding.crate + ", lib " + binding.lib;
        if (!binding.source.empty()) {
            details += ", source " + binding.source;
        }
        if (!binding.alias_of.empty()) {
            details += ", alias of " + binding.alias_of;
        }
        if (binding.node_builtin) {
            details += ", node built-in";
        }
        details += ", compat " + binding.compat;
        if (!binding.tracking.empty()) {
            details += ", tracking " + binding.tracking;
        }
        // Names and values come from the table: printed escaped.
        const std::string name = resolver::printable(binding.name);
        std::printf("  %-*s  %s\n", static_cast<int>(width), name.c_str(),
                    resolver::printable(details).c_str());
    }
    return kExitOk;
}

} // namespace

Command add_list_command(CLI::App& native) {
    auto args = std::make_shared<ListArgs>();
    CLI::App* app = native.add_subcommand(
        "list", "List the bindings that ship with perry and the resolution order");
    app->add_flag("--json", args->json, "Print JSON: the table's path, the order, the bindings");
    add_well_known_option(*app, args->well_known);
    return {app, [args] { return run_list(*args); }};
}

} // namespace perry::cli

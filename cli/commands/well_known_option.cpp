#include "well_known_option.h"

#include "output.h"

#include "perry/linker/runtime_location.h"

#include <CLI/CLI.hpp>

#include <filesystem>

namespace perry::cli {

void add_well_known_option(CLI::App& app, std::optional<std::string>& path) {
    app.add_option("--well-known", path,
                   "Well-known table to use (default: $PERRY_WELL_KNOWN, then "
                   "<prefix>/share/perry/well_known_bindings.toml)");
}

std::optional<resolver::WellKnownTable>
load_well_known_table(const std::optional<std::string>& path) {
    namespace fs = std::filesystem;
    const fs::path executable = linker::current_executable();
    std::optional<fs::path> explicit_path;
    if (path) {
        explicit_path = fs::path(*path);
    }
    const resolver::WellKnownLocation location =
        resolver::locate_well_known_table(explicit_path, executable);
    std::vector<resolver::WellKnownError> errors;
    resolver::WellKnownTable table = resolver::WellKnownTable::load(location.path, errors);
    if (errors.empty()) {
        return table;
    }
    for (const resolver::WellKnownError& error : errors) {
        print_error(error.describe(),
                    error.line == 0
                        ? "pass an existing table with --well-known FILE or PERRY_WELL_KNOWN (the "
                          "path came from " +
                              location.source + ")"
                        : "fix the entry; the format is described at the top of the shipped table "
                          "and in docs/resolver/resolution.md");
    }
    return std::nullopt;
}

} // namespace perry::cli

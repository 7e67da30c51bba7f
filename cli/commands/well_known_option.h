// The `--well-known FILE` option shared by `resolve` and `list`, and loading the table it names
// (or the default one: PERRY_WELL_KNOWN, then <prefix>/share/perry, see well_known.h).
#pragma once

#include "perry/resolver/well_known.h"

#include <optional>
#include <string>

namespace CLI {
class App;
}

namespace perry::cli {

void add_well_known_option(CLI::App& app, std::optional<std::string>& path);

// Loads the table; on failure prints every error (file, line, key) and returns nullopt.
std::optional<resolver::WellKnownTable>
load_well_known_table(const std::optional<std::string>& path);

} // namespace perry::cli

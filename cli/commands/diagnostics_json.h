// Diagnostics as the `--json` reports carry them: one object each, with `file`, `pointer`,
// `message`, `fix`, `text` (the one-line form), and `line`/`column` for a JSON syntax error.
// Only commands that already use nlohmann::json include this (pack, validate, header).
#pragma once

#include "perry/resolver/diagnostic.h"

#include <nlohmann/json.hpp>

#include <vector>

namespace perry::cli {

// The errors (`errors` true) or the warnings of `diagnostics`, in their order.
nlohmann::json diagnostics_json(const std::vector<resolver::Diagnostic>& diagnostics, bool errors);

} // namespace perry::cli

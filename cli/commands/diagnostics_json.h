// Diagnostics as the `--json` reports of validate and pack carry them: one object each, with
// `file`, `pointer`, `message`, `fix` and `text` (the one-line form). Only commands that already
// use nlohmann::json include this.
#pragma once

#include "perry/resolver/diagnostic.h"

#include <nlohmann/json.hpp>

#include <vector>

namespace perry::cli {

// The errors (`errors` true) or the warnings of `diagnostics`, in their order.
nlohmann::json diagnostics_json(const std::vector<resolver::Diagnostic>& diagnostics, bool errors);

} // namespace perry::cli

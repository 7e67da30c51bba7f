// Internal: reporting JSON syntax errors (see manifest_syntax.cpp).
#pragma once

#include "perry/resolver/manifest.h"

#include <string>
#include <string_view>

namespace perry::resolver::detail {

// Adds the syntax-error diagnostic (line, column, nlohmann's wording) and marks the result
// unreadable. `reader_offset`/`reader_what` are the fast reader's finding, used when nlohmann
// gives no position.
void report_syntax_error(ManifestResult& result, std::string_view text, std::size_t reader_offset,
                         const std::string& reader_what);

} // namespace perry::resolver::detail

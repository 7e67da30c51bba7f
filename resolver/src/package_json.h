// Internal: a package's package.json as resolution reads it. The text is parsed with the
// project's own reader (json_reader.h: order-preserving, exact RFC 8259, no allocation once a
// thread has read a document) into a document that lives only while one lookup needs it; the
// few facts every lookup needs are kept for the next lookup of the package, beside its text
// (which the node_modules walk keeps).
#pragma once

#include "json_reader.h"

#include <optional>
#include <string>

namespace perry::resolver::detail {

struct PackageJson {
    std::string error;                  // why it is not a usable package.json; empty when fine
    std::optional<std::string> version; // `version`, when it is a string
    bool native = false;                // `perry.nativeLibrary` is present (valid or not)
};

// Parses `text` into `document` and sets the fields of `package` from it. When `error` stays
// empty the document holds the tree, which points into `text`: keep the text alive and unchanged
// while the document is in use. A text that is not JSON gets nlohmann's wording, which the goldens and
// users have seen since the first version: "invalid JSON: [json.exception.parse_error.101] ...".
void parse_package_json(std::string_view text, PackageJson& package, JsonDocument& document);

// Parses again, into `document`, a text whose parse_package_json had no error (for `exports`).
void reparse_package_json(std::string_view text, JsonDocument& document);

} // namespace perry::resolver::detail

// The wording of JSON syntax errors comes from nlohmann::json, the reference reader; the fast
// reader (json_reader.h) only decides that there is one. Kept in its own file so nlohmann's
// heavy header is compiled once.
#include "manifest_syntax.h"

#include <nlohmann/json.hpp>

namespace perry::resolver::detail {
namespace {

// `[json.exception.parse_error.101] parse error at line 3, column 5: <what>` -> `<what>`,
// without the "last read" excerpt (it may hold raw invalid bytes; line and column say where).
std::string strip_nlohmann_prefix(std::string what) {
    if (std::size_t colon = what.find(": ", what.find("parse error")); colon != std::string::npos) {
        what = what.substr(colon + 2);
    } else if (std::size_t bracket = what.find("] "); bracket != std::string::npos) {
        what = what.substr(bracket + 2);
    }
    if (std::size_t last = what.find("; last read: '"); last != std::string::npos) {
        std::size_t expected = what.find("'; expected", last);
        what =
            what.substr(0, last) + (expected == std::string::npos ? "" : what.substr(expected + 1));
    }
    return what;
}

} // namespace

void report_syntax_error(ManifestResult& result, std::string_view text, std::size_t reader_offset,
                         const std::string& reader_what) {
    std::size_t offset = reader_offset;
    std::string what = reader_what;
    try {
        const nlohmann::json parsed = nlohmann::json::parse(text.begin(), text.end());
        (void)parsed;
        // XXX: nlohmann accepted what the fast reader rejected. The manifest fuzzer checks they
        // agree; should it ever happen, the reader's own description is reported.
    } catch (const nlohmann::json::parse_error& e) {
        offset = e.byte > 0 ? e.byte - 1 : 0;
        what = strip_nlohmann_prefix(e.what());
    } catch (const nlohmann::json::exception& e) {
        what = strip_nlohmann_prefix(e.what()); // number overflow: no byte offset in the error
    }
    offset = std::min(offset, text.size());
    int line = 1;
    std::size_t line_start = 0;
    for (std::size_t i = 0; i < offset; ++i) {
        if (text[i] == '\n') {
            ++line;
            line_start = i + 1;
        }
    }
    Diagnostic d;
    d.file = result.file;
    d.line = line;
    d.column = static_cast<int>(offset - line_start) + 1;
    d.message = "invalid JSON: " + what;
    d.fix = "correct the JSON syntax at that position";
    result.diagnostics.push_back(std::move(d));
    result.unreadable = true;
}

} // namespace perry::resolver::detail

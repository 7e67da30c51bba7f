// nlohmann::json's part in reading package.json: the wording and position of syntax errors (as
// the goldens and users have always seen them), and the tree of the rare documents simdjson
// refuses but JSON allows. Kept in its own file so nlohmann's heavy header is compiled once.
#include "json_document.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <cstring>

namespace perry::resolver::detail {
namespace {

// nlohmann's SAX events, in document order, onto a tape (JsonTapeWriter).
class TapeSax : public nlohmann::json_sax<nlohmann::json> {
  public:
    explicit TapeSax(JsonDocument& document) : out_(document) {}

    bool null() override {
        out_.literal(JsonKind::Null, take_key());
        return true;
    }
    bool boolean(bool value) override {
        out_.literal(value ? JsonKind::True : JsonKind::False, take_key());
        return true;
    }
    bool number_integer(number_integer_t value) override {
        out_.number(take_key(), 'l', static_cast<std::uint64_t>(value));
        return true;
    }
    bool number_unsigned(number_unsigned_t value) override {
        out_.number(take_key(), 'u', value);
        return true;
    }
    bool number_float(number_float_t value, const string_t&) override {
        std::uint64_t bits = 0;
        std::memcpy(&bits, &value, sizeof bits);
        out_.number(take_key(), 'd', bits);
        return true;
    }
    bool string(string_t& value) override {
        out_.string(take_key(), value);
        return true;
    }
    bool binary(binary_t&) override { return false; } // JSON text has none
    bool start_object(std::size_t) override { return open(JsonKind::Object); }
    bool key(string_t& name) override {
        key_ = name;
        return true;
    }
    bool end_object() override { return close(); }
    bool start_array(std::size_t) override { return open(JsonKind::Array); }
    bool end_array() override { return close(); }
    bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override {
        return false;
    }

  private:
    // A value takes the member name read before it; array elements have none.
    std::string take_key() {
        std::string key;
        if (!in_array_.empty() && !in_array_.back())
            key.swap(key_);
        return key;
    }
    bool open(JsonKind kind) {
        out_.open(kind, take_key());
        in_array_.push_back(kind == JsonKind::Array);
        return true;
    }
    bool close() {
        out_.close();
        in_array_.pop_back();
        return true;
    }

    JsonTapeWriter out_;
    std::string key_;
    std::vector<bool> in_array_;
};

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

// The position of the first byte of the number in `text` that nlohmann's out-of-range error
// quotes ("number overflow parsing '1e400'"), which carries no position of its own.
std::size_t overflow_offset(std::string_view text, const std::string& what) {
    const std::size_t open = what.find('\'');
    const std::size_t close = what.rfind('\'');
    if (open == std::string::npos || close <= open)
        return 0;
    const std::size_t found = text.find(what.substr(open + 1, close - open - 1));
    return found == std::string_view::npos ? 0 : found;
}

} // namespace

bool read_with_nlohmann(std::string_view text, JsonDocument& document) {
    try {
        TapeSax sax(document); // the tape is the document's once sax ends
        return nlohmann::json::sax_parse(text.begin(), text.end(), &sax);
    } catch (const nlohmann::json::exception&) {
        return false;
    }
}

JsonSyntaxError describe_syntax_error(std::string_view text) {
    std::size_t offset = 0;
    std::string what;
    try {
        const nlohmann::json parsed = nlohmann::json::parse(text.begin(), text.end());
        (void)parsed;
        // nlohmann stopped at a NUL byte (or read what simdjson could not: nesting deeper than
        // simdjson allows, which JsonDocument reads through nlohmann instead).
        offset = std::min(text.find('\0'), text.size());
        what = "unexpected text after the document";
    } catch (const nlohmann::json::parse_error& e) {
        offset = e.byte > 0 ? e.byte - 1 : 0;
        what = strip_nlohmann_prefix(e.what());
    } catch (const nlohmann::json::exception& e) {
        what = strip_nlohmann_prefix(e.what()); // number overflow: no byte offset in the error
        offset = overflow_offset(text, what);
    }
    offset = std::min(offset, text.size());
    JsonSyntaxError error;
    std::size_t line_start = 0;
    for (std::size_t i = 0; i < offset; ++i) {
        if (text[i] == '\n') {
            ++error.line;
            line_start = i + 1;
        }
    }
    error.column = static_cast<int>(offset - line_start) + 1;
    error.what = std::move(what);
    return error;
}

} // namespace perry::resolver::detail

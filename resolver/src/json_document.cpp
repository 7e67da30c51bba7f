// The tree of json_document.h, read with simdjson's DOM API. This is the one file that
// includes simdjson.h (a heavy header).
#include "json_document.h"

#include <simdjson.h>

#include <algorithm>
#include <charconv>
#include <cstring>
#include <forward_list>

namespace perry::resolver::detail {

using simdjson::error_code;

namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

// The parser and its input buffer, kept per thread: simdjson sizes its buffers to the largest
// document read so far, and reusing them saves their allocation (and the page faults of touching
// fresh memory) on every package.json.
struct ThreadParser {
    simdjson::dom::parser parser;
    std::string padded; // the text followed by SIMDJSON_PADDING bytes
};

ThreadParser& thread_parser() {
    thread_local ThreadParser parser;
    return parser;
}

} // namespace

struct JsonDocument::Storage {
    simdjson::dom::document document;
    // A tape written by JsonTapeWriter, when nlohmann read the document.
    std::vector<std::uint64_t> tape;
    std::string strings;
    std::forward_list<std::string> numbers; // number_text's results
};

JsonDocument::JsonDocument() : storage_(std::make_unique<Storage>()) {}

JsonDocument::~JsonDocument() = default;

std::size_t JsonValue::size() const {
    if (!is_object() && !is_array())
        return 0;
    // The count is kept in 24 bits of the container's word; a larger one is counted.
    const std::size_t count = (doc_->word(index_) >> 32) & 0xFFFFFF;
    if (count < 0xFFFFFF)
        return count;
    std::size_t n = 0;
    for (auto it = begin(), stop = end(); it != stop; ++it)
        ++n;
    return n;
}

std::string_view JsonDocument::number_text(std::uint32_t index) const {
    const char type = type_of(tape_[index]);
    const std::uint64_t bits = tape_[index + 1];
    std::string text;
    if (type == 'l') {
        text = std::to_string(static_cast<std::int64_t>(bits));
    } else if (type == 'u') {
        text = std::to_string(bits);
    } else {
        double value = 0;
        std::memcpy(&value, &bits, sizeof value);
        char buffer[32];
        const auto end = std::to_chars(buffer, buffer + sizeof buffer, value).ptr;
        text.assign(buffer, end);
        // As simdjson writes a double: 1.0, not 1.
        if (text.find_first_of(".eEn") == std::string::npos)
            text += ".0";
    }
    return storage_->numbers.emplace_front(std::move(text));
}

JsonTapeWriter::JsonTapeWriter(JsonDocument& document) : document_(document) {
    JsonDocument::Storage& storage = *document_.storage_;
    storage.tape.clear();
    storage.strings.clear();
    storage.numbers.clear();
    storage.tape.push_back(std::uint64_t{'r'} << 56); // the root mark, as simdjson's tape has
}

JsonTapeWriter::~JsonTapeWriter() {
    JsonDocument::Storage& storage = *document_.storage_;
    storage.tape.push_back(std::uint64_t{'r'} << 56);
    // Eight readable bytes after every string, as in simdjson's buffer (see headed_key).
    storage.strings.append(8, '\0');
    document_.tape_ = storage.tape.data();
    document_.strings_ = storage.strings.data();
}

std::uint64_t JsonTapeWriter::add_string(std::string_view text) {
    std::string& strings = document_.storage_->strings;
    const std::uint64_t offset = strings.size();
    const auto size = static_cast<std::uint32_t>(text.size());
    strings.append(reinterpret_cast<const char*>(&size), sizeof size);
    strings.append(text);
    strings.push_back('\0');
    return offset;
}

void JsonTapeWriter::value_word(std::string_view key, char type, std::uint64_t payload) {
    std::vector<std::uint64_t>& tape = document_.storage_->tape;
    if (!open_.empty()) {
        ++open_.back().count;
        if (open_.back().object)
            tape.push_back(std::uint64_t{'"'} << 56 | add_string(key));
    }
    tape.push_back(std::uint64_t(static_cast<unsigned char>(type)) << 56 | payload);
}

void JsonTapeWriter::open(JsonKind kind, std::string_view key) {
    value_word(key, kind == JsonKind::Object ? '{' : '[', 0);
    const auto index = static_cast<std::uint32_t>(document_.storage_->tape.size() - 1);
    open_.push_back(Open{index, 0, kind == JsonKind::Object});
}

void JsonTapeWriter::close() {
    std::vector<std::uint64_t>& tape = document_.storage_->tape;
    const Open done = open_.back();
    open_.pop_back();
    tape.push_back(std::uint64_t(done.object ? '}' : ']') << 56 | done.index);
    const std::uint64_t count = std::min<std::uint64_t>(done.count, 0xFFFFFF);
    tape[done.index] = std::uint64_t(done.object ? '{' : '[') << 56 | count << 32 |
                       static_cast<std::uint32_t>(tape.size());
}

void JsonTapeWriter::string(std::string_view key, std::string_view text) {
    // The key's string goes in first, then the value's: as simdjson lays them out.
    if (!open_.empty() && open_.back().object) {
        ++open_.back().count;
        std::vector<std::uint64_t>& tape = document_.storage_->tape;
        tape.push_back(std::uint64_t{'"'} << 56 | add_string(key));
        tape.push_back(std::uint64_t{'"'} << 56 | add_string(text));
        return;
    }
    value_word(key, '"', add_string(text));
}

void JsonTapeWriter::literal(JsonKind kind, std::string_view key) {
    value_word(key, kind == JsonKind::Null ? 'n' : kind == JsonKind::True ? 't' : 'f', 0);
}

void JsonTapeWriter::number(std::string_view key, char type, std::uint64_t bits) {
    value_word(key, type, 0);
    document_.storage_->tape.push_back(bits);
}

bool JsonDocument::parse(std::string_view text, std::string& error) {
    if (text.substr(0, kBom.size()) == kBom)
        text.remove_prefix(kBom.size());
    ThreadParser& thread = thread_parser();
    thread.padded.assign(text);
    thread.padded.append(simdjson::SIMDJSON_PADDING, '\0');
    storage_->numbers.clear();
    simdjson::dom::element root;
    const error_code e =
        thread.parser
            .parse_into_document(storage_->document, thread.padded.data(), text.size(), false)
            .get(root);
    if (!e) {
        tape_ = storage_->document.tape.get();
        strings_ = reinterpret_cast<const char*>(storage_->document.string_buf.get());
        return true;
    }
    // Two limits of simdjson that JSON does not have. nlohmann reads to a NUL byte only, so a
    // text with one is not handed to it (simdjson's refusal stands).
    if ((e == simdjson::NUMBER_ERROR || e == simdjson::DEPTH_ERROR) &&
        text.find('\0') == std::string_view::npos && read_with_nlohmann(text, *this)) {
        return true;
    }
    error = simdjson::error_message(e);
    return false;
}

bool JsonValue::find(std::string_view key, JsonValue& out) const {
    if (!is_object())
        return false;
    bool found = false;
    for (JsonValue child : *this) {
        if (child.key() == key) {
            out = child;
            found = true;
        }
    }
    return found;
}

void append_json_quoted(std::string& out, std::string_view text) {
    static const char* kHex = "0123456789abcdef";
    out += '"';
    for (char ch : text) {
        const unsigned char c = static_cast<unsigned char>(ch);
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\b':
            out += "\\b";
            break;
        case '\f':
            out += "\\f";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        default:
            if (c < 0x20) {
                out += "\\u00";
                out += kHex[c >> 4];
                out += kHex[c & 0xF];
            } else {
                out += ch;
            }
        }
    }
    out += '"';
}

std::string json_quote(std::string_view text) {
    std::string out;
    append_json_quoted(out, text);
    return out;
}

} // namespace perry::resolver::detail

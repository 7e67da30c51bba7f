// The tree of json_document.h, read with simdjson's DOM API. This is the one file that
// includes simdjson.h (a heavy header).
#include "json_document.h"

#include <simdjson.h>

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
    std::forward_list<std::string> kept; // text that is not in `document` (see keep())

    std::size_t bytes(std::size_t nodes) const {
        return document.capacity() * 8 + nodes * sizeof(JsonNode);
    }
};

namespace {

struct SpareBuffers {
    std::vector<JsonNode> nodes;
    std::unique_ptr<JsonDocument::Storage> storage;
};
thread_local SpareBuffers spare;

// Buffers larger than this are not kept for the next document.
constexpr std::size_t kMaxSpareBytes = std::size_t{64} << 20;

} // namespace

JsonDocument::JsonDocument() {
    nodes_.swap(spare.nodes);
    storage_.swap(spare.storage);
    if (!storage_)
        storage_ = std::make_unique<Storage>();
}

JsonDocument::~JsonDocument() {
    // A document read while another is alive on the same thread found no spare buffers; the
    // larger ones are kept.
    const std::size_t bytes = storage_->bytes(nodes_.capacity());
    if (bytes <= kMaxSpareBytes &&
        (!spare.storage || bytes > spare.storage->bytes(spare.nodes.capacity()))) {
        nodes_.swap(spare.nodes);
        storage_.swap(spare.storage);
    }
}

JsonTreeBuilder::JsonTreeBuilder(JsonDocument& document) : document_(document) {
    document_.nodes_.clear();
    document_.storage_->kept.clear();
}

std::string_view JsonTreeBuilder::keep(std::string text) {
    return document_.storage_->kept.emplace_front(std::move(text));
}

std::uint32_t JsonTreeBuilder::add(JsonKind kind, std::string_view key) {
    const auto index = static_cast<std::uint32_t>(document_.nodes_.size());
    JsonNode& node = document_.nodes_.emplace_back();
    node.kind = kind;
    node.key = key;
    if (!open_.empty()) {
        Open& parent = open_.back();
        if (parent.last != JsonNode::kNone)
            document_.nodes_[parent.last].next = index;
        parent.last = index;
        ++parent.count;
    }
    return index;
}

void JsonTreeBuilder::open(JsonKind kind, std::string_view key) {
    open_.push_back(Open{add(kind, key), 0, JsonNode::kNone});
}

void JsonTreeBuilder::close() {
    document_.nodes_[open_.back().index].size = open_.back().count;
    open_.pop_back();
}

void JsonTreeBuilder::scalar(JsonKind kind, std::string_view key, std::string_view text) {
    document_.nodes_[add(kind, key)].text = text;
}

namespace {

void read_element(JsonTreeBuilder& out, simdjson::dom::element value, std::string_view key) {
    switch (value.type()) {
    case simdjson::dom::element_type::OBJECT: {
        simdjson::dom::object object;
        if (value.get(object) != simdjson::SUCCESS)
            return; // cannot happen: the type was asked (as below)
        out.open(JsonKind::Object, key);
        for (simdjson::dom::key_value_pair member : object)
            read_element(out, member.value, member.key);
        out.close();
        return;
    }
    case simdjson::dom::element_type::ARRAY: {
        simdjson::dom::array array;
        if (value.get(array) != simdjson::SUCCESS)
            return;
        out.open(JsonKind::Array, key);
        for (simdjson::dom::element element : array)
            read_element(out, element, {});
        out.close();
        return;
    }
    case simdjson::dom::element_type::STRING: {
        std::string_view text;
        if (value.get(text) != simdjson::SUCCESS)
            return;
        out.scalar(JsonKind::String, key, text);
        return;
    }
    case simdjson::dom::element_type::INT64:
    case simdjson::dom::element_type::UINT64:
    case simdjson::dom::element_type::DOUBLE:
        // simdjson keeps the value, not its spelling: a message quotes the number as simdjson
        // writes it (42, 0.5, 1.0).
        out.scalar(JsonKind::Number, key, out.keep(simdjson::to_string(value)));
        return;
    case simdjson::dom::element_type::BOOL: {
        bool truth = false;
        if (value.get(truth) != simdjson::SUCCESS)
            return;
        out.scalar(truth ? JsonKind::True : JsonKind::False, key);
        return;
    }
    case simdjson::dom::element_type::NULL_VALUE:
        out.scalar(JsonKind::Null, key);
        return;
    }
}

} // namespace

bool JsonDocument::parse(std::string_view text, std::string& error) {
    if (text.substr(0, kBom.size()) == kBom)
        text.remove_prefix(kBom.size());
    ThreadParser& thread = thread_parser();
    thread.padded.assign(text);
    thread.padded.append(simdjson::SIMDJSON_PADDING, '\0');
    simdjson::dom::element root;
    const error_code e =
        thread.parser
            .parse_into_document(storage_->document, thread.padded.data(), text.size(), false)
            .get(root);
    if (!e) {
        JsonTreeBuilder out(*this);
        read_element(out, root, {});
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

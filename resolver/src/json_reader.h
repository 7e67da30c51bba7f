// Internal: a validating JSON reader for manifests. Two passes over the text (json_structure.h
// lists where the tokens are; json_reader.cpp checks the grammar) build a flat, read-only tree
// of 16-byte nodes whose strings point into the input (or into one decode buffer when they hold
// escapes). The buffers are kept per thread and reused, so reading a manifest allocates nothing
// once a thread has read one of its size. It accepts exactly RFC 8259 JSON as nlohmann::json
// does (UTF-8 checked, a leading BOM skipped, numbers that overflow a double rejected);
// manifest.cpp asks nlohmann for the wording of a syntax error, and the tests and the manifest
// fuzzer check that both read the same inputs to the same trees.
#pragma once

#include "json_structure.h"
#include "name_index.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace perry::resolver::detail {

class JsonDocument;

// `Key` is the name of an object member; it is not a value of its own (see JsonNode).
enum class JsonKind : std::uint8_t { Null, False, True, Number, String, Array, Object, Key };

// Nodes are in document order. In an object, each member is a Key node followed by its value;
// the first element of an array at node i is node i + 1, the first value of an object i + 2.
struct JsonNode {
    static constexpr std::uint32_t kNone = 0xFFFFFFFFu;
    static constexpr std::uint32_t kDecoded = 0x100; // in `tag`, see decoded()

    std::uint32_t offset = 0;   // strings, keys, numbers: where the bytes start (see decoded())
    std::uint32_t length = 0;   // strings, keys, numbers: bytes; arrays, objects: element count
    std::uint32_t next = kNone; // the next element of the enclosing array or object (a value)
    // The JsonKind in the low byte, plus kDecoded. One 32-bit field rather than two bytes: the
    // reader writes nodes in its hot loop, and a byte store may alias anything, so the compiler
    // reloaded the reader's state after each one.
    std::uint32_t tag = 0;

    JsonKind kind() const { return static_cast<JsonKind>(tag & 0xFF); }
    // The bytes are in the decode buffer (the string held escapes), not in the text.
    bool decoded() const { return (tag & kDecoded) != 0; }
};

// A value inside a JsonDocument; cheap to copy.
class JsonValue {
  public:
    JsonValue(const JsonDocument* doc, std::uint32_t index) : doc_(doc), index_(index) {}

    JsonKind kind() const { return node().kind(); }
    bool is_string() const { return kind() == JsonKind::String; }
    bool is_array() const { return kind() == JsonKind::Array; }
    bool is_object() const { return kind() == JsonKind::Object; }
    inline std::string_view str() const; // strings (decoded); numbers as written; else empty
    inline std::string_view key() const; // the member name of a value inside an object
    // str() and key() with their head_word, for NameIndex lookups.
    inline HeadedText headed_str() const;
    inline HeadedText headed_key() const;
    std::size_t size() const { return is_array() || is_object() ? node().length : 0; }
    std::uint32_t id() const { return index_; } // identity within the document

    // Elements of an array, or member values of an object, in document order.
    class Iterator {
      public:
        Iterator(const JsonDocument* doc, std::uint32_t index) : doc_(doc), index_(index) {}
        JsonValue operator*() const { return JsonValue(doc_, index_); }
        inline Iterator& operator++();
        bool operator!=(const Iterator& other) const { return index_ != other.index_; }

      private:
        const JsonDocument* doc_;
        std::uint32_t index_;
    };
    Iterator begin() const {
        if (size() == 0)
            return end();
        return Iterator(doc_, index_ + (is_object() ? 2 : 1));
    }
    Iterator end() const { return Iterator(doc_, JsonNode::kNone); }

    // The last member named `key` (JSON's "last one wins", as nlohmann reads duplicates); false
    // when there is none.
    bool find(std::string_view key, JsonValue& out) const;

  private:
    inline const JsonNode& node() const;
    const JsonDocument* doc_;
    std::uint32_t index_;
};

// An array or object being read.
struct OpenContainer {
    std::uint32_t index = JsonNode::kNone;        // its node
    std::uint32_t last_element = JsonNode::kNone; // to link the next element to
    std::uint32_t count = 0;                      // elements so far
    bool is_object = false;
};

// Node and decode buffers, kept per thread between documents (see JsonDocument). `nodes` is
// used as raw room: its size is its capacity, and a document counts the nodes it uses.
struct JsonBuffers {
    StructuralIndex index;
    std::vector<JsonNode> nodes;
    std::string decoded;
    std::vector<OpenContainer> enclosing; // the containers around the innermost open one
};

class JsonDocument {
  public:
    JsonDocument();
    JsonDocument(const JsonDocument&) = delete;
    JsonDocument& operator=(const JsonDocument&) = delete;
    ~JsonDocument(); // hands its buffers back to the thread's spare set

    // Parses `text`; on failure returns false with the byte offset of the problem and a short
    // description. The text must outlive the document. Texts of 4 GiB or more are refused.
    bool parse(std::string_view text, std::size_t& error_offset, std::string& error);
    JsonValue root() const { return JsonValue(this, 0); }
    const JsonNode& node(std::uint32_t index) const { return buffers_.nodes[index]; }
    std::string_view bytes(const JsonNode& n) const {
        return {(n.decoded() ? buffers_.decoded.data() : text_.data()) + n.offset, n.length};
    }
    HeadedText headed_bytes(const JsonNode& n) const {
        const std::string_view text = bytes(n);
        // The decode buffer ends with kHeadPadding bytes; the text has no padding of its own,
        // but a string is followed by its closing quote and more, except near the end.
        const bool padded = n.decoded() || text_.data() + text_.size() - text.data() >= 8;
        return {text, padded ? head_word_of_padded(text) : head_word(text)};
    }
    static constexpr std::size_t kHeadPadding = 8;

  private:
    std::string_view text_;
    JsonBuffers buffers_;
    std::uint32_t node_count_ = 0;
};

inline const JsonNode& JsonValue::node() const {
    return doc_->node(index_);
}

inline std::string_view JsonValue::str() const {
    const JsonNode& n = node();
    return n.kind() == JsonKind::String || n.kind() == JsonKind::Number ? doc_->bytes(n)
                                                                        : std::string_view();
}

inline std::string_view JsonValue::key() const {
    if (index_ == 0)
        return {};
    const JsonNode& before = doc_->node(index_ - 1);
    return before.kind() == JsonKind::Key ? doc_->bytes(before) : std::string_view();
}

inline HeadedText JsonValue::headed_str() const {
    const JsonNode& n = node();
    return n.kind() == JsonKind::String || n.kind() == JsonKind::Number ? doc_->headed_bytes(n)
                                                                        : HeadedText{{}, 0};
}

inline HeadedText JsonValue::headed_key() const {
    if (index_ == 0)
        return {{}, 0};
    const JsonNode& before = doc_->node(index_ - 1);
    return before.kind() == JsonKind::Key ? doc_->headed_bytes(before) : HeadedText{{}, 0};
}

inline JsonValue::Iterator& JsonValue::Iterator::operator++() {
    index_ = doc_->node(index_).next;
    return *this;
}

// Calls `visit(value, name_index)` for each member of `object` in document order, where
// `name_index` is the member's position in `names` (or NameIndex::kUnknown). Of members with
// the same known name only the last is visited (JSON.parse and nlohmann keep the last
// duplicate too); every member with an unknown name is visited, so each can be reported.
template <std::size_t N, typename Visit>
void for_each_member(const JsonValue& object, const NameIndex<N>& names, Visit&& visit) {
    // Names are matched in a first pass, which also finds duplicates; up to kCached members
    // remember their match for the second.
    constexpr std::size_t kCached = 16;
    int cached[kCached];
    std::uint32_t last[N];
    std::uint32_t seen = 0;
    bool duplicates = false;
    std::size_t i = 0;
    for (JsonValue member : object) {
        const int found = names.find(member.headed_key());
        if (i < kCached)
            cached[i] = found;
        ++i;
        if (found == NameIndex<N>::kUnknown)
            continue;
        const std::uint32_t bit = std::uint32_t{1} << found;
        duplicates = duplicates || (seen & bit) != 0;
        seen |= bit;
        last[found] = member.id();
    }
    i = 0;
    for (JsonValue member : object) {
        const int found = i < kCached ? cached[i] : names.find(member.headed_key());
        ++i;
        if (duplicates && found != NameIndex<N>::kUnknown && last[found] != member.id())
            continue; // a later member has the same name
        visit(member, found);
    }
}

// A string value as JSON text, escaped as nlohmann's dump() does ("a\"b", control characters as
// \u00XX), for messages that quote a value.
std::string json_quote(std::string_view text);
// The same appended to `out` (no temporary string).
void append_json_quoted(std::string& out, std::string_view text);

} // namespace perry::resolver::detail

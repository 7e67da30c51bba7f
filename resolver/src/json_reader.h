// Internal: a small validating JSON reader for manifests. It builds a flat, read-only tree whose
// strings point into the input (or into one decode buffer when they hold escapes), so reading a
// 500-function manifest costs a handful of allocations instead of one per value. It accepts
// exactly RFC 8259 JSON as nlohmann::json does (UTF-8 checked, a leading BOM skipped, numbers
// that overflow a double rejected); manifest.cpp asks nlohmann for the wording of a syntax
// error, and the manifest fuzzer checks that both accept the same inputs.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace perry::resolver::detail {

class JsonDocument;

enum class JsonKind : std::uint8_t { Null, False, True, Number, String, Array, Object };

struct JsonNode {
    static constexpr std::uint32_t kNone = 0xFFFFFFFFu;
    JsonKind kind = JsonKind::Null;
    std::uint32_t first_child = kNone; // arrays and objects
    std::uint32_t next_sibling = kNone;
    std::uint32_t size = 0; // number of children
    std::string_view text;  // decoded string, or the number as written
    std::string_view key;   // the member name, for children of an object
};

// A value inside a JsonDocument; cheap to copy.
class JsonValue {
  public:
    JsonValue(const JsonDocument* doc, std::uint32_t index) : doc_(doc), index_(index) {}

    JsonKind kind() const { return node().kind; }
    bool is_string() const { return kind() == JsonKind::String; }
    bool is_array() const { return kind() == JsonKind::Array; }
    bool is_object() const { return kind() == JsonKind::Object; }
    std::string_view str() const { return node().text; } // strings; numbers as written
    std::string_view key() const { return node().key; }
    std::size_t size() const { return node().size; }
    std::uint32_t id() const { return index_; } // identity within the document

    // Children of an array or object, in document order.
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
    Iterator begin() const { return Iterator(doc_, node().first_child); }
    Iterator end() const { return Iterator(doc_, JsonNode::kNone); }

    // The last member named `key` (JSON's "last one wins", as nlohmann reads duplicates), or
    // nullptr-like: `found` false.
    bool find(std::string_view key, JsonValue& out) const;

  private:
    inline const JsonNode& node() const;
    const JsonDocument* doc_;
    std::uint32_t index_;
};

class JsonDocument {
  public:
    JsonDocument() = default;
    JsonDocument(const JsonDocument&) = delete;
    JsonDocument& operator=(const JsonDocument&) = delete;
    ~JsonDocument(); // hands its node buffer back to the thread's spare (see parse)

    // Parses `text`; on failure returns false with the byte offset of the problem and a short
    // description. The text must outlive the document.
    bool parse(std::string_view text, std::size_t& error_offset, std::string& error);
    JsonValue root() const { return JsonValue(this, 0); }
    const JsonNode& node(std::uint32_t index) const { return nodes_[index]; }

  private:
    std::vector<JsonNode> nodes_;
    std::string decoded_; // reserved to the input size up front, so views into it stay valid
};

inline const JsonNode& JsonValue::node() const {
    return doc_->node(index_);
}

inline JsonValue::Iterator& JsonValue::Iterator::operator++() {
    index_ = doc_->node(index_).next_sibling;
    return *this;
}

// Duplicate member names: like JSON.parse and nlohmann::json, the last occurrence wins. This
// remembers the last member of each name of interest (one pass over the object), so a loop over
// the members can skip the earlier ones in linear time.
class LastMembers {
  public:
    static constexpr std::size_t kMaxNames = 16; // no heap: this runs once per function entry

    template <typename Names> LastMembers(const JsonValue& object, const Names& names) {
        for (std::string_view name : names) {
            if (count_ < kMaxNames)
                last_[count_++] = {name, JsonNode::kNone};
        }
        for (JsonValue member : object) {
            for (std::size_t i = 0; i < count_; ++i) {
                if (last_[i].first == member.key())
                    last_[i].second = member.id();
            }
        }
    }
    // False for a member whose name appears again later in the object.
    bool wins(const JsonValue& member) const {
        for (std::size_t i = 0; i < count_; ++i) {
            if (last_[i].first == member.key())
                return last_[i].second == member.id();
        }
        return true; // a name nobody reads: every occurrence is reported
    }

  private:
    std::array<std::pair<std::string_view, std::uint32_t>, kMaxNames> last_{};
    std::size_t count_ = 0;
};

// A string value as JSON text, escaped as nlohmann's dump() does ("a\"b", control characters as
// \u00XX), for messages that quote a value.
std::string json_quote(std::string_view text);

} // namespace perry::resolver::detail

// Internal: a package.json parsed by simdjson, read in document order.
//
// simdjson's DOM reader validates the whole text (On-Demand would validate only what is read,
// and its inline kernel is chosen at compile time, the slowest one for a portable build). The
// document keeps simdjson's result, in the order of the text and with every duplicate member,
// which the manifest checker reports; it is walked as often and in whatever order the rules
// need, and depends on neither the text nor the parser once parse() returns. simdjson's header
// stays in json_document.cpp.
#pragma once

#include "name_index.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace perry::resolver::detail {

class JsonDocument;

enum class JsonKind : std::uint8_t { Null, False, True, Number, String, Array, Object };

// A value inside a JsonDocument; cheap to copy. Values are read straight from simdjson's tape
// (its documented DOM format: one 64-bit word per value, the type in the top byte; strings in a
// buffer beside it, each a 32-bit length and the bytes), so a document is walked in the order
// it was written, every duplicate member included, with nothing built besides.
class JsonValue {
  public:
    JsonValue(const JsonDocument* doc, std::uint32_t index, std::string_view key = {})
        : doc_(doc), index_(index), key_(key) {}

    inline JsonKind kind() const;
    bool is_string() const { return kind() == JsonKind::String; }
    bool is_array() const { return kind() == JsonKind::Array; }
    bool is_object() const { return kind() == JsonKind::Object; }
    inline std::string_view str() const; // strings; numbers as simdjson writes them; else empty
    std::string_view key() const { return key_; } // the member name of a value in an object
    // key() and, for a string, str() with their first eight bytes as a word (head_word), for
    // NameIndex lookups: a string on the tape is followed by at least eight readable bytes.
    HeadedText headed_key() const { return {key_, head_word_of_padded(key_)}; }
    inline HeadedText headed_str() const;
    std::size_t size() const;                   // arrays and objects: element count
    std::uint32_t id() const { return index_; } // identity within the document

    // Elements of an array, or member values of an object, in document order.
    class Iterator {
      public:
        Iterator(const JsonDocument* doc, std::uint32_t index, bool object)
            : doc_(doc), index_(index), object_(object) {}
        inline JsonValue operator*() const;
        inline Iterator& operator++();
        bool operator!=(const Iterator& other) const { return index_ != other.index_; }

      private:
        const JsonDocument* doc_;
        std::uint32_t index_; // the element, or the member's name in an object
        bool object_;
    };
    inline Iterator begin() const;
    inline Iterator end() const;

    // The last member named `key` (JSON's "last one wins", as JSON.parse and nlohmann read
    // duplicates); false when there is none.
    bool find(std::string_view key, JsonValue& out) const;

  private:
    const JsonDocument* doc_;
    std::uint32_t index_; // on the tape
    std::string_view key_;
};

class JsonDocument {
  public:
    JsonDocument();
    ~JsonDocument();
    JsonDocument(const JsonDocument&) = delete;
    JsonDocument& operator=(const JsonDocument&) = delete;

    // Parses `text`; on failure returns false with simdjson's description of the problem
    // (describe_syntax_error says where it is, in nlohmann's words). A UTF-8 byte order mark at
    // the start is skipped, as nlohmann does; integers too wide for 64 bits are read as
    // doubles, as nlohmann and JSON.parse read them; a number beyond a double's range is an
    // error.
    bool parse(std::string_view text, std::string& error);
    JsonValue root() const { return JsonValue(this, 1); } // the tape's word 0 marks the root

    // The tape (see JsonValue).
    std::uint64_t word(std::uint32_t index) const { return tape_[index]; }
    static char type_of(std::uint64_t word) { return static_cast<char>(word >> 56); }
    static std::uint64_t payload_of(std::uint64_t word) { return word & 0x00FFFFFFFFFFFFFFull; }
    // The index after the value at `index` (after its closing bracket for a container).
    std::uint32_t after(std::uint32_t index) const {
        const std::uint64_t w = tape_[index];
        switch (type_of(w)) {
        case '{':
        case '[':
            return static_cast<std::uint32_t>(w);
        case 'l':
        case 'u':
        case 'd':
            return index + 2;
        default:
            return index + 1;
        }
    }
    std::string_view string_at(std::uint32_t index) const {
        const char* at = strings_ + payload_of(tape_[index]);
        std::uint32_t size;
        std::memcpy(&size, at, sizeof size);
        return std::string_view(at + sizeof size, size);
    }
    std::string_view number_text(std::uint32_t index) const; // formatted once, then kept

    struct Storage; // simdjson's document, or a tape written from nlohmann's events

  private:
    friend class JsonTapeWriter;
    const std::uint64_t* tape_ = nullptr;
    const char* strings_ = nullptr;
    std::unique_ptr<Storage> storage_;
};

// Writes a tape in simdjson's format from the values of a document in document order, for the
// documents nlohmann reads (see read_with_nlohmann).
class JsonTapeWriter {
  public:
    explicit JsonTapeWriter(JsonDocument& document);
    ~JsonTapeWriter(); // points the document at what was written
    JsonTapeWriter(const JsonTapeWriter&) = delete;
    JsonTapeWriter& operator=(const JsonTapeWriter&) = delete;
    void open(JsonKind kind, std::string_view key); // an array or an object; `key` in an object
    void close();
    void string(std::string_view key, std::string_view text);
    void literal(JsonKind kind, std::string_view key);                // null, true, false
    void number(std::string_view key, char type, std::uint64_t bits); // 'l', 'u' or 'd'

  private:
    void value_word(std::string_view key, char type, std::uint64_t payload);
    std::uint64_t add_string(std::string_view text);
    struct Open {
        std::uint32_t index, count;
        bool object;
    };
    JsonDocument& document_;
    std::vector<Open> open_;
};

// The same document read by nlohmann::json, for the documents simdjson refuses but JSON allows
// (integers wider than 64 bits, nesting deeper than 1024). False when nlohmann refuses it too.
bool read_with_nlohmann(std::string_view text, JsonDocument& document);

// Where and why nlohmann (the reference for the wording of syntax errors) refuses `text`:
// its message without the exception's prefix and without the "last read" excerpt, which may
// hold raw bytes of the file. nlohmann ends a document at a NUL byte, where JSON.parse and
// simdjson see text after the document: that is reported at the NUL.
struct JsonSyntaxError {
    int line = 1;
    int column = 1;
    std::string what;
};
JsonSyntaxError describe_syntax_error(std::string_view text);

inline JsonKind JsonValue::kind() const {
    switch (JsonDocument::type_of(doc_->word(index_))) {
    case '"':
        return JsonKind::String;
    case '{':
        return JsonKind::Object;
    case '[':
        return JsonKind::Array;
    case 't':
        return JsonKind::True;
    case 'f':
        return JsonKind::False;
    case 'n':
        return JsonKind::Null;
    default:
        return JsonKind::Number;
    }
}

inline std::string_view JsonValue::str() const {
    switch (kind()) {
    case JsonKind::String:
        return doc_->string_at(index_);
    case JsonKind::Number:
        return doc_->number_text(index_);
    default:
        return {};
    }
}

inline HeadedText JsonValue::headed_str() const {
    if (!is_string())
        return {{}, 0};
    const std::string_view text = doc_->string_at(index_);
    return {text, head_word_of_padded(text)};
}

inline JsonValue::Iterator JsonValue::begin() const {
    const bool container = is_object() || is_array();
    return Iterator(doc_, container ? index_ + 1 : index_, is_object());
}

inline JsonValue::Iterator JsonValue::end() const {
    // A container's closing bracket, where the iteration over its elements stops; a scalar has
    // no elements (begin() == end()).
    const bool container = is_object() || is_array();
    return Iterator(doc_, container ? doc_->after(index_) - 1 : index_, false);
}

inline JsonValue JsonValue::Iterator::operator*() const {
    return object_ ? JsonValue(doc_, index_ + 1, doc_->string_at(index_)) : JsonValue(doc_, index_);
}

inline JsonValue::Iterator& JsonValue::Iterator::operator++() {
    index_ = doc_->after(object_ ? index_ + 1 : index_);
    return *this;
}

// Calls `visit(value, name_index)` for each member of `object` in document order, where
// `name_index` is the member's position in `names` (names.find's result, kUnknown for other
// names). Of members with the same known name only the last is visited (JSON.parse and
// nlohmann keep the last duplicate too); every member with an unknown name is visited, so each
// can be reported. `duplicate(value, name_index)` is called for each member a later one hides.
inline constexpr std::uint32_t kNoMember = 0xFFFFFFFFu;

template <typename Names, typename Visit, typename Duplicate>
void for_each_member(const JsonValue& object, const Names& names, Visit&& visit,
                     Duplicate&& duplicate) {
    // One walk finds the last member of each known name, a second one visits.
    std::array<std::uint32_t, std::decay_t<Names>::size()> last;
    last.fill(kNoMember);
    for (JsonValue member : object) {
        const int found = names.find(member.headed_key());
        if (found >= 0)
            last[static_cast<std::size_t>(found)] = member.id();
    }
    for (JsonValue member : object) {
        const int found = names.find(member.headed_key());
        if (found >= 0 && last[static_cast<std::size_t>(found)] != member.id())
            duplicate(member, found);
        else
            visit(member, found);
    }
}

template <typename Names, typename Visit>
void for_each_member(const JsonValue& object, const Names& names, Visit&& visit) {
    for_each_member(object, names, visit, [](const JsonValue&, int) {});
}

// A string value as JSON text, escaped as nlohmann's dump() does ("a\"b", control characters as
// \u00XX), for messages that quote a value and for JSON written by hand.
std::string json_quote(std::string_view text);
// The same appended to `out` (no temporary string).
void append_json_quoted(std::string& out, std::string_view text);

} // namespace perry::resolver::detail

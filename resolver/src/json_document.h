// Internal: a package.json parsed by simdjson, as a small read-only tree in document order.
//
// simdjson's DOM reader validates the whole text (On-Demand would validate only what is read,
// and its inline kernel is chosen at compile time, the slowest one for a portable build). The
// tree keeps the order of the document and every duplicate member, which the manifest checker
// reports; it is walked as often and in whatever order the rules need. The strings are views
// into simdjson's document, which the JsonDocument owns: the tree depends on neither the text
// nor the parser once parse() returns. simdjson's header stays in json_document.cpp.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace perry::resolver::detail {

class JsonDocument;

enum class JsonKind : std::uint8_t { Null, False, True, Number, String, Array, Object };

// Nodes are in document order: the first element or member of a container at node i is node
// i + 1, and each element links to the next one of its container. A member's name is kept on
// its value's node.
struct JsonNode {
    static constexpr std::uint32_t kNone = 0xFFFFFFFFu;
    std::string_view text;      // strings (unescaped), numbers (as simdjson writes them)
    std::string_view key;       // the member name, for a value inside an object
    std::uint32_t size = 0;     // arrays and objects: element count
    std::uint32_t next = kNone; // the next element of the enclosing container
    JsonKind kind = JsonKind::Null;
};

// A value inside a JsonDocument; cheap to copy.
class JsonValue {
  public:
    JsonValue(const JsonDocument* doc, std::uint32_t index) : doc_(doc), index_(index) {}

    JsonKind kind() const { return node().kind; }
    bool is_string() const { return kind() == JsonKind::String; }
    bool is_array() const { return kind() == JsonKind::Array; }
    bool is_object() const { return kind() == JsonKind::Object; }
    std::string_view str() const; // strings (unescaped); numbers as written; else empty
    std::string_view key() const; // the member name of a value inside an object
    std::size_t size() const { return node().size; }
    std::uint32_t id() const { return index_; } // identity within the document

    // Elements of an array, or member values of an object, in document order.
    class Iterator {
      public:
        Iterator(const JsonDocument* doc, std::uint32_t index) : doc_(doc), index_(index) {}
        JsonValue operator*() const { return JsonValue(doc_, index_); }
        Iterator& operator++();
        bool operator!=(const Iterator& other) const { return index_ != other.index_; }

      private:
        const JsonDocument* doc_;
        std::uint32_t index_;
    };
    Iterator begin() const { return Iterator(doc_, size() == 0 ? JsonNode::kNone : index_ + 1); }
    Iterator end() const { return Iterator(doc_, JsonNode::kNone); }

    // The last member named `key` (JSON's "last one wins", as JSON.parse and nlohmann read
    // duplicates); false when there is none.
    bool find(std::string_view key, JsonValue& out) const;

  private:
    const JsonNode& node() const;
    const JsonDocument* doc_;
    std::uint32_t index_;
};

class JsonDocument {
  public:
    // A document's buffers are the thread's spare ones when it has some, and go back there when
    // it ends: a build reads many package.json files, and fresh memory for each (the node array
    // of a large manifest is mapped anew by malloc) cost more than simdjson's parse.
    JsonDocument();
    ~JsonDocument();
    JsonDocument(const JsonDocument&) = delete;
    JsonDocument& operator=(const JsonDocument&) = delete;

    // Parses `text`; on failure returns false with simdjson's description of the problem
    // (describe_syntax_error says where it is, in nlohmann's words). A UTF-8 byte order mark at the start is skipped, as nlohmann
    // does; integers too wide for 64 bits are read as doubles, as nlohmann and JSON.parse
    // read them; a number beyond a double's range is an error.
    bool parse(std::string_view text, std::string& error);
    JsonValue root() const { return JsonValue(this, 0); }

    const JsonNode& node(std::uint32_t index) const { return nodes_[index]; }

    struct Storage; // simdjson's document, and text made while reading

  private:
    friend class JsonTreeBuilder;
    std::vector<JsonNode> nodes_;
    std::unique_ptr<Storage> storage_; // what the nodes' strings view
};

// Appends the nodes of a document in document order: each reader (simdjson's DOM, nlohmann's
// SAX events) reports values to it.
class JsonTreeBuilder {
  public:
    explicit JsonTreeBuilder(JsonDocument& document);
    // The strings must live as long as the document: views into its simdjson document, or
    // strings kept by keep().
    void open(JsonKind kind, std::string_view key); // an array or an object; `key` in an object
    void close();
    void scalar(JsonKind kind, std::string_view key, std::string_view text = {});
    std::string_view keep(std::string text); // stored in the document

  private:
    std::uint32_t add(JsonKind kind, std::string_view key);
    struct Open {
        std::uint32_t index, count, last;
    };
    JsonDocument& document_;
    std::vector<Open> open_;
};

// The same tree read by nlohmann::json, for the documents simdjson refuses but JSON allows
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

inline const JsonNode& JsonValue::node() const {
    return doc_->node(index_);
}

inline std::string_view JsonValue::str() const {
    return node().text;
}

inline std::string_view JsonValue::key() const {
    return node().key;
}

inline JsonValue::Iterator& JsonValue::Iterator::operator++() {
    index_ = doc_->node(index_).next;
    return *this;
}

// Calls `visit(value, name_index)` for each member of `object` in document order, where
// `name_index` is the member's position in `names` (names.find's result, kUnknown for other
// names). Of members with the same known name only the last is visited (JSON.parse and
// nlohmann keep the last duplicate too); every member with an unknown name is visited, so each
// can be reported. `duplicate(value, name_index)` is called for each member a later one hides.
template <typename Names, typename Visit, typename Duplicate>
void for_each_member(const JsonValue& object, const Names& names, Visit&& visit,
                     Duplicate&& duplicate) {
    // Names are matched once; the matches of the first kCached members are kept for the visit.
    constexpr std::size_t kCached = 16;
    int cached[kCached];
    std::array<std::uint32_t, std::decay_t<Names>::size()> last;
    last.fill(JsonNode::kNone);
    bool duplicates = false;
    std::size_t i = 0;
    for (JsonValue member : object) {
        const int found = names.find(member.key());
        if (i < kCached)
            cached[i] = found;
        ++i;
        if (found < 0)
            continue;
        std::uint32_t& slot = last[static_cast<std::size_t>(found)];
        duplicates = duplicates || slot != JsonNode::kNone;
        slot = member.id();
    }
    i = 0;
    for (JsonValue member : object) {
        const int found = i < kCached ? cached[i] : names.find(member.key());
        ++i;
        if (duplicates && found >= 0 && last[static_cast<std::size_t>(found)] != member.id())
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

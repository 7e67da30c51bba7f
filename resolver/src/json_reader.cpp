#include "json_reader.h"

#include "json_scan.h"
#include "json_structure.h"

#include <cmath>
#include <cstdlib>
#include <limits>
#include <utility>

namespace perry::resolver::detail {
namespace {

void append_utf8(std::string& out, std::uint32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

using scan::is_digit;

// The second pass: walks the token positions of the structural index (json_structure.h),
// checks the grammar and writes the nodes. A token's kind is its first byte; a string's end is
// the next position, so a string is only read byte by byte when its block is marked (escapes,
// control characters or non-ASCII bytes to check). Every token makes at most one node, so the
// node buffer is sized once. Functions that read return false after recording an error (fail).
class Parser {
  public:
    Parser(std::string_view text, JsonBuffers& buffers)
        : begin_(text.data()), end_(text.data() + text.size()), buffers_(buffers),
          index_(buffers.index) {}

    bool run();
    std::uint32_t node_count() const { return static_cast<std::uint32_t>(count_); }
    std::size_t error_offset() const { return static_cast<std::size_t>(error_at_ - begin_); }
    const char* error() const { return error_; }

  private:
    bool fail(const char* at, const char* what) {
        error_at_ = at;
        error_ = what;
        return false;
    }
    std::nullptr_t fail_at(const char* at, const char* what) {
        fail(at, what);
        return nullptr;
    }
    std::uint32_t add(JsonKind kind, std::size_t offset = 0, std::size_t length = 0) {
        // Fields are written in place: a node built aside and copied in as one 16-byte block
        // stalls on store forwarding, which once cost more than the rest of the reader.
        JsonNode& node = nodes_[count_];
        node.offset = static_cast<std::uint32_t>(offset);
        node.length = static_cast<std::uint32_t>(length);
        node.next = JsonNode::kNone;
        node.tag = static_cast<std::uint32_t>(kind);
        return static_cast<std::uint32_t>(count_++);
    }
    std::size_t offset_of(const char* p) const { return static_cast<std::size_t>(p - begin_); }
    const char* at(std::uint32_t token) const { return begin_ + positions_[token]; }
    // The first byte of a token; NUL for the entry after the last token.
    char first_byte(std::uint32_t token) const { return token < tokens_ ? *at(token) : '\0'; }

    // The string whose opening quote is token `k`; its closing quote is token k + 1.
    bool read_string(std::uint32_t k, JsonKind kind) {
        const std::uint32_t open = positions_[k], close = positions_[k + 1];
        if (!index_.string_marked(open, close)) {
            add(kind, open + 1, close - open - 1);
            return true;
        }
        const char* const after = read_string_bytes(begin_ + open, kind);
        if (after == nullptr)
            return false;
        // Both passes apply the same escape rule, so they agree on where the string ends.
        return after == begin_ + close + 1 || fail(after, "string ends elsewhere");
    }
    // `"name" :` before a member's value, at token k; k moves past the colon.
    bool read_member_name(std::uint32_t& k) {
        if (first_byte(k) != '"')
            return fail(at(k), "expected a member name");
        if (!read_string(k, JsonKind::Key))
            return false;
        k += 2;
        if (first_byte(k) != ':')
            return fail(at(k), "expected :");
        ++k;
        return true;
    }
    bool read_scalar(std::uint32_t k);
    const char* read_string_bytes(const char* quote, JsonKind kind);
    const char* read_unusual_string(const char* start, const char* p, JsonKind kind);
    const char* read_escaped_string(const char* start, const char* p, JsonKind kind);
    const char* read_escape(const char* p);
    const char* read_hex4(const char* p, std::uint32_t& out);
    const char* read_number(const char* p);
    const char* read_literal(const char* p, std::string_view word, JsonKind kind);

    const char* const begin_;
    const char* const end_;
    JsonBuffers& buffers_;
    const StructuralIndex& index_;
    // Counts are size_t, not uint32_t like the node fields, so that writing a node cannot
    // alias them (the compiler would reload them after every node).
    const std::uint32_t* positions_ = nullptr;
    std::size_t tokens_ = 0;
    JsonNode* nodes_ = nullptr;
    std::size_t count_ = 0;
    const char* error_at_ = nullptr;
    const char* error_ = "";
};

bool Parser::run() {
    std::size_t start = 0;
    if (end_ - begin_ >= 3 && std::string_view(begin_, 3) == "\xEF\xBB\xBF")
        start = 3; // a UTF-8 byte order mark, skipped as nlohmann does
    if (!index_structure(std::string_view(begin_, offset_of(end_)), start, buffers_.index))
        return fail(end_, "unterminated string");
    positions_ = index_.positions.data();
    tokens_ = index_.count;
    if (buffers_.nodes.size() < tokens_)
        buffers_.nodes.resize(tokens_);
    nodes_ = buffers_.nodes.data();

    std::vector<OpenContainer>& enclosing = buffers_.enclosing;
    OpenContainer open; // the innermost open container; none while `depth` is 0
    std::size_t depth = 0;
    std::uint32_t k = 0; // the current token
    for (;;) {
        // A value starts at token k: link it into its container, then read it.
        if (k == tokens_)
            return fail(end_, "unexpected end of input");
        const std::uint32_t index = count_;
        if (depth > 0) {
            if (open.last_element != JsonNode::kNone)
                nodes_[open.last_element].next = index;
            open.last_element = index;
            ++open.count;
        }
        switch (const char c = *at(k)) {
        case '"':
            if (!read_string(k, JsonKind::String))
                return false;
            k += 2;
            break;
        case '{':
        case '[': {
            const bool is_object = c == '{';
            add(is_object ? JsonKind::Object : JsonKind::Array);
            if (first_byte(++k) == (is_object ? '}' : ']')) {
                ++k; // empty
                break;
            }
            if (depth++ > 0)
                enclosing.push_back(open);
            open = OpenContainer{index, JsonNode::kNone, 0, is_object};
            if (is_object && !read_member_name(k))
                return false;
            continue; // its first element
        }
        case '}':
        case ']':
        case ':':
        case ',':
            return fail(at(k), "unexpected character");
        default:
            if (!read_scalar(k++))
                return false;
        }
        // After a value: close the containers that end here, then find the next element.
        for (;;) {
            if (depth == 0)
                return k == tokens_ || fail(at(k), "unexpected text after the document");
            const char c = first_byte(k);
            if (c == ',') {
                ++k;
                if (open.is_object && !read_member_name(k))
                    return false;
                break;
            }
            if (c != (open.is_object ? '}' : ']'))
                return fail(k == tokens_ ? end_ : at(k), c == '\0'
                                                             ? "unexpected end of input"
                                                             : "expected , or a closing bracket");
            ++k;
            nodes_[open.index].length = open.count;
            if (--depth > 0) {
                open = enclosing.back();
                enclosing.pop_back();
            }
        }
    }
}

// A number or literal at token k. It must end where the token does: at whitespace, a
// structural character, a quote or the end (`truex` and `1.5e` are not JSON).
bool Parser::read_scalar(std::uint32_t k) {
    const char* p = at(k);
    const char c = *p;
    if (c == 't')
        p = read_literal(p, "true", JsonKind::True);
    else if (c == 'f')
        p = read_literal(p, "false", JsonKind::False);
    else if (c == 'n')
        p = read_literal(p, "null", JsonKind::Null);
    else if (c == '-' || is_digit(c))
        p = read_number(p);
    else
        return fail(p, "unexpected character");
    if (p == nullptr)
        return false;
    const bool ends = p == end_ || scan::is_whitespace(*p) || *p == '"' || *p == ',' || *p == ':' ||
                      *p == '{' || *p == '}' || *p == '[' || *p == ']';
    return ends || fail(p, "unexpected character");
}

// A string read byte by byte from its opening quote: the path for strings in marked blocks.
const char* Parser::read_string_bytes(const char* quote, JsonKind kind) {
    const char* const start = quote + 1;
    const char* const stop = scan::skip_plain_string_bytes(start, end_);
    if (stop != end_ && *stop == '"') {
        add(kind, offset_of(start), static_cast<std::size_t>(stop - start));
        return stop + 1;
    }
    return read_unusual_string(start, stop, kind);
}

// A string whose plain part ends at p without a closing quote: non-ASCII text to validate, an
// escape, a control character, or the end of the input.
const char* Parser::read_unusual_string(const char* start, const char* p, JsonKind kind) {
    for (;;) {
        if (p == end_)
            return fail_at(p, "unterminated string");
        const unsigned char c = static_cast<unsigned char>(*p);
        if (c == '"') {
            add(kind, offset_of(start), static_cast<std::size_t>(p - start));
            return p + 1;
        }
        if (c == '\\')
            return read_escaped_string(start, p, kind);
        if (c < 0x20)
            return fail_at(p, "control character in a string");
        const std::size_t n = scan::utf8_sequence_length(p, end_);
        if (n == 0)
            return fail_at(p, "ill-formed UTF-8 in a string");
        p = scan::skip_plain_string_bytes(p + n, end_);
    }
}

// The rest of a string from its first backslash at p, decoded into the decode buffer.
const char* Parser::read_escaped_string(const char* start, const char* p, JsonKind kind) {
    std::string& decoded = buffers_.decoded;
    const std::size_t out_start = decoded.size();
    decoded.append(start, static_cast<std::size_t>(p - start));
    for (;;) {
        const unsigned char c = static_cast<unsigned char>(*p);
        if (c == '"') {
            const std::uint32_t index = add(kind, out_start, decoded.size() - out_start);
            nodes_[index].tag |= JsonNode::kDecoded;
            return p + 1;
        }
        if (c == '\\') {
            p = read_escape(p);
            if (p == nullptr)
                return nullptr;
        } else if (c < 0x20) {
            return fail_at(p, "control character in a string");
        } else {
            const std::size_t n = scan::utf8_sequence_length(p, end_);
            if (n == 0)
                return fail_at(p, "ill-formed UTF-8 in a string");
            decoded.append(p, n);
            p += n;
        }
        const char* const run = p;
        p = scan::skip_plain_string_bytes(p, end_);
        decoded.append(run, static_cast<std::size_t>(p - run));
        if (p == end_)
            return fail_at(p, "unterminated string");
    }
}

// The escape whose backslash is at p, appended to the decode buffer.
const char* Parser::read_escape(const char* p) {
    std::string& decoded = buffers_.decoded;
    if (++p == end_)
        return fail_at(p, "unterminated string");
    const char e = *p++;
    switch (e) {
    case '"':
    case '\\':
    case '/':
        decoded += e;
        return p;
    case 'b':
        decoded += '\b';
        return p;
    case 'f':
        decoded += '\f';
        return p;
    case 'n':
        decoded += '\n';
        return p;
    case 'r':
        decoded += '\r';
        return p;
    case 't':
        decoded += '\t';
        return p;
    case 'u':
        break;
    default:
        return fail_at(p - 1, "invalid escape");
    }
    std::uint32_t cp = 0;
    if ((p = read_hex4(p, cp)) == nullptr)
        return nullptr;
    if (cp >= 0xDC00 && cp <= 0xDFFF)
        return fail_at(p, "lone low surrogate");
    if (cp >= 0xD800 && cp <= 0xDBFF) {
        std::uint32_t low = 0;
        if (end_ - p < 2 || p[0] != '\\' || p[1] != 'u')
            return fail_at(p, "lone high surrogate");
        if ((p = read_hex4(p + 2, low)) == nullptr)
            return nullptr;
        if (low < 0xDC00 || low > 0xDFFF)
            return fail_at(p, "lone high surrogate");
        cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
    }
    append_utf8(decoded, cp);
    return p;
}

const char* Parser::read_hex4(const char* p, std::uint32_t& out) {
    if (end_ - p < 4)
        return fail_at(p, "truncated \\u escape");
    out = 0;
    for (int i = 0; i < 4; ++i) {
        const int v = scan::hex_value(p[i]);
        if (v < 0)
            return fail_at(p + i, "invalid \\u escape");
        out = out * 16 + static_cast<std::uint32_t>(v);
    }
    return p + 4;
}

const char* Parser::read_number(const char* p) {
    const char* const start = p;
    auto digits = [&] {
        const char* const first = p;
        while (p != end_ && is_digit(*p))
            ++p;
        return p != first;
    };
    bool is_integer = true;
    if (*p == '-')
        ++p;
    if (p != end_ && *p == '0') {
        ++p;
    } else if (!digits()) {
        return fail_at(p, "invalid number");
    }
    if (p != end_ && *p == '.') {
        is_integer = false;
        ++p;
        if (!digits())
            return fail_at(p, "invalid number");
    }
    if (p != end_ && (*p == 'e' || *p == 'E')) {
        is_integer = false;
        ++p;
        if (p != end_ && (*p == '+' || *p == '-'))
            ++p;
        if (!digits())
            return fail_at(p, "invalid number");
    }
    const std::size_t length = static_cast<std::size_t>(p - start);
    // nlohmann stores integers that do not fit 64 bits as doubles and rejects a double that
    // overflows to infinity: check the value the same way.
    if (!is_integer || length > 18) {
        const std::string copy(start, length);
        const double value = std::strtod(copy.c_str(), nullptr);
        if (value == HUGE_VAL || value == -HUGE_VAL)
            return fail_at(start, "number overflow");
    }
    add(JsonKind::Number, offset_of(start), length);
    return p;
}

const char* Parser::read_literal(const char* p, std::string_view word, JsonKind kind) {
    if (static_cast<std::size_t>(end_ - p) < word.size() ||
        std::string_view(p, word.size()) != word)
        return fail_at(p, "invalid literal");
    add(kind);
    return p + word.size();
}

// One set of buffers per thread, reused from one document to the next: a 70 KB manifest needs
// ~200 KB of token positions and nodes, and fresh buffers each time cost allocations and page
// faults. Buffers grown for an unusually large document are not kept.
thread_local JsonBuffers spare_buffers;
constexpr std::size_t kMaxSpareBytes = std::size_t{8} << 20;

std::size_t buffer_bytes(const JsonBuffers& buffers) {
    return buffers.index.positions.size() * sizeof(std::uint32_t) +
           buffers.nodes.size() * sizeof(JsonNode) + buffers.decoded.capacity();
}

} // namespace

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

JsonDocument::JsonDocument() {
    std::swap(buffers_, spare_buffers);
}

JsonDocument::~JsonDocument() {
    // A document read while another is alive on the same thread found the spare set empty;
    // keep whichever buffers are larger.
    const std::size_t bytes = buffer_bytes(buffers_);
    if (bytes <= kMaxSpareBytes && bytes > buffer_bytes(spare_buffers))
        std::swap(buffers_, spare_buffers);
}

bool JsonDocument::parse(std::string_view text, std::size_t& error_offset, std::string& error) {
    text_ = text;
    node_count_ = 0;
    buffers_.decoded.clear();
    buffers_.enclosing.clear();
    if (text.size() >= std::numeric_limits<std::uint32_t>::max() - 128) {
        error_offset = 0;
        error = "the document is 4 GiB or larger";
        return false;
    }
    Parser parser(text, buffers_);
    const bool ok = parser.run();
    node_count_ = parser.node_count();
    if (ok) {
        buffers_.decoded.append(kHeadPadding, '\0'); // see headed_bytes
        return true;
    }
    error_offset = parser.error_offset();
    error = parser.error();
    return false;
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

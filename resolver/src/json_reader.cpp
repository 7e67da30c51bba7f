#include "json_reader.h"

#include <cmath>
#include <cstdlib>
#include <cstring>

namespace perry::resolver::detail {
namespace {

// Length of the UTF-8 sequence starting at p (RFC 3629: no overlongs, no surrogates, at most
// U+10FFFF), or 0 when it is ill-formed.
std::size_t utf8_sequence(const unsigned char* p, const unsigned char* end) {
    const unsigned char c = p[0];
    auto cont = [&](std::size_t i, unsigned char lo, unsigned char hi) {
        return p + i < end && p[i] >= lo && p[i] <= hi;
    };
    if (c >= 0xC2 && c <= 0xDF)
        return cont(1, 0x80, 0xBF) ? 2 : 0;
    if (c == 0xE0)
        return cont(1, 0xA0, 0xBF) && cont(2, 0x80, 0xBF) ? 3 : 0;
    if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF)
        return cont(1, 0x80, 0xBF) && cont(2, 0x80, 0xBF) ? 3 : 0;
    if (c == 0xED)
        return cont(1, 0x80, 0x9F) && cont(2, 0x80, 0xBF) ? 3 : 0;
    if (c == 0xF0)
        return cont(1, 0x90, 0xBF) && cont(2, 0x80, 0xBF) && cont(3, 0x80, 0xBF) ? 4 : 0;
    if (c >= 0xF1 && c <= 0xF3)
        return cont(1, 0x80, 0xBF) && cont(2, 0x80, 0xBF) && cont(3, 0x80, 0xBF) ? 4 : 0;
    if (c == 0xF4)
        return cont(1, 0x80, 0x8F) && cont(2, 0x80, 0xBF) && cont(3, 0x80, 0xBF) ? 4 : 0;
    return 0;
}

int hex_value(char c) {
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

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

struct Parser {
    std::string_view text;
    std::size_t pos = 0;
    std::vector<JsonNode>& nodes;
    std::string& decoded;
    std::string error;

    bool fail(const char* what) {
        error = what;
        return false;
    }
    void skip_ws() {
        // Pretty-printed package.json is mostly runs of indentation: skip eight spaces at a time.
        constexpr std::uint64_t kSpaces = 0x2020202020202020ULL;
        while (pos < text.size()) {
            const char c = text[pos];
            if (c == ' ') {
                std::uint64_t word;
                while (pos + 8 <= text.size() &&
                       (std::memcpy(&word, text.data() + pos, 8), word == kSpaces))
                    pos += 8;
                while (pos < text.size() && text[pos] == ' ')
                    ++pos;
                continue;
            }
            if (c != '\n' && c != '\r' && c != '\t')
                break;
            ++pos;
        }
    }

    // Reads the string starting at the opening quote; `out` is a view of its decoded content.
    bool read_string(std::string_view& out) {
        const std::size_t start = ++pos; // after the quote
        const unsigned char* data = reinterpret_cast<const unsigned char*>(text.data());
        const unsigned char* end = data + text.size();
        // Fast path: no escapes, only validated bytes; the view points into the input. Eight
        // bytes at a time while they are plain ASCII without `"`, `\` or control characters.
        while (pos + 8 <= text.size()) {
            std::uint64_t word;
            std::memcpy(&word, data + pos, 8);
            constexpr std::uint64_t kOnes = 0x0101010101010101ULL, kHigh = 0x8080808080808080ULL;
            const std::uint64_t quote = word ^ (kOnes * '"'), backslash = word ^ (kOnes * '\\');
            const std::uint64_t special = ((quote - kOnes) & ~quote) |
                                          ((backslash - kOnes) & ~backslash) |
                                          (word - kOnes * 0x20) | word;
            if (special & kHigh)
                break; // one of the eight needs a closer look
            pos += 8;
        }
        while (pos < text.size()) {
            const unsigned char c = data[pos];
            if (c == '"') {
                out = text.substr(start, pos - start);
                ++pos;
                return true;
            }
            if (c == '\\')
                break;
            if (c < 0x20)
                return fail("control character in a string");
            if (c < 0x80) {
                ++pos;
                continue;
            }
            const std::size_t n = utf8_sequence(data + pos, end);
            if (n == 0)
                return fail("ill-formed UTF-8 in a string");
            pos += n;
        }
        if (pos >= text.size())
            return fail("unterminated string");
        // Slow path: decode into the shared buffer, reserved to the input size the first time
        // so that views into it stay valid (decoded text is never longer than its source).
        if (decoded.capacity() < text.size())
            decoded.reserve(text.size());
        const std::size_t out_start = decoded.size();
        decoded.append(text.data() + start, pos - start);
        while (pos < text.size()) {
            const unsigned char c = data[pos];
            if (c == '"') {
                out = std::string_view(decoded).substr(out_start);
                ++pos;
                return true;
            }
            if (c < 0x20)
                return fail("control character in a string");
            if (c == '\\') {
                if (++pos >= text.size())
                    break;
                const char e = text[pos++];
                switch (e) {
                case '"':
                    decoded += '"';
                    break;
                case '\\':
                    decoded += '\\';
                    break;
                case '/':
                    decoded += '/';
                    break;
                case 'b':
                    decoded += '\b';
                    break;
                case 'f':
                    decoded += '\f';
                    break;
                case 'n':
                    decoded += '\n';
                    break;
                case 'r':
                    decoded += '\r';
                    break;
                case 't':
                    decoded += '\t';
                    break;
                case 'u': {
                    std::uint32_t cp = 0;
                    if (!read_hex4(cp))
                        return false;
                    if (cp >= 0xDC00 && cp <= 0xDFFF)
                        return fail("lone low surrogate");
                    if (cp >= 0xD800 && cp <= 0xDBFF) {
                        std::uint32_t low = 0;
                        if (pos + 1 >= text.size() || text[pos] != '\\' || text[pos + 1] != 'u')
                            return fail("lone high surrogate");
                        pos += 2;
                        if (!read_hex4(low))
                            return false;
                        if (low < 0xDC00 || low > 0xDFFF)
                            return fail("lone high surrogate");
                        cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
                    }
                    append_utf8(decoded, cp);
                    break;
                }
                default:
                    return fail("invalid escape");
                }
                continue;
            }
            if (c < 0x80) {
                decoded += static_cast<char>(c);
                ++pos;
                continue;
            }
            const std::size_t n = utf8_sequence(data + pos, end);
            if (n == 0)
                return fail("ill-formed UTF-8 in a string");
            decoded.append(text.data() + pos, n);
            pos += n;
        }
        return fail("unterminated string");
    }

    bool read_hex4(std::uint32_t& out) {
        if (pos + 4 > text.size())
            return fail("truncated \\u escape");
        out = 0;
        for (int i = 0; i < 4; ++i) {
            const int v = hex_value(text[pos + i]);
            if (v < 0)
                return fail("invalid \\u escape");
            out = out * 16 + static_cast<std::uint32_t>(v);
        }
        pos += 4;
        return true;
    }

    bool read_number(std::string_view& out) {
        const std::size_t start = pos;
        auto digit = [&] { return pos < text.size() && text[pos] >= '0' && text[pos] <= '9'; };
        bool is_integer = true;
        if (text[pos] == '-')
            ++pos;
        if (!digit())
            return fail("invalid number");
        if (text[pos] == '0') {
            ++pos;
        } else {
            while (digit())
                ++pos;
        }
        if (pos < text.size() && text[pos] == '.') {
            is_integer = false;
            ++pos;
            if (!digit())
                return fail("invalid number");
            while (digit())
                ++pos;
        }
        if (pos < text.size() && (text[pos] == 'e' || text[pos] == 'E')) {
            is_integer = false;
            ++pos;
            if (pos < text.size() && (text[pos] == '+' || text[pos] == '-'))
                ++pos;
            if (!digit())
                return fail("invalid number");
            while (digit())
                ++pos;
        }
        out = text.substr(start, pos - start);
        // nlohmann stores integers that do not fit 64 bits as doubles and rejects a double that
        // overflows to infinity: check the value the same way.
        if (!is_integer || out.size() > 18) {
            const std::string copy(out);
            const double value = std::strtod(copy.c_str(), nullptr);
            if (value == HUGE_VAL || value == -HUGE_VAL) {
                pos = start;
                return fail("number overflow");
            }
        }
        return true;
    }

    bool expect_literal(std::string_view word) {
        if (text.substr(pos, word.size()) != word)
            return fail("invalid literal");
        pos += word.size();
        return true;
    }

    std::uint32_t add(JsonKind kind, std::string_view value, std::string_view key) {
        JsonNode node;
        node.kind = kind;
        node.text = value;
        node.key = key;
        nodes.push_back(node);
        return static_cast<std::uint32_t>(nodes.size() - 1);
    }

    struct Open {
        std::uint32_t index;
        std::uint32_t last_child;
    };

    bool run() {
        std::vector<Open> stack;
        if (text.substr(0, 3) == "\xEF\xBB\xBF")
            pos = 3;
        std::string_view key;
        for (;;) {
            // A value is expected here.
            skip_ws();
            if (pos >= text.size())
                return fail("unexpected end of input");
            std::uint32_t index = 0;
            const char c = text[pos];
            std::string_view value;
            if (c == '{' || c == '[') {
                index = add(c == '{' ? JsonKind::Object : JsonKind::Array, {}, key);
                ++pos;
            } else if (c == '"') {
                if (!read_string(value))
                    return false;
                index = add(JsonKind::String, value, key);
            } else if (c == '-' || (c >= '0' && c <= '9')) {
                if (!read_number(value))
                    return false;
                index = add(JsonKind::Number, value, key);
            } else if (c == 't') {
                if (!expect_literal("true"))
                    return false;
                index = add(JsonKind::True, {}, key);
            } else if (c == 'f') {
                if (!expect_literal("false"))
                    return false;
                index = add(JsonKind::False, {}, key);
            } else if (c == 'n') {
                if (!expect_literal("null"))
                    return false;
                index = add(JsonKind::Null, {}, key);
            } else {
                return fail("unexpected character");
            }
            // Link the value into its parent.
            if (!stack.empty()) {
                Open& parent = stack.back();
                if (parent.last_child == JsonNode::kNone)
                    nodes[parent.index].first_child = index;
                else
                    nodes[parent.last_child].next_sibling = index;
                parent.last_child = index;
                ++nodes[parent.index].size;
            }
            const bool opened =
                nodes[index].kind == JsonKind::Object || nodes[index].kind == JsonKind::Array;
            if (opened)
                stack.push_back({index, JsonNode::kNone});
            // After a value (or an opening bracket): close containers, or find the next member.
            bool just_opened = opened;
            for (;;) {
                if (stack.empty()) {
                    skip_ws();
                    return pos == text.size() ? true : fail("unexpected text after the document");
                }
                skip_ws();
                if (pos >= text.size())
                    return fail("unexpected end of input");
                const bool in_object = nodes[stack.back().index].kind == JsonKind::Object;
                if (text[pos] == (in_object ? '}' : ']')) {
                    ++pos;
                    stack.pop_back();
                    just_opened = false;
                    continue;
                }
                if (!just_opened) {
                    if (text[pos] != ',')
                        return fail("expected , or a closing bracket");
                    ++pos;
                    skip_ws();
                }
                if (in_object) {
                    if (pos >= text.size() || text[pos] != '"')
                        return fail("expected a member name");
                    if (!read_string(key))
                        return false;
                    skip_ws();
                    if (pos >= text.size() || text[pos] != ':')
                        return fail("expected :");
                    ++pos;
                } else {
                    key = {};
                }
                break; // read the next value
            }
        }
    }
};

} // namespace

bool JsonValue::find(std::string_view key, JsonValue& out) const {
    bool found = false;
    for (JsonValue child : *this) {
        if (child.key() == key) {
            out = child;
            found = true;
        }
    }
    return found;
}

namespace {
// One node buffer per thread, reused from one document to the next: a 70 KB manifest needs
// ~200 KB of nodes, and a fresh buffer each time costs an mmap and its page faults.
thread_local std::vector<JsonNode> spare_nodes;
} // namespace

JsonDocument::~JsonDocument() {
    if (nodes_.capacity() > spare_nodes.capacity()) {
        nodes_.clear();
        spare_nodes.swap(nodes_);
    }
}

bool JsonDocument::parse(std::string_view text, std::size_t& error_offset, std::string& error) {
    if (nodes_.capacity() == 0)
        nodes_.swap(spare_nodes);
    nodes_.clear();
    nodes_.reserve(text.size() / 16 + 4);
    decoded_.clear();
    Parser parser{text, 0, nodes_, decoded_, {}};
    if (parser.run())
        return true;
    error_offset = parser.pos;
    error = parser.error;
    return false;
}

std::string json_quote(std::string_view text) {
    static const char* kHex = "0123456789abcdef";
    std::string out = "\"";
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
    return out + "\"";
}

} // namespace perry::resolver::detail

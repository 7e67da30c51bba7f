#include "json_cursor.h"

namespace perry::resolver::detail {
namespace {

using scan::is_digit;

// The code unit of the `\uXXXX` escape at `q` (its backslash), or -1: the digits as the full
// reader reads them (json_reader.cpp's read_hex4).
long hex_escape(const char* q, const char* end) {
    if (end - q < 6 || q[0] != '\\' || q[1] != 'u')
        return -1;
    long unit = 0;
    for (int i = 2; i < 6; ++i) {
        const int digit = scan::hex_value(q[i]);
        if (digit < 0)
            return -1;
        unit = unit * 16 + digit;
    }
    return unit;
}

} // namespace

// The escape at `q` (its backslash), by the full reader's rules: the two-character escapes,
// `\uXXXX`, and a surrogate only as a high-low pair.
bool JsonCursor::skip_escape(const char*& q, const char* end) {
    if (end - q < 2)
        return false;
    switch (q[1]) {
    case '"':
    case '\\':
    case '/':
    case 'b':
    case 'f':
    case 'n':
    case 'r':
    case 't':
        q += 2;
        return true;
    case 'u':
        break;
    default:
        return false;
    }
    const long unit = hex_escape(q, end);
    if (unit < 0 || (unit >= 0xDC00 && unit <= 0xDFFF))
        return false;
    q += 6;
    if (unit < 0xD800 || unit > 0xDBFF)
        return true;
    const long low = hex_escape(q, end);
    if (low < 0xDC00 || low > 0xDFFF)
        return false;
    q += 6;
    return true;
}

const char* JsonCursor::skip_whitespace_run(const char* p, const char* end) {
#if PERRY_JSON_SCAN_SSE2
    for (; end - p >= 16; p += 16) {
        const unsigned token = ~whitespace_bytes(p) & 0xFFFFu;
        if (token != 0)
            return p + __builtin_ctz(token);
    }
#endif
    while (p != end && scan::is_whitespace(*p))
        ++p;
    return p;
}

const char* JsonCursor::closing_quote(const char* q, const char* end, bool escapes) {
    while (q != end && *q != '"') {
        const auto c = static_cast<unsigned char>(*q);
        if (c == '\\') {
            if (!escapes || !skip_escape(q, end))
                return nullptr;
        } else {
            const std::size_t n = c < 0x20 ? 0 : scan::utf8_sequence_length(q, end);
            if (n == 0)
                return nullptr;
            q += n;
        }
        q = scan::skip_plain_string_bytes(q, end);
    }
    return q == end ? nullptr : q;
}

bool JsonCursor::skip_string() {
    if (peek() != '"')
        return false;
    const char* const close =
        closing_quote(scan::skip_plain_string_bytes(p_ + 1, end_), end_, /*escapes=*/true);
    if (close == nullptr)
        return false;
    p_ = close + 1;
    return true;
}

// Integers of up to 18 characters only: anything longer, or with a fraction or an exponent,
// needs the full reader's overflow check (it reads them as nlohmann does).
bool JsonCursor::skip_number() {
    const char* q = p_;
    if (q != end_ && *q == '-')
        ++q;
    if (q == end_ || !is_digit(*q))
        return false;
    if (*q == '0') {
        ++q;
    } else {
        while (q != end_ && is_digit(*q))
            ++q;
    }
    if (q != end_ && (*q == '.' || *q == 'e' || *q == 'E' || is_digit(*q)))
        return false;
    if (q - p_ > 18)
        return false;
    p_ = q;
    return true;
}

bool JsonCursor::skip_literal(std::string_view word) {
    if (static_cast<std::size_t>(end_ - p_) < word.size() ||
        std::string_view(p_, word.size()) != word)
        return false;
    p_ += word.size();
    return true;
}

// Without recursion: the kinds of the open containers are bits of one word, which bounds the
// depth at 64 (deeper documents go to the full reader, which has no limit).
bool JsonCursor::skip_value() {
    std::uint64_t open_is_object = 0;
    int depth = 0;
    for (;;) {
        // A value starts here.
        const char c = peek();
        bool read = false;
        switch (c) {
        case '"':
            read = skip_string();
            break;
        case '{':
        case '[': {
            const bool is_object = c == '{';
            ++p_;
            if (consume(is_object ? '}' : ']')) {
                read = true;
                break;
            }
            if (depth == 64)
                return false;
            open_is_object = open_is_object << 1 | (is_object ? 1 : 0);
            ++depth;
            if (is_object && !skip_member_name())
                return false;
            continue; // its first element
        }
        case 't':
            read = skip_literal("true");
            break;
        case 'f':
            read = skip_literal("false");
            break;
        case 'n':
            read = skip_literal("null");
            break;
        default:
            read = skip_number();
        }
        if (!read)
            return false;
        // After a value: close what ends here, then move to the next element.
        for (;;) {
            if (depth == 0)
                return true;
            const bool in_object = (open_is_object & 1) != 0;
            if (consume(',')) {
                if (in_object && !skip_member_name())
                    return false;
                break;
            }
            if (!consume(in_object ? '}' : ']'))
                return false;
            open_is_object >>= 1;
            --depth;
        }
    }
}

} // namespace perry::resolver::detail

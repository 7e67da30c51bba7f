// Numbers and strings exactly as JSON.stringify writes them.
#include "json_output.h"

#include <charconv>
#include <cmath>
#include <cstdint>

namespace perry::json {

// Decimal digits of an integer at `at` (room for 20 characters); returns the end. Our own:
// std::to_chars for integers drags a template-static digit table into the archive's symbols.
char* put_integer(char* at, int64_t value) {
    uint64_t magnitude =
        value < 0 ? ~static_cast<uint64_t>(value) + 1 : static_cast<uint64_t>(value);
    if (value < 0) {
        *at++ = '-';
    }
    char digits[20];
    int count = 0;
    do {
        digits[count++] = static_cast<char>('0' + magnitude % 10);
        magnitude /= 10;
    } while (magnitude != 0);
    while (count > 0) {
        *at++ = digits[--count];
    }
    return at;
}

void append_int32(Output& out, int32_t value) {
    char* at = out.reserve(20);
    out.commit(static_cast<size_t>(put_integer(at, value) - at));
}

// ECMAScript Number::toString(x) for a finite nonzero x. std::to_chars gives the shortest
// round-trip digits (the spec's k digits of s) in scientific form; the layout below is the
// spec's: n is the position of the decimal point relative to the digits.
void append_number(Output& out, double value) {
    if (!std::isfinite(value)) {
        out.literal("null");
        return;
    }
    if (value == 0) {
        out.put('0'); // -0 too
        return;
    }
    // Integers below 2^53 print as plain digits (they are below 1e21): the common fast case.
    if (std::fabs(value) < 9007199254740992.0 && value == std::trunc(value)) {
        char* at = out.reserve(20);
        out.commit(static_cast<size_t>(put_integer(at, static_cast<int64_t>(value)) - at));
        return;
    }
    char scientific[40];
    char* end = std::to_chars(scientific, scientific + sizeof scientific, value,
                              std::chars_format::scientific)
                    .ptr;
    const char* p = scientific;
    char* o = out.reserve(40);
    char* start = o;
    if (*p == '-') {
        *o++ = '-';
        p++;
    }
    char digits[20];
    int k = 0;
    for (; *p != 'e'; ++p) {
        if (*p != '.') {
            digits[k++] = *p;
        }
    }
    int exponent = 0;
    for (const char* e = p[1] == '+' || p[1] == '-' ? p + 2 : p + 1; e < end; ++e) {
        exponent = exponent * 10 + (*e - '0');
    }
    exponent = p[1] == '-' ? -exponent : exponent;
    int n = exponent + 1;
    if (k <= n && n <= 21) {
        std::memcpy(o, digits, static_cast<size_t>(k));
        o += k;
        std::memset(o, '0', static_cast<size_t>(n - k));
        o += n - k;
    } else if (0 < n && n <= 21) {
        std::memcpy(o, digits, static_cast<size_t>(n));
        o += n;
        *o++ = '.';
        std::memcpy(o, digits + n, static_cast<size_t>(k - n));
        o += k - n;
    } else if (-6 < n && n <= 0) {
        *o++ = '0';
        *o++ = '.';
        std::memset(o, '0', static_cast<size_t>(-n));
        o += -n;
        std::memcpy(o, digits, static_cast<size_t>(k));
        o += k;
    } else {
        *o++ = digits[0];
        if (k > 1) {
            *o++ = '.';
            std::memcpy(o, digits + 1, static_cast<size_t>(k - 1));
            o += k - 1;
        }
        *o++ = 'e';
        *o++ = n - 1 < 0 ? '-' : '+';
        o = put_integer(o, n - 1 < 0 ? 1 - n : n - 1);
    }
    out.commit(static_cast<size_t>(o - start));
}

namespace {

// What each byte needs: 0 copy as is, 1 escape (control, quote, backslash), 2 non-ASCII.
constexpr uint8_t kCopy = 0, kEscape = 1, kWide = 2;
struct ByteClasses {
    uint8_t of[256];
    constexpr ByteClasses() : of() {
        for (int i = 0; i < 256; ++i) {
            of[i] = i < 0x20 || i == '"' || i == '\\' ? kEscape : i >= 0x80 ? kWide : kCopy;
        }
    }
};
constexpr ByteClasses kClasses;

constexpr char kHex[] = "0123456789abcdef";

void escape_ascii(Output& out, unsigned char c) {
    char* o = out.reserve(6);
    o[0] = '\\';
    switch (c) {
    case '"':
        o[1] = '"';
        break;
    case '\\':
        o[1] = '\\';
        break;
    case '\b':
        o[1] = 'b';
        break;
    case '\f':
        o[1] = 'f';
        break;
    case '\n':
        o[1] = 'n';
        break;
    case '\r':
        o[1] = 'r';
        break;
    case '\t':
        o[1] = 't';
        break;
    default:
        std::memcpy(o + 1, "u00", 3);
        o[4] = kHex[c >> 4];
        o[5] = kHex[c & 15];
        out.commit(6);
        return;
    }
    out.commit(2);
}

void put_latin1(Output& out, unsigned char c) {
    char* o = out.reserve(2);
    o[0] = static_cast<char>(0xC0 | (c >> 6));
    o[1] = static_cast<char>(0x80 | (c & 0x3F));
    out.commit(2);
}

bool continuation(unsigned char c) {
    return (c & 0xC0) == 0x80;
}

// The surrogate code unit a WTF-8 sequence ED A0..BF xx at `p` encodes, or 0.
uint32_t surrogate_at(const unsigned char* p, const unsigned char* end) {
    if (end - p >= 3 && p[0] == 0xED && p[1] >= 0xA0 && p[1] <= 0xBF && continuation(p[2])) {
        return 0xD000u | ((p[1] & 0x3Fu) << 6) | (p[2] & 0x3Fu);
    }
    return 0;
}

// Writes one non-ASCII code point of a UTF-8 (WTF-8) string and returns the bytes consumed.
size_t put_wide(Output& out, const unsigned char* p, const unsigned char* end) {
    size_t left = static_cast<size_t>(end - p);
    unsigned char c = p[0];
    size_t length = 0;
    if (c >= 0xC2 && c <= 0xDF) {
        length = left >= 2 && continuation(p[1]) ? 2 : 0;
    } else if (c >= 0xE0 && c <= 0xEF) {
        unsigned char low = c == 0xE0 ? 0xA0 : 0x80;
        length = left >= 3 && p[1] >= low && p[1] <= 0xBF && continuation(p[2]) ? 3 : 0;
    } else if (c >= 0xF0 && c <= 0xF4) {
        unsigned char low = c == 0xF0 ? 0x90 : 0x80;
        unsigned char high = c == 0xF4 ? 0x8F : 0xBF;
        length =
            left >= 4 && p[1] >= low && p[1] <= high && continuation(p[2]) && continuation(p[3])
                ? 4
                : 0;
    }
    if (length == 0) {
        put_latin1(out, c); // not UTF-8: the byte is a code unit of its own
        return 1;
    }
    uint32_t unit = surrogate_at(p, end);
    if (unit == 0) {
        out.append(reinterpret_cast<const char*>(p), length);
        return length;
    }
    // A high surrogate followed by a low one is a well-formed pair: JSON.stringify writes the
    // character itself, so re-encode the pair as the 4-byte UTF-8 of its code point.
    uint32_t next = unit < 0xDC00 ? surrogate_at(p + 3, end) : 0;
    if (next >= 0xDC00) {
        uint32_t code_point = 0x10000 + ((unit - 0xD800) << 10) + (next - 0xDC00);
        char* o = out.reserve(4);
        o[0] = static_cast<char>(0xF0 | (code_point >> 18));
        o[1] = static_cast<char>(0x80 | ((code_point >> 12) & 0x3F));
        o[2] = static_cast<char>(0x80 | ((code_point >> 6) & 0x3F));
        o[3] = static_cast<char>(0x80 | (code_point & 0x3F));
        out.commit(4);
        return 6;
    }
    char* o = out.reserve(6); // a lone surrogate: well-formed JSON.stringify escapes it
    std::memcpy(o, "\\ud", 3);
    o[3] = kHex[(unit >> 8) & 15];
    o[4] = kHex[(unit >> 4) & 15];
    o[5] = kHex[unit & 15];
    out.commit(6);
    return 3;
}

} // namespace

void append_quoted(Output& out, const char* bytes, size_t length, bool binary) {
    const auto* p = reinterpret_cast<const unsigned char*>(bytes);
    const unsigned char* end = p + length;
    // Most strings need no escape at all: reserve for the plain copy once.
    out.reserve(length + 2);
    out.put('"');
    while (p < end) {
        const unsigned char* run = p;
        while (p < end && kClasses.of[*p] == kCopy) {
            p++;
        }
        out.append(reinterpret_cast<const char*>(run), static_cast<size_t>(p - run));
        if (p == end) {
            break;
        }
        if (kClasses.of[*p] == kEscape) {
            escape_ascii(out, *p++);
        } else if (binary) {
            put_latin1(out, *p++);
        } else {
            p += put_wide(out, p, end);
        }
    }
    out.put('"');
}

} // namespace perry::json

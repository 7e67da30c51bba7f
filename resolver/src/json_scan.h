// Internal: the byte-level helpers of the JSON reader's second pass (json_reader.cpp), for the
// strings it reads byte by byte (those in blocks the first pass marked: escapes, non-ASCII
// text) and for the end of a scalar. Runs of plain bytes are skipped 16 at a time with SSE2,
// which every x86-64 CPU has; other targets use the byte loop.
#pragma once

#include <cstddef>
#include <string_view>

#if defined(__SSE2__)
#include <emmintrin.h>
#define PERRY_JSON_SCAN_SSE2 1
#endif

namespace perry::resolver::detail::scan {

inline bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

inline bool is_whitespace(char c) {
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

// The value of a hex digit of a `\uXXXX` escape, or -1.
inline int hex_value(char c) {
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

// A string byte that needs no attention: not a quote, a backslash, a control character, or the
// start of a multi-byte UTF-8 sequence (which must be validated).
inline bool is_plain_string_byte(char c) {
    const auto u = static_cast<unsigned char>(c);
    return u >= 0x20 && u < 0x80 && c != '"' && c != '\\';
}

// The first byte at or after `p` that is not a plain string byte (see above), or `end`.
inline const char* skip_plain_string_bytes(const char* p, const char* end) {
#if PERRY_JSON_SCAN_SSE2
    for (; end - p >= 16; p += 16) {
        const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
        const __m128i quote = _mm_cmpeq_epi8(bytes, _mm_set1_epi8('"'));
        const __m128i backslash = _mm_cmpeq_epi8(bytes, _mm_set1_epi8('\\'));
        // A signed compare: bytes >= 0x80 are negative, so this catches them with the controls.
        const __m128i control_or_high = _mm_cmplt_epi8(bytes, _mm_set1_epi8(0x20));
        const unsigned special = static_cast<unsigned>(
            _mm_movemask_epi8(_mm_or_si128(_mm_or_si128(quote, backslash), control_or_high)));
        if (special != 0)
            return p + __builtin_ctz(special);
    }
#endif
    while (p != end && is_plain_string_byte(*p))
        ++p;
    return p;
}

// Length of the well-formed UTF-8 sequence starting at `p` (RFC 3629: no overlong forms, no
// surrogates, nothing above U+10FFFF), or 0 when it is ill-formed.
inline std::size_t utf8_sequence_length(const char* p, const char* end) {
    const auto* u = reinterpret_cast<const unsigned char*>(p);
    const std::ptrdiff_t available = end - p;
    auto continuation = [&](std::ptrdiff_t i, unsigned char lo, unsigned char hi) {
        return i < available && u[i] >= lo && u[i] <= hi;
    };
    const unsigned char c = u[0];
    if (c >= 0xC2 && c <= 0xDF)
        return continuation(1, 0x80, 0xBF) ? 2 : 0;
    if (c >= 0xE0 && c <= 0xEF) {
        const unsigned char lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
        return continuation(1, lo, hi) && continuation(2, 0x80, 0xBF) ? 3 : 0;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        const unsigned char lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
        return continuation(1, lo, hi) && continuation(2, 0x80, 0xBF) && continuation(3, 0x80, 0xBF)
                   ? 4
                   : 0;
    }
    return 0;
}

} // namespace perry::resolver::detail::scan

// Internal: the byte-level pieces of the checks on function names (symbol_names.cpp), in a
// header so that the manifest's fast path can scan a short name inline (a manifest has hundreds).
#pragma once

#include "json_scan.h"

#include <array>
#include <cstddef>
#include <cstdint>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace perry::resolver::detail::symbol_bytes {

constexpr std::uint64_t kMultiplier = 0x9E3779B97F4A7C15ULL;

using scan::is_digit;

// The hash mixes each 16-byte block of the name (bytes past its end zeroed) as two words, then
// the length: so a scan that learns the length only at the closing quote computes the same hash.
inline std::uint64_t mix(std::uint64_t h, std::uint64_t word) {
    return (h ^ word) * kMultiplier;
}

// The last step: the length, then a shift that brings the high bits down. A multiplication
// carries a difference between two inputs only upwards, so without it names that differ in
// their last bytes (`js_fn_1`, `js_fn_2`) would have hashes whose low 40 bits are all the same.
inline std::uint64_t finish(std::uint64_t h, std::size_t size) {
    h = mix(h, size);
    return (h ^ (h >> 29)) * kMultiplier ^ (h >> 32);
}

#if defined(__SSE2__)
// 16 bytes of 0xFF then 16 of 0: loading at kByteMask + 16 - n keeps the first n bytes.
alignas(16) inline constexpr std::array<std::uint8_t, 32> kByteMask = {
    0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,    0};

inline __m128i first_bytes(__m128i bytes, std::size_t n) {
    return _mm_and_si128(bytes, _mm_loadu_si128(reinterpret_cast<const __m128i*>(
                                    kByteMask.data() + 16 - (n >= 16 ? 16 : n))));
}

// Bytes in [lo, hi], by signed compares (bytes >= 0x80 are negative, never in range).
inline __m128i in_range(__m128i bytes, char lo, char hi) {
    return _mm_and_si128(_mm_cmpgt_epi8(bytes, _mm_set1_epi8(static_cast<char>(lo - 1))),
                         _mm_cmplt_epi8(bytes, _mm_set1_epi8(static_cast<char>(hi + 1))));
}

// A bit per byte that may appear in a C identifier: a letter, a digit or `_`.
inline unsigned identifier_bytes(__m128i bytes) {
    // `A`-`Z` and `a`-`z` differ in bit 5 only.
    const __m128i folded = _mm_or_si128(bytes, _mm_set1_epi8(0x20));
    const __m128i valid =
        _mm_or_si128(_mm_or_si128(in_range(bytes, '0', '9'), in_range(folded, 'a', 'z')),
                     _mm_cmpeq_epi8(bytes, _mm_set1_epi8('_')));
    return static_cast<unsigned>(_mm_movemask_epi8(valid));
}

inline std::uint64_t mix_block(std::uint64_t h, __m128i bytes) {
    h = mix(h, static_cast<std::uint64_t>(_mm_cvtsi128_si64(bytes)));
    return mix(h, static_cast<std::uint64_t>(_mm_cvtsi128_si64(_mm_srli_si128(bytes, 8))));
}

// scan_quoted_symbol (symbol_names.h) for a name shorter than 32 bytes, inline: 32 bytes must
// be readable at `p`. nullptr for anything else, a longer name included, which the caller
// then hands to scan_quoted_symbol.
[[gnu::always_inline]] inline const char* scan_short_quoted_symbol(const char* p,
                                                                   std::uint64_t& hash) {
    const __m128i low = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    const __m128i high = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16));
    const unsigned other = ~(identifier_bytes(low) | identifier_bytes(high) << 16);
    if (other == 0 || is_digit(*p))
        return nullptr;
    const auto n = static_cast<std::size_t>(__builtin_ctz(other));
    if (n == 0 || p[n] != '"')
        return nullptr;
    // The blocks scan_quoted_symbol mixes: the first (whole from 16 bytes on), then the rest.
    std::uint64_t h = mix_block(0, first_bytes(low, n));
    if (n > 16)
        h = mix_block(h, first_bytes(high, n - 16));
    hash = finish(h, n);
    return p + n;
}
#endif

} // namespace perry::resolver::detail::symbol_bytes

#include "symbol_names.h"

#include <array>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace perry::resolver::detail {
namespace {

constexpr std::uint64_t kMultiplier = 0x9E3779B97F4A7C15ULL;

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

#if defined(__SSE2__)
// 16 bytes of 0xFF then 16 of 0: loading at kByteMask + 16 - n keeps the first n bytes.
alignas(16) constexpr std::array<std::uint8_t, 32> kByteMask = {
    0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,    0};

// Bytes in [lo, hi], by signed compares (bytes >= 0x80 are negative, never in range).
__m128i in_range(__m128i bytes, char lo, char hi) {
    return _mm_and_si128(_mm_cmpgt_epi8(bytes, _mm_set1_epi8(static_cast<char>(lo - 1))),
                         _mm_cmplt_epi8(bytes, _mm_set1_epi8(static_cast<char>(hi + 1))));
}
#endif

} // namespace

SymbolCheck check_symbol(std::string_view name) {
    SymbolCheck out;
    std::uint64_t h = name.size() * kMultiplier;
    bool ok = !name.empty() && !is_digit(name[0]);
#if defined(__SSE2__)
    for (std::size_t i = 0; i < name.size(); i += 16) {
        const std::size_t left = name.size() - i;
        const unsigned keep = left >= 16 ? 0xFFFFu : (1u << left) - 1;
        const __m128i bytes =
            _mm_and_si128(_mm_loadu_si128(reinterpret_cast<const __m128i*>(name.data() + i)),
                          _mm_loadu_si128(reinterpret_cast<const __m128i*>(
                              kByteMask.data() + 16 - (left >= 16 ? 16 : left))));
        // `A`-`Z` and `a`-`z` differ in bit 5 only.
        const __m128i folded = _mm_or_si128(bytes, _mm_set1_epi8(0x20));
        const __m128i valid =
            _mm_or_si128(_mm_or_si128(in_range(bytes, '0', '9'), in_range(folded, 'a', 'z')),
                         _mm_cmpeq_epi8(bytes, _mm_set1_epi8('_')));
        ok &= (static_cast<unsigned>(_mm_movemask_epi8(valid)) & keep) == keep;
        // Only the top bits of a product depend on every input bit: FirstDeclarations uses those.
        h = (h ^ static_cast<std::uint64_t>(_mm_cvtsi128_si64(bytes))) * kMultiplier;
        h = (h ^ static_cast<std::uint64_t>(_mm_cvtsi128_si64(_mm_srli_si128(bytes, 8)))) *
            kMultiplier;
    }
#else
    for (std::size_t i = 0; i < name.size(); i += 8) {
        std::uint64_t word = 0;
        std::memcpy(&word, name.data() + i, name.size() - i < 8 ? name.size() - i : 8);
        h = (h ^ word) * kMultiplier;
    }
    for (char c : name) {
        const char folded = static_cast<char>(c | 0x20);
        ok &= is_digit(c) || (folded >= 'a' && folded <= 'z') || c == '_';
    }
#endif
    out.is_identifier = ok;
    out.hash = h;
    return out;
}

FirstDeclarations::FirstDeclarations(std::size_t count) {
    // Two slots per name or more; names that share a slot are told apart by their hash bits.
    std::size_t capacity = 16;
    int shift = 64 - 4;
    while (capacity < count * 2) {
        capacity *= 2;
        --shift;
    }
    shift_ = shift;
    slots_.assign(capacity, Slot{kEmpty, 0});
}

std::uint32_t FirstDeclarations::first(const std::vector<Function>& functions,
                                       std::uint32_t position, std::uint64_t hash) {
    const std::string_view name = functions[position].name;
    const auto hash_bits = static_cast<std::uint32_t>(hash >> 32);
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t slot = hash >> shift_;; slot = (slot + 1) & mask) {
        Slot& s = slots_[slot];
        if (s.position == kEmpty) {
            s = Slot{position, hash_bits};
            return position;
        }
        if (s.hash_bits == hash_bits && functions[s.position].name == name)
            return s.position;
    }
}

} // namespace perry::resolver::detail

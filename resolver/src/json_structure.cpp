#include "json_structure.h"

#include <algorithm>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace perry::resolver::detail {
namespace {

// What one 64-byte block holds, one bit per byte (bit i = byte i).
struct BlockBits {
    std::uint64_t quote = 0;
    std::uint64_t backslash = 0;
    std::uint64_t structural = 0;      // { } [ ] : ,
    std::uint64_t delimiter = 0;       // structural, whitespace or a quote: what ends a scalar
    std::uint64_t control_or_high = 0; // below 0x20 (whitespace included), or >= 0x80
};

#if defined(__SSE2__)
void classify(const char* block, BlockBits& bits) {
    for (int part = 0; part < 4; ++part) {
        const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(block + 16 * part));
        auto mask = [&](__m128i matches) {
            return static_cast<std::uint64_t>(static_cast<unsigned>(_mm_movemask_epi8(matches)))
                   << (16 * part);
        };
        const __m128i quote = _mm_cmpeq_epi8(bytes, _mm_set1_epi8('"'));
        // `{` and `[` differ only in bit 5, as do `}` and `]`.
        const __m128i folded = _mm_or_si128(bytes, _mm_set1_epi8(0x20));
        const __m128i structural =
            _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(folded, _mm_set1_epi8('{')),
                                      _mm_cmpeq_epi8(folded, _mm_set1_epi8('}'))),
                         _mm_or_si128(_mm_cmpeq_epi8(bytes, _mm_set1_epi8(':')),
                                      _mm_cmpeq_epi8(bytes, _mm_set1_epi8(','))));
        const __m128i whitespace =
            _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(bytes, _mm_set1_epi8(' ')),
                                      _mm_cmpeq_epi8(bytes, _mm_set1_epi8('\n'))),
                         _mm_or_si128(_mm_cmpeq_epi8(bytes, _mm_set1_epi8('\r')),
                                      _mm_cmpeq_epi8(bytes, _mm_set1_epi8('\t'))));
        bits.quote |= mask(quote);
        bits.backslash |= mask(_mm_cmpeq_epi8(bytes, _mm_set1_epi8('\\')));
        bits.structural |= mask(structural);
        bits.delimiter |= mask(_mm_or_si128(_mm_or_si128(structural, whitespace), quote));
        // A signed compare: bytes >= 0x80 are negative.
        bits.control_or_high |= mask(_mm_cmplt_epi8(bytes, _mm_set1_epi8(0x20)));
    }
}
#else
void classify(const char* block, BlockBits& bits) {
    for (int i = 0; i < 64; ++i) {
        const unsigned char c = static_cast<unsigned char>(block[i]);
        const std::uint64_t bit = std::uint64_t{1} << i;
        const bool structural =
            c == '{' || c == '}' || c == '[' || c == ']' || c == ':' || c == ',';
        const bool whitespace = c == ' ' || c == '\n' || c == '\r' || c == '\t';
        if (c == '"')
            bits.quote |= bit;
        if (c == '\\')
            bits.backslash |= bit;
        if (structural)
            bits.structural |= bit;
        if (structural || whitespace || c == '"')
            bits.delimiter |= bit;
        if (c < 0x20 || c >= 0x80)
            bits.control_or_high |= bit;
    }
}
#endif

// Bit i of the result is the XOR of bits 0..i: 1 from an opening quote up to (not including)
// the closing one.
std::uint64_t prefix_xor(std::uint64_t x) {
    x ^= x << 1;
    x ^= x << 2;
    x ^= x << 4;
    x ^= x << 8;
    x ^= x << 16;
    x ^= x << 32;
    return x;
}

// Bytes right after an unescaped backslash: JSON's escaped characters. Blocks with a backslash
// are rare in package.json, so this walks the bytes; `carry` is true when the previous block
// ended with an unescaped backslash.
std::uint64_t escaped_bytes(const char* block, bool& carry) {
    std::uint64_t escaped = 0;
    bool next = carry;
    for (int i = 0; i < 64; ++i) {
        if (next) {
            escaped |= std::uint64_t{1} << i;
            next = false;
        } else if (block[i] == '\\') {
            next = true;
        }
    }
    carry = next;
    return escaped;
}

// The number of set bits. x86-64's baseline has no POPCNT instruction, and the compiler's
// fallback is a call; this is the usual branch-free bit count.
int count_bits(std::uint64_t x) {
    x = x - ((x >> 1) & 0x5555555555555555ULL);
    x = (x & 0x3333333333333333ULL) + ((x >> 2) & 0x3333333333333333ULL);
    x = (x + (x >> 4)) & 0x0F0F0F0F0F0F0F0FULL;
    return static_cast<int>((x * 0x0101010101010101ULL) >> 56);
}

// Appends the offsets of the set bits of `bits` (a block at `offset`). It writes eight entries
// per step whether or not they are all used, so the loop runs the same way for most blocks;
// the positions vector keeps 64 entries of room past what is used for it.
std::uint32_t* append_positions(std::uint32_t* out, std::uint32_t offset, std::uint64_t bits) {
    const int count = count_bits(bits);
    std::uint32_t* const end = out + count;
    while (out < end) {
        for (int i = 0; i < 8; ++i) {
            out[i] = offset + static_cast<std::uint32_t>(bits ? __builtin_ctzll(bits) : 0);
            bits &= bits - 1;
        }
        out += 8;
    }
    return end;
}

} // namespace

bool index_structure(std::string_view text, std::size_t start, StructuralIndex& index) {
    const std::size_t blocks = (text.size() - start + 63) / 64;
    // At most one token per byte, plus the final entry and the room append_positions needs.
    const std::size_t room = text.size() - start + 1 + 64;
    if (index.positions.size() < room)
        index.positions.resize(room);
    index.marked_blocks.assign((blocks + 63) / 64, 0);
    index.any_marked = false;
    index.start = start;

    std::uint32_t* out = index.positions.data();
    std::uint64_t in_string = 0;    // all ones when the previous block ended inside a string
    std::uint64_t scalar_carry = 0; // 1 when the previous block ended inside a scalar
    bool escape_carry = false;
    for (std::size_t b = 0; b < blocks; ++b) {
        const std::size_t offset = start + 64 * b;
        const char* block = text.data() + offset;
        char padded[64];
        if (text.size() - offset < 64) {
            // The last, partial block: whitespace after the end adds no token.
            std::memset(padded, ' ', sizeof padded);
            std::memcpy(padded, block, text.size() - offset);
            block = padded;
        }
        BlockBits bits;
        classify(block, bits);
        const std::uint64_t escaped =
            (bits.backslash != 0 || escape_carry) ? escaped_bytes(block, escape_carry) : 0;
        const std::uint64_t quotes = bits.quote & ~escaped;
        const std::uint64_t strings = prefix_xor(quotes) ^ in_string; // opening quote .. content
        in_string = static_cast<std::uint64_t>(static_cast<std::int64_t>(strings) >> 63);
        if (((bits.control_or_high | bits.backslash) & strings) != 0) {
            index.marked_blocks[b / 64] |= std::uint64_t{1} << (b % 64);
            index.any_marked = true;
        }
        const std::uint64_t scalar = ~bits.delimiter & ~strings;
        const std::uint64_t scalar_starts = scalar & ~((scalar << 1) | scalar_carry);
        scalar_carry = scalar >> 63;
        out = append_positions(out, static_cast<std::uint32_t>(offset),
                               (bits.structural & ~strings) | quotes | scalar_starts);
    }
    index.count = static_cast<std::uint32_t>(out - index.positions.data());
    *out = static_cast<std::uint32_t>(text.size());
    return in_string == 0;
}

} // namespace perry::resolver::detail

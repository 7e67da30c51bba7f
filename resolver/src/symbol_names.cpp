#include "symbol_names.h"

#include "symbol_bytes.h"

#include <array>
#include <cstring>

namespace perry::resolver::detail {
using namespace symbol_bytes;
namespace {

#if !defined(__SSE2__)
bool is_identifier_byte(char c) {
    const char folded = static_cast<char>(c | 0x20);
    return is_digit(c) || (folded >= 'a' && folded <= 'z') || c == '_';
}

// The same words the SSE2 version mixes: each 16-byte block, zero-padded, as two words.
std::uint64_t mix_bytes(std::uint64_t h, const char* p, std::size_t size) {
    for (std::size_t i = 0; i < size; i += 16) {
        for (std::size_t half = i; half < i + 16; half += 8) {
            std::uint64_t word = 0;
            if (half < size)
                std::memcpy(&word, p + half, size - half < 8 ? size - half : 8);
            h = mix(h, word);
        }
    }
    return h;
}
#endif

} // namespace

SymbolCheck check_symbol(std::string_view name) {
    SymbolCheck out;
    bool ok = !name.empty() && !is_digit(name[0]);
#if defined(__SSE2__)
    std::uint64_t h = 0;
    for (std::size_t i = 0; i < name.size(); i += 16) {
        const std::size_t left = name.size() - i;
        const unsigned keep = left >= 16 ? 0xFFFFu : (1u << left) - 1;
        const __m128i bytes = first_bytes(
            _mm_loadu_si128(reinterpret_cast<const __m128i*>(name.data() + i)), left);
        ok &= (identifier_bytes(bytes) & keep) == keep;
        h = mix_block(h, bytes);
    }
#else
    for (char c : name)
        ok &= is_identifier_byte(c);
    const std::uint64_t h = mix_bytes(0, name.data(), name.size());
#endif
    out.is_identifier = ok;
    out.hash = finish(h, name.size());
    return out;
}

const char* scan_quoted_symbol(const char* p, const char* end, std::uint64_t& hash) {
    const char* const start = p;
    if (p == end || is_digit(*p))
        return nullptr;
#if defined(__SSE2__)
    std::uint64_t h = 0;
    alignas(16) char tail[16];
    for (;;) {
        __m128i bytes;
        std::size_t available = 16;
        if (end - p >= 16) {
            bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
        } else {
            // The last bytes of the text, zero-padded: a zero is not an identifier byte.
            available = static_cast<std::size_t>(end - p);
            std::memset(tail, 0, sizeof tail);
            std::memcpy(tail, p, available);
            bytes = _mm_load_si128(reinterpret_cast<const __m128i*>(tail));
        }
        const unsigned other = ~identifier_bytes(bytes) & 0xFFFFu;
        if (other == 0) {
            h = mix_block(h, bytes);
            p += 16;
            continue;
        }
        const auto n = static_cast<std::size_t>(__builtin_ctz(other));
        if (n >= available || p[n] != '"' || (p == start && n == 0))
            return nullptr;
        if (n > 0)
            h = mix_block(h, first_bytes(bytes, n));
        hash = finish(h, static_cast<std::size_t>(p + n - start));
        return p + n;
    }
#else
    while (p != end && is_identifier_byte(*p))
        ++p;
    if (p == end || *p != '"' || p == start)
        return nullptr;
    const auto size = static_cast<std::size_t>(p - start);
    hash = finish(mix_bytes(0, start, size), size);
    return p;
#endif
}

bool all_different(const std::vector<std::uint64_t>& hashes) {
    int bits_log2 = 12;
    while ((std::size_t{1} << bits_log2) < hashes.size() * 128 && bits_log2 < 32)
        ++bits_log2;
    // Per thread, so that a manifest's check allocates nothing (only clears what it uses).
    thread_local std::vector<std::uint64_t> filter;
    filter.assign(std::size_t{1} << (bits_log2 - 6), 0);
    // Both bit positions are top bits of a product: a multiplication carries a difference
    // between two names only upwards, so the lower bits of mix()'s hash of names that differ
    // in their last bytes (`js_fn_1`, `js_fn_2`) are nearly all the same.
    bool clash = false;
    for (const std::uint64_t hash : hashes) {
        const std::uint64_t a = hash >> (64 - bits_log2);
        const std::uint64_t b = (hash * 0xC2B2AE3D27D4EB4FULL) >> (64 - bits_log2);
        std::uint64_t& word_a = filter[a >> 6];
        const std::uint64_t bit_a = std::uint64_t{1} << (a & 63);
        const bool had_a = (word_a & bit_a) != 0;
        word_a |= bit_a;
        std::uint64_t& word_b = filter[b >> 6];
        const std::uint64_t bit_b = std::uint64_t{1} << (b & 63);
        clash |= had_a & ((word_b & bit_b) != 0);
        word_b |= bit_b;
    }
    return !clash;
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

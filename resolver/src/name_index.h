// Internal: a constant table from a few short names (member names of an object kind, the type
// table's spellings) to their positions. A manifest does thousands of lookups, so a lookup
// hashes the name's first eight bytes and compares once, instead of trying each name in turn
// with a byte loop whose length changes from one name to the next (which the branch predictor
// cannot follow).
#pragma once

#include "same_text.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace perry::resolver::detail {

// The first eight bytes of a string as a word, zero beyond its end: the bytes a memcpy of them
// into a zeroed word would give, whatever the byte order.
constexpr std::uint64_t head_word(std::string_view text) {
    std::uint64_t word = 0;
    for (std::size_t i = 0; i < text.size() && i < 8; ++i) {
        const std::uint64_t byte = static_cast<unsigned char>(text[i]);
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
        word |= byte << (56 - 8 * i);
#else
        word |= byte << (8 * i);
#endif
    }
    return word;
}

// head_word for a string followed by at least eight readable bytes: one load.
inline std::uint64_t head_word_of_padded(std::string_view text) {
    std::uint64_t word;
    std::memcpy(&word, text.data(), 8);
    if (text.size() >= 8)
        return word;
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    return word & ~(~std::uint64_t{0} >> (8 * text.size()));
#else
    return word & ((std::uint64_t{1} << (8 * text.size())) - 1);
#endif
}

// A string with its head_word, computed once by whoever can do it cheaply.
struct HeadedText {
    std::string_view text;
    std::uint64_t head;
};

template <std::size_t N> class NameIndex {
  public:
    static constexpr int kUnknown = -1;

    constexpr explicit NameIndex(const std::array<std::string_view, N>& names) : names_(names) {
        for (std::size_t i = 0; i < N; ++i) {
            const std::uint64_t head = head_word(names[i]);
            std::size_t slot = hash(head, names[i].size());
            while (slots_[slot].index != kEmpty)
                slot = (slot + 1) % kSlots;
            slots_[slot] = Slot{head, names[i].size(), static_cast<std::uint8_t>(i)};
        }
    }

    // The position of the name, or kUnknown.
    [[gnu::always_inline]] int find(const HeadedText& name) const {
        for (std::size_t slot = hash(name.head, name.text.size());; slot = (slot + 1) % kSlots) {
            const Slot& s = slots_[slot];
            if (s.head == name.head && s.size == name.text.size() &&
                (s.size <= 8 || same_text(names_[s.index].substr(8), name.text.substr(8))))
                return s.index;
            if (s.index == kEmpty)
                return kUnknown;
        }
    }
    int find(std::string_view name) const { return find(HeadedText{name, head_word(name)}); }

    constexpr std::string_view name(std::size_t i) const { return names_.at(i); }
    static constexpr std::size_t size() { return N; }

  private:
    static_assert(N < 32, "a handful of names: the table has at least four slots per name");
    static constexpr std::size_t kSlots = 128;
    static constexpr std::uint8_t kEmpty = 0xFF;

    // A slot holds what the lookup compares, so that a lookup reads one slot, not a slot and
    // then a name. An empty slot's size (~0) matches no name.
    struct Slot {
        std::uint64_t head = 0;
        std::size_t size = ~std::size_t{0};
        std::uint8_t index = kEmpty;
    };

    static constexpr std::size_t hash(std::uint64_t head, std::size_t size) {
        return static_cast<std::size_t>(((head + size) * 0x9E3779B97F4A7C15ULL) >> 57);
    }

    std::array<std::string_view, N> names_;
    std::array<Slot, kSlots> slots_{};
};

} // namespace perry::resolver::detail

// Internal: the checks on the function names of a manifest: whether each is a C identifier, and
// which names are declared twice. Names are short but a manifest can have hundreds, so one pass
// over each name, 16 bytes at a time, does both.
#pragma once

#include "perry/resolver/manifest.h"

#include <cstdint>
#include <string_view>
#include <vector>

namespace perry::resolver::detail {

struct SymbolCheck {
    bool is_identifier = false; // letters, digits and `_`, not starting with a digit
    std::uint64_t hash = 0;     // for FirstDeclarations
};

// `name` must be followed by 15 readable bytes (it is stored in a ByteArena).
SymbolCheck check_symbol(std::string_view name);

// The body of a JSON string that holds a C identifier, from the byte after its opening quote:
// returns where the closing quote is and sets `hash` as check_symbol does for the name; nullptr
// when the body is anything else (empty, a leading digit, an escape, any byte outside
// [A-Za-z0-9_], no closing quote before `end`). The manifest's fast path reads names with it.
const char* scan_quoted_symbol(const char* p, const char* end, std::uint64_t& hash);

// True when the hashes (check_symbol's) are all different, so the names are too; false when two
// of them may be equal, and FirstDeclarations must tell. A Bloom filter of two bits per hash in
// 128 bits per hash: no branch the processor mispredicts, and a false alarm for about one list
// of 500 names in 25. The fast path reads clean manifests, whose names are all different.
bool all_different(const std::vector<std::uint64_t>& hashes);

// The first declaration of each function name, to report later ones: an open-addressing table
// of positions in a list of functions, sized once for the whole list.
class FirstDeclarations {
  public:
    explicit FirstDeclarations(std::size_t count);

    // The position of the first function named like functions[position] (whose check_symbol
    // hash is `hash`), or `position` itself when it is the first.
    std::uint32_t first(const std::vector<Function>& functions, std::uint32_t position,
                        std::uint64_t hash);

  private:
    // A position and the top bits of its name's hash, so that most names that merely share a
    // slot are told apart without comparing them.
    struct Slot {
        std::uint32_t position;
        std::uint32_t hash_bits;
    };
    static constexpr std::uint32_t kEmpty = 0xFFFFFFFFu;
    std::vector<Slot> slots_;
    int shift_; // 64 - log2(slots_.size())
};

} // namespace perry::resolver::detail

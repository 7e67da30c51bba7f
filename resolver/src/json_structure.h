// Internal: the first of the JSON reader's two passes. It classifies the text 64 bytes at a
// time and lists where every token starts: each structural character ({ } [ ] : ,) outside a
// string, both quotes of every string, and the first byte of every other run (a number or a
// literal, or bytes that are not JSON at all). The second pass (json_reader.cpp) then walks
// that list instead of scanning the text token by token; see docs/resolver/manifest.md,
// "Reading JSON", for why.
//
// Strings are classified, not validated: a 64-byte block where a string holds a backslash, a
// control character or a byte >= 0x80 is marked, and the second pass reads the strings of
// marked blocks byte by byte (escapes, UTF-8, control characters). A string that is never
// closed is the one error found here.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace perry::resolver::detail {

struct StructuralIndex {
    // Byte offsets of the tokens, in order, then one entry equal to the text's size. The vector
    // is used as raw room (its size is its capacity) so that it is reused without clearing.
    std::vector<std::uint32_t> positions;
    std::uint32_t count = 0; // tokens, not counting the final entry
    // One bit per 64-byte block (counted from `start`): a string in the block needs a
    // byte-by-byte look.
    std::vector<std::uint64_t> marked_blocks;
    bool any_marked = false; // most documents are plain ASCII without escapes
    std::size_t start = 0;

    // Whether the string whose quotes are at `open` and `close` may need a look.
    bool string_marked(std::size_t open, std::size_t close) const {
        if (!any_marked)
            return false;
        for (std::size_t block = (open - start) / 64; block <= (close - start) / 64; ++block) {
            if ((marked_blocks[block / 64] >> (block % 64)) & 1)
                return true;
        }
        return false;
    }
};

// Indexes text[start, size); false when a string is left open at the end.
bool index_structure(std::string_view text, std::size_t start, StructuralIndex& index);

} // namespace perry::resolver::detail

// Internal: the bytes one element of a long array had between two of its values, for checking
// that the next element has the same bytes there with one compare.
//
// The functions of a manifest are written alike: a pretty-printer (or a person copying the line
// above) puts the same whitespace, punctuation and member names between the name, the
// parameters and the return type of every function. Once the reader has read a function token
// by token, it keeps those runs; for the next function, a run that is byte for byte the same
// means the same tokens, read in the same state of the grammar, so the reader can move past it
// at once (function_list_reader.cpp).
#pragma once

#include "json_scan.h"

#include <cstddef>
#include <cstdint>
#include <cstring>

namespace perry::resolver::detail {

// A run of up to kBlocks * 16 bytes: the short runs between the values of a list (`, "`) take
// one compare, the long ones (a newline, indentation and a member name) a loop of a few.
template <std::size_t kBlocks> class RecurringText {
  public:
    static constexpr std::size_t kMaxSize = 16 * kBlocks;

    // Keeps [begin, end); false (and keeps nothing) when the run is empty or too long.
    bool keep(const char* begin, const char* end) {
        const auto size = static_cast<std::size_t>(end - begin);
        if (size == 0 || size > kMaxSize) {
            forget();
            return false;
        }
        std::memset(bytes_, 0, sizeof bytes_);
        std::memcpy(bytes_, begin, size);
        size_ = size;
        last_block_ = (size - 1) / 16 * 16;
        last_block_bits_ = (1u << (size - last_block_)) - 1; // size - last_block_ is 1..16
        return true;
    }
    void forget() {
        size_ = 0;
        last_block_ = 0;
        last_block_bits_ = kNever;
    }

    std::size_t size() const { return size_; }

    // Whether the text at `p` starts with the kept run; never when nothing is kept. It reads
    // kMaxSize bytes at `p`: the caller makes sure they are there.
    [[gnu::always_inline]] bool starts(const char* p) const {
#if PERRY_JSON_SCAN_SSE2
        // Whole blocks, then the last one with the bytes past the run masked off; the loop is
        // one the branch predictor learns, since a run's size is the same each time.
        for (std::size_t at = 0; kBlocks > 1 && at != last_block_; at += 16) {
            if (different_bytes(p + at, at) != 0)
                return false;
        }
        // Bit 16, which only kNever keeps, makes a forgotten run fail without a test of its own.
        return ((different_bytes(p + last_block_, last_block_) | kNever) & last_block_bits_) == 0;
#else
        return size_ != 0 && std::memcmp(p, bytes_, size_) == 0;
#endif
    }

  private:
#if PERRY_JSON_SCAN_SSE2
    // A bit per byte of the 16 at `p` that differs from the kept byte at `at`.
    unsigned different_bytes(const char* p, std::size_t at) const {
        const __m128i text = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
        const __m128i kept = _mm_load_si128(reinterpret_cast<const __m128i*>(bytes_ + at));
        return ~static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(text, kept))) & 0xFFFFu;
    }
#endif
    static constexpr unsigned kNever = 0x10000u; // last_block_bits_ of a run never matched

    alignas(16) char bytes_[kMaxSize];
    std::size_t size_ = 0;
    std::size_t last_block_ = 0;        // where the last block of 16 starts
    unsigned last_block_bits_ = kNever; // the run's bytes in it
};

} // namespace perry::resolver::detail

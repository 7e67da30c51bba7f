// Internal: the storage behind NativeLibrary::storage. Function names, parameter lists and
// legacy return spellings are copied into a few large blocks instead of a string and a vector
// per function; blocks never move, so the views into them stay valid while it grows. Each block
// has kReadSlack bytes after its end, so a 16-byte load at any stored byte stays inside it.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <memory>
#include <string_view>
#include <vector>

namespace perry::resolver::detail {

class ByteArena {
  public:
    static constexpr std::size_t kReadSlack = 16;

    // `expected` sizes the first block (the caller's estimate of the total); later blocks double.
    explicit ByteArena(std::size_t expected) : next_block_(std::max<std::size_t>(expected, 64)) {}

    // Uninitialised room for `size` bytes (alignment 1: everything stored is bytes).
    char* allocate(std::size_t size) {
        if (size > left_)
            add_block(size);
        char* out = next_;
        next_ += size;
        left_ -= size;
        return out;
    }

    std::string_view copy(std::string_view text) {
        if (text.empty())
            return {};
        char* out = allocate(text.size());
        std::memcpy(out, text.data(), text.size());
        return {out, text.size()};
    }

    // copy() without a call to memcpy, for the short names and parameter lists that a manifest
    // has hundreds of: `size` is at most kSmallCopy and kSmallCopy bytes can be read at `p`.
    // It moves kSmallCopy bytes; those past `size` are overwritten by the next allocation.
    static constexpr std::size_t kSmallCopy = 32;
    const char* copy_small(const char* p, std::size_t size) {
        char* out = small_room();
        std::memcpy(out, p, kSmallCopy); // a constant size: two moves, inlined
        keep_written(size);
        return out;
    }

    // Room for up to kSmallCopy bytes that the caller writes in place, one by one, before it
    // keeps the first `size` of them with keep_written(size) (and allocates nothing between).
    char* small_room() {
        if (left_ < kSmallCopy)
            add_block(kSmallCopy);
        return next_;
    }
    void keep_written(std::size_t size) {
        next_ += size;
        left_ -= size;
    }

  private:
    void add_block(std::size_t at_least) {
        const std::size_t size = std::max(next_block_, at_least);
        // Not value-initialised: every byte handed out is written (the slack is only read, by
        // loads whose bytes past a string's end are masked off).
        blocks_.emplace_back(new char[size + kReadSlack]);
        next_ = blocks_.back().get();
        left_ = size;
        next_block_ = size * 2;
    }

    std::vector<std::unique_ptr<char[]>> blocks_;
    char* next_ = nullptr;
    std::size_t left_ = 0;
    std::size_t next_block_;
};

} // namespace perry::resolver::detail

// The growable byte buffer JSON stringify writes into. Its block is malloc'd so that
// perry_json_stringify_bytes can hand it to the caller without a copy.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <new>

namespace perry::json {

class Output {
  public:
    Output() = default;
    Output(const Output&) = delete;
    Output& operator=(const Output&) = delete;
    ~Output() { std::free(data_); }

    // Room for `n` more bytes; write them through the returned pointer, then commit(n).
    char* reserve(size_t n) {
        if (capacity_ - size_ < n) {
            grow(n);
        }
        return data_ + size_;
    }
    void commit(size_t n) { size_ += n; }

    void put(char c) {
        *reserve(1) = c;
        size_++;
    }
    void append(const char* bytes, size_t n) {
        std::memcpy(reserve(n), bytes, n);
        size_ += n;
    }
    template <size_t N> void literal(const char (&text)[N]) { append(text, N - 1); }

    size_t size() const { return size_; }
    size_t capacity() const { return capacity_; }
    // Empties the text but keeps the block, for the next text.
    void clear() { size_ = 0; }
    // Empties the text and frees the block.
    void reset() {
        std::free(data_);
        data_ = nullptr;
        size_ = capacity_ = 0;
    }
    const char* data() const { return data_; }

    // Ends the text with a NUL (not counted) and gives up the block; the caller frees it.
    char* release() {
        put('\0');
        size_--;
        // A size hint may have reserved far more than this text needed: give the rest back
        // (shrinking in place is cheap), since the caller may keep the text for long.
        if (capacity_ > 2 * (size_ + 1) + 4096) {
            if (void* smaller = std::realloc(data_, size_ + 1)) {
                data_ = static_cast<char*>(smaller);
            }
        }
        char* block = data_;
        data_ = nullptr;
        size_ = capacity_ = 0;
        return block;
    }

  private:
    void grow(size_t n) {
        size_t wanted = capacity_ < 256 ? 256 : capacity_ * 2;
        while (wanted - size_ < n) {
            wanted *= 2;
        }
        void* block = std::realloc(data_, wanted);
        if (block == nullptr) {
            throw std::bad_alloc();
        }
        data_ = static_cast<char*>(block);
        capacity_ = wanted;
    }

    char* data_ = nullptr;
    size_t size_ = 0;
    size_t capacity_ = 0;
};

// Scalars in JSON.stringify's exact form (json_scalars.cpp).
char* put_integer(char* at, int64_t value);
void append_int32(Output& out, int32_t value);
// Number::toString: shortest round-trip digits, exponent form from 1e21 and below 1e-6,
// NaN and the infinities as null, -0 as 0.
void append_number(Output& out, double value);
// A quoted, escaped JSON string of a string's bytes. UTF-8 strings are decoded as WTF-8 (so a
// lone surrogate stored as its 3-byte form is escaped as \udXXX); a byte that starts no valid
// sequence, and every byte of a binary string, is one Latin-1 code unit (U+0000..U+00FF).
void append_quoted(Output& out, const char* bytes, size_t length, bool binary);

} // namespace perry::json

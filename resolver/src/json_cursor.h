// Internal: a forward-only reader over JSON text, for manifest_fast_path.cpp, which reads a
// manifest in one pass without building a tree. It reads the common shapes only and says so
// (returns false) at anything else: an escape in a string the caller keeps, a number that is
// not a short integer, nesting deeper than 64, and of course any syntax error. The caller then
// hands the document to the full reader (json_reader.h), which decides what is wrong and how
// to say it. Whatever it accepts, the full reader accepts too and reads the same way; the
// manifest fuzzer checks that on every input.
#pragma once

#include "json_scan.h"
#include "name_index.h"
#include "symbol_names.h"

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace perry::resolver::detail {

// The length of the run of whitespace last met at one place of the grammar. A pretty-printer
// writes the same run there from one element to the next (a newline and the same indentation),
// so the cursor checks for that run and moves past it without first finding where it ends: the
// check is a branch the processor predicts, while finding the end would delay every read after
// it. A reader keeps one guess per place it reads often; the other places share the cursor's.
struct WhitespaceGuess {
    unsigned length = 1;
};

// Marks a member name as read; false when it was read before (a reader of the cursor leaves
// duplicate members to the full reader, which keeps the last and, for most, warns).
inline bool first_time(bool& seen) {
    const bool first = !seen;
    seen = true;
    return first;
}
// The same for the members of an object kind, a bit each in `seen`.
inline bool first_time(std::uint32_t& seen, int index) {
    const std::uint32_t bit = std::uint32_t{1} << index;
    const bool first = (seen & bit) == 0;
    seen |= bit;
    return first;
}

class JsonCursor {
  public:
    explicit JsonCursor(std::string_view text)
        : p_(text.data()), end_(text.data() + text.size()) {
        if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF")
            p_ += 3; // a UTF-8 byte order mark, skipped as the full reader does
    }

    // A cursor at `p` in text that ends at `end` (a part of a text another cursor read).
    static JsonCursor over(const char* p, const char* end) {
        JsonCursor cursor(std::string_view{});
        cursor.p_ = p;
        cursor.end_ = end;
        return cursor;
    }

    // Where the cursor is, and where the text ends: for readers that move past bytes they have
    // checked themselves (function_list_reader.cpp), with move_to.
    const char* position() const { return p_; }
    const char* end() const { return end_; }
    void move_to(const char* p) { p_ = p; }

    // The next byte after whitespace, not consumed; NUL at the end of the text.
    [[gnu::always_inline]] char peek(WhitespaceGuess& guess) {
        skip_whitespace(guess);
        return p_ != end_ ? *p_ : '\0';
    }
    [[gnu::always_inline]] char peek() { return peek(guess_); }
    // Consumes `c` when it is the next byte after whitespace.
    [[gnu::always_inline]] bool consume(char c, WhitespaceGuess& guess) {
        if (peek(guess) != c)
            return false;
        ++p_;
        return true;
    }
    [[gnu::always_inline]] bool consume(char c) { return consume(c, guess_); }
    // Consumes `quoted` (a member name with its quotes) when the next bytes after whitespace
    // are exactly it: a member name the caller expects, matched without reading it as a string.
    template <std::size_t N>
    [[gnu::always_inline]] bool consume_exact(const char (&quoted)[N], WhitespaceGuess& guess) {
        constexpr std::size_t kSize = N - 1; // without the array's NUL
        skip_whitespace(guess);
        if (static_cast<std::size_t>(end_ - p_) < kSize || std::memcmp(p_, quoted, kSize) != 0)
            return false;
        p_ += kSize;
        return true;
    }
    [[gnu::always_inline]] bool at_end() { return peek() == '\0' && p_ == end_; }

    // The string starting at the next byte (after whitespace), without escapes: its bytes, which
    // are the text's, UTF-8 checked. False for anything else, escapes included.
    [[gnu::always_inline]] bool plain_string(std::string_view& out) {
        if (peek() != '"')
            return false;
        const char* const start = p_ + 1;
        const char* const stop = scan::skip_plain_string_bytes(start, end_);
        const char* const close =
            stop != end_ && *stop == '"' ? stop : closing_quote(stop, end_, /*escapes=*/false);
        if (close == nullptr)
            return false;
        out = std::string_view(start, static_cast<std::size_t>(close - start));
        p_ = close + 1;
        return true;
    }

    // The string starting at the next byte when it holds a C identifier (scan_quoted_symbol),
    // with check_symbol's hash of it; false for any other value.
    [[gnu::always_inline]] bool symbol_string(std::string_view& out, std::uint64_t& hash) {
        if (peek() != '"')
            return false;
        const char* const start = p_ + 1;
        const char* const stop = scan_quoted_symbol(start, end_, hash);
        if (stop == nullptr)
            return false;
        out = std::string_view(start, static_cast<std::size_t>(stop - start));
        p_ = stop + 1;
        return true;
    }

    // The first eight bytes of `text` (a string this cursor returned) as head_word gives them,
    // with one load where the text has room after it.
    [[gnu::always_inline]] std::uint64_t head_of(std::string_view text) const {
        return end_ - text.data() >= 8 ? head_word_of_padded(text) : head_word(text);
    }
    // The text with its head, for a NameIndex lookup.
    [[gnu::always_inline]] HeadedText headed(std::string_view text) const {
        return {text, head_of(text)};
    }

    // Skips one value of any kind, checking it.
    bool skip_value();

  private:
    [[gnu::always_inline]] void skip_whitespace(WhitespaceGuess& guess) {
        if (p_ == end_ || static_cast<unsigned char>(*p_) > ' ')
            return; // the common case: a token right here
        if (*p_ == ' ' && end_ - p_ >= 2 && static_cast<unsigned char>(p_[1]) > ' ') {
            ++p_; // the next common one: `"key": value`
            return;
        }
#if PERRY_JSON_SCAN_SSE2
        if (end_ - p_ >= 16) {
            const unsigned space = whitespace_bytes(p_);
            const unsigned guessed = (1u << guess.length) - 1;
            if ((space & ((guessed << 1) | 1)) == guessed) {
                p_ += guess.length; // exactly the run guessed, then a token
                return;
            }
            if (space != 0xFFFFu) {
                guess.length = static_cast<unsigned>(__builtin_ctz(~space));
                p_ += guess.length;
                return;
            }
        }
#endif
        p_ = skip_whitespace_run(p_, end_);
    }
#if PERRY_JSON_SCAN_SSE2
    // A bit per whitespace byte of the 16 at `p`.
    static unsigned whitespace_bytes(const char* p) {
        const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
        const __m128i space = _mm_or_si128(_mm_cmpeq_epi8(bytes, _mm_set1_epi8(' ')),
                                           _mm_cmpeq_epi8(bytes, _mm_set1_epi8('\n')));
        const __m128i other = _mm_or_si128(_mm_cmpeq_epi8(bytes, _mm_set1_epi8('\r')),
                                           _mm_cmpeq_epi8(bytes, _mm_set1_epi8('\t')));
        return static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(space, other)));
    }
#endif
    // Long runs, and the last bytes of the text. The slow paths take and return positions
    // rather than the cursor, whose position can then stay in a register.
    static const char* skip_whitespace_run(const char* p, const char* end);
    // The closing quote of a string from `q`, a byte inside it: non-ASCII text is checked, and
    // escapes by the full reader's rules when `escapes` (skip_string), else they end the search
    // (plain_string's rare case). nullptr for a control character, a bad escape, no quote.
    static const char* closing_quote(const char* q, const char* end, bool escapes);
    static bool skip_escape(const char*& q, const char* end);

    bool skip_string();
    bool skip_number();
    bool skip_literal(std::string_view word);
    bool skip_member_name() { return skip_string() && consume(':'); }

    const char* p_;
    const char* end_;
    WhitespaceGuess guess_;
};

} // namespace perry::resolver::detail

// Text-level helpers of JSON.parse: lone surrogate escapes and JavaScript positions.
//
// JSON.parse accepts `\ud800` without its pair (JavaScript strings are UTF-16 and may hold lone
// surrogates), but nlohmann's lexer, which tokenises for us, rejects it. The lexer never sees
// one: each lone escape is rewritten, in a copy of the text, to the escape of a private-use
// "marker" character that occurs nowhere in the document, with the same length so every
// position stays right. Decoded strings then get the marker replaced, in document order, by the
// surrogate's 3-byte WTF-8 form, which is how the runtime stores lone surrogates.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace perry::json_parse {

class LoneSurrogates {
  public:
    // Scans `text`; returns true when the text has lone surrogate escapes and a marker was
    // found, and then `rewritten()` is the text to tokenise. False: tokenise `text` as is (no
    // lone escapes, or, in a document that uses all 1,000 candidate markers, they stay errors).
    bool plan(std::string_view text);
    const std::string& rewritten() const { return rewritten_; }
    // Replaces the markers in one decoded string (in document order across calls).
    void restore(std::string& decoded);

  private:
    std::string rewritten_;
    std::vector<uint16_t> units_;
    size_t next_ = 0;
    char marker_utf8_[3] = {0, 0, 0};
};

// UTF-16 code units (JavaScript's string index) in the first `byte_offset` bytes of UTF-8 text.
size_t utf16_offset(std::string_view text, size_t byte_offset);

// UTF-16 code units of decoded UTF-8/WTF-8 text.
uint32_t utf16_length(std::string_view text);

} // namespace perry::json_parse

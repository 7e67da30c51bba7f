// Named strings_internal.h, not strings.h: the private include directory would otherwise
// shadow the system <strings.h> that <string.h> includes.
// String internals shared by the surfaces that build or read strings (objects' keys, errors,
// JSON). Bindings use perry/ffi/strings.h.
#pragma once

#include "heap.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace perry::strings {

extern const heap::KindOps kStringOps;

// Validates UTF-8 and counts UTF-16 code units in one pass. Returns false on invalid input.
bool validate_utf8(const char* bytes, size_t length, uint32_t* out_utf16_length);

// What WTF-8 validation learns of a text.
struct TextInfo {
    uint32_t utf16_length = 0;
    bool lone_surrogates = false; // at least one surrogate in its 3-byte form
};
// Validates WTF-8: UTF-8 plus lone surrogates (U+D800..DFFF) in their 3-byte form, which is how a
// JavaScript string that is not well-formed is stored. A high surrogate directly followed by a
// low one in that form is refused (the character's only encoding is its 4-byte form).
bool validate_wtf8(const char* bytes, size_t length, TextInfo* out_info);

// A short string of `length` <= PERRY_SHORT_STRING_MAX bytes of UTF-8. Never fails.
PerryValue make_short(const char* bytes, size_t length);
// A heap string of `length` bytes with its header and terminating NUL written, its bytes and its
// UTF-16 length not yet; null with the last status set on failure.
PerryStringHeader* new_heap_string(size_t length, uint32_t flags);

// A new string value from bytes already known to be valid UTF-8 (short when <= 5 bytes), or
// PERRY_UNDEFINED with the last status set. `utf16_length` must be right for the bytes.
PerryValue make_valid_utf8(const char* bytes, size_t length, uint32_t utf16_length);
// The same for valid WTF-8: a text with lone surrogates is always a heap string flagged
// PERRY_STRING_FLAG_LONE_SURROGATES (short strings hold UTF-8 only).
PerryValue make_valid_wtf8(const char* bytes, size_t length, const TextInfo& info);
// A string from WTF-8 pieces joined together, where a high surrogate ending one piece and a low
// one starting the next become the pair they now are (the text is re-encoded through UTF-16).
// The pieces must be valid WTF-8. PERRY_UNDEFINED with the last status set on failure.
PerryValue make_from_joined_wtf8(std::string_view text);
// A new string value from UTF-8 with invalid sequences replaced by U+FFFD. Never fails for
// input reasons (only OUT_OF_MEMORY, TOO_LARGE, thread/initialisation).
PerryValue make_lossy_utf8(const char* bytes, size_t length);

// The bytes of a string value, heap or short. For a short string the view points into `value`
// itself, so `value` must outlive the view. False for a non-string (no status recorded).
bool view(const PerryValue& value, std::string_view* out);

} // namespace perry::strings

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

// A new string value from bytes already known to be valid UTF-8 (short when <= 5 bytes), or
// PERRY_UNDEFINED with the last status set. `utf16_length` must be right for the bytes.
PerryValue make_valid_utf8(const char* bytes, size_t length, uint32_t utf16_length);
// A new string value from UTF-8 with invalid sequences replaced by U+FFFD. Never fails for
// input reasons (only OUT_OF_MEMORY, TOO_LARGE, thread/initialisation).
PerryValue make_lossy_utf8(const char* bytes, size_t length);

// The bytes of a string value, heap or short. For a short string the view points into `value`
// itself, so `value` must outlive the view. False for a non-string (no status recorded).
bool view(const PerryValue& value, std::string_view* out);

} // namespace perry::strings

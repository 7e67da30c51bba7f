// perry/cpp/strings.hpp: strings and Buffer-free bytes (binary strings). Part of perry/ffi.hpp.
#pragma once

#include "perry/cpp/values.hpp"
#include "perry/ffi.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace perry {

// A new string value from UTF-8 (validated). Throws perry::Error (INVALID_UTF8, ...).
inline PerryValue alloc_string(std::string_view text) {
    return check_value(perry_string_from_utf8(text.data(), text.size()));
}
// A new string value from UTF-16 code units (any sequence, lone surrogates included). Throws
// perry::Error (TOO_LARGE, OUT_OF_MEMORY, ...).
inline PerryValue alloc_string_utf16(const uint16_t* units, size_t length) {
    return check_value(perry_string_from_utf16(units, length));
}
inline PerryValue alloc_string_utf16(const std::vector<uint16_t>& units) {
    return alloc_string_utf16(units.data(), units.size());
}
inline PerryValue alloc_string_utf16(std::u16string_view text) {
    // The C ABI names the unit uint16_t (C99 has no char16_t); copy rather than alias the two
    // distinct types.
    return alloc_string_utf16(std::vector<uint16_t>(text.begin(), text.end()));
}
// A new binary string holding any bytes.
inline PerryValue alloc_bytes(const void* data, size_t length) {
    return check_value(perry_string_from_binary(data, length));
}
inline PerryValue alloc_bytes(const std::vector<uint8_t>& bytes) {
    return alloc_bytes(bytes.data(), bytes.size());
}

// A view of a string value's bytes; for a short string it points into `value` itself, so the
// variable must outlive the view (never pass a temporary). nullopt for a non-string.
inline std::optional<std::string_view> string_view_of(const PerryValue& value) noexcept {
    const char* bytes = nullptr;
    size_t length = 0;
    if (perry_string_bytes(&value, &bytes, &length) != PERRY_OK) {
        return std::nullopt;
    }
    return std::string_view(bytes, length);
}
// A copy of a string's bytes; nullopt for a non-string.
inline std::optional<std::string> read_string(PerryValue value) {
    if (auto view = string_view_of(value)) {
        return std::string(*view);
    }
    return std::nullopt;
}
// The bytes of any string (binary or UTF-8); nullopt for a non-string.
inline std::optional<std::vector<uint8_t>> read_bytes(PerryValue value) {
    if (auto view = string_view_of(value)) {
        return std::vector<uint8_t>(view->begin(), view->end());
    }
    return std::nullopt;
}
inline size_t string_utf16_length(PerryValue value) noexcept {
    return perry_string_utf16_length(value);
}
// A string's UTF-16 code units (lone surrogates as they were made; a binary string's bytes as
// units 0..255); nullopt for a non-string.
inline std::optional<std::u16string> read_string_utf16(PerryValue value) {
    size_t length = 0;
    if (perry_string_copy_utf16(value, nullptr, 0, &length) == PERRY_STATUS_TYPE_MISMATCH) {
        return std::nullopt;
    }
    std::vector<uint16_t> units(length + 1);
    if (perry_string_copy_utf16(value, units.data(), units.size(), &length) != PERRY_OK) {
        return std::nullopt;
    }
    return std::u16string(units.begin(), units.begin() + static_cast<std::ptrdiff_t>(length));
}
// JavaScript's isWellFormed(): false for a string with lone surrogates (its bytes are then
// WTF-8) and for a non-string.
inline bool is_well_formed(PerryValue value) noexcept {
    return perry_string_is_well_formed(value);
}

} // namespace perry

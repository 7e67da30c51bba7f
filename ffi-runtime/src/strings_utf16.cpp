// Strings to and from UTF-16 code units, JavaScript's own representation. Any sequence of units
// is a string, lone surrogates included: those are stored in their 3-byte WTF-8 form and the
// string is flagged, so that the UTF-8 readers never see them unannounced.
#include "strings_internal.h"

#include "runtime.h"

#include <algorithm>
#include <string_view>
#include <vector>

namespace perry::strings {
namespace {

constexpr bool is_high_surrogate(uint32_t unit) {
    return unit >= 0xD800 && unit <= 0xDBFF;
}
constexpr bool is_low_surrogate(uint32_t unit) {
    return unit >= 0xDC00 && unit <= 0xDFFF;
}

// What the WTF-8 form of `units` needs: its byte length and whether a surrogate stays lone.
struct Encoding {
    uint64_t bytes = 0;
    bool lone_surrogates = false;
};

Encoding measure(const uint16_t* units, size_t length) {
    Encoding encoding;
    for (size_t i = 0; i < length; ++i) {
        const uint32_t unit = units[i];
        if (unit < 0x80) {
            encoding.bytes += 1;
        } else if (unit < 0x800) {
            encoding.bytes += 2;
        } else if (is_high_surrogate(unit) && i + 1 < length && is_low_surrogate(units[i + 1])) {
            encoding.bytes += 4;
            ++i;
        } else {
            encoding.bytes += 3;
            encoding.lone_surrogates |= is_high_surrogate(unit) || is_low_surrogate(unit);
        }
    }
    return encoding;
}

// Writes the WTF-8 form of `units` to `out`, which has room for measure()'s byte count.
void encode(const uint16_t* units, size_t length, unsigned char* out) {
    for (size_t i = 0; i < length; ++i) {
        uint32_t code = units[i];
        if (code < 0x80) {
            *out++ = static_cast<unsigned char>(code);
            continue;
        }
        if (code < 0x800) {
            *out++ = static_cast<unsigned char>(0xC0 | (code >> 6));
            *out++ = static_cast<unsigned char>(0x80 | (code & 0x3F));
            continue;
        }
        if (is_high_surrogate(code) && i + 1 < length && is_low_surrogate(units[i + 1])) {
            code = 0x10000 + ((code - 0xD800) << 10) + (units[i + 1] - 0xDC00u);
            ++i;
            *out++ = static_cast<unsigned char>(0xF0 | (code >> 18));
            *out++ = static_cast<unsigned char>(0x80 | ((code >> 12) & 0x3F));
            *out++ = static_cast<unsigned char>(0x80 | ((code >> 6) & 0x3F));
            *out++ = static_cast<unsigned char>(0x80 | (code & 0x3F));
            continue;
        }
        *out++ = static_cast<unsigned char>(0xE0 | (code >> 12));
        *out++ = static_cast<unsigned char>(0x80 | ((code >> 6) & 0x3F));
        *out++ = static_cast<unsigned char>(0x80 | (code & 0x3F));
    }
}

// Writes the UTF-16 units of a stored UTF-8 or WTF-8 text, at most `limit` of them. The text
// is well-formed when the runtime made it; a malformed byte still advances by one and yields
// U+FFFD, so the reader never reads past `bytes` and the writer never past `limit`.
size_t decode(std::string_view bytes, uint16_t* out, size_t limit) {
    const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
    const auto* end = p + bytes.size();
    uint16_t* start = out;
    uint16_t* out_end = out + limit;
    while (p < end && out < out_end) {
        const unsigned char lead = *p;
        if (lead < 0x80) {
            *out++ = lead;
            ++p;
            continue;
        }
        const size_t need = lead >= 0xF0 ? 3 : lead >= 0xE0 ? 2 : lead >= 0xC0 ? 1 : 0;
        if (need == 0 || static_cast<size_t>(end - p) <= need) {
            *out++ = 0xFFFD;
            ++p;
            continue;
        }
        uint32_t code = lead & (0x3F >> need);
        for (size_t i = 1; i <= need; ++i) {
            code = (code << 6) | (p[i] & 0x3F);
        }
        p += need + 1;
        if (code >= 0x10000) {
            if (out_end - out < 2) {
                break;
            }
            code -= 0x10000;
            *out++ = static_cast<uint16_t>(0xD800 + (code >> 10));
            *out++ = static_cast<uint16_t>(0xDC00 + (code & 0x3FF));
        } else {
            *out++ = static_cast<uint16_t>(code);
        }
    }
    return static_cast<size_t>(out - start);
}

} // namespace

PerryValue make_from_joined_wtf8(std::string_view text) {
    std::vector<uint16_t> units(text.size());
    units.resize(decode(text, units.data(), units.size()));
    return perry_string_from_utf16(units.data(), units.size());
}

} // namespace perry::strings

using namespace perry;

extern "C" {

PerryValue perry_string_from_utf16(const uint16_t* units, size_t length) {
    if (units == nullptr && length != 0) {
        runtime::fail(PERRY_STATUS_INVALID_ARGUMENT);
        return PERRY_UNDEFINED;
    }
    if (length > UINT32_MAX) {
        runtime::fail(PERRY_STATUS_TOO_LARGE);
        return PERRY_UNDEFINED;
    }
    const strings::Encoding encoding = strings::measure(units, length);
    if (encoding.bytes > UINT32_MAX) {
        runtime::fail(PERRY_STATUS_TOO_LARGE);
        return PERRY_UNDEFINED;
    }
    const auto bytes = static_cast<size_t>(encoding.bytes);
    if (!encoding.lone_surrogates && bytes <= PERRY_SHORT_STRING_MAX) {
        unsigned char text[PERRY_SHORT_STRING_MAX];
        strings::encode(units, length, text);
        return strings::make_short(reinterpret_cast<const char*>(text), bytes);
    }
    PerryStringHeader* header = strings::new_heap_string(
        bytes, encoding.lone_surrogates ? PERRY_STRING_FLAG_LONE_SURROGATES : 0);
    if (header == nullptr) {
        return PERRY_UNDEFINED;
    }
    strings::encode(units, length, reinterpret_cast<unsigned char*>(header + 1));
    header->utf16_len = static_cast<uint32_t>(length);
    return perry_value_from_pointer(PERRY_TAG_STRING, header);
}

PerryStatus perry_string_copy_utf16(PerryValue value, uint16_t* out, size_t capacity,
                                    size_t* out_length) {
    if (out == nullptr && capacity != 0) {
        return runtime::fail(PERRY_STATUS_INVALID_ARGUMENT);
    }
    std::string_view bytes;
    if (!strings::view(value, &bytes)) {
        return runtime::fail(PERRY_STATUS_TYPE_MISMATCH);
    }
    const size_t length = perry_string_utf16_length(value);
    if (out_length != nullptr) {
        *out_length = length;
    }
    if (capacity < length + 1) {
        return runtime::fail(PERRY_STATUS_BUFFER_TOO_SMALL);
    }
    size_t written;
    if (perry_string_is_binary(value)) {
        written = std::min(bytes.size(), length);
        for (size_t i = 0; i < written; ++i) {
            out[i] = static_cast<unsigned char>(bytes[i]); // one Latin-1 unit per byte
        }
    } else {
        written = strings::decode(bytes, out, length);
    }
    out[written] = 0;
    return PERRY_OK;
}

} // extern "C"

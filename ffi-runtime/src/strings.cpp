// Strings: heap strings (PerryStringHeader + bytes + NUL) and short immediates (0..5 bytes).
#include "strings_internal.h"

#include "runtime.h"

#include <cstring>
#include <string>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

static_assert(sizeof(PerryStringHeader) == 20, "pinned by the ABI");
// Short strings keep byte i in bits 8i+7..8i; the zero-copy reader returns the value's own
// address, which is byte 0 only on a little-endian machine.
static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, "short strings assume little endian");

namespace perry::strings {

const heap::KindOps kStringOps{PERRY_KIND_STRING, "string", nullptr, nullptr};

namespace {

#if defined(__SSE2__)
// Loads the 64 bytes at `p` into `v`; true when they are all ASCII (no byte has its top bit).
inline bool load_ascii_block(const void* p, __m128i (&v)[4]) {
    const auto* from = static_cast<const __m128i*>(p);
    for (int i = 0; i < 4; ++i) {
        v[i] = _mm_loadu_si128(from + i);
    }
    return _mm_movemask_epi8(_mm_or_si128(_mm_or_si128(v[0], v[1]), _mm_or_si128(v[2], v[3]))) == 0;
}
#endif

// The end of the run of ASCII bytes that starts at `p` (ASCII is the common case: one UTF-16 unit
// per byte). SSE2 is part of x86-64, so no run-time dispatch is needed; other machines test eight
// bytes at a time.
const unsigned char* skip_ascii(const unsigned char* p, const unsigned char* end) {
#if defined(__SSE2__)
    __m128i block[4];
    while (end - p >= 64 && load_ascii_block(p, block)) {
        p += 64;
    }
    while (end - p >= 16) {
        if (_mm_movemask_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p))) != 0) {
            break;
        }
        p += 16;
    }
#endif
    while (end - p >= 8) {
        uint64_t word;
        std::memcpy(&word, p, sizeof word);
        if ((word & UINT64_C(0x8080808080808080)) != 0) {
            break;
        }
        p += 8;
    }
    while (p < end && *p < 0x80) {
        ++p;
    }
    return p;
}

// The one validator behind validate_utf8 (strict) and validate_wtf8 (lone surrogates allowed in
// their 3-byte form). `out_lone` (WTF-8 only) says whether one was seen.
template <bool kAllowLoneSurrogates>
bool validate(const char* bytes, size_t length, uint32_t* out_utf16_length, bool* out_lone) {
    const auto* p = reinterpret_cast<const unsigned char*>(bytes);
    const auto* end = p + length;
    uint64_t units = 0;
    bool lone = false;
    while (p < end) {
        const unsigned char* run_end = skip_ascii(p, end);
        units += static_cast<uint64_t>(run_end - p);
        p = run_end;
        if (p == end) {
            break;
        }
        const unsigned char lead = *p; // not ASCII
        size_t need;
        uint32_t code;
        uint32_t min;
        if ((lead & 0xE0) == 0xC0) {
            need = 1, code = lead & 0x1F, min = 0x80;
        } else if ((lead & 0xF0) == 0xE0) {
            need = 2, code = lead & 0x0F, min = 0x800;
        } else if ((lead & 0xF8) == 0xF0) {
            need = 3, code = lead & 0x07, min = 0x10000;
        } else {
            return false; // continuation byte or 0xF8..0xFF as a lead
        }
        if (static_cast<size_t>(end - p) <= need) {
            return false; // truncated sequence
        }
        for (size_t i = 1; i <= need; ++i) {
            if ((p[i] & 0xC0) != 0x80) {
                return false;
            }
            code = (code << 6) | (p[i] & 0x3F);
        }
        if (code < min || code > 0x10FFFF) {
            return false; // overlong or out of range
        }
        if (code >= 0xD800 && code <= 0xDFFF) {
            if constexpr (!kAllowLoneSurrogates) {
                return false;
            } else {
                // A high surrogate directly followed by a low one is a pair written as two
                // 3-byte forms (CESU-8): that character has one encoding, its 4-byte form, or
                // equal strings would differ in their bytes.
                if (code < 0xDC00 && end - p >= 6 && p[3] == 0xED && p[4] >= 0xB0 && p[4] <= 0xBF) {
                    return false;
                }
                lone = true;
            }
        }
        units += code >= 0x10000 ? 2 : 1;
        p += need + 1;
    }
    if (out_utf16_length != nullptr) {
        *out_utf16_length = static_cast<uint32_t>(units); // units <= length <= UINT32_MAX
    }
    if (out_lone != nullptr) {
        *out_lone = lone;
    }
    return true;
}

} // namespace

bool validate_utf8(const char* bytes, size_t length, uint32_t* out_utf16_length) {
    return validate<false>(bytes, length, out_utf16_length, nullptr);
}

bool validate_wtf8(const char* bytes, size_t length, TextInfo* out_info) {
    TextInfo info;
    if (!validate<true>(bytes, length, &info.utf16_length, &info.lone_surrogates)) {
        return false;
    }
    if (out_info != nullptr) {
        *out_info = info;
    }
    return true;
}

namespace {

// memcpy for string bytes, with the short strings that dominate real programs copied inline
// rather than through a library call (two overlapping loads and stores).
inline void copy_bytes(char* out, const char* in, size_t length) {
    if (length >= 8 && length <= 16) {
        uint64_t head;
        uint64_t tail;
        std::memcpy(&head, in, 8);
        std::memcpy(&tail, in + length - 8, 8);
        std::memcpy(out, &head, 8);
        std::memcpy(out + length - 8, &tail, 8);
    } else if (length != 0) {
        std::memcpy(out, in, length);
    }
}

PerryValue make_heap(const char* bytes, size_t length, uint32_t utf16_length, uint32_t flags) {
    PerryStringHeader* header = new_heap_string(length, flags);
    if (header == nullptr) {
        return PERRY_UNDEFINED;
    }
    header->utf16_len = utf16_length;
    copy_bytes(reinterpret_cast<char*>(header + 1), bytes, length);
    return perry_value_from_pointer(PERRY_TAG_STRING, header);
}

// Copies the leading 64-byte blocks of `in` that are all ASCII to `out` and returns how many
// bytes that was: the same loads serve the check and the copy, so the text is read once.
size_t copy_ascii_blocks(char* out, const char* in, size_t length) {
    size_t done = 0;
#if defined(__SSE2__)
    __m128i block[4];
    for (; length - done >= 64 && load_ascii_block(in + done, block); done += 64) {
        auto* to = reinterpret_cast<__m128i*>(out + done);
        for (int i = 0; i < 4; ++i) {
            _mm_storeu_si128(to + i, block[i]);
        }
    }
#else
    (void)out, (void)in, (void)length;
#endif
    return done;
}

// A heap string from UTF-8 that is not yet validated: the ASCII blocks are validated while they
// are copied, the rest is validated, then copied. Invalid text leaves an unreachable empty
// string behind (the allocation came first), which the next collection frees.
PerryValue make_heap_from_utf8(const char* bytes, size_t length) {
    PerryStringHeader* header = new_heap_string(length, 0);
    if (header == nullptr) {
        return PERRY_UNDEFINED;
    }
    char* text = reinterpret_cast<char*>(header + 1);
    const size_t ascii = copy_ascii_blocks(text, bytes, length);
    uint32_t rest_units = 0;
    if (!validate_utf8(bytes + ascii, length - ascii, &rest_units)) {
        header->byte_len = 0;
        text[0] = '\0';
        runtime::fail(PERRY_STATUS_INVALID_UTF8);
        return PERRY_UNDEFINED;
    }
    copy_bytes(text + ascii, bytes + ascii, length - ascii);
    header->utf16_len = static_cast<uint32_t>(ascii) + rest_units;
    return perry_value_from_pointer(PERRY_TAG_STRING, header);
}

// Checks the arguments every constructor shares; PERRY_OK or the recorded failure.
PerryStatus check_input(const void* bytes, size_t length) {
    if (bytes == nullptr && length != 0) {
        return runtime::fail(PERRY_STATUS_INVALID_ARGUMENT);
    }
    if (length > UINT32_MAX) {
        return runtime::fail(PERRY_STATUS_TOO_LARGE);
    }
    return PERRY_OK;
}

} // namespace

PerryValue make_short(const char* bytes, size_t length) {
    uint64_t v = (PERRY_TAG_SHORT_STRING << PERRY_TAG_SHIFT) |
                 (static_cast<uint64_t>(length) << PERRY_SHORT_STRING_LEN_SHIFT);
    for (size_t i = 0; i < length; ++i) {
        v |= static_cast<uint64_t>(static_cast<unsigned char>(bytes[i])) << (8 * i);
    }
    return v;
}

PerryStringHeader* new_heap_string(size_t length, uint32_t flags) {
    if (length > heap::kMaxPayloadBytes - sizeof(PerryStringHeader) - 1) {
        runtime::fail(PERRY_STATUS_TOO_LARGE);
        return nullptr;
    }
    // Every byte is written: the header here, the text by the caller, the NUL here.
    auto* header = static_cast<PerryStringHeader*>(
        heap::allocate_uninitialized(kStringOps, sizeof(PerryStringHeader) + length + 1));
    if (header == nullptr) {
        return nullptr;
    }
    header->utf16_len = 0;
    header->byte_len = static_cast<uint32_t>(length);
    header->capacity = static_cast<uint32_t>(length);
    header->refcount = 0;
    header->flags = flags;
    reinterpret_cast<char*>(header + 1)[length] = '\0';
    return header;
}

PerryValue make_valid_utf8(const char* bytes, size_t length, uint32_t utf16_length) {
    if (length <= PERRY_SHORT_STRING_MAX) {
        return make_short(bytes, length);
    }
    return make_heap(bytes, length, utf16_length, 0);
}

PerryValue make_valid_wtf8(const char* bytes, size_t length, const TextInfo& info) {
    if (!info.lone_surrogates) {
        return make_valid_utf8(bytes, length, info.utf16_length);
    }
    return make_heap(bytes, length, info.utf16_length, PERRY_STRING_FLAG_LONE_SURROGATES);
}

PerryValue make_lossy_utf8(const char* bytes, size_t length) {
    if (check_input(bytes, length) != PERRY_OK) {
        return PERRY_UNDEFINED;
    }
    uint32_t units = 0;
    if (validate_utf8(bytes, length, &units)) {
        return make_valid_utf8(bytes, length, units);
    }
    // Replace each maximal invalid byte with U+FFFD; rare, so simplicity beats speed here.
    std::string fixed;
    size_t i = 0;
    while (i < length) {
        size_t run = 1;
        while (run <= 4 && i + run <= length) {
            if (validate_utf8(bytes + i, run, nullptr)) {
                break;
            }
            ++run;
        }
        if (run <= 4 && i + run <= length) {
            fixed.append(bytes + i, run);
            i += run;
        } else {
            fixed.append("\xEF\xBF\xBD");
            i += 1;
        }
    }
    validate_utf8(fixed.data(), fixed.size(), &units);
    return make_valid_utf8(fixed.data(), fixed.size(), units);
}

bool view(const PerryValue& value, std::string_view* out) {
    if (perry_value_is_short_string(value)) {
        size_t length = (value >> PERRY_SHORT_STRING_LEN_SHIFT) & 0xFF;
        if (length > PERRY_SHORT_STRING_MAX) {
            return false; // not a value this runtime makes
        }
        *out = std::string_view(reinterpret_cast<const char*>(&value), length);
        return true;
    }
    if (perry_value_is_heap_string(value)) {
        const auto* header = static_cast<const PerryStringHeader*>(perry_value_to_pointer(value));
        *out = std::string_view(perry_string_header_bytes(header), header->byte_len);
        return true;
    }
    return false;
}

} // namespace perry::strings

using namespace perry;

extern "C" {

PerryValue perry_string_from_utf8(const char* bytes, size_t length) {
    if (strings::check_input(bytes, length) != PERRY_OK) {
        return PERRY_UNDEFINED;
    }
    if (length > PERRY_SHORT_STRING_MAX) {
        return strings::make_heap_from_utf8(bytes, length);
    }
    uint32_t units = 0;
    if (!strings::validate_utf8(bytes, length, &units)) {
        runtime::fail(PERRY_STATUS_INVALID_UTF8);
        return PERRY_UNDEFINED;
    }
    return strings::make_short(bytes, length);
}

PerryValue perry_string_from_binary(const void* bytes, size_t length) {
    if (strings::check_input(bytes, length) != PERRY_OK) {
        return PERRY_UNDEFINED;
    }
    return strings::make_heap(static_cast<const char*>(bytes), length,
                              static_cast<uint32_t>(length), PERRY_STRING_FLAG_BINARY);
}

const PerryStringHeader* perry_string_header(PerryValue* value) {
    if (value == nullptr) {
        runtime::fail(PERRY_STATUS_INVALID_ARGUMENT);
        return nullptr;
    }
    if (perry_value_is_heap_string(*value)) {
        return static_cast<const PerryStringHeader*>(perry_value_to_pointer(*value));
    }
    std::string_view bytes;
    if (!perry_value_is_short_string(*value) || !strings::view(*value, &bytes)) {
        runtime::fail(PERRY_STATUS_TYPE_MISMATCH);
        return nullptr;
    }
    // A short string holds at most five bytes of valid UTF-8; count its UTF-16 units again.
    uint32_t units = 0;
    strings::validate_utf8(bytes.data(), bytes.size(), &units);
    const PerryValue copy = strings::make_heap(bytes.data(), bytes.size(), units, 0);
    if (copy == PERRY_UNDEFINED) {
        return nullptr;
    }
    *value = copy;
    return static_cast<const PerryStringHeader*>(perry_value_to_pointer(copy));
}

PerryStatus perry_string_bytes(const PerryValue* value, const char** out_bytes,
                               size_t* out_length) {
    if (value == nullptr || out_bytes == nullptr || out_length == nullptr) {
        return runtime::fail(PERRY_STATUS_INVALID_ARGUMENT);
    }
    std::string_view bytes;
    if (!strings::view(*value, &bytes)) {
        return runtime::fail(PERRY_STATUS_TYPE_MISMATCH);
    }
    *out_bytes = bytes.data();
    *out_length = bytes.size();
    return PERRY_OK;
}

PerryStatus perry_string_copy(PerryValue value, char* out, size_t capacity, size_t* out_length) {
    if (out == nullptr && capacity != 0) {
        return runtime::fail(PERRY_STATUS_INVALID_ARGUMENT);
    }
    std::string_view bytes;
    if (!strings::view(value, &bytes)) {
        return runtime::fail(PERRY_STATUS_TYPE_MISMATCH);
    }
    if (out_length != nullptr) {
        *out_length = bytes.size();
    }
    if (capacity < bytes.size() + 1) {
        return runtime::fail(PERRY_STATUS_BUFFER_TOO_SMALL);
    }
    strings::copy_bytes(out, bytes.data(), bytes.size());
    out[bytes.size()] = '\0';
    return PERRY_OK;
}

size_t perry_string_byte_length(PerryValue value) {
    std::string_view bytes;
    if (!strings::view(value, &bytes)) {
        runtime::fail(PERRY_STATUS_TYPE_MISMATCH);
        return 0;
    }
    return bytes.size();
}

size_t perry_string_utf16_length(PerryValue value) {
    if (perry_value_is_heap_string(value)) {
        return static_cast<const PerryStringHeader*>(perry_value_to_pointer(value))->utf16_len;
    }
    std::string_view bytes;
    if (!strings::view(value, &bytes)) {
        runtime::fail(PERRY_STATUS_TYPE_MISMATCH);
        return 0;
    }
    uint32_t units = 0;
    strings::validate_utf8(bytes.data(), bytes.size(), &units); // short strings are valid UTF-8
    return units;
}

bool perry_string_is_binary(PerryValue value) {
    return perry_value_is_heap_string(value) &&
           (static_cast<const PerryStringHeader*>(perry_value_to_pointer(value))->flags &
            PERRY_STRING_FLAG_BINARY) != 0;
}

bool perry_string_is_well_formed(PerryValue value) {
    if (perry_value_is_short_string(value)) {
        return true; // short strings hold UTF-8
    }
    return perry_value_is_heap_string(value) &&
           (static_cast<const PerryStringHeader*>(perry_value_to_pointer(value))->flags &
            PERRY_STRING_FLAG_LONE_SURROGATES) == 0;
}

bool perry_string_equals(PerryValue a, PerryValue b) {
    std::string_view left;
    std::string_view right;
    return strings::view(a, &left) && strings::view(b, &right) && left == right;
}

} // extern "C"

// libFuzzer target: any bytes through the string and object-key surfaces. The runtime's UTF-8
// validator (with its ASCII fast paths) must agree with a plain reference decoder written from
// RFC 3629's table of well-formed sequences; object keys must accept exactly WTF-8 (that table
// with lone surrogates allowed, never a pair as two 3-byte forms); the same bytes read as UTF-16
// code units must round-trip; nothing may crash or trip a sanitizer.
#include <perry/ffi.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

namespace {

// RFC 3629, section 4: the well-formed byte sequences. Returns false for ill-formed input, else
// the number of UTF-16 code units.
bool reference_utf16_length(const uint8_t* p, size_t n, size_t* units, bool wtf8 = false) {
    size_t i = 0;
    *units = 0;
    while (i < n) {
        const uint8_t b = p[i];
        size_t len;
        uint8_t lo = 0x80;
        uint8_t hi = 0xBF;
        if (b <= 0x7F) {
            len = 1;
        } else if (b >= 0xC2 && b <= 0xDF) {
            len = 2;
        } else if (b >= 0xE0 && b <= 0xEF) {
            len = 3;
            lo = b == 0xE0 ? 0xA0 : 0x80;
            hi = b == 0xED && !wtf8 ? 0x9F : 0xBF;
            // WTF-8: a high surrogate (ED A0..AF) directly followed by a low one (ED B0..BF).
            if (wtf8 && b == 0xED && i + 4 < n && p[i + 1] >= 0xA0 && p[i + 1] <= 0xAF &&
                p[i + 3] == 0xED && p[i + 4] >= 0xB0 && p[i + 4] <= 0xBF) {
                return false;
            }
        } else if (b >= 0xF0 && b <= 0xF4) {
            len = 4;
            lo = b == 0xF0 ? 0x90 : 0x80;
            hi = b == 0xF4 ? 0x8F : 0xBF;
        } else {
            return false;
        }
        if (n - i < len) {
            return false;
        }
        for (size_t k = 1; k < len; ++k) {
            const uint8_t c = p[i + k];
            const uint8_t min = k == 1 ? lo : 0x80;
            const uint8_t max = k == 1 ? hi : 0xBF;
            if (c < min || c > max) {
                return false;
            }
        }
        *units += len == 4 ? 2 : 1;
        i += len;
    }
    return true;
}

void check(bool condition, const char* what) {
    if (!condition) {
        std::fprintf(stderr, "strings_fuzz: %s\n", what);
        std::abort();
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static const bool initialised = perry_runtime_init(nullptr) == PERRY_OK;
    check(initialised, "runtime init failed");
    const char* bytes = reinterpret_cast<const char*>(data);

    size_t expected_units = 0;
    const bool valid = reference_utf16_length(data, size, &expected_units);
    PerryValue s = perry_string_from_utf8(bytes, size);
    check((s != PERRY_UNDEFINED) == valid, "validator disagrees with the RFC 3629 reference");
    if (valid) {
        check(perry_string_utf16_length(s) == expected_units, "wrong UTF-16 length");
        check(perry_value_is_short_string(s) == (size <= PERRY_SHORT_STRING_MAX), "wrong kind");
        const char* view = nullptr;
        size_t length = 0;
        check(perry_string_bytes(&s, &view, &length) == PERRY_OK, "zero-copy read failed");
        check(length == size && (size == 0 || std::memcmp(view, data, size) == 0), "bytes differ");
        std::string copy(size + 1, '\0');
        check(perry_string_copy(s, copy.data(), copy.size(), &length) == PERRY_OK, "copy failed");

        PerryValue object = perry_object_new(nullptr);
        check(perry_object_set(object, bytes, size, s) == PERRY_OK, "set by name failed");
        check(perry_object_get(object, bytes, size) == s, "get by name differs");
        check(perry_string_equals(perry_object_key_at(object, 0), s), "key differs");
    } else {
        check(perry_last_status() == PERRY_STATUS_INVALID_UTF8, "wrong status");
        PerryValue e = perry_error_new(PERRY_ERROR_ERROR, bytes, size, nullptr, 0);
        check(perry_value_is_error(e), "an error must accept any message bytes");
    }
    size_t wtf8_units = 0;
    const bool wtf8 = reference_utf16_length(data, size, &wtf8_units, true);
    PerryValue keyed = perry_object_new(nullptr);
    check((perry_object_set(keyed, bytes, size, PERRY_TRUE) == PERRY_OK) == wtf8,
          "object keys disagree with the WTF-8 reference");
    if (wtf8) {
        check(perry_string_utf16_length(perry_object_key_at(keyed, 0)) == wtf8_units,
              "wrong UTF-16 length of a key");
    }

    // The bytes as UTF-16 code units (little endian): any sequence is a string and round-trips.
    std::vector<uint16_t> units(size / 2);
    if (!units.empty()) {
        std::memcpy(units.data(), data, units.size() * 2);
    }
    PerryValue from_units = perry_string_from_utf16(units.data(), units.size());
    check(from_units != PERRY_UNDEFINED, "UTF-16 units must always make a string");
    std::vector<uint16_t> back(units.size() + 1, 1);
    size_t back_length = 0;
    check(perry_string_copy_utf16(from_units, back.data(), back.size(), &back_length) == PERRY_OK,
          "UTF-16 copy failed");
    back.resize(back_length);
    check(back == units, "UTF-16 round trip differs");

    PerryValue binary = perry_string_from_binary(data, size);
    check(perry_string_byte_length(binary) == size, "binary length");
    check(perry_string_equals(binary, s) == valid, "binary vs UTF-8 equality");
    perry_exception_clear();
    return 0;
}

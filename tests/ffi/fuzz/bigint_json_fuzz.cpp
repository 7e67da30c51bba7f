// libFuzzer target over BigInt text and JSON string escaping, checking properties rather than
// crashes alone:
//   - any text BigInt() accepts prints back (radix 10 and 16) to text that parses to the same
//     value;
//   - any bytes, stored as a binary string or as a (tolerantly decoded) WTF-8 string, stringify
//     to valid UTF-8 that starts and ends with a quote: lone surrogates are escaped and stray
//     bytes become Latin-1 characters, so no input can make the output ill-formed.
#include "strings_internal.h"

#include "perry/ffi.h"

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>

namespace {

std::string text_of(PerryValue value, uint32_t radix) {
    size_t length = 0;
    perry_bigint_to_string(value, radix, nullptr, 0, &length);
    std::string text(length, '\0');
    if (perry_bigint_to_string(value, radix, text.data(), text.size(), &length) != PERRY_OK) {
        std::abort();
    }
    return text;
}

void check_same(PerryValue a, const std::string& text) {
    PerryValue b = PERRY_UNDEFINED;
    int order = 1;
    if (perry_bigint_from_string(text.data(), text.size(), &b) != PERRY_OK ||
        perry_bigint_compare(a, b, &order) != PERRY_OK || order != 0) {
        std::abort();
    }
}

void check_bigint(const char* data, size_t size) {
    PerryValue value = PERRY_UNDEFINED;
    if (perry_bigint_from_string(data, size, &value) != PERRY_OK) {
        return;
    }
    std::string decimal = text_of(value, 10);
    check_same(value, decimal);
    std::string hex = text_of(value, 16);
    if (hex[0] != '-') { // hex text takes no sign in BigInt()
        check_same(value, "0x" + hex);
    }
}

void check_json(PerryValue string) {
    char* bytes = nullptr;
    size_t length = 0;
    if (perry_json_stringify_bytes(string, PERRY_UNDEFINED, &bytes, &length) != PERRY_OK) {
        std::abort();
    }
    if (length < 2 || bytes[0] != '"' || bytes[length - 1] != '"' ||
        !perry::strings::validate_utf8(bytes, length, nullptr)) {
        std::abort();
    }
    perry_json_free(bytes);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static bool initialized = perry_runtime_init(nullptr) == PERRY_OK;
    if (!initialized) {
        std::abort();
    }
    const char* text = reinterpret_cast<const char*>(data);
    check_bigint(text, size);
    check_json(perry_string_from_binary(data, size));
    check_json(perry::strings::make_valid_utf8(text, size, static_cast<uint32_t>(size)));
    return 0;
}

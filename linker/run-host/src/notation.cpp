#include "notation.h"

#include <cctype>
#include <string>

namespace perry::run {
namespace {

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

int sextet(char c) {
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 26;
    if (c >= '0' && c <= '9')
        return c - '0' + 52;
    if (c == '+')
        return 62;
    if (c == '/')
        return 63;
    return -1;
}

std::string_view trim(std::string_view text) {
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) {
        text.remove_prefix(1);
    }
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) {
        text.remove_suffix(1);
    }
    return text;
}

bool is_bigint_literal(std::string_view text) {
    if (text.size() < 2 || text.back() != 'n') {
        return false;
    }
    std::string_view digits = text.substr(0, text.size() - 1);
    if (digits.front() == '-') {
        digits.remove_prefix(1);
    }
    if (digits.empty()) {
        return false;
    }
    for (char c : digits) {
        if (c < '0' || c > '9') {
            return false;
        }
    }
    return true;
}

} // namespace

std::string base64_encode(const unsigned char* bytes, size_t length) {
    std::string out;
    out.reserve((length + 2) / 3 * 4);
    for (size_t i = 0; i < length; i += 3) {
        const uint32_t chunk = (uint32_t{bytes[i]} << 16) |
                               (i + 1 < length ? uint32_t{bytes[i + 1]} << 8 : 0) |
                               (i + 2 < length ? uint32_t{bytes[i + 2]} : 0);
        out += kAlphabet[(chunk >> 18) & 63];
        out += kAlphabet[(chunk >> 12) & 63];
        out += i + 1 < length ? kAlphabet[(chunk >> 6) & 63] : '=';
        out += i + 2 < length ? kAlphabet[chunk & 63] : '=';
    }
    return out;
}

bool base64_decode(std::string_view text, std::string* out) {
    while (!text.empty() && text.back() == '=') {
        text.remove_suffix(1);
    }
    if (text.size() % 4 == 1) {
        return false;
    }
    uint32_t bits = 0;
    int count = 0;
    for (char c : text) {
        const int value = sextet(c);
        if (value < 0) {
            return false;
        }
        bits = (bits << 6) | static_cast<uint32_t>(value);
        count += 6;
        if (count >= 8) {
            count -= 8;
            out->push_back(static_cast<char>((bits >> count) & 0xFF));
        }
    }
    return true;
}

bool read_value(std::string_view text, PerryValue* out, std::string* error) {
    text = trim(text);
    if (text == "undefined") {
        *out = PERRY_UNDEFINED;
        return true;
    }
    if (is_bigint_literal(text)) {
        const std::string digits(text.substr(0, text.size() - 1));
        if (perry_bigint_from_string(digits.data(), digits.size(), out) != PERRY_OK) {
            *error = "cannot make the BigInt " + std::string(text);
            return false;
        }
        return true;
    }
    if (text.rfind("b64\"", 0) == 0) {
        std::string bytes;
        if (text.size() < 5 || text.back() != '"' ||
            !base64_decode(text.substr(4, text.size() - 5), &bytes)) {
            *error = "b64\"...\" holds no valid base64 (A-Z a-z 0-9 + /, optional = padding)";
            return false;
        }
        *out = perry_buffer_from_bytes(bytes.data(), bytes.size());
        return *out != PERRY_UNDEFINED;
    }
    if (perry_json_parse(text.data(), text.size(), out) != PERRY_OK) {
        *error = perry_json_parse_error_message();
        return false;
    }
    return true;
}

std::string print_value(PerryValue value) {
    switch (perry_value_kind(value)) {
    case PERRY_KIND_UNDEFINED:
        return "undefined";
    case PERRY_KIND_FUNCTION:
        return "function";
    case PERRY_KIND_BIGINT: {
        size_t length = 0;
        perry_bigint_to_string(value, 10, nullptr, 0, &length);
        std::string digits(length + 1, '\0');
        perry_bigint_to_string(value, 10, digits.data(), digits.size(), &length);
        digits.resize(length);
        return digits + "n";
    }
    case PERRY_KIND_BUFFER:
        return "b64\"" + base64_encode(perry_buffer_data(value), perry_buffer_length(value)) + "\"";
    default: {
        char* bytes = nullptr;
        size_t length = 0;
        if (perry_json_stringify_bytes(value, PERRY_UNDEFINED, &bytes, &length) != PERRY_OK) {
            return std::string("<unprintable: ") + perry_json_error_message() + ">";
        }
        std::string text = bytes != nullptr ? std::string(bytes, length) : "undefined";
        perry_json_free(bytes);
        return text;
    }
    }
}

} // namespace perry::run

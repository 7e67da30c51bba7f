#include "json_parse_text.h"

#include <cstdio>
#include <cstring>

namespace perry::json_parse {
namespace {

int hex_value(char c) {
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

// The code unit of the `\uXXXX` escape at `at` (pointing at the backslash), or -1.
long escape_unit(std::string_view text, size_t at) {
    if (at + 6 > text.size() || text[at] != '\\' || text[at + 1] != 'u') {
        return -1;
    }
    long unit = 0;
    for (size_t i = 2; i < 6; ++i) {
        const int digit = hex_value(text[at + i]);
        if (digit < 0) {
            return -1;
        }
        unit = unit * 16 + digit;
    }
    return unit;
}

void encode_3_bytes(uint32_t unit, char out[3]) {
    out[0] = static_cast<char>(0xE0 | (unit >> 12));
    out[1] = static_cast<char>(0x80 | ((unit >> 6) & 0x3F));
    out[2] = static_cast<char>(0x80 | (unit & 0x3F));
}

// Candidate markers U+E000..U+E999 use decimal digits after the `e`, so their escape has one
// letter and exactly two spellings to look for.
uint32_t candidate(unsigned n) {
    return 0xE000 + (n / 100) * 0x100 + (n / 10 % 10) * 0x10 + n % 10;
}

bool occurs(std::string_view text, uint32_t unit) {
    char utf8[3];
    encode_3_bytes(unit, utf8);
    char digits[4];
    std::snprintf(digits, sizeof digits, "%03x", unit & 0xFFF);
    const std::string lower = std::string("\\ue") + digits;
    const std::string upper = std::string("\\uE") + digits;
    return text.find(std::string_view(utf8, 3)) != std::string_view::npos ||
           text.find(lower) != std::string_view::npos || text.find(upper) != std::string_view::npos;
}

} // namespace

bool LoneSurrogates::plan(std::string_view text) {
    // Positions of the lone escapes' backslashes, found by walking strings and their escapes;
    // text outside strings is skipped (the lexer reports whatever is wrong there).
    std::vector<size_t> at;
    if (text.find("\\u") == std::string_view::npos) {
        return false;
    }
    bool in_string = false;
    for (size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (!in_string) {
            in_string = c == '"';
            continue;
        }
        if (c == '"') {
            in_string = false;
        } else if (c == '\\') {
            const long unit = escape_unit(text, i);
            if (unit >= 0xD800 && unit <= 0xDBFF) {
                const long low = escape_unit(text, i + 6);
                if (low >= 0xDC00 && low <= 0xDFFF) {
                    i += 11;
                    continue;
                }
            }
            if (unit >= 0xD800 && unit <= 0xDFFF) {
                at.push_back(i);
                units_.push_back(static_cast<uint16_t>(unit));
                i += 5;
                continue;
            }
            ++i; // the escaped character, whatever it is
        }
    }
    if (at.empty()) {
        return false;
    }
    for (unsigned n = 0; n < 1000; ++n) {
        const uint32_t marker = candidate(n);
        if (occurs(text, marker)) {
            continue;
        }
        encode_3_bytes(marker, marker_utf8_);
        char digits[5];
        std::snprintf(digits, sizeof digits, "%04x", marker);
        rewritten_.assign(text);
        for (size_t position : at) {
            std::memcpy(&rewritten_[position + 2], digits, 4);
        }
        return true;
    }
    units_.clear();
    return false;
}

void LoneSurrogates::restore(std::string& decoded) {
    const std::string_view marker(marker_utf8_, 3);
    for (size_t found = decoded.find(marker); found != std::string::npos && next_ < units_.size();
         found = decoded.find(marker, found + 3)) {
        encode_3_bytes(units_[next_++], &decoded[found]);
    }
}

size_t utf16_offset(std::string_view text, size_t byte_offset) {
    return utf16_length(text.substr(0, byte_offset < text.size() ? byte_offset : text.size())) +
           (byte_offset > text.size() ? byte_offset - text.size() : 0);
}

uint32_t utf16_length(std::string_view text) {
    uint32_t units = 0;
    for (unsigned char byte : text) {
        if ((byte & 0xC0) != 0x80) {
            units += byte >= 0xF0 ? 2 : 1;
        }
    }
    return units;
}

} // namespace perry::json_parse

#include "toml_guard.h"

#include <cstdint>
#include <cstdio>

namespace perry::resolver::detail {
namespace {

// The code points toml++ 3.3's is_non_ascii_horizontal_whitespace cannot classify: the 1018-wide
// blocks 0, 11 and 63 above U+00A0 that its bitmask leaves to a switch without a case for them.
bool breaks_toml_whitespace_test(char32_t c) {
    if (c < 0xA0 || c > 0xFEFF || c == 0xA0 || c == 0x3000 || c == 0xFEFF) {
        return false;
    }
    const uint32_t block = (static_cast<uint32_t>(c) - 0xA0) / 0x3FA;
    return block == 0 || block == 11 || block == 63;
}

// The length of the well-formed UTF-8 sequence at `p`, or 0 when it is ill-formed.
std::size_t utf8_sequence_length(const char* p, const char* end) {
    const auto* u = reinterpret_cast<const unsigned char*>(p);
    const std::ptrdiff_t available = end - p;
    auto continuation = [&](std::ptrdiff_t i, unsigned char lo, unsigned char hi) {
        return i < available && u[i] >= lo && u[i] <= hi;
    };
    const unsigned char c = u[0];
    if (c >= 0xC2 && c <= 0xDF)
        return continuation(1, 0x80, 0xBF) ? 2 : 0;
    if (c >= 0xE0 && c <= 0xEF) {
        const unsigned char lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
        return continuation(1, lo, hi) && continuation(2, 0x80, 0xBF) ? 3 : 0;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        const unsigned char lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
        return continuation(1, lo, hi) && continuation(2, 0x80, 0xBF) && continuation(3, 0x80, 0xBF)
                   ? 4
                   : 0;
    }
    return 0;
}

// Decodes the UTF-8 sequence at text[i]; an ill-formed byte decodes as itself (toml++ reports
// ill-formed UTF-8 as such, which is safe).
char32_t decode(std::string_view text, size_t i, size_t* length) {
    const auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
    const size_t n = utf8_sequence_length(text.data() + i, text.data() + text.size());
    if (n == 0) {
        *length = 1;
        return byte(i);
    }
    char32_t c = byte(i) & (0x7F >> n);
    for (size_t k = 1; k < n; ++k) {
        c = (c << 6) | (byte(i + k) & 0x3F);
    }
    *length = n;
    return c;
}

std::string code_point_name(char32_t c) {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "U+%04X", static_cast<unsigned>(c));
    return buffer;
}

} // namespace

std::optional<TomlGuardProblem> find_toml_hazard(std::string_view text) {
    enum class State { Plain, Comment, Basic, Literal, MultiBasic, MultiLiteral };
    State state = State::Plain;
    bool trimming = false; // after a line-ending backslash in a """ string: toml++ skips whitespace
    int line = 1;
    size_t line_start = 0;
    const auto starts = [&](size_t i, std::string_view what) {
        return text.substr(i, what.size()) == what;
    };

    for (size_t i = 0; i < text.size();) {
        const char ch = text[i];
        if (ch == '\n') {
            if (state == State::Comment) {
                state = State::Plain;
            }
            ++line;
            line_start = ++i;
            continue;
        }
        size_t length = 1;
        const char32_t c = static_cast<unsigned char>(ch) < 0x80 ? static_cast<char32_t>(ch)
                                                                 : decode(text, i, &length);
        const auto problem = [&](std::string message) {
            return TomlGuardProblem{line, static_cast<int>(i - line_start) + 1, std::move(message)};
        };
        switch (state) {
        case State::Plain:
            if (c >= 0x80 && length == 1) {
                char byte_text[16];
                std::snprintf(byte_text, sizeof byte_text, "0x%02X", static_cast<unsigned>(c));
                return problem(std::string("ill-formed UTF-8 (byte ") + byte_text +
                               "); save the file as UTF-8");
            }
            if (c >= 0x80) {
                return problem("unexpected character " + code_point_name(c) +
                               " outside a string or comment (TOML keys and values are ASCII; "
                               "quote it)");
            }
            if (ch == '#') {
                state = State::Comment;
            } else if (starts(i, "\"\"\"")) {
                state = State::MultiBasic, length = 3;
            } else if (starts(i, "'''")) {
                state = State::MultiLiteral, length = 3;
            } else if (ch == '"') {
                state = State::Basic;
            } else if (ch == '\'') {
                state = State::Literal;
            }
            break;
        case State::Comment:
            break;
        case State::Basic:
            if (ch == '\\') {
                length = i + 1 < text.size() && text[i + 1] != '\n' ? 2 : 1;
            } else if (ch == '"') {
                state = State::Plain;
            }
            break;
        case State::Literal:
            if (ch == '\'') {
                state = State::Plain;
            }
            break;
        case State::MultiBasic:
            if (trimming && ch != ' ' && ch != '\t' && ch != '\r') {
                trimming = false;
                if (breaks_toml_whitespace_test(c)) {
                    return problem("character " + code_point_name(c) +
                                   " right after a line-ending backslash cannot be read by the "
                                   "TOML library; write it as an escape (\\u" +
                                   code_point_name(c).substr(2) + ")");
                }
            }
            if (ch == '\\') {
                // A backslash followed by whitespace up to the end of the line joins the lines.
                size_t k = i + 1;
                while (k < text.size() && (text[k] == ' ' || text[k] == '\t' || text[k] == '\r')) {
                    ++k;
                }
                if (k < text.size() && text[k] == '\n') {
                    trimming = true;
                } else {
                    length = 2; // an escape: the next character is taken as it is
                }
            } else if (starts(i, "\"\"\"")) {
                state = State::Plain, length = 3;
                while (i + length < text.size() && text[i + length] == '"') {
                    ++length; // up to two quotes of the content may precede the closing ones
                }
            }
            break;
        case State::MultiLiteral:
            if (starts(i, "'''")) {
                state = State::Plain, length = 3;
                while (i + length < text.size() && text[i + length] == '\'') {
                    ++length;
                }
            }
            break;
        }
        i += length;
    }
    return std::nullopt;
}

std::optional<std::string> mask_toml_hazards(std::string_view text) {
    std::optional<std::string> masked;
    for (size_t i = 0; i < text.size();) {
        size_t length = 1;
        if (static_cast<unsigned char>(text[i]) >= 0x80) {
            const char32_t c = decode(text, i, &length);
            if (length > 1 && breaks_toml_whitespace_test(c)) {
                if (!masked) {
                    masked.emplace(text);
                }
                // Hazards are U+00A1 and up (two bytes) to U+FEFE (three bytes).
                masked->replace(i, length, length == 2 ? "\xc2\x80" : "\xe4\xb8\x80");
            }
        }
        i += length;
    }
    return masked;
}

} // namespace perry::resolver::detail

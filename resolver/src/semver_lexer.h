// Internal: the lexical layer shared by version and range parsing.
#pragma once

#include "perry/resolver/semver.h"

#include <cstddef>
#include <string>
#include <string_view>

namespace perry::resolver::semver_detail {

inline constexpr std::size_t kMaxLength = 256;                        // node-semver's MAX_LENGTH
inline constexpr std::uint64_t kMaxSafeInteger = 9007199254740991ULL; // 2^53 - 1

std::string_view trim(std::string_view text);
inline bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

struct Lexer {
    std::string_view input;
    std::size_t pos = 0;

    bool at_end() const { return pos >= input.size(); }
    char peek() const { return at_end() ? '\0' : input[pos]; }
    bool accept(char c) {
        if (peek() == c && !at_end()) {
            ++pos;
            return true;
        }
        return false;
    }
    std::string_view rest() const { return input.substr(pos); }
};

// A version that may be partial (`1`, `1.2`) or hold wildcards (`1.x`, `*`).
struct Partial {
    Version version;
    int parts = 0;    // how many of major.minor.patch were written (wildcards count)
    int concrete = 0; // how many leading parts are numbers: 0 means `*`, 3 means a full version
};

// Parses `major[.minor[.patch[-pre][+build]]]` at the lexer's position. Wildcards (x, X, *) are
// accepted when allowed; a prerelease or build needs all three parts.
bool parse_partial(Lexer& lexer, Partial& out, std::string& problem, bool allow_wildcards);

} // namespace perry::resolver::semver_detail

#include "semver_lexer.h"

namespace perry::resolver::semver_detail {
namespace {

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}
bool is_ident_char(char c) {
    return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-';
}

// A numeric part: no leading zero, at most 2^53 - 1 (node-semver's limits).
bool parse_number(std::string_view digits, std::uint64_t& out, std::string& problem) {
    if (digits.size() > 1 && digits[0] == '0') {
        problem = "has a number with a leading zero `" + std::string(digits) + "`";
        return false;
    }
    std::uint64_t value = 0;
    for (char c : digits) {
        value = value * 10 + static_cast<std::uint64_t>(c - '0');
        if (value > kMaxSafeInteger) {
            problem = "has a number larger than 2^53 - 1";
            return false;
        }
    }
    out = value;
    return true;
}

std::string_view take_while(Lexer& lexer, bool (*pred)(char)) {
    std::size_t start = lexer.pos;
    while (!lexer.at_end() && pred(lexer.peek())) {
        ++lexer.pos;
    }
    return lexer.input.substr(start, lexer.pos - start);
}

// Dot-separated identifiers after `-` (prerelease) or `+` (build).
bool parse_identifiers(Lexer& lexer, std::vector<Version::PrereleaseId>* out, std::string& problem,
                       const char* what) {
    do {
        std::string_view id = take_while(lexer, is_ident_char);
        if (id.empty()) {
            problem = std::string("has an empty ") + what + " identifier";
            return false;
        }
        if (!out) {
            continue; // build metadata: any identifier, then dropped
        }
        Version::PrereleaseId pid;
        pid.text = std::string(id);
        bool all_digits = true;
        for (char c : id)
            all_digits = all_digits && is_digit(c);
        if (all_digits) {
            pid.numeric = true;
            if (!parse_number(id, pid.number, problem))
                return false;
        }
        out->push_back(std::move(pid));
    } while (lexer.accept('.'));
    return true;
}

} // namespace

std::string_view trim(std::string_view text) {
    while (!text.empty() && is_space(text.front()))
        text.remove_prefix(1);
    while (!text.empty() && is_space(text.back()))
        text.remove_suffix(1);
    return text;
}

bool parse_partial(Lexer& lexer, Partial& out, std::string& problem, bool allow_wildcards) {
    out = Partial{};
    std::uint64_t* fields[3] = {&out.version.major, &out.version.minor, &out.version.patch};
    bool wildcard_seen = false;
    for (int i = 0; i < 3; ++i) {
        if (i > 0 && !lexer.accept('.'))
            break;
        char c = lexer.peek();
        if (c == 'x' || c == 'X' || c == '*') {
            if (!allow_wildcards) {
                problem = "has a wildcard where a number is required";
                return false;
            }
            ++lexer.pos;
            wildcard_seen = true;
        } else {
            std::string_view digits = take_while(lexer, is_digit);
            if (digits.empty()) {
                problem =
                    i == 0 ? "does not start with a number" : "has a `.` not followed by a number";
                return false;
            }
            std::uint64_t value = 0;
            if (!parse_number(digits, value, problem))
                return false;
            if (wildcard_seen) {
                problem = "has a number after a wildcard";
                return false;
            }
            *fields[i] = value;
            ++out.concrete;
        }
        ++out.parts;
    }
    if (lexer.peek() == '-' || lexer.peek() == '+') {
        if (out.concrete < 3) {
            problem = "has a prerelease or build tag on a partial version";
            return false;
        }
        if (lexer.accept('-') &&
            !parse_identifiers(lexer, &out.version.prerelease, problem, "prerelease")) {
            return false;
        }
        if (lexer.accept('+') && !parse_identifiers(lexer, nullptr, problem, "build")) {
            return false;
        }
    }
    if (!wildcard_seen) {
        for (int i = out.concrete; i < 3; ++i)
            *fields[i] = 0;
    }
    return true;
}

} // namespace perry::resolver::semver_detail

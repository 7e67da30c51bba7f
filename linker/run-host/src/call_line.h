// One call line of `perry native run`: `js_fn(arg, ...)`, optionally `=> expected`.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace perry::run {

struct Expectation {
    bool throws = false; // `throws <ErrorName>`
    std::string text;    // the value notation, or the error name
};

struct CallLine {
    std::string text; // the call as written, without the expectation
    std::string name;
    std::vector<std::string> args; // each argument's notation, trimmed
    std::optional<Expectation> expected;
};

// True for a line to skip: blank, or a `#` comment.
bool is_blank_or_comment(std::string_view line);

// Splits a line. On a syntax error returns nullopt with `*error` saying what and where
// ("column 9: missing ')' ...").
std::optional<CallLine> split_call(std::string_view line, std::string* error);

} // namespace perry::run

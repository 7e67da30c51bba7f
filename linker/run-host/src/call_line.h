// One call line of `perry native run`: `js_fn(arg, ...)`, optionally preceded by `name = ` (the
// result is kept in the variable `name`, read back as `$name`) and followed by `=> expected`.
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
    std::string text;              // the line as written, without the expectation: `h = js_fn(1)`
    std::string variable;          // the assigned variable's name; empty when the line assigns none
    std::string name;              // the function
    std::vector<std::string> args; // each argument's notation, trimmed
    std::optional<Expectation> expected;
};

// True for a line to skip: blank, or a `#` comment.
bool is_blank_or_comment(std::string_view line);

// True for a variable name: an identifier of ASCII letters, digits and `_`, not starting with a
// digit.
bool is_variable_name(std::string_view name);

// Splits a line. On a syntax error returns nullopt with `*error` saying what and where
// ("column 9: missing ')' ...").
std::optional<CallLine> split_call(std::string_view line, std::string* error);

} // namespace perry::run

// Splitting a call line at its top-level commas. Only the structure is read here (brackets and
// string quotes, so a comma inside `[1, 2]` or `"a, b"` stays in its argument); each argument's
// text is read as a value by notation.cpp, with perry_json_parse.
#include "call_line.h"

#include <algorithm>
#include <cctype>

namespace perry::run {
namespace {

std::string_view trim(std::string_view text) {
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) {
        text.remove_prefix(1);
    }
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) {
        text.remove_suffix(1);
    }
    return text;
}

bool is_name_start(char c) {
    return std::isalpha(static_cast<unsigned char>(c)) || c == '_' || c == '$';
}
bool is_name_char(char c) {
    return is_name_start(c) || (c >= '0' && c <= '9');
}

std::string column(size_t offset) {
    return "column " + std::to_string(offset + 1) + ": ";
}

} // namespace

bool is_blank_or_comment(std::string_view line) {
    line = trim(line);
    return line.empty() || line.front() == '#';
}

bool is_variable_name(std::string_view name) {
    if (name.empty() || (name.front() >= '0' && name.front() <= '9')) {
        return false;
    }
    for (char c : name) {
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') {
            return false;
        }
    }
    return true;
}

std::optional<CallLine> split_call(std::string_view line, std::string* error) {
    CallLine call;
    size_t at = 0;
    while (at < line.size() && std::isspace(static_cast<unsigned char>(line[at]))) {
        ++at;
    }
    const size_t statement_start = at;
    // An assignment's `=` comes before the call's '(' (and before any string): `h = js_fn(1)`.
    const size_t call_start = std::min(line.find('(', at), line.find('"', at));
    const size_t equals = line.substr(0, call_start).find('=', at);
    if (equals != std::string_view::npos && line.substr(equals, 2) != "=>") {
        const std::string_view variable = trim(line.substr(at, equals - at));
        if (!is_variable_name(variable)) {
            *error = column(at) +
                     "a variable's name must be an identifier (letters, digits and _, " +
                     "not starting with a digit), as in h = js_pkg_open(1); it is read as $h";
            return std::nullopt;
        }
        call.variable = std::string(variable);
        at = equals + 1;
        while (at < line.size() && std::isspace(static_cast<unsigned char>(line[at]))) {
            ++at;
        }
    }
    const size_t name_start = at;
    if (at >= line.size() || !is_name_start(line[at])) {
        *error = column(at) + "expected a function name, as in js_pkg_fn(1, \"two\")";
        return std::nullopt;
    }
    while (at < line.size() && is_name_char(line[at])) {
        ++at;
    }
    call.name = std::string(line.substr(name_start, at - name_start));
    while (at < line.size() && std::isspace(static_cast<unsigned char>(line[at]))) {
        ++at;
    }
    if (at >= line.size() || line[at] != '(') {
        *error = column(at) + "expected '(' after the function name " + call.name;
        return std::nullopt;
    }
    const size_t open = at++;
    int depth = 0;
    bool in_string = false;
    size_t arg_start = at;
    bool closed = false;
    for (; at < line.size(); ++at) {
        const char c = line[at];
        if (in_string) {
            if (c == '\\') {
                ++at;
            } else if (c == '"') {
                in_string = false;
            }
            continue;
        }
        if (c == '"') {
            in_string = true;
        } else if (c == '[' || c == '{') {
            ++depth;
        } else if ((c == ']' || c == '}') && depth > 0) {
            --depth;
        } else if (depth == 0 && (c == ',' || c == ')')) {
            const std::string_view arg = trim(line.substr(arg_start, at - arg_start));
            if (arg.empty() && !(c == ')' && call.args.empty())) {
                *error =
                    column(at) + "argument " + std::to_string(call.args.size() + 1) + " is empty";
                return std::nullopt;
            }
            if (!arg.empty()) {
                call.args.emplace_back(arg);
            }
            arg_start = at + 1;
            if (c == ')') {
                closed = true;
                break;
            }
        }
    }
    if (!closed) {
        *error = column(open) + "the '(' is never closed (a ')' is missing" +
                 (in_string ? ", and a string is unterminated)" : ")");
        return std::nullopt;
    }
    call.text = std::string(trim(line.substr(statement_start, at + 1 - statement_start)));
    std::string_view rest = trim(line.substr(at + 1));
    if (rest.empty()) {
        return call;
    }
    if (rest.substr(0, 2) != "=>") {
        *error = column(line.size() - rest.size()) +
                 "unexpected text after the call (an expectation starts with =>)";
        return std::nullopt;
    }
    rest = trim(rest.substr(2));
    Expectation expected;
    if (rest.substr(0, 7) == "throws " || rest == "throws") {
        expected.throws = true;
        expected.text = std::string(trim(rest.substr(6)));
        bool valid = !expected.text.empty();
        for (char c : expected.text) {
            valid = valid && is_name_char(c);
        }
        if (!valid) {
            *error = column(line.size() - rest.size()) +
                     "`throws` needs an error name, as in => throws TypeError";
            return std::nullopt;
        }
    } else if (rest.empty()) {
        *error = column(line.size()) + "=> needs an expected value or `throws <ErrorName>`";
        return std::nullopt;
    } else {
        expected.text = std::string(rest);
    }
    call.expected = std::move(expected);
    return call;
}

} // namespace perry::run

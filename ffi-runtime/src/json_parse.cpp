// JSON.parse: UTF-8 JSON text to runtime values, with JavaScript's semantics.
//
// nlohmann's lexer does the token-level work (literals, numbers with strtod's correct rounding,
// string escapes, UTF-8 validation, byte positions); this file holds the grammar as a loop over
// an explicit stack of open arrays and objects, so nesting depth never touches the C stack, and
// builds the values. nlohmann's own parser is not used because it rejects what JSON.parse
// accepts (numbers that overflow to Infinity) and its errors do not say what JavaScript says.
#include "json_parse_text.h"
#include "runtime.h"
#include "strings_internal.h"

#include "perry/ffi.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

namespace perry::json_parse {
namespace {

// The lexer reads through this adapter rather than nlohmann's own: a type in an anonymous
// namespace gives the lexer's template instances internal linkage, so the archive exports no
// nlohmann symbols (a binding may use another nlohmann version of its own).
class Adapter {
  public:
    using char_type = char;
    Adapter(const char* first, const char* last) : current_(first), end_(last) {}
    std::char_traits<char>::int_type get_character() {
        if (current_ != end_) {
            return std::char_traits<char>::to_int_type(*current_++);
        }
        return std::char_traits<char>::eof();
    }

  private:
    const char* current_;
    const char* end_;
};
using Lexer = nlohmann::detail::lexer<nlohmann::json, Adapter>;
using Token = Lexer::token_type;

thread_local std::string t_message;
thread_local size_t t_position = 0;

// What the grammar accepts next.
enum class Expect {
    Value,            // a value (top level, after ':' or after ',' in an array)
    ValueOrArrayEnd,  // after '['
    CommaOrArrayEnd,  // after an array element
    KeyOrObjectEnd,   // after '{'
    Key,              // after ',' in an object
    Colon,            // after a key
    CommaOrObjectEnd, // after a property value
    End,              // after the top-level value
};

struct Frame {
    PerryValue container;
    bool is_object;
    std::string key; // the property whose value comes next (objects)
};

struct SyntaxError {
    std::string what; // without the position
    size_t byte_offset;
    bool with_position;
};

// The character at `offset` for a message, as JavaScript shows it: the whole UTF-8 sequence.
std::string character_at(std::string_view text, size_t offset) {
    size_t end = offset + 1;
    while (end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) {
        ++end;
    }
    return std::string(text.substr(offset, end - offset));
}

SyntaxError unexpected(std::string_view text, size_t offset) {
    if (offset >= text.size()) {
        return {"Unexpected end of JSON input", text.size(), false};
    }
    return {"Unexpected token '" + character_at(text, offset) + "'", offset, true};
}

// A lexer failure in JavaScript's words. The lexer has just read the offending byte (or the end).
SyntaxError lexer_error(std::string_view text, const Lexer& lexer) {
    const std::string_view why = lexer.get_error_message();
    const size_t offset = lexer.get_position().chars_read_total - 1;
    auto at = [&](const char* what) { return SyntaxError{what, offset, true}; };
    if (why.find("missing closing quote") != std::string_view::npos) {
        return at("Unterminated string");
    }
    if (why.find("control character") != std::string_view::npos) {
        return at("Bad control character in string literal");
    }
    if (why.find("after backslash") != std::string_view::npos) {
        return at("Bad escaped character");
    }
    if (why.find("hex digits") != std::string_view::npos ||
        why.find("surrogate") != std::string_view::npos) {
        return at("Bad Unicode escape");
    }
    if (why.find("UTF-8") != std::string_view::npos) {
        return at("Invalid UTF-8 byte");
    }
    if (why.find("after '-'") != std::string_view::npos) {
        return at("No number after minus sign");
    }
    if (why.find("after '.'") != std::string_view::npos) {
        return at("Unterminated fractional number");
    }
    if (why.find("exponent") != std::string_view::npos) {
        return at("Exponent part is missing a number");
    }
    return unexpected(text, offset);
}

class Parser {
  public:
    Parser(std::string_view text, LoneSurrogates* surrogates)
        : text_(text), lexer_(Adapter(text.data(), text.data() + text.size())),
          surrogates_(surrogates) {}

    // PERRY_OK with `*out`, INVALID_SYNTAX with `*error`, or an allocation status.
    PerryStatus run(PerryValue* out, SyntaxError* error);

  private:
    // Where the token just scanned (or being scanned, after a lexer error) starts: the first
    // byte after the previous token that is not JSON white space.
    size_t token_start() const {
        size_t at = previous_end_;
        while (at < text_.size() &&
               (text_[at] == ' ' || text_[at] == '\t' || text_[at] == '\n' || text_[at] == '\r')) {
            ++at;
        }
        return at;
    }
    // On a lexer error: JavaScript reports the grammar's complaint when the token that failed
    // could not have been accepted here anyway (`[1 "abc` misses a comma before it is an
    // unterminated string), else the lexer's.
    bool token_acceptable(Expect expect, size_t start) const {
        const char first = start < text_.size() ? text_[start] : '\0';
        switch (expect) {
        case Expect::Value:
        case Expect::ValueOrArrayEnd:
            return true;
        case Expect::KeyOrObjectEnd:
        case Expect::Key:
            return first == '"';
        default:
            return false;
        }
    }
    void grammar_error(Expect expect, size_t start, SyntaxError* error) const;
    // The value of a scalar token, or false when the token starts no value.
    bool scalar(Token token, PerryValue* out, PerryStatus* status);
    std::string decoded_string() {
        std::string decoded = lexer_.get_string();
        if (surrogates_ != nullptr) {
            surrogates_->restore(decoded);
        }
        return decoded;
    }
    PerryStatus deliver(PerryValue value);
    Expect after_value() const {
        if (stack_.empty()) {
            return Expect::End;
        }
        return stack_.back().is_object ? Expect::CommaOrObjectEnd : Expect::CommaOrArrayEnd;
    }

    std::string_view text_;
    Lexer lexer_;
    LoneSurrogates* surrogates_;
    std::vector<Frame> stack_;
    PerryValue root_ = PERRY_UNDEFINED;
    size_t previous_end_ = 0;
};

void Parser::grammar_error(Expect expect, size_t start, SyntaxError* error) const {
    const char* what = nullptr;
    switch (expect) {
    case Expect::Value:
    case Expect::ValueOrArrayEnd:
        *error = unexpected(text_, start);
        return;
    case Expect::CommaOrArrayEnd:
        what = "Expected ',' or ']' after array element";
        break;
    case Expect::KeyOrObjectEnd:
        what = "Expected property name or '}'";
        break;
    case Expect::Key:
        what = "Expected double-quoted property name";
        break;
    case Expect::Colon:
        what = "Expected ':' after property name";
        break;
    case Expect::CommaOrObjectEnd:
        what = "Expected ',' or '}' after property value";
        break;
    case Expect::End:
        what = "Unexpected non-whitespace character after JSON";
        break;
    }
    *error = SyntaxError{what, start < text_.size() ? start : text_.size(), true};
}

bool Parser::scalar(Token token, PerryValue* out, PerryStatus* status) {
    switch (token) {
    case Token::literal_true:
        *out = PERRY_TRUE;
        return true;
    case Token::literal_false:
        *out = PERRY_FALSE;
        return true;
    case Token::literal_null:
        *out = PERRY_NULL;
        return true;
    case Token::value_unsigned: {
        const uint64_t value = lexer_.get_number_unsigned();
        *out = value <= INT32_MAX ? perry_value_from_int32(static_cast<int32_t>(value))
                                  : perry_value_from_number(static_cast<double>(value));
        return true;
    }
    case Token::value_integer: {
        // "-0" lexes as the integer 0; JavaScript's value is negative zero.
        const int64_t value = lexer_.get_number_integer();
        if (value == 0) {
            *out = perry_value_from_number(-0.0);
        } else if (value >= INT32_MIN && value <= INT32_MAX) {
            *out = perry_value_from_int32(static_cast<int32_t>(value));
        } else {
            *out = perry_value_from_number(static_cast<double>(value));
        }
        return true;
    }
    case Token::value_float:
        *out = perry_value_from_number(lexer_.get_number_float());
        return true;
    case Token::value_string: {
        const std::string decoded = decoded_string();
        *out = strings::make_valid_utf8(decoded.data(), decoded.size(), utf16_length(decoded));
        if (*out == PERRY_UNDEFINED) {
            *status = perry_last_status();
        }
        return true;
    }
    default:
        return false;
    }
}

// A key holding a lone surrogate cannot be an object key here (keys must be valid UTF-8); such
// surrogates become U+FFFD, the one departure from JSON.parse (docs/abi/json.md).
std::string key_without_surrogates(const std::string& key) {
    std::string fixed;
    for (size_t i = 0; i < key.size(); ++i) {
        const auto byte = static_cast<unsigned char>(key[i]);
        if (byte == 0xED && i + 1 < key.size() && static_cast<unsigned char>(key[i + 1]) >= 0xA0) {
            fixed += "\xEF\xBF\xBD";
            i += 2;
        } else {
            fixed += key[i];
        }
    }
    return fixed;
}

PerryStatus Parser::deliver(PerryValue value) {
    if (stack_.empty()) {
        root_ = value;
        return perry_gc_pin(value); // immediates are ignored; a container roots the whole tree
    }
    Frame& top = stack_.back();
    if (!top.is_object) {
        return perry_array_push(top.container, value);
    }
    PerryStatus status = perry_object_set(top.container, top.key.data(), top.key.size(), value);
    if (status == PERRY_STATUS_INVALID_UTF8) {
        const std::string fixed = key_without_surrogates(top.key);
        status = perry_object_set(top.container, fixed.data(), fixed.size(), value);
    }
    return status;
}

PerryStatus Parser::run(PerryValue* out, SyntaxError* error) {
    Expect expect = Expect::Value;
    PerryStatus status = PERRY_OK;
    for (;;) {
        const Token token = lexer_.scan();
        const size_t start = token_start();
        if (token == Token::parse_error) {
            if (token_acceptable(expect, start)) {
                *error = lexer_error(text_, lexer_);
            } else {
                grammar_error(expect, start, error);
            }
            break;
        }
        if (token == Token::end_of_input && start < text_.size()) {
            // The lexer also ends at a NUL byte, which JSON.parse rejects.
            grammar_error(expect == Expect::End ? Expect::End : Expect::Value, start, error);
            break;
        }
        previous_end_ = lexer_.get_position().chars_read_total;
        switch (expect) {
        case Expect::ValueOrArrayEnd:
            if (token == Token::end_array) {
                stack_.pop_back();
                expect = after_value();
                continue;
            }
            [[fallthrough]];
        case Expect::Value: {
            PerryValue value = PERRY_UNDEFINED;
            if (scalar(token, &value, &status)) {
                if (status == PERRY_OK) {
                    status = deliver(value);
                }
                expect = after_value();
            } else if (token == Token::begin_array || token == Token::begin_object) {
                const bool is_object = token == Token::begin_object;
                value = is_object ? perry_object_new(nullptr) : perry_array_new(0);
                status = value == PERRY_UNDEFINED ? perry_last_status() : deliver(value);
                stack_.push_back(Frame{value, is_object, {}});
                expect = is_object ? Expect::KeyOrObjectEnd : Expect::ValueOrArrayEnd;
            } else {
                grammar_error(expect, start, error);
                goto done;
            }
            if (status != PERRY_OK) {
                goto done;
            }
            continue;
        }
        case Expect::CommaOrArrayEnd:
            if (token == Token::value_separator) {
                expect = Expect::Value;
            } else if (token == Token::end_array) {
                stack_.pop_back();
                expect = after_value();
            } else {
                grammar_error(expect, start, error);
                goto done;
            }
            continue;
        case Expect::KeyOrObjectEnd:
        case Expect::Key:
            if (token == Token::value_string) {
                stack_.back().key = decoded_string();
                expect = Expect::Colon;
            } else if (token == Token::end_object && expect == Expect::KeyOrObjectEnd) {
                stack_.pop_back();
                expect = after_value();
            } else {
                grammar_error(expect, start, error);
                goto done;
            }
            continue;
        case Expect::Colon:
            if (token != Token::name_separator) {
                grammar_error(expect, start, error);
                goto done;
            }
            expect = Expect::Value;
            continue;
        case Expect::CommaOrObjectEnd:
            if (token == Token::value_separator) {
                expect = Expect::Key;
            } else if (token == Token::end_object) {
                stack_.pop_back();
                expect = after_value();
            } else {
                grammar_error(expect, start, error);
                goto done;
            }
            continue;
        case Expect::End:
            if (token != Token::end_of_input) {
                grammar_error(expect, start, error);
                goto done;
            }
            perry_gc_unpin(root_);
            *out = root_;
            return PERRY_OK;
        }
    }
done:
    perry_gc_unpin(root_);
    return status != PERRY_OK ? status : PERRY_STATUS_INVALID_SYNTAX;
}

} // namespace

PerryStatus parse(std::string_view text, PerryValue* out) {
    t_message.clear();
    t_position = 0;
    SyntaxError error{"", 0, false};
    PerryStatus status;
    // JSON.parse has no byte order mark: U+FEFF is not JSON white space (nlohmann skips it).
    if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF") {
        error = unexpected(text, 0);
        status = PERRY_STATUS_INVALID_SYNTAX;
    } else {
        LoneSurrogates surrogates;
        const bool rewritten = surrogates.plan(text);
        Parser parser(rewritten ? std::string_view(surrogates.rewritten()) : text,
                      rewritten ? &surrogates : nullptr);
        status = parser.run(out, &error);
    }
    if (status == PERRY_STATUS_INVALID_SYNTAX) {
        t_position = utf16_offset(text, error.byte_offset);
        t_message = error.what;
        if (error.with_position) {
            // V8's one message that already names JSON says "after JSON at position N".
            const bool names_json = error.what.find("JSON") != std::string::npos;
            // snprintf, not std::to_string: the latter's digit table would be an exported
            // weak symbol of the archive.
            char position[32];
            std::snprintf(position, sizeof position, "%zu", t_position);
            t_message += (names_json ? " at position " : " in JSON at position ");
            t_message += position;
        }
    } else if (status != PERRY_OK) {
        t_message = perry_status_message(status);
    }
    return status == PERRY_OK ? PERRY_OK : runtime::fail(status);
}

} // namespace perry::json_parse

using namespace perry;

PerryStatus perry_json_parse(const char* text, size_t length, PerryValue* out) {
    if (PerryStatus status = runtime::require_main_thread("perry_json_parse"); status != PERRY_OK) {
        json_parse::t_message = perry_status_message(status);
        return status;
    }
    if (out == nullptr || (text == nullptr && length != 0)) {
        json_parse::t_message = perry_status_message(PERRY_STATUS_INVALID_ARGUMENT);
        return runtime::fail(PERRY_STATUS_INVALID_ARGUMENT);
    }
    try {
        return json_parse::parse(std::string_view(text != nullptr ? text : "", length), out);
    } catch (const std::bad_alloc&) {
        json_parse::t_message = perry_status_message(PERRY_STATUS_OUT_OF_MEMORY);
        return runtime::fail(PERRY_STATUS_OUT_OF_MEMORY);
    }
}

const char* perry_json_parse_error_message(void) {
    return json_parse::t_message.c_str();
}

size_t perry_json_parse_error_position(void) {
    return json_parse::t_position;
}

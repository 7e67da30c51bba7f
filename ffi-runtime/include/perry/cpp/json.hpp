// perry/cpp/json.hpp: JSON stringify. Part of perry/ffi.hpp.
#pragma once

#include "perry/ffi.h"

#include "perry/cpp/errors.hpp"
#include "perry/cpp/values.hpp"

#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace perry {

// JSON.stringify(value, null, indent) as UTF-8, like the original json_stringify(JsValue) ->
// Option<String>: nullopt where JSON.stringify returns undefined (a top-level undefined or
// function). A cycle or a BigInt throws perry::TypeError, as JSON.stringify does, with the
// runtime's message (code PERRY_STATUS_JSON_CYCLE / PERRY_STATUS_JSON_BIGINT); other failures
// throw the status error. `indent`: a number or string value, as JSON.stringify's third argument.
inline std::optional<std::string> json_stringify(PerryValue value,
                                                 PerryValue indent = PERRY_UNDEFINED) {
    char* bytes = nullptr;
    size_t length = 0;
    PerryStatus status = perry_json_stringify_bytes(value, indent, &bytes, &length);
    if (status == PERRY_STATUS_JSON_CYCLE || status == PERRY_STATUS_JSON_BIGINT) {
        throw TypeError(perry_json_error_message(), perry_status_name(status));
    }
    check(status);
    if (bytes == nullptr) {
        return std::nullopt;
    }
    std::unique_ptr<char, void (*)(char*)> owner(bytes, perry_json_free);
    return std::string(bytes, length);
}

// The same as a new string value (PERRY_UNDEFINED for no result); same exceptions.
inline PerryValue json_stringify_value(PerryValue value, PerryValue indent = PERRY_UNDEFINED) {
    PerryValue out = PERRY_UNDEFINED;
    PerryStatus status = perry_json_stringify(value, indent, &out);
    if (status == PERRY_STATUS_JSON_CYCLE || status == PERRY_STATUS_JSON_BIGINT) {
        throw TypeError(perry_json_error_message(), perry_status_name(status));
    }
    check(status);
    return out;
}

// JSON.parse's error: a SyntaxError whose message gives the position.
class SyntaxError : public Error {
  public:
    explicit SyntaxError(const std::string& message, std::string code = {})
        : Error(message, std::move(code), PERRY_ERROR_SYNTAX_ERROR) {}
};

// JSON.parse(text): the value (owned by the GC). Invalid text throws perry::SyntaxError with
// JavaScript's message ("Unexpected token 'x' in JSON at position 3"); other failures throw the
// status error. Main thread.
inline PerryValue json_parse(std::string_view text) {
    PerryValue out = PERRY_UNDEFINED;
    PerryStatus status = perry_json_parse(text.data(), text.size(), &out);
    if (status == PERRY_STATUS_INVALID_SYNTAX) {
        throw SyntaxError(perry_json_parse_error_message());
    }
    check(status);
    return out;
}

} // namespace perry

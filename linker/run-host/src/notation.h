// The value notation of `perry native run`: JSON plus the forms JSON lacks, for arguments,
// expectations and printed results. Each form below stands wherever a JSON value may, at the
// top level and inside arrays and objects (not as an object's key):
//
//   undefined                       undefined
//   NaN, Infinity, -Infinity        those numbers (-0 is JSON already)
//   123n, -5n                       a BigInt
//   b64"AAE="                       a Buffer (standard base64, padding optional)
//   $name                           the value a variable holds (`name = js_fn(...)`)
//   any other text                  JSON, read by perry_json_parse
#pragma once

#include "perry/ffi.h"

#include <functional>
#include <string>
#include <string_view>

namespace perry::run {

// The value of the variable `name` (without its `$`), or false with `*error` saying why ("no
// earlier line assigns h").
using VariableLookup =
    std::function<bool(std::string_view name, PerryValue* out, std::string* error)>;

// Reads one value. On failure returns false with `*error` saying why ("Unexpected token ']' in
// JSON at position 4", positions counted in `text`). The value is owned by the GC: pin it if it
// must survive an allocation out of the stack's sight.
bool read_value(std::string_view text, const VariableLookup& variables, PerryValue* out,
                std::string* error);

// Prints a value on one line, in the notation above, so that what is printed reads back as an
// expectation: JSON.stringify's text for what JSON can write (strings escaped as it escapes
// them, object keys in JavaScript's enumeration order), the forms above for what it cannot
// (BigInts, Buffers, undefined, NaN, the infinities and -0, at any depth), `function` for a
// function, `<cycle>` for an array or object inside itself, and JSON.stringify's text for the
// other kinds (an error as its own properties, a promise as {}). Any depth: the printer keeps
// its own stack. It never allocates on the GC heap, so printing cannot collect.
std::string print_value(PerryValue value);

// Standard base64 (RFC 4648), with padding (base64.cpp).
std::string base64_encode(const unsigned char* bytes, size_t length);
// Accepts missing padding; false on any other character.
bool base64_decode(std::string_view text, std::string* out);

} // namespace perry::run

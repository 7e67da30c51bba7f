// The value notation of `perry native run`: JSON plus the forms JSON lacks, for arguments,
// expectations and printed results.
//
//   undefined            undefined
//   123n, -5n            a BigInt
//   b64"AAE="            a Buffer (standard base64, padding optional)
//   any other text       JSON, read by perry_json_parse
#pragma once

#include "perry/ffi.h"

#include <string>
#include <string_view>

namespace perry::run {

// Reads one value. On failure returns false with `*error` saying why ("Unexpected token ...").
// The value is owned by the GC: pin it if it must survive an allocation out of the stack's sight.
bool read_value(std::string_view text, PerryValue* out, std::string* error);

// Prints a value on one line: the forms above at the top level, JSON.stringify otherwise (a
// Buffer inside an array or object prints as JSON gives it, {"type":"Buffer","data":[...]});
// a function prints as `function`, a value JSON cannot print as `<unprintable: why>`.
std::string print_value(PerryValue value);

// Standard base64 (RFC 4648), with padding.
std::string base64_encode(const unsigned char* bytes, size_t length);
bool base64_decode(std::string_view text, std::string* out);

} // namespace perry::run

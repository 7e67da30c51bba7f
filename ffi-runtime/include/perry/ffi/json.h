/*
 * perry/ffi/json.h: JSON stringify, a section of perry/ffi.h (include that header, not this one).
 *
 * The output is byte for byte what JavaScript's `JSON.stringify(value, null, indent)` gives for
 * the same value, as UTF-8. How each kind of value is written, and how string bytes that are not
 * UTF-8 map to JavaScript code units, is in docs/abi/json.md. In short: numbers as JavaScript
 * prints them (NaN and the infinities as null, -0 as 0); undefined and functions are left out of
 * objects and written as null in arrays; a Buffer as {"type":"Buffer","data":[...]}; an error as
 * its own enumerable properties ({} or {"code":"..."}); a promise as {}; integer-like keys first
 * in ascending order, as JavaScript enumerates them.
 *
 * `indent` is JSON.stringify's third argument: a number (spaces, at most 10; below 1 none) or a
 * string (its first 10 UTF-16 code units); any other value (PERRY_UNDEFINED) means no indent.
 *
 * "No result": where JSON.stringify returns undefined (a top-level undefined or function), these
 * functions succeed with no text: PERRY_UNDEFINED, or NULL bytes of length 0.
 *
 * Failures: JSON_CYCLE (a cyclic structure), JSON_BIGINT (a BigInt anywhere in the value),
 * TOO_LARGE (a string result over UINT32_MAX bytes), OUT_OF_MEMORY, NOT_INITIALIZED,
 * WRONG_THREAD. perry_json_error_message() then says what and where.
 *
 * Threads: main thread only (arrays and objects are mutable and belong to it). Deep nesting
 * does not use the C stack: a 100,000-deep array stringifies like a flat one.
 */
#ifndef PERRY_FFI_JSON_H
#define PERRY_FFI_JSON_H

#ifndef PERRY_FFI_H
#error "include perry/ffi.h, not perry/ffi/json.h"
#endif

/* JSON.stringify(value, null, indent) as a new string value in `*out` (PERRY_UNDEFINED for no
 * result). The string is owned by the GC. Main thread. On failure `*out` is not written. */
PERRY_API PerryStatus perry_json_stringify(PerryValue value, PerryValue indent, PerryValue* out);

/* The same text as malloc'd bytes: `*out_bytes` gets `*out_length` bytes followed by a NUL (not
 * counted), or NULL and 0 for no result. The caller owns the bytes and frees them with
 * perry_json_free. Main thread. On failure nothing is written. */
PERRY_API PerryStatus perry_json_stringify_bytes(PerryValue value, PerryValue indent,
                                                 char** out_bytes, size_t* out_length);

/* Frees bytes perry_json_stringify_bytes returned; NULL is ignored. Any thread. */
PERRY_API void perry_json_free(char* bytes);

/* The message of this thread's last failed stringify, e.g. "Do not know how to serialize a
 * BigInt (at $.a[2])"; "" when the last call succeeded. Valid until the next stringify call on
 * this thread. Any thread. */
PERRY_API const char* perry_json_error_message(void);

/* --------------------------------------------------------------------- JSON.parse --- */

/* JSON.parse(text): `length` bytes of UTF-8 JSON text (`text` may be NULL when length is 0) to
 * a new value in `*out`, owned by the GC (immediates need no owner). JavaScript's semantics:
 * duplicate keys keep the last value at the first key's place, `__proto__` is a plain key,
 * numbers are doubles (int32 where the value is an integer in that range; -0 stays -0, numbers
 * past the double range are +-Infinity), string escapes include lone surrogates (stored as
 * WTF-8, see docs/abi/json.md), no byte order mark, any depth without using the C stack.
 * Failures: INVALID_SYNTAX, with perry_json_parse_error_message() (JavaScript's SyntaxError
 * message, e.g. "Expected ',' or ']' after array element in JSON at position 3") and
 * perry_json_parse_error_position(); INVALID_ARGUMENT (NULL out), OUT_OF_MEMORY,
 * NOT_INITIALIZED, WRONG_THREAD. Nothing is thrown: a binding that wants JavaScript's behaviour
 * throws PERRY_ERROR_SYNTAX_ERROR with the message. Main thread. On failure `*out` is not
 * written. */
PERRY_API PerryStatus perry_json_parse(const char* text, size_t length, PerryValue* out);
/* NUL-terminated convenience (NULL gives INVALID_ARGUMENT). */
PERRY_INLINE PerryStatus perry_json_parse_cstr(const char* text, PerryValue* out) {
    return text != NULL ? perry_json_parse(text, perry__cstr_length(text), out)
                        : perry_json_parse(NULL, 1, out);
}
/* The message of this thread's last failed parse ("" after a success); valid until the next
 * parse on this thread. Any thread. */
PERRY_API const char* perry_json_parse_error_message(void);
/* Where the last failed parse stopped, in UTF-16 code units from the start of the text (the
 * index JavaScript reports; the text's length for an unexpected end). Any thread. */
PERRY_API size_t perry_json_parse_error_position(void);

#endif /* PERRY_FFI_JSON_H */
